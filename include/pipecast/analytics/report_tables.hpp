/// @file
/// The pipeline report as tables (table.hpp): every figure of a Report, one
/// table per list, defined here once for every renderer (the C ABI's
/// pipecast_result_table, `pipecast report --format csv`, Python).
#pragma once

#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/result_table.hpp"

#include <string_view>
#include <vector>

namespace pipecast {

/// A report table's name and the report section it comes from ("" for the
/// summary, which every report has; otherwise a key of the report's JSON:
/// funnel, velocity, stalled, patterns, sales_velocity, coverage, products,
/// cross_sell).
struct ReportTableName {
  std::string_view section;  ///< "" or the section's JSON key
  std::string_view name;     ///< the table's name
};

/// Every report table, in the order renderers list them.
std::vector<ReportTableName> report_table_names();

/// The table `name` of `report`; throws std::invalid_argument for a name not
/// in report_table_names() (the message lists them).
ResultTable report_table(const Report& report, std::string_view name);

/// Every table of `report`, in the order of report_table_names().
std::vector<ResultTable> report_tables(const Report& report);

}  // namespace pipecast
