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
  double tolerance = 1e-9;   ///< on the largest Newton step, relative to the coefficients
  unsigned threads = 1;      ///< 0: one per hardware thread
};

/// The result of fit_logistic().
struct LogisticFit {
  std::vector<double> coefficients;  ///< beta, by column; 0 is the intercept
  int iterations = 0;                ///< Newton steps taken
  bool converged = false;            ///< the tolerance was met within max_iterations
  double log_loss = 0.0;  ///< mean over the rows (weighted), unpenalised
};

/// Fits P(y = 1 | x) = 1 / (1 + exp(-x'beta)).  Labels are 0 or 1.  Each
/// row's loss counts `weights[r]` times (none: once each), so that recent
/// rows can count more than old ones.  Newton starts from `start` (the
/// coefficients of a fit on similar data) or, when it is empty, from a fit
/// on a sample of the rows; the optimum is the same either way.  Throws
/// std::invalid_argument for mismatched sizes, an index out of range, a
/// weight that is negative or not finite, or a start of the wrong size.
LogisticFit fit_logistic(const SparseDesign& design, std::span<const double> labels,
                         const LogisticOptions& options = {}, std::span<const double> weights = {},
                         std::span<const double> start = {});

/// 1 / (1 + exp(-z)), computed without overflow for any z.
inline double logistic(double z) { return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z)); }

}  // namespace pipecast
