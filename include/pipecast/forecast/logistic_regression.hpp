/// @file
/// L2-regularised logistic regression by Newton's method on a sparse design.
///
/// The design has a fixed number of nonzeros per row (one per continuous
/// feature, one per one-hot group), so X'WX costs rows x nonzeros^2 / 2 and
/// never touches the zeros; with ~50 columns the Newton system itself is
/// tiny.  Rows are cut into fixed chunks whose partial sums are added in
/// chunk order, so the fit is the same bit for bit whatever the thread count.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pipecast {

/// Row-major: row r's nonzeros are index/value[r * per_row .. (r + 1) * per_row).
/// Column 0 is the intercept (value 1 in every row).  A padding entry
/// (any index, value 0) contributes nothing.
struct SparseDesign {
  std::size_t columns = 0;           ///< columns of the design, the intercept included
  std::size_t per_row = 0;           ///< nonzeros per row (padding included)
  std::vector<std::uint32_t> index;  ///< the column of each nonzero
  std::vector<double> value;         ///< the value of each nonzero

  /// The number of rows.
  std::size_t rows() const { return per_row == 0 ? 0 : index.size() / per_row; }
  /// x_row' beta (beta has `columns` values; unchecked).
  double dot(std::size_t row, std::span<const double> beta) const {
    double z = 0.0;
    for (std::size_t a = row * per_row, end = a + per_row; a < end; ++a) z += value[a] * beta[index[a]];
    return z;
  }
};

/// How fit_logistic() fits.
struct LogisticOptions {
  double l2 = 1.0;           ///< penalty l2/2 * |beta|^2, the intercept excluded
  int max_iterations = 50;   ///< Newton steps at most
  /// On the coefficients' largest distance to the optimum, relative to the
  /// coefficients: the last Newton step's size, or, when the steps shrink
  /// geometrically (a frozen Hessian), the sum of those left.  Tight: a fit
  /// from parts (parts_fit.hpp) sums in another order, and one that stops a
  /// step earlier or later must still give the same scores to 1e-12.
  double tolerance = 1e-12;
  unsigned threads = 1;      ///< 0: one per hardware thread
  /// Whether fit_logistic() makes a last pass for LogisticFit::log_loss
  /// (false: it stays 0).
  bool report_loss = true;
};

/// The result of fit_logistic().
struct LogisticFit {
  std::vector<double> coefficients;  ///< beta, by column; 0 is the intercept
  int iterations = 0;                ///< Newton steps taken
  bool converged = false;            ///< the tolerance was met within max_iterations
  double log_loss = 0.0;  ///< mean over the rows (weighted), unpenalised (LogisticOptions::report_loss)
};

/// Fits P(y = 1 | x) = 1 / (1 + exp(-x'beta)).  Labels are 0 or 1.  Each
/// row's loss counts `weights[r]` times (none: once each), so that recent
/// rows can count more than old ones.  Newton starts from `start` (the
/// coefficients of a fit on similar data) or, when it is empty, from a fit
/// on a sample of the rows; the optimum is the same either way.  The
/// samples (of the start, and of the Hessian on a large design) are drawn
/// by each row's key, `keys[r]` (none: its index), so that rows held
/// elsewhere (a part of a book) are drawn alike (LogisticNewton).  Throws
/// std::invalid_argument for mismatched sizes, an index out of range, a
/// weight that is negative or not finite, or a start of the wrong size.
LogisticFit fit_logistic(const SparseDesign& design, std::span<const double> labels,
                         const LogisticOptions& options = {}, std::span<const double> weights = {},
                         std::span<const double> start = {}, std::span<const std::uint64_t> keys = {});

/// Rows a design needs before Newton starts from a fit on a sample of them.
inline constexpr std::size_t kLogisticSeedFromRows = 100000;
/// The deepest sample level LogisticNewton uses (one row in 8^level).
inline constexpr std::uint32_t kLogisticMaxLevel = 8;
/// Whether the row keyed `key` is in sample level `level`: one row in
/// 8^level, each level within the one above it (level 0: every row).
bool in_logistic_level(std::uint64_t key, std::uint32_t level);

/// A pass over the rows that Newton's method asks for.
struct LogisticPass {
  std::vector<double> beta;          ///< the coefficients to evaluate at
  std::uint32_t level = 0;           ///< over the rows of this sample level (in_logistic_level())
  /// The Hessian over no row (0), every row (1), or the rows of a sample of
  /// one in this many (drawn by key), scaled up.
  std::uint32_t hessian_one_in = 0;
  bool with_loss = false;            ///< the loss and the rows' weight too
  /// Memberwise equality.
  bool operator==(const LogisticPass&) const = default;
};

/// What a pass sums over its rows (unpenalised).
struct LogisticSums {
  std::vector<double> gradient;  ///< X'W(p - y), by column
  /// X'WX: columns x columns, row-major, the upper triangle (i <= j) only;
  /// empty when the pass asked for none.
  std::vector<double> hessian;
  double loss = 0.0;    ///< the weighted log loss (with_loss)
  double weight = 0.0;  ///< the rows' weight (with_loss)
};

/// The sums of `pass` over every row of a design (restricted to the pass's
/// level by the caller: sample_logistic_level()), in fixed chunks added in
/// order, the same bit for bit with any thread count.
LogisticSums logistic_sums(const SparseDesign& design, std::span<const double> labels,
                           std::span<const double> weights, std::span<const std::uint64_t> keys,
                           const LogisticPass& pass, unsigned threads = 1);

/// The rows of a design in one sample level.
struct LogisticRows {
  SparseDesign x;                   ///< their design rows
  std::vector<double> y;            ///< their labels
  std::vector<double> weights;      ///< their weights (empty: none)
  std::vector<std::uint64_t> keys;  ///< their keys
};
/// The rows of `level` (in_logistic_level() of their keys).
LogisticRows sample_logistic_level(const SparseDesign& design, std::span<const double> labels,
                                   std::span<const double> weights, std::span<const std::uint64_t> keys,
                                   std::uint32_t level);

/// Newton's method as fit_logistic() runs it, one pass at a time: it asks
/// for the sums of pass() and is handed them with receive(), until done().
/// The rows may be in one place (fit_logistic()) or spread over the parts of
/// a book (parts_fit.hpp): the steps are the same.
class LogisticNewton {
 public:
  /// `rows_by_level[L]`: the rows in sample level L (at least level 0),
  /// which decide where the start is fitted (with `start` empty) and
  /// whether the Hessian is sampled.  `report_loss`: a last pass for
  /// LogisticFit::log_loss.
  LogisticNewton(std::size_t columns, std::vector<std::uint64_t> rows_by_level, const LogisticOptions& options,
                 std::vector<double> start, bool report_loss);
  /// True when fit() is ready.
  bool done() const { return phase_ == Phase::done; }
  /// The pass asked for.
  const LogisticPass& pass() const { return pass_; }
  /// The sums of pass().  Throws std::invalid_argument when their sizes do
  /// not fit the columns, std::logic_error when done().
  void receive(const LogisticSums& sums);
  /// The fit (when done()).
  const LogisticFit& fit() const { return fit_; }

 private:
  enum class Phase : std::uint8_t { first, trial, loss, done };
  void start_level(std::uint32_t level, std::vector<double> beta);
  void begin_step();
  bool lands_within_tolerance() const;
  void ask_trial();
  void accept(LogisticSums trial, std::vector<double> trial_gradient);
  void finish_level();
  std::vector<double> solve(const std::vector<double>& g) const;

  std::size_t columns_;
  std::vector<std::uint64_t> rows_by_level_;
  LogisticOptions options_;
  bool report_loss_;
  Phase phase_ = Phase::first;
  LogisticPass pass_;
  LogisticFit fit_;
  double tolerance_ = 0.0;  // the current level's
  double l2_ = 0.0;         // the current level's ridge (scaled to its sample)
  std::uint32_t sample_ = 1;  // the Hessian's sample at this level
  bool exact_ = true;         // the matrix is the Hessian of every row
  std::vector<double> beta_, gradient_, step_;
  std::vector<double> matrix_;  // the penalised Newton matrix (columns x columns), factorised when solved
  std::vector<double> next_;
  double largest_ = 0.0, size_ = 1.0, slope_at_start_ = 0.0, scale_ = 1.0;
  std::uint32_t hessian_rows_ = 0;
  int halvings_ = 0;
  double last_step_ = 0.0;    // the largest change of the step before
  bool same_matrix_ = false;  // the matrix is the one that step was made with
  int iterations_ = 0;
};

/// 1 / (1 + exp(-z)), computed without overflow for any z.
inline double logistic(double z) { return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z)); }

}  // namespace pipecast
