#include "pipecast/forecast/activity_plan.hpp"

#include "pipecast/forecast/deal_scores.hpp"

namespace pipecast {

ActivityPlan activity_plan(const Scope& scope, const ActivityEffects& effects, const FittedModel& model,
                           const WorklistOptions& options, int time_split_days) {
  const DealScores scores = model.score(scope.view());
  ActivityPlan plan;
  plan.model = model.name();
  plan.worklist = worklist(scope, effects, {scores.deals.deal, scores.win_probability}, options);
  plan.time_split = time_split(scope, time_split_days);
  return plan;
}

}  // namespace pipecast
