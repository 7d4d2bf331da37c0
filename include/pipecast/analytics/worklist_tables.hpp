/// @file
/// Where the next hour goes (worklist.hpp, time_split.hpp) as tables
/// (result_table.hpp), defined here once for every renderer (`pipecast
/// activities`, the report's page, the C ABI's pipecast_worklist, Python):
/// - worklist_summary: one row, the as-of day, the model whose win
///   probabilities rank the deals, the playbook's window, rows per owner, the
///   time split's window and its deal-size bands;
/// - worklist: each owner's open deals ranked by the expected value of
///   attention, the recommended step, its lift and the reason in words;
/// - time_split: each owner's activities by stage and by deal-size band, as
///   shares, beside the shares of their won revenue.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/analytics/time_split.hpp"
#include "pipecast/analytics/worklist.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The worklist and the time split of one scope, and the model that scored the deals.
struct ActivityPlan {
  std::string model;    ///< the model's name ("auto", ...)
  Worklist worklist;    ///< the ranked open deals
  TimeSplit time_split; ///< where time went and where money came from
};

/// The plan's tables, in the order renderers list them.
std::vector<std::string_view> activity_plan_table_names();
/// The table `name` of `plan`; throws std::invalid_argument for a name not
/// in activity_plan_table_names() (the message lists them).
ResultTable activity_plan_table(const ActivityPlan& plan, std::string_view name);
/// Every table of `plan`, in the order of activity_plan_table_names().
std::vector<ResultTable> activity_plan_tables(const ActivityPlan& plan);
/// The tables as one JSON document (result_tables_json).
std::string to_json(const ActivityPlan& plan, int indent = 2);

}  // namespace pipecast
