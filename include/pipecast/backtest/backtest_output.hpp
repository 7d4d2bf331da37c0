/// @file
/// A backtest as data for other programs: its JSON (its settings and its
/// tables), and a flat table of (model, origin, horizon, metric, value) rows
/// (the CLI's CSV, the "metrics" table).
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

/// The backtest as one JSON document: its settings' single values "from",
/// "to", "every", "horizon", "horizons", "trials", "seed", "latest_day"
/// and "group_by" (null without one), then the rows of each of its tables
/// (backtest_tables.hpp) under the table's name, in backtest_table_names()
/// order.  Undefined numbers are null.  indent < 0 gives one line.
std::string to_json(const Backtest& backtest, int indent = 2);

}  // namespace pipecast
