/// @file
/// Forecast accuracy metrics: pure functions of predictions and outcomes.
///
/// Per deal (a probability p against an outcome y in {0, 1}): Brier score, log
/// loss, ROC AUC and a calibration table.  Per period (a forecast of an amount
/// against the actual amount): WAPE, relative bias, MASE, pinball loss, CRPS
/// and interval coverage.  Every function returns NaN when the metric is
/// undefined for its input (no deals, no positives, a zero denominator), never
/// throws for that; the backtest and its outputs show NaN as "-" or null.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace pipecast {

// ---- Per deal ---------------------------------------------------------------

/// Probabilities are clamped to [kLogLossClamp, 1 - kLogLossClamp] before the
/// log, so that one confident miss costs log(10^6) = 13.8 instead of
/// infinity (the same clamp `auto` uses to choose its model).
inline constexpr double kLogLossClamp = 1e-6;

/// mean (p_i - y_i)^2.  0 is perfect; always predicting the base rate r gives
/// r (1 - r).  `outcomes` holds 0 or 1.
double brier_score(std::span<const double> predicted, std::span<const double> outcomes);

/// mean -[y_i log p_i + (1 - y_i) log(1 - p_i)], natural log, p clamped (above).
double log_loss(std::span<const double> predicted, std::span<const double> outcomes);

/// ROC AUC: the probability that a random won deal has a higher prediction
/// than a random lost one, ties counting one half.  Computed from ranks
/// (Mann-Whitney U with mid-ranks for ties) in O(n log n).  NaN without at
/// least one deal of each outcome.
double roc_auc(std::span<const double> predicted, std::span<const double> outcomes);

/// One bin of a calibration table: the deals whose prediction falls in
/// [lower, upper) (the last bin includes 1).
struct CalibrationBin {
  double lower = 0.0;          ///< lowest prediction in the bin
  double upper = 0.0;          ///< predictions up to it, excluded (but 1 in the last bin)
  std::size_t count = 0;       ///< deals in the bin
  std::size_t positives = 0;   ///< outcomes equal to 1
  double mean_predicted = 0.0; ///< NaN when count is 0
  double observed = 0.0;       ///< positives / count; NaN when count is 0
  /// Memberwise equality: empty bins (NaN fields) compare unequal.
  bool operator==(const CalibrationBin&) const = default;
};

/// Ten bins of equal width over [0, 1] (probability deciles: 0-10%, 10-20%,
/// ...), empty bins included.  Equal-width rather than equal-count bins, so
/// that ties (every deal of a stage shares the `stage` model's probability)
/// never have to be split arbitrarily and tables of several models line up.
std::vector<CalibrationBin> calibration_table(std::span<const double> predicted,
                                              std::span<const double> outcomes, std::size_t bins = 10);

/// Expected calibration error of a table: sum over bins of
/// count x |mean_predicted - observed| / total count.  NaN for no deals.
double expected_calibration_error(std::span<const CalibrationBin> table);

// ---- Per period -------------------------------------------------------------

/// Weighted absolute percentage error: sum |a_i - f_i| / sum |a_i|.
double wape(std::span<const double> actual, std::span<const double> forecast);

/// Signed bias relative to the actuals: sum (f_i - a_i) / sum |a_i|.
/// Positive means forecasts above what happened.
double relative_bias(std::span<const double> actual, std::span<const double> forecast);

/// One scaled error for MASE: |a - f| / scale, where scale is the in-sample
/// mean absolute error of the seasonal-naive forecast (see seasonal_naive.hpp).
/// NaN when scale is not a positive number.
double scaled_error(double actual, double forecast, double scale);

/// Mean absolute scaled error: the mean of scaled_error over the pairs
/// (a_i, f_i, scale_i).  Pairs whose scale is unusable are left out; NaN
/// when none is left.  Below 1: better than the naive forecast was in sample.
double mase(std::span<const double> actual, std::span<const double> forecast,
            std::span<const double> scale);

/// Pinball (quantile) loss of the q-quantile forecast f for the actual a:
/// q (a - f) when a >= f, (1 - q) (f - a) otherwise.
double pinball_loss(double actual, double quantile_forecast, double q);

/// Continuous ranked probability score of the empirical distribution of
/// `samples` for the actual a: E|X - a| - E|X - X'| / 2, in the units of a.
/// Computed from the sorted samples, O(n log n):
///   mean |x_i - a| - (1 / n^2) sum_i (2 i - n - 1) x_(i),  i = 1..n.
/// For one sample (a point forecast) it is the absolute error.  NaN for none.
double crps_from_samples(std::span<const double> samples, double actual);

/// Whether a lies in [low, high] (both ends included).
inline bool in_interval(double actual, double low, double high) {
  return actual >= low && actual <= high;
}

/// The share of the actuals inside their [low_i, high_i]; NaN for none.
/// For P10..P90 a calibrated forecast covers 80%.
double interval_coverage(std::span<const double> actual, std::span<const double> low,
                         std::span<const double> high);

}  // namespace pipecast
