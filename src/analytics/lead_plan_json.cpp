#include "analytics/lead_plan_json.hpp"

#include "analytics/json_values.hpp"

#include <cmath>
#include <string>

namespace pipecast {
namespace {

using json_values::Json;
using json_values::number;
using json_values::day;
using json_values::rate;
using json_values::distribution;
using json_values::period;

Json amounts(const Distribution& d, double sd) {
  return {{"count", d.count}, {"mean", number(d.mean)}, {"sd", d.count > 0 ? number(sd) : Json(nullptr)},
          {"median", number(d.median)}, {"p75", number(d.p75)}, {"p90", number(d.p90)}};
}

Json count(const PlanCount& c) { return {{"p50", number(c.p50)}, {"p90", number(c.p90)}}; }

Json pipeline(const LeadPlanPipeline& p) {
  Json stages = Json::array();
  for (const LeadPlanStage& s : p.stages)
    stages.push_back({{"stage", s.stage},
                      {"conversion", rate(s.conversion)},
                      {"open_deals", s.open_deals},
                      {"open_amount", number(s.open_amount)},
                      {"needed", count(s.needed)}});
  return {{"pipeline", p.pipeline},
          {"won_share", number(p.won_share)},
          {"won_amount", amounts(p.won_amount, p.won_amount_sd)},
          {"won_needed", count(p.won_needed)},
          {"stages", std::move(stages)}};
}

}  // namespace

nlohmann::ordered_json to_json_value(const LeadPlan& plan) {
  Json pipelines = Json::array();
  for (const LeadPlanPipeline& p : plan.pipelines) pipelines.push_back(pipeline(p));
  return {{"status", std::string(to_string(plan.status))},
          {"message", plan.message},
          {"as_of", day(plan.as_of)},
          {"period",
           {{"period", plan.period.label}, {"first", day(plan.period.first)}, {"last", day(plan.period.last)}}},
          {"currency", plan.currency},
          {"target", number(plan.target)},
          {"won_in_period", {{"amount", number(plan.won_in_period)}, {"deals", plan.won_in_period_deals}}},
          {"expected_from_pipeline",
           {{"amount", number(plan.expected_from_pipeline)}, {"deals", plan.pipeline_deals}}},
          {"gap", number(plan.gap)},
          {"history",
           {{"closed_deals", plan.closed_deals},
            {"won_amount", amounts(plan.won_amount, plan.won_amount_sd)},
            {"cycle_days", distribution(plan.cycle_days)},
            {"lead_conversion", rate(plan.lead_conversion)}}},
          {"won_for_target", number(plan.won_for_target)},
          {"won_needed", count(plan.won_needed)},
          {"leads_needed", count(plan.leads_needed)},
          {"create_by", {{"p50", day(plan.create_by_p50)}, {"p90", day(plan.create_by_p90)}}},
          {"pipelines", std::move(pipelines)}};
}

}  // namespace pipecast
