#include "pipecast/forecast/logistic_regression.hpp"

#include "core/parallel_for.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace pipecast {
namespace {

constexpr std::size_t kChunkRows = 32768;

/// Gradient and Hessian of the unpenalised loss over rows [begin, end),
/// upper triangle only.
struct Partial {
  std::vector<double> gradient;
  std::vector<double> hessian;  // columns x columns, row-major, upper triangle
  double loss = 0.0;
};

void accumulate(const SparseDesign& x, std::span<const double> y, std::span<const double> beta,
                std::size_t begin, std::size_t end, Partial& out) {
  const std::size_t m = x.per_row, n = x.columns;
  out.gradient.assign(n, 0.0);
  out.hessian.assign(n * n, 0.0);
  out.loss = 0.0;
  double* h = out.hessian.data();
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t* idx = &x.index[r * m];
    const double* val = &x.value[r * m];
    double z = 0.0;
    for (std::size_t a = 0; a < m; ++a) z += val[a] * beta[idx[a]];
    const double p = logistic(z);
    const double w = p * (1.0 - p);
    // log(1 + e^z) - y z, computed without overflow
    out.loss += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - y[r] * z;
    const double residual = p - y[r];
    for (std::size_t a = 0; a < m; ++a) {
      const double wa = w * val[a];
      out.gradient[idx[a]] += residual * val[a];
      double* row = h + static_cast<std::size_t>(idx[a]) * n;
      for (std::size_t b = a; b < m; ++b) row[idx[b]] += wa * val[b];
    }
  }
}

/// The sums over all rows, chunk by chunk in order.
Partial accumulate_all(const SparseDesign& x, std::span<const double> y, std::span<const double> beta,
                       unsigned threads) {
  const std::size_t rows = x.rows();
  const std::size_t chunks = std::max<std::size_t>(1, (rows + kChunkRows - 1) / kChunkRows);
  std::vector<Partial> partial(chunks);
  // Chunk c's sums go to partial[c] and are added in chunk order below, so
  // the total is the same bit for bit with any thread count.
  parallel_for(chunks, threads, [&](std::size_t c) {
    accumulate(x, y, beta, c * kChunkRows, std::min(rows, (c + 1) * kChunkRows), partial[c]);
  });
  Partial total = std::move(partial[0]);
  for (std::size_t c = 1; c < chunks; ++c) {
    for (std::size_t j = 0; j < total.gradient.size(); ++j) total.gradient[j] += partial[c].gradient[j];
    for (std::size_t j = 0; j < total.hessian.size(); ++j) total.hessian[j] += partial[c].hessian[j];
    total.loss += partial[c].loss;
  }
  return total;
}

double penalised(double loss, std::span<const double> beta, double l2) {
  double norm = 0.0;
  for (std::size_t j = 1; j < beta.size(); ++j) norm += beta[j] * beta[j];
  return loss + 0.5 * l2 * norm;
}

void check(const SparseDesign& x, std::span<const double> y) {
  if (x.per_row == 0 || x.index.size() != x.value.size() || x.index.size() % x.per_row != 0)
    throw std::invalid_argument("logistic regression: malformed design");
  if (y.size() != x.rows())
    throw std::invalid_argument("logistic regression: " + std::to_string(x.rows()) + " rows but " +
                                std::to_string(y.size()) + " labels");
  for (std::uint32_t i : x.index)
    if (i >= x.columns)
      throw std::invalid_argument("logistic regression: column " + std::to_string(i) +
                                  " out of range (" + std::to_string(x.columns) + " columns)");
}

}  // namespace

LogisticFit fit_logistic(const SparseDesign& x, std::span<const double> y,
                         const LogisticOptions& options) {
  check(x, y);
  const std::size_t n = x.columns;
  const unsigned threads = resolve_threads(options.threads);
  LogisticFit fit;
  fit.coefficients.assign(n, 0.0);
  std::vector<double>& beta = fit.coefficients;
  Partial at = accumulate_all(x, y, beta, threads);
  double objective = penalised(at.loss, beta, options.l2);
  for (fit.iterations = 0; fit.iterations < options.max_iterations; ++fit.iterations) {
    Eigen::MatrixXd h(n, n);
    Eigen::VectorXd g(n);
    for (std::size_t i = 0; i < n; ++i) {
      g(i) = at.gradient[i] + (i > 0 ? options.l2 * beta[i] : 0.0);
      for (std::size_t j = i; j < n; ++j) {
        // Pairs were added as (row's a-th, b-th) with a <= b, so either triangle may hold them.
        const double v = at.hessian[i * n + j] + (i != j ? at.hessian[j * n + i] : 0.0);
        h(i, j) = v;
        h(j, i) = v;
      }
      h(i, i) += i > 0 ? options.l2 : 1e-12;  // keeps an empty design column solvable
    }
    const Eigen::VectorXd step = h.ldlt().solve(g);
    // Halve the step until the objective does not increase (rarely needed).
    double scale = 1.0;
    std::vector<double> next(n);
    Partial trial;
    double trial_objective = 0.0;
    for (int halvings = 0; halvings < 30; ++halvings, scale *= 0.5) {
      for (std::size_t i = 0; i < n; ++i) next[i] = beta[i] - scale * step(static_cast<Eigen::Index>(i));
      trial = accumulate_all(x, y, next, threads);
      trial_objective = penalised(trial.loss, next, options.l2);
      if (trial_objective <= objective + 1e-12 * std::abs(objective)) break;
    }
    double largest = 0.0, size = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      largest = std::max(largest, std::abs(next[i] - beta[i]));
      size = std::max(size, std::abs(next[i]));
    }
    beta = next;
    at = std::move(trial);
    objective = trial_objective;
    if (largest <= options.tolerance * size) {
      fit.converged = true;
      ++fit.iterations;
      break;
    }
  }
  fit.log_loss = x.rows() > 0 ? at.loss / static_cast<double>(x.rows()) : 0.0;
  return fit;
}

}  // namespace pipecast
