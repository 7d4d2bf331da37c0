// The report's tables (report_tables.hpp) in the analytics tests: a
// section's tables as the report's JSON holds them, a table's rows as JSON,
// a row picked by its cells, a table's column names.
#pragma once

#include "pipecast/analytics/report_tables.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::test {

/// The rows of the report's table `name`, parsed from result_table_json:
/// a NaN or a missing day is null, a day "YYYY-MM-DD".
inline nlohmann::json table_rows(const Report& report, std::string_view name) {
  return nlohmann::json::parse(result_table_json(report_table(report, name)));
}

/// The names of the report's tables of `section` ("funnel", "velocity", ...).
inline std::vector<std::string> section_table_names(std::string_view section) {
  std::vector<std::string> out;
  for (const ReportTableName& n : report_table_names())
    if (n.section == section) out.emplace_back(n.name);
  return out;
}

/// The tables of `section` as JSON text: each table's rows under its name
/// (result_tables_json), as the report's JSON holds them.
inline std::string section_json(const Report& report, std::string_view section) {
  std::vector<ResultTable> tables;
  for (const std::string& name : section_table_names(section)) tables.push_back(report_table(report, name));
  return result_tables_json(tables);
}

/// The columns of `table`, in order.
inline std::vector<std::string> column_names(const ResultTable& table) {
  std::vector<std::string> out;
  for (const ResultColumn& c : table.columns) out.push_back(c.name);
  return out;
}

/// The first of `rows` whose cells include every cell of `match` (an
/// object); throws std::runtime_error when there is none.
inline const nlohmann::json& find_row(const nlohmann::json& rows, const nlohmann::json& match) {
  for (const nlohmann::json& row : rows) {
    bool all = true;
    for (const auto& cell : match.items()) all = all && row.contains(cell.key()) && row[cell.key()] == cell.value();
    if (all) return row;
  }
  throw std::runtime_error("no row with " + match.dump());
}

}  // namespace pipecast::test
