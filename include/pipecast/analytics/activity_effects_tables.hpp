/// @file
/// What worked (activity_effects.hpp) as tables (result_table.hpp), defined
/// here once for every renderer (`pipecast activities --format csv|json`,
/// the text view):
/// - activity_effects: one row, the as-of day, the options used, how many
///   comparisons were made and flagged;
/// - activity_stages: each open stage, its advanced and lost stays, its
///   playbook and the open deals off it;
/// - activity_comparisons: every comparison, its sample on each side, its
///   effect with a 95% interval, p- and q-value, and what it is associated with.
#pragma once

#include "pipecast/analytics/activity_effects.hpp"
#include "pipecast/analytics/result_table.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The analysis's tables, in the order renderers list them.
std::vector<std::string_view> activity_effects_table_names();
/// The table `name` of `effects`; throws std::invalid_argument for a name
/// not in activity_effects_table_names() (the message lists them).
ResultTable activity_effects_table(const ActivityEffects& effects, std::string_view name);
/// Every table of `effects`, in the order of activity_effects_table_names().
std::vector<ResultTable> activity_effects_tables(const ActivityEffects& effects);
/// The tables as one JSON document (result_tables_json).
std::string to_json(const ActivityEffects& effects, int indent = 2);

}  // namespace pipecast
