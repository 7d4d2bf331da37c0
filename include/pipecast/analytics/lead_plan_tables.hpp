/// @file
/// The lead plan as tables (result_table.hpp), defined here once for every
/// renderer (the C ABI, `pipecast plan --format csv`, Python):
/// - lead_plan: one row, the plan's headline figures;
/// - lead_plan_pipelines: the won deals each pipeline must bring;
/// - lead_plan_stages: what each open stage holds and must convert.
#pragma once

#include "pipecast/analytics/lead_plan.hpp"
#include "pipecast/analytics/result_table.hpp"

#include <string_view>
#include <vector>

namespace pipecast {

/// The lead plan's tables, in the order renderers list them.
std::vector<std::string_view> lead_plan_table_names();

/// The table `name` of `plan`; throws std::invalid_argument for a name not in
/// lead_plan_table_names() (the message lists them).
ResultTable lead_plan_table(const LeadPlan& plan, std::string_view name);

/// Every table of `plan`, in the order of lead_plan_table_names().
std::vector<ResultTable> lead_plan_tables(const LeadPlan& plan);

}  // namespace pipecast
