/// @file
/// A backtest as result tables (analytics/result_table.hpp), defined here
/// once for the C ABI and the bindings:
/// - metrics: every metric of every model, origin and horizon (backtest_rows);
/// - summary: each model's period metrics by horizon;
/// - deal_summary: each model's per-deal metrics (eventual, within N periods);
/// - ranking: the models ranked on each metric;
/// - overall: the models by mean rank;
/// - verdict: the verdict, one sentence a row.
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

}  // namespace pipecast
