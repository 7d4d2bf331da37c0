/// @file
/// A backtest as result tables (analytics/result_table.hpp), defined here
/// once for the C ABI and the bindings:
/// - metrics: every metric of every model, origin and horizon (backtest_rows);
/// - summary: each model's period metrics by horizon, over the origins
///   (with the origins whose P10..P90 held the actual, and the WAPE over
///   every group with group_by);
/// - deal_summary: each model's per-deal metrics (eventual, within N periods);
/// - ranking: the models ranked on each metric (with the origins where at
///   least two models had it);
/// - overall: the models by mean rank;
/// - verdict: the verdict, one sentence a row;
/// - origins: each origin's periods (one row per horizon), whether each was
///   scored, the origin's Monte Carlo seed (its decimal digits: a 64-bit
///   unsigned number) and its seasonal-naive MASE scale;
/// - origin_models: each model at each origin: the fitted model's
///   description and the deals open there;
/// - origin_scores: each model's forecast of each origin's periods against
///   the actual (p10, p50, p90 null for a point forecast; covered 1, 0, or
///   null without an interval);
/// - calibration: the calibration bins of each model with per-deal metrics,
///   at each origin and pooled ("all"), for "won eventually" and within
///   each horizon;
/// - group_summary, group_scores, group_scales: with group_by, the period
///   metrics per group over the origins and at each origin, and each
///   group's MASE scale at each origin (no rows without group_by).
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/backtest/backtest.hpp"

#include <string_view>
#include <vector>

namespace pipecast {

/// The backtest's tables, in the order renderers list them.
std::vector<std::string_view> backtest_table_names();

/// The table `name` of `backtest`; throws std::invalid_argument for a name
/// not in backtest_table_names() (the message lists them).
ResultTable backtest_table(const Backtest& backtest, std::string_view name);

/// Every table of `backtest`, in backtest_table_names() order.
std::vector<ResultTable> backtest_tables(const Backtest& backtest);

}  // namespace pipecast
