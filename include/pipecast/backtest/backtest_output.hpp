/// @file
/// A backtest as data for other programs: JSON with stable keys, and a flat
/// table of (model, origin, horizon, metric, value) rows (the CLI's CSV, and
/// the simplest shape to hand across the C ABI).
#pragma once

#include "pipecast/backtest/backtest.hpp"

#include <limits>
#include <string>
#include <vector>

namespace pipecast {

/// One number of a backtest.
/// - origin: the origin as YYYY-MM-DD, or "all" for the aggregate over origins;
/// - horizon: "eventual" for the "won eventually" deal metrics, else the
///   horizon number "1", "2", ... (1 is the period holding the day after the
///   origin);
/// - metric: deals, positives, excluded, brier, log_loss, auc,
///   calibration_error (deal metrics; for a horizon: within_deals,
///   within_positives, within_brier, ...); actual, forecast, p10, p50, p90,
///   wape, bias, mase (the scaled error at one origin), pinball_p10,
///   pinball_p50, pinball_p90, crps, covered (one origin) or coverage and
///   origins (aggregate); for the aggregate also the calibration bins
///   (calibration_0.1-0.2/count, .../predicted, .../observed); with
///   group_by, GROUP=VALUE/actual, /forecast, /wape, /bias, /mase,
///   /pinball_p10, /pinball_p50, /pinball_p90, /crps, and /p10, /p50, /p90,
///   /covered (one origin) or /coverage (aggregate), and group_wape.
/// - value: NaN where the metric is undefined.
struct BacktestRow {
  std::string model;    ///< the model's name
  std::string origin;   ///< YYYY-MM-DD, or "all"
  std::string horizon;  ///< "eventual", or "1", "2", ...
  std::string metric;   ///< as listed above
  double value = 0.0;   ///< NaN where the metric is undefined
};

/// Every number of the backtest, by model, then origin (in order, "all"
/// last), then horizon.
std::vector<BacktestRow> backtest_rows(const Backtest& backtest);

/// One origin's WAPE of a forecast (a PeriodScore or a GroupScore):
/// |actual - forecast| / actual; NaN unless the actual is above 0.
template <class Score>
double origin_wape(const Score& s) {
  return s.actual > 0 ? s.abs_error / s.actual : std::numeric_limits<double>::quiet_NaN();
}

/// Its relative bias: (forecast - actual) / actual; NaN unless the actual is above 0.
template <class Score>
double origin_bias(const Score& s) {
  return s.actual > 0 ? s.error / s.actual : std::numeric_limits<double>::quiet_NaN();
}

/// {"from", "to", "every", "horizon", "horizons", "trials", "seed",
///  "latest_day", "group_by", "models", "unscored",
///  "origins": [{"origin", "seed", "mase_scale", "periods": [{"period",
///     "first", "last", "scored"}], "models": {NAME: {"description",
///     "open_deals", "eventual", "within": [...], "periods": [...],
///     "groups": [[...]]}}}],
///  "summary": {NAME: {"per_deal", "eventual", "within", "periods",
///     "groups", "group_wape"}},
///  "ranking": {"overall", "metrics", "verdict"}}
/// Undefined numbers are null.  indent < 0 gives one line.
std::string to_json(const Backtest& backtest, int indent = 2);

}  // namespace pipecast
