/// @file
/// How a forecast's "forecast" table (pipecast/forecast/forecast_tables.hpp:
/// one row per period and component) reads to a person: the view `pipecast
/// forecast` prints, and the lookups by period and component with which the
/// HTML page's forecast section and headline tile quote its cells.  The
/// values come from the table; a view only picks, orders, names and words
/// them.
#pragma once

#include "pipecast/render/table_view.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::render {

/// The periods of a "forecast" table, each once, in the table's order.
std::vector<std::string> forecast_periods(const ResultTable& forecast);

/// The row of period `period` and component `component` ("closed",
/// "pipeline", "new" or "total") of a "forecast" table.  Throws
/// std::invalid_argument when it has none.
std::size_t forecast_row(const ResultTable& forecast, std::string_view period, std::string_view component);

/// The "forecast" table as `pipecast forecast` prints it, a row per period
/// and component: period (written on the period's first row only),
/// component, expected, P10, P50, P90.
TableView forecast_view();

}  // namespace pipecast::render
