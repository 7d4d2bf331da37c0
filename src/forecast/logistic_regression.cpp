#include "pipecast/forecast/logistic_regression.hpp"

#include "core/parallel_for.hpp"
#include "core/splitmix64.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace pipecast {
namespace {

constexpr std::size_t kChunkRows = 32768;

/// A Newton step smaller than this, relative to the coefficients, keeps the
/// Hessian it was made with for the steps after it.
constexpr double kFreezeHessianBelow = 1e-3;

/// A design of this many rows or more starts from the fit on a sample of
/// one row in kSeedOneIn, made to kSeedTolerance (see starting_point()).
constexpr std::size_t kSeedFromRows = 100000;
constexpr std::size_t kSeedOneIn = 8;
constexpr double kSeedTolerance = 1e-4;
/// On a design of kSeedFromRows rows or more, the Hessian is summed over
/// a sample of one row in kHessianOneIn (see newton()).
constexpr std::size_t kHessianOneIn = 4;

/// Gradient and, when asked, Hessian and loss of the unpenalised loss over
/// rows [begin, end), the Hessian's upper triangle only.
struct Partial {
  std::vector<double> gradient;
  std::vector<double> hessian;  // columns x columns, row-major, upper triangle; empty when not asked
  double loss = 0.0;            // 0 when not asked
};

/// Whether row r is in the sample of about one row in `one_in`.  Drawn by a
/// hash of r rather than every one_in-th row: a design's rows can repeat a
/// pattern with a period (deals, stages, snapshots in turn), and a stride in
/// step with it would leave some columns out of the sample altogether.
bool in_sample(std::size_t r, std::size_t one_in) {
  std::uint64_t state = r;
  return splitmix64(state) % one_in == 0;
}

/// Adds row r's w x x' to the Hessian h (n columns): the m(m+1)/2 products
/// of its nonzeros, the pass that makes a Newton step cost what it does.
void add_outer(double* h, std::size_t n, const std::uint32_t* idx, const double* val, std::size_t m,
               double w) {
  for (std::size_t a = 0; a < m; ++a) {
    const double wa = w * val[a];
    double* row = h + static_cast<std::size_t>(idx[a]) * n;
    for (std::size_t b = a; b < m; ++b) row[idx[b]] += wa * val[b];
  }
}

/// Row r's weight: 1 when there are none.
double weight_of(std::span<const double> weights, std::size_t r) { return weights.empty() ? 1.0 : weights[r]; }

void accumulate(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                std::span<const double> beta, std::size_t begin, std::size_t end, std::size_t hessian_one_in,
                bool with_loss, Partial& out) {
  const std::size_t m = x.per_row, n = x.columns;
  out.gradient.assign(n, 0.0);
  out.hessian.assign(hessian_one_in > 0 ? n * n : 0, 0.0);
  const double hessian_scale = static_cast<double>(hessian_one_in);
  out.loss = 0.0;
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t* idx = &x.index[r * m];
    const double* val = &x.value[r * m];
    double z = 0.0;
    for (std::size_t a = 0; a < m; ++a) z += val[a] * beta[idx[a]];
    // One exponential gives both p and the loss log(1 + e^z) - y z, without overflow.
    const double e = std::exp(-std::abs(z));
    const double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    const double weight = weight_of(weights, r);
    if (with_loss) out.loss += weight * (std::max(z, 0.0) + std::log1p(e) - y[r] * z);
    const double residual = weight * (p - y[r]);
    for (std::size_t a = 0; a < m; ++a) out.gradient[idx[a]] += residual * val[a];
    if (hessian_one_in > 0 && in_sample(r, hessian_one_in))
      add_outer(out.hessian.data(), n, idx, val, m, hessian_scale * weight * p * (1.0 - p));
  }
}

/// The sums over all rows, chunk by chunk in order.
Partial accumulate_all(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                       std::span<const double> beta, std::size_t hessian_one_in, bool with_loss,
                       unsigned threads) {
  const std::size_t rows = x.rows();
  const std::size_t chunks = std::max<std::size_t>(1, (rows + kChunkRows - 1) / kChunkRows);
  std::vector<Partial> partial(chunks);
  // Chunk c's sums go to partial[c] and are added in chunk order below, so
  // the total is the same bit for bit with any thread count.
  parallel_for(chunks, threads, [&](std::size_t c) {
    accumulate(x, y, weights, beta, c * kChunkRows, std::min(rows, (c + 1) * kChunkRows), hessian_one_in,
               with_loss, partial[c]);
  });
  Partial total = std::move(partial[0]);
  for (std::size_t c = 1; c < chunks; ++c) {
    for (std::size_t j = 0; j < total.gradient.size(); ++j) total.gradient[j] += partial[c].gradient[j];
    for (std::size_t j = 0; j < total.hessian.size(); ++j) total.hessian[j] += partial[c].hessian[j];
    total.loss += partial[c].loss;
  }
  return total;
}

/// The penalised gradient: the loss's plus the ridge's (the intercept, column
/// 0, is not penalised).
Eigen::VectorXd penalised_gradient(const Partial& at, std::span<const double> beta, double l2) {
  const std::size_t n = beta.size();
  Eigen::VectorXd g(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) g(static_cast<Eigen::Index>(i)) = at.gradient[i] + (i > 0 ? l2 * beta[i] : 0.0);
  return g;
}

void check(const SparseDesign& x, std::span<const double> y, std::span<const double> weights) {
  if (x.per_row == 0 || x.index.size() != x.value.size() || x.index.size() % x.per_row != 0)
    throw std::invalid_argument("logistic regression: malformed design");
  if (y.size() != x.rows())
    throw std::invalid_argument("logistic regression: " + std::to_string(x.rows()) + " rows but " +
                                std::to_string(y.size()) + " labels");
  if (!weights.empty() && weights.size() != y.size())
    throw std::invalid_argument("logistic regression: " + std::to_string(y.size()) + " labels but " +
                                std::to_string(weights.size()) + " weights");
  for (const double w : weights)
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("logistic regression: a row weight that is negative or not finite");
  for (std::uint32_t i : x.index)
    if (i >= x.columns)
      throw std::invalid_argument("logistic regression: column " + std::to_string(i) +
                                  " out of range (" + std::to_string(x.columns) + " columns)");
}


/// The penalised Newton matrix of `at` (which holds a Hessian), factorised.
Eigen::LDLT<Eigen::MatrixXd> newton_matrix(const Partial& at, std::size_t n, double l2) {
  Eigen::MatrixXd h(n, n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i; j < n; ++j) {
      // Pairs were added as (row's a-th, b-th) with a <= b, so either triangle may hold them.
      const double v = at.hessian[i * n + j] + (i != j ? at.hessian[j * n + i] : 0.0);
      h(i, j) = v;
      h(j, i) = v;
    }
    h(i, i) += i > 0 ? l2 : 1e-12;  // keeps an empty design column solvable
  }
  return h.ldlt();
}

/// Newton's method from `beta`; the fit's log_loss only when `report_loss`
/// (a starting point needs none).
LogisticFit newton(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                   const LogisticOptions& options, unsigned threads, std::vector<double> beta, bool report_loss) {
  const std::size_t n = x.columns;
  LogisticFit fit;
  // The Hessian only steers the steps and the gradient decides where they
  // end, so on a large design, while the steps are long, it is summed over
  // a sample of one row in kHessianOneIn (scaled up): a quarter of the products.
  const std::size_t sample = x.rows() >= kSeedFromRows ? kHessianOneIn : 1;
  bool exact = sample == 1;  // the matrix is the Hessian of every row
  Partial at = accumulate_all(x, y, weights, beta, sample, false, threads);
  Eigen::LDLT<Eigen::MatrixXd> matrix = newton_matrix(at, n, options.l2);
  Eigen::VectorXd g = penalised_gradient(at, beta, options.l2);
  for (fit.iterations = 0; fit.iterations < options.max_iterations; ++fit.iterations) {
    const Eigen::VectorXd step = matrix.solve(g);
    double largest = 0.0, size = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      largest = std::max(largest, std::abs(step(static_cast<Eigen::Index>(i))));
      size = std::max(size, std::abs(beta[i]));
    }
    // Near the optimum the Hessian hardly changes: the steps from there on
    // reuse one, made of every row once, and each costs a gradient pass (m
    // products a row) instead of a Hessian pass (m(m+1)/2).  Convergence is
    // then linear but fast, since the stale matrix is nearly the true one.
    const bool near = largest <= kFreezeHessianBelow * size;
    const std::size_t hessian_rows = !near ? sample : exact ? 0 : 1;
    // Halve the step until the objective's mean slope along it is not
    // positive (rarely needed).  The slope at each end is the gradient's
    // product with the step, so no pass computes the loss, whose logarithm
    // per row was a sixth of a backtest's time; the objective is convex, and
    // an overshoot far past its minimum along the step, the case this
    // guards against, ends on a steep rise.
    const double slope_at_start = g.dot(step);  // minus the objective's slope along -step
    double scale = 1.0;
    std::vector<double> next(n);
    Partial trial;
    Eigen::VectorXd next_g;
    for (int halvings = 0; halvings < 30; ++halvings, scale *= 0.5) {
      for (std::size_t i = 0; i < n; ++i) next[i] = beta[i] - scale * step(static_cast<Eigen::Index>(i));
      trial = accumulate_all(x, y, weights, next, hessian_rows, false, threads);
      next_g = penalised_gradient(trial, next, options.l2);
      if (slope_at_start + next_g.dot(step) >= 0.0 || scale * largest <= options.tolerance * size) break;
    }
    largest = 0.0;
    size = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      largest = std::max(largest, std::abs(next[i] - beta[i]));
      size = std::max(size, std::abs(next[i]));
    }
    beta = next;
    at = std::move(trial);
    g = std::move(next_g);
    if (hessian_rows > 0) {
      matrix = newton_matrix(at, n, options.l2);
      exact = hessian_rows == 1;
    }
    if (largest <= options.tolerance * size) {
      fit.converged = true;
      ++fit.iterations;
      break;
    }
  }
  fit.coefficients = std::move(beta);
  if (report_loss) {
    double total_weight = 0.0;
    for (std::size_t r = 0; r < x.rows(); ++r) total_weight += weight_of(weights, r);
    const double loss = accumulate_all(x, y, weights, fit.coefficients, 0, true, threads).loss;
    fit.log_loss = total_weight > 0.0 ? loss / total_weight : 0.0;
  }
  return fit;
}

/// The rows in_sample(r, one_in) of a design, its labels and its weights.
struct Subsample {
  SparseDesign x;
  std::vector<double> y;
  std::vector<double> weights;  // empty when the design has none
};

Subsample sample_rows(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                      std::size_t one_in) {
  Subsample out;
  out.x.columns = x.columns;
  out.x.per_row = x.per_row;
  const std::size_t m = x.per_row;
  for (std::size_t r = 0; r < x.rows(); ++r) {
    if (!in_sample(r, one_in)) continue;
    out.x.index.insert(out.x.index.end(), x.index.begin() + static_cast<std::ptrdiff_t>(r * m),
                       x.index.begin() + static_cast<std::ptrdiff_t>((r + 1) * m));
    out.x.value.insert(out.x.value.end(), x.value.begin() + static_cast<std::ptrdiff_t>(r * m),
                       x.value.begin() + static_cast<std::ptrdiff_t>((r + 1) * m));
    out.y.push_back(y[r]);
    if (!weights.empty()) out.weights.push_back(weights[r]);
  }
  return out;
}

/// Where Newton starts.  From zero, a large design takes about a dozen
/// Hessian passes, most of them spent walking towards the optimum; the same
/// fit on one row in kSeedOneIn walks there for an eighth of the cost
/// (recursively, on a still smaller sample), and the full design then needs
/// only the last few, quadratically convergent, steps.  The optimum is the
/// same: only the path to it changes.
std::vector<double> starting_point(const SparseDesign& x, std::span<const double> y,
                                   std::span<const double> weights, const LogisticOptions& options,
                                   unsigned threads) {
  if (x.rows() < kSeedFromRows) return std::vector<double>(x.columns, 0.0);
  const Subsample sample = sample_rows(x, y, weights, kSeedOneIn);
  LogisticOptions rough = options;
  rough.tolerance = kSeedTolerance;
  return newton(sample.x, sample.y, sample.weights, rough, threads,
                starting_point(sample.x, sample.y, sample.weights, rough, threads), false)
      .coefficients;
}

}  // namespace

LogisticFit fit_logistic(const SparseDesign& x, std::span<const double> y, const LogisticOptions& options,
                         std::span<const double> weights, std::span<const double> start) {
  check(x, y, weights);
  if (!start.empty() && start.size() != x.columns)
    throw std::invalid_argument("logistic regression: a start of " + std::to_string(start.size()) +
                                " coefficients for " + std::to_string(x.columns) + " columns");
  const unsigned threads = resolve_threads(options.threads);
  return newton(x, y, weights, options, threads,
                start.empty() ? starting_point(x, y, weights, options, threads)
                              : std::vector<double>(start.begin(), start.end()),
                true);
}

}  // namespace pipecast
