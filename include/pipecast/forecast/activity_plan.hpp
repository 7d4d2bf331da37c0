/// @file
/// Where the next hour goes, with a model's win probabilities: the worklist
/// (analytics/worklist.hpp) ranked with the scores of a fitted model, and the
/// time split (analytics/time_split.hpp), as one ActivityPlan
/// (analytics/worklist_tables.hpp).  Here, in the forecast layer, because
/// the analytics layer does not score deals; the CLI, the report's page and
/// the C ABI all come through this one function.
#pragma once

#include "pipecast/analytics/activity_effects.hpp"
#include "pipecast/analytics/worklist_tables.hpp"
#include "pipecast/forecast/model.hpp"

namespace pipecast {

/// The plan of `scope`: `model` scores the deals open at the scope's date
/// (on the whole book, as the report's forecast), the worklist ranks the
/// scope's open deals by `effects` (activity_effects() of the same scope),
/// and the time split covers the `time_split_days` days ending at the
/// scope's date.  Throws std::invalid_argument as worklist() and
/// time_split() do.
ActivityPlan activity_plan(const Scope& scope, const ActivityEffects& effects, const FittedModel& model,
                           const WorklistOptions& options = {}, int time_split_days = 365);

}  // namespace pipecast
