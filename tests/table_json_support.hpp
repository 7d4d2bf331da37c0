// A result table's rows in a JSON document, checked cell by cell against
// the table: what each result's JSON must be (result_table.hpp).
#pragma once

#include "pipecast/analytics/result_table.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace pipecast::test {

/// A cell of `column` as the JSON holds it: a NaN or a missing day null, a
/// day "YYYY-MM-DD", a flag true or false.
inline nlohmann::ordered_json json_cell(const ResultColumn& column, std::size_t row) {
  switch (column.type) {
    case ColumnType::text: return column.texts[row];
    case ColumnType::integer: return column.integers[row];
    case ColumnType::flag: return column.integers[row] != 0;
    case ColumnType::day:
      return column.days[row] == kNoDay ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(format_day(column.days[row]));
    case ColumnType::number:
      return std::isnan(column.numbers[row]) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(column.numbers[row]);
  }
  return nullptr;
}

/// `rows` is the table: one object a row, its keys the columns in order,
/// each value the cell's, exactly.
inline void expect_rows_are_the_table(const nlohmann::ordered_json& rows, const ResultTable& table) {
  ASSERT_TRUE(rows.is_array()) << table.name;
  ASSERT_EQ(rows.size(), table.rows) << table.name;
  for (std::size_t r = 0; r < table.rows; ++r) {
    ASSERT_EQ(rows[r].size(), table.columns.size()) << table.name << " row " << r;
    std::size_t c = 0;
    for (const auto& [name, value] : rows[r].items()) {
      const ResultColumn& column = table.columns[c++];
      EXPECT_EQ(name, column.name) << table.name << " row " << r;
      EXPECT_EQ(value, json_cell(column, r)) << table.name << " row " << r << ", " << name;
    }
  }
}

}  // namespace pipecast::test
