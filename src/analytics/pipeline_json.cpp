#include "analytics/pipeline_json.hpp"

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

Json by_period(const std::vector<Period>& periods, const std::vector<Distribution>& values) {
  Json out = Json::array();
  for (std::size_t p = 0; p < values.size() && p < periods.size(); ++p) {
    Json d = {{"period", periods[p].label}};
    d.update(distribution(values[p]));
    out.push_back(std::move(d));
  }
  return out;
}

std::string kind_name(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::month:
      return "month";
    case PeriodKind::quarter:
      return "quarter";
    case PeriodKind::year:
      return "year";
    case PeriodKind::fiscal_quarter:
      return "fiscal_quarter";
    case PeriodKind::fiscal_year:
      return "fiscal_year";
    case PeriodKind::range:
      break;
  }
  return "range";
}

Json pipelines(const std::vector<PipelineFunnel>& funnels) {
  Json out = Json::array();
  for (const PipelineFunnel& f : funnels) {
    Json steps = Json::array();
    for (const FunnelStep& s : f.steps)
      steps.push_back({{"stage", s.name},
                       {"kind", std::string(to_string(s.kind))},
                       {"reached", s.reached},
                       {"reached_value", number(s.reached_value)},
                       {"to_next", rate(s.to_next)},
                       {"to_next_raw", rate(s.to_next_raw)},
                       {"to_won", rate(s.to_won)}});
    out.push_back({{"pipeline", f.name}, {"deals", f.deals}, {"steps", std::move(steps)}});
  }
  return out;
}

}  // namespace

Json to_json_value(const FunnelReport& report) {
  Json cohorts = Json::array();
  for (const FunnelCohort& c : report.cohorts) {
    Json j = {{"cohort", c.cohort.label}, {"first", day(c.cohort.first)}, {"last", day(c.cohort.last)}};
    j["pipelines"] = pipelines(c.pipelines);
    cohorts.push_back(std::move(j));
  }
  return {{"as_of", day(report.as_of)},
          {"cohort_kind", kind_name(report.cohort_kind)},
          {"pipelines", pipelines(report.pipelines)},
          {"cohorts", std::move(cohorts)}};
}

Json to_json_value(const VelocityReport& report) {
  Json periods = Json::array();
  for (const Period& p : report.periods) periods.push_back(period(p));
  Json out_pipelines = Json::array();
  for (const PipelineVelocity& p : report.pipelines) {
    Json stages = Json::array();
    for (const StageVelocity& s : p.stages)
      stages.push_back({{"stage", s.name},
                        {"completed", distribution(s.completed)},
                        {"current", distribution(s.current)},
                        {"by_period", by_period(report.periods, s.by_period)}});
    out_pipelines.push_back({{"pipeline", p.name},
                             {"stages", std::move(stages)},
                             {"won_cycle", distribution(p.won_cycle)},
                             {"lost_cycle", distribution(p.lost_cycle)},
                             {"won_cycle_by_period", by_period(report.periods, p.won_cycle_by_period)},
                             {"lost_cycle_by_period", by_period(report.periods, p.lost_cycle_by_period)}});
  }
  return {
      {"as_of", day(report.as_of)}, {"periods", std::move(periods)}, {"pipelines", std::move(out_pipelines)}};
}

Json to_json_value(const StalledReport& report) {
  Json thresholds = Json::array();
  for (const StageThreshold& t : report.thresholds)
    thresholds.push_back({{"pipeline", t.pipeline},
                          {"stage", t.name},
                          {"days", number(t.days)},
                          {"source", std::string(to_string(t.source))},
                          {"sample", t.sample}});
  Json deals = Json::array();
  for (const StalledDeal& d : report.deals)
    deals.push_back({{"id", d.id},
                     {"pipeline", d.pipeline},
                     {"stage", d.stage},
                     {"owner", d.owner},
                     {"amount", number(d.amount)},
                     {"days_in_stage", d.days_in_stage},
                     {"threshold", number(d.threshold)},
                     {"stalled", d.stalled},
                     {"close_date", day(d.close_date)},
                     {"days_overdue", d.days_overdue},
                     {"overdue", d.overdue}});
  return {{"as_of", day(report.as_of)},
          {"stalled", report.stalled},
          {"stalled_value", number(report.stalled_value)},
          {"overdue", report.overdue},
          {"overdue_value", number(report.overdue_value)},
          {"thresholds", std::move(thresholds)},
          {"deals", std::move(deals)}};
}

}  // namespace pipecast
