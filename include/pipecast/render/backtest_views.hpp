/// @file
/// How a backtest's tables (pipecast/backtest/backtest_tables.hpp) read to a
/// person: the views that `pipecast backtest` prints and the HTML page's
/// backtest section draws, so that the two never disagree.  The values come
/// from the tables; a view only picks, orders, names and words them, and
/// says which way each metric is better (the page shows the best in bold).
#pragma once

#include "pipecast/render/table_view.hpp"

#include <cstddef>
#include <vector>

namespace pipecast::render {

/// The "deal_summary" table, one model's per-deal metrics of one target a
/// row: model, deals, won, Brier, log loss, AUC and calibration error (four
/// decimals; lower is better, but for AUC).
TableView backtest_deal_view();

/// The "summary" table, one model's bookings of one horizon over the
/// origins a row: model, origins, WAPE, bias (signed), MASE, the pinball
/// losses of P10, P50 and P90 and CRPS (amounts), and how
/// often P10..P90 held the actual ("3 of 4"; a dash for a point forecast).
TableView backtest_period_view();

/// A number with `decimals` decimals: "0.1234".
ColumnView fixed_decimals(std::string column, std::string label, int decimals);

/// A fraction as a signed percentage with one decimal: "+4.2%", "-0.8%".
ColumnView signed_percent(std::string column, std::string label);

/// The rows, in order, of a table's integer column "horizon" equal to `horizon`.
std::vector<std::size_t> horizon_rows(const ResultTable& table, std::size_t horizon);

}  // namespace pipecast::render
