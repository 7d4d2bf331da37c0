// A result table as a JSON value, for documents that hold tables among other
// keys (result_table_json() writes one alone as text).
#pragma once

#include "pipecast/analytics/result_table.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace pipecast {

/// An array of one object per row, as result_table_json() describes.
nlohmann::ordered_json result_table_json_value(const ResultTable& table);

/// A result's tables as one JSON object: each table's rows under its name,
/// in the given order.
nlohmann::ordered_json result_tables_json_value(const std::vector<ResultTable>& tables);

}  // namespace pipecast
