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
/// Hessian it was made with for the steps after it (made of every row: on
/// a sampled design, the pass at the step's end sums one over every row).
/// Early: once the steps are a few percent, the sampled Hessian's error on
/// the columns of few rows makes them shrink by only a factor of about 6 a
/// pass, and one pass of every row's Hessian (about two sampled ones)
/// leaves gradient passes shrinking them by 100 or more.
constexpr double kFreezeHessianBelow = 3e-2;

/// A design of kLogisticSeedFromRows rows or more starts from the fit on a
/// sample of one row in kSeedOneIn, made to kSeedTolerance (see
/// LogisticNewton's constructor): loose, since the sample's optimum is some
/// percent from the full design's anyway.
constexpr std::size_t kSeedOneIn = 8;
constexpr double kSeedTolerance = 1e-2;
/// A step made with the matrix of the step before, and shorter than this
/// fraction of it, tells how fast the steps shrink (lands_within_tolerance()).
constexpr double kMaxContraction = 0.5;
/// On a design of kLogisticSeedFromRows rows or more, the Hessian is summed
/// over a sample of one row in kHessianOneIn (see begin_step()).
constexpr std::uint32_t kHessianOneIn = 4;

/// Two independent draws from a row's key: its sample level, and whether it
/// is in the Hessian's sample.  By the key, not the row's place: a design's
/// rows can repeat a pattern with a period (deals, stages, snapshots in
/// turn), and a stride in step with it would leave some columns out of the
/// sample altogether; and a part of a book must draw the rows the whole
/// book draws.
std::uint64_t level_draw(std::uint64_t key) { return splitmix64(key); }
std::uint64_t hessian_draw(std::uint64_t key) {
  std::uint64_t state = key ^ 0x6a09e667f3bcc909ULL;
  return splitmix64(state);
}

/// Gradient and, when asked, Hessian and loss of the unpenalised loss over
/// rows [begin, end).
struct Partial {
  std::vector<double> gradient;
  std::vector<double> hessian;  // columns x columns, row-major, either triangle; empty when not asked
  double loss = 0.0;            // 0 when not asked
  double weight = 0.0;          // 0 when not asked
};

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

/// Row r's key: its index when there are none.
std::uint64_t key_of(std::span<const std::uint64_t> keys, std::size_t r) { return keys.empty() ? r : keys[r]; }

void accumulate(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                std::span<const std::uint64_t> keys, const LogisticPass& pass, std::size_t begin, std::size_t end,
                Partial& out) {
  const std::size_t m = x.per_row, n = x.columns;
  const std::span<const double> beta = pass.beta;
  const std::uint32_t one_in = pass.hessian_one_in;
  out.gradient.assign(n, 0.0);
  out.hessian.assign(one_in > 0 ? n * n : 0, 0.0);
  const double hessian_scale = static_cast<double>(one_in);
  out.loss = 0.0;
  out.weight = 0.0;
  std::vector<std::uint32_t> nz_idx(m);  // a Hessian row's nonzeros
  std::vector<double> nz_val(m);
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t* idx = &x.index[r * m];
    const double* val = &x.value[r * m];
    double z = 0.0;
    for (std::size_t a = 0; a < m; ++a) z += val[a] * beta[idx[a]];
    // One exponential gives both p and the loss log(1 + e^z) - y z, without overflow.
    const double e = std::exp(-std::abs(z));
    const double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    const double weight = weight_of(weights, r);
    if (pass.with_loss) {
      out.loss += weight * (std::max(z, 0.0) + std::log1p(e) - y[r] * z);
      out.weight += weight;
    }
    const double residual = weight * (p - y[r]);
    for (std::size_t a = 0; a < m; ++a) out.gradient[idx[a]] += residual * val[a];
    if (one_in == 1 || (one_in > 1 && hessian_draw(key_of(keys, r)) % one_in == 0)) {
      // The row's nonzeros only: an absent category and an uncentred count
      // or flag at 0 add nothing to the products, which grow with the
      // square of the entries (the same sums, bit for bit).
      std::size_t k = 0;
      for (std::size_t a = 0; a < m; ++a)
        if (val[a] != 0.0) {
          nz_idx[k] = idx[a];
          nz_val[k++] = val[a];
        }
      add_outer(out.hessian.data(), n, nz_idx.data(), nz_val.data(), k, hessian_scale * weight * p * (1.0 - p));
    }
  }
}

/// The penalised gradient: the loss's plus the ridge's (the intercept, column
/// 0, is not penalised).
Eigen::VectorXd penalised_gradient(std::span<const double> gradient, std::span<const double> beta, double l2) {
  const std::size_t n = beta.size();
  Eigen::VectorXd g(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) g(static_cast<Eigen::Index>(i)) = gradient[i] + (i > 0 ? l2 * beta[i] : 0.0);
  return g;
}

std::vector<double> as_vector(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

Eigen::VectorXd as_eigen(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

/// The penalised Newton matrix of a pass's (upper-triangular) Hessian.
std::vector<double> newton_matrix(const std::vector<double>& upper, std::size_t n, double l2) {
  std::vector<double> h(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i; j < n; ++j) h[i * n + j] = h[j * n + i] = upper[i * n + j];
    h[i * n + i] += i > 0 ? l2 : 1e-12;  // keeps an empty design column solvable
  }
  return h;
}

void check(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
           std::span<const std::uint64_t> keys) {
  if (x.per_row == 0 || x.index.size() != x.value.size() || x.index.size() % x.per_row != 0)
    throw std::invalid_argument("logistic regression: malformed design");
  if (y.size() != x.rows())
    throw std::invalid_argument("logistic regression: " + std::to_string(x.rows()) + " rows but " +
                                std::to_string(y.size()) + " labels");
  if (!weights.empty() && weights.size() != y.size())
    throw std::invalid_argument("logistic regression: " + std::to_string(y.size()) + " labels but " +
                                std::to_string(weights.size()) + " weights");
  if (!keys.empty() && keys.size() != y.size())
    throw std::invalid_argument("logistic regression: " + std::to_string(y.size()) + " labels but " +
                                std::to_string(keys.size()) + " keys");
  for (const double w : weights)
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("logistic regression: a row weight that is negative or not finite");
  for (std::uint32_t i : x.index)
    if (i >= x.columns)
      throw std::invalid_argument("logistic regression: column " + std::to_string(i) +
                                  " out of range (" + std::to_string(x.columns) + " columns)");
}

}  // namespace

bool in_logistic_level(std::uint64_t key, std::uint32_t level) {
  std::uint64_t one_in = 1;
  for (std::uint32_t l = 0; l < level; ++l) one_in *= kSeedOneIn;
  return level_draw(key) % one_in == 0;
}

LogisticSums logistic_sums(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                           std::span<const std::uint64_t> keys, const LogisticPass& pass, unsigned threads) {
  const std::size_t rows = x.rows(), n = x.columns;
  if (pass.beta.size() != n)
    throw std::invalid_argument("logistic regression: " + std::to_string(pass.beta.size()) +
                                " coefficients for " + std::to_string(n) + " columns");
  const std::size_t chunks = std::max<std::size_t>(1, (rows + kChunkRows - 1) / kChunkRows);
  std::vector<Partial> partial(chunks);
  // Chunk c's sums go to partial[c] and are added in chunk order below, so
  // the total is the same bit for bit with any thread count.
  parallel_for(chunks, resolve_threads(threads), [&](std::size_t c) {
    accumulate(x, y, weights, keys, pass, c * kChunkRows, std::min(rows, (c + 1) * kChunkRows), partial[c]);
  });
  Partial total = std::move(partial[0]);
  for (std::size_t c = 1; c < chunks; ++c) {
    for (std::size_t j = 0; j < total.gradient.size(); ++j) total.gradient[j] += partial[c].gradient[j];
    for (std::size_t j = 0; j < total.hessian.size(); ++j) total.hessian[j] += partial[c].hessian[j];
    total.loss += partial[c].loss;
    total.weight += partial[c].weight;
  }
  LogisticSums out;
  out.gradient = std::move(total.gradient);
  out.loss = total.loss;
  out.weight = total.weight;
  if (!total.hessian.empty()) {
    // Pairs were added as (row's a-th, b-th) with a <= b, so either triangle may hold them.
    out.hessian.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i; j < n; ++j)
        out.hessian[i * n + j] = total.hessian[i * n + j] + (i != j ? total.hessian[j * n + i] : 0.0);
  }
  return out;
}

LogisticRows sample_logistic_level(const SparseDesign& x, std::span<const double> y, std::span<const double> weights,
                                   std::span<const std::uint64_t> keys, std::uint32_t level) {
  LogisticRows out;
  out.x.columns = x.columns;
  out.x.per_row = x.per_row;
  const std::size_t m = x.per_row;
  for (std::size_t r = 0; r < x.rows(); ++r) {
    if (!in_logistic_level(key_of(keys, r), level)) continue;
    out.x.index.insert(out.x.index.end(), x.index.begin() + static_cast<std::ptrdiff_t>(r * m),
                       x.index.begin() + static_cast<std::ptrdiff_t>((r + 1) * m));
    out.x.value.insert(out.x.value.end(), x.value.begin() + static_cast<std::ptrdiff_t>(r * m),
                       x.value.begin() + static_cast<std::ptrdiff_t>((r + 1) * m));
    out.y.push_back(y[r]);
    if (!weights.empty()) out.weights.push_back(weights[r]);
    out.keys.push_back(key_of(keys, r));
  }
  return out;
}

// Where Newton starts.  From zero, a large design takes about a dozen
// Hessian passes, most of them spent walking towards the optimum; the same
// fit on one row in kSeedOneIn (its ridge scaled to the sample) walks there
// for an eighth of the cost (recursively, on a still smaller sample), and
// the full design then needs
// only the last few, quadratically convergent, steps.  The optimum is the
// same: only the path to it changes.  The deepest level fitted is the first
// with fewer than kLogisticSeedFromRows rows, from zero.
LogisticNewton::LogisticNewton(std::size_t columns, std::vector<std::uint64_t> rows_by_level,
                               const LogisticOptions& options, std::vector<double> start, bool report_loss)
    : columns_(columns), rows_by_level_(std::move(rows_by_level)), options_(options), report_loss_(report_loss) {
  if (rows_by_level_.empty()) rows_by_level_.push_back(0);
  if (!start.empty() && start.size() != columns)
    throw std::invalid_argument("logistic regression: a start of " + std::to_string(start.size()) +
                                " coefficients for " + std::to_string(columns) + " columns");
  std::uint32_t level = 0;
  if (start.empty())
    while (rows_by_level_[level] >= kLogisticSeedFromRows && level + 1 < rows_by_level_.size() &&
           level < kLogisticMaxLevel)
      ++level;
  start_level(level, start.empty() ? std::vector<double>(columns, 0.0) : std::move(start));
}

void LogisticNewton::start_level(std::uint32_t level, std::vector<double> beta) {
  // The Hessian only steers the steps and the gradient decides where they
  // end, so on a large design, while the steps are long, it is summed over
  // a sample of one row in kHessianOneIn (scaled up): a quarter of the products.
  tolerance_ = level > 0 ? kSeedTolerance : options_.tolerance;
  // The sample's loss sums an eighth (a 64th, ...) of the rows' terms: with
  // the ridge scaled alike, its optimum estimates the full design's, where
  // the whole ridge would pull the coefficients of columns with few wins
  // or losses far towards zero, and Newton would then walk them back.
  l2_ = options_.l2;
  if (level > 0 && rows_by_level_[0] > 0)
    l2_ *= static_cast<double>(rows_by_level_[level]) / static_cast<double>(rows_by_level_[0]);
  sample_ = rows_by_level_[level] >= kLogisticSeedFromRows ? kHessianOneIn : 1;
  exact_ = sample_ == 1;
  iterations_ = 0;
  fit_.converged = false;
  beta_ = std::move(beta);
  pass_ = {beta_, level, sample_, false};
  phase_ = Phase::first;
}

std::vector<double> LogisticNewton::solve(const std::vector<double>& g) const {
  const auto n = static_cast<Eigen::Index>(columns_);
  const Eigen::Map<const Eigen::MatrixXd> h(matrix_.data(), n, n);
  return as_vector(h.ldlt().solve(as_eigen(g)));
}

void LogisticNewton::receive(const LogisticSums& sums) {
  if (done()) throw std::logic_error("logistic regression: the fit is done");
  if (sums.gradient.size() != columns_ ||
      (pass_.hessian_one_in > 0 && sums.hessian.size() != columns_ * columns_))
    throw std::invalid_argument("logistic regression: sums of the wrong size for " + std::to_string(columns_) +
                                " columns");
  switch (phase_) {
    case Phase::first:
      same_matrix_ = false;
      matrix_ = newton_matrix(sums.hessian, columns_, l2_);
      gradient_ = as_vector(penalised_gradient(sums.gradient, beta_, l2_));
      begin_step();
      return;
    case Phase::trial: {
      std::vector<double> trial_gradient = as_vector(penalised_gradient(sums.gradient, next_, l2_));
      // Halve the step until the objective's mean slope along it is not
      // positive (rarely needed).  The slope at each end is the gradient's
      // product with the step, so no pass computes the loss, whose logarithm
      // per row was a sixth of a backtest's time; the objective is convex, and
      // an overshoot far past its minimum along the step, the case this
      // guards against, ends on a steep rise.
      if (slope_at_start_ + as_eigen(trial_gradient).dot(as_eigen(step_)) >= 0.0 ||
          scale_ * largest_ <= tolerance_ * size_ || halvings_ + 1 >= 30) {
        accept(sums, std::move(trial_gradient));
      } else {
        ++halvings_;
        scale_ *= 0.5;
        ask_trial();
      }
      return;
    }
    case Phase::loss:
      fit_.log_loss = sums.weight > 0.0 ? sums.loss / sums.weight : 0.0;
      phase_ = Phase::done;
      return;
    case Phase::done: return;
  }
}

void LogisticNewton::begin_step() {
  if (iterations_ >= options_.max_iterations) {
    finish_level();
    return;
  }
  step_ = solve(gradient_);
  largest_ = 0.0;
  size_ = 1.0;
  for (std::size_t i = 0; i < columns_; ++i) {
    largest_ = std::max(largest_, std::abs(step_[i]));
    size_ = std::max(size_, std::abs(beta_[i]));
  }
  if (lands_within_tolerance()) {
    // The step is taken without a pass at its end: the pass would only
    // confirm what the step's size already says.
    for (std::size_t i = 0; i < columns_; ++i) beta_[i] -= step_[i];
    ++iterations_;
    fit_.converged = true;
    finish_level();
    return;
  }
  // Near the optimum the Hessian hardly changes: the steps from there on
  // reuse one, made of every row once, and each costs a gradient pass (m
  // products a row) instead of a Hessian pass (m(m+1)/2).  Convergence is
  // then linear but fast, since the stale matrix is nearly the true one.
  const bool near = largest_ <= kFreezeHessianBelow * size_;
  hessian_rows_ = !near ? sample_ : exact_ ? 0 : 1;
  slope_at_start_ = as_eigen(gradient_).dot(as_eigen(step_));  // minus the objective's slope along -step
  scale_ = 1.0;
  halvings_ = 0;
  ask_trial();
}

// Whether beta_ - step_ is within the tolerance of the optimum: the step
// itself is that small, or, with the matrix of the step before (frozen),
// whose steps shrink geometrically by their ratio rho, the steps after it
// add up to at most rho / (1 - rho) of it.  Each pass saved here is one of
// the last, which near the 1e-12 tolerance only walk through rounding.
bool LogisticNewton::lands_within_tolerance() const {
  const double allowed = tolerance_ * size_;
  if (largest_ <= allowed) return true;
  if (!same_matrix_ || !(largest_ < kMaxContraction * last_step_)) return false;
  const double rho = largest_ / last_step_;
  return largest_ * rho / (1.0 - rho) <= allowed;
}

void LogisticNewton::ask_trial() {
  next_.resize(columns_);
  for (std::size_t i = 0; i < columns_; ++i) next_[i] = beta_[i] - scale_ * step_[i];
  pass_ = {next_, pass_.level, hessian_rows_, false};
  phase_ = Phase::trial;
}

void LogisticNewton::accept(LogisticSums trial, std::vector<double> trial_gradient) {
  double largest = 0.0, size = 1.0;
  for (std::size_t i = 0; i < columns_; ++i) {
    largest = std::max(largest, std::abs(next_[i] - beta_[i]));
    size = std::max(size, std::abs(next_[i]));
  }
  beta_ = next_;
  gradient_ = std::move(trial_gradient);
  last_step_ = largest;
  same_matrix_ = hessian_rows_ == 0;
  if (hessian_rows_ > 0) {
    matrix_ = newton_matrix(trial.hessian, columns_, l2_);
    exact_ = hessian_rows_ == 1;
  }
  ++iterations_;
  if (largest <= tolerance_ * size) {
    fit_.converged = true;
    finish_level();
    return;
  }
  begin_step();
}

void LogisticNewton::finish_level() {
  if (pass_.level > 0) {
    start_level(pass_.level - 1, beta_);
    return;
  }
  fit_.coefficients = beta_;
  fit_.iterations = iterations_;
  if (report_loss_) {
    pass_ = {beta_, 0, 0, true};
    phase_ = Phase::loss;
  } else {
    phase_ = Phase::done;
  }
}

LogisticFit fit_logistic(const SparseDesign& x, std::span<const double> y, const LogisticOptions& options,
                         std::span<const double> weights, std::span<const double> start,
                         std::span<const std::uint64_t> keys) {
  check(x, y, weights, keys);
  std::vector<std::uint64_t> rows_by_level{x.rows()};
  if (start.empty())
    while (rows_by_level.back() >= kLogisticSeedFromRows && rows_by_level.size() <= kLogisticMaxLevel) {
      std::uint64_t rows = 0;
      for (std::size_t r = 0; r < x.rows(); ++r) rows += in_logistic_level(key_of(keys, r), static_cast<std::uint32_t>(rows_by_level.size())) ? 1 : 0;
      rows_by_level.push_back(rows);
    }
  LogisticNewton newton(x.columns, rows_by_level, options, std::vector<double>(start.begin(), start.end()),
                        options.report_loss);
  // Each sample level's rows are gathered once, when Newton first asks for them.
  std::vector<LogisticRows> levels(rows_by_level.size());
  std::vector<bool> gathered(rows_by_level.size(), false);
  while (!newton.done()) {
    const LogisticPass& pass = newton.pass();
    if (pass.level == 0) {
      newton.receive(logistic_sums(x, y, weights, keys, pass, options.threads));
      continue;
    }
    if (!gathered[pass.level]) {
      levels[pass.level] = sample_logistic_level(x, y, weights, keys, pass.level);
      gathered[pass.level] = true;
    }
    const LogisticRows& rows = levels[pass.level];
    newton.receive(logistic_sums(rows.x, rows.y, rows.weights, rows.keys, pass, options.threads));
  }
  return newton.fit();
}

}  // namespace pipecast
