#include "pipecast/analytics/worklist_tables.hpp"

#include "analytics/table_catalog.hpp"

namespace pipecast {
namespace {

ResultTable worklist_summary_table(const ActivityPlan& p) {
  TableBuilder t("worklist_summary");
  t.day("as_of").text("model").integer("window_days", Unit::days).integer("rows_per_owner");
  t.integer("owners").day("time_split_from").day("time_split_to");
  t.number("small_up_to", Unit::currency).number("medium_up_to", Unit::currency);
  t.add(p.worklist.as_of).add(p.model).add(p.worklist.window_days).add(p.worklist.options.rows_per_owner);
  t.add(p.worklist.owners.size()).add(p.time_split.from).add(p.time_split.to);
  t.add(p.time_split.small_up_to).add(p.time_split.medium_up_to);
  return std::move(t).finish();
}

ResultTable worklist_table(const ActivityPlan& p) {
  TableBuilder t("worklist");
  t.text("owner").integer("rank").text("deal").text("pipeline").text("stage").number("amount", Unit::currency);
  t.number("win_probability", Unit::fraction).text("step").text("pattern").number("advance_rate", Unit::fraction);
  t.number("rate_ratio").number("rate_ratio_low").number("rate_ratio_high").number("lift", Unit::fraction);
  t.number("value", Unit::currency).integer("days_silent", Unit::days).flag("any_activity").text("reason");
  for (const WorklistRow& r : p.worklist.rows) {
    t.add(r.owner).add(r.rank).add(r.deal).add(r.pipeline).add(r.stage).add(r.amount);
    t.add(r.win_probability).add(to_string(r.step)).add(r.pattern).add(r.advance_rate);
    t.add(r.rate_ratio).add(r.rate_ratio_low).add(r.rate_ratio_high).add(r.lift);
    t.add(r.value).add(r.days_silent).add(r.any_activity).add(r.reason);
  }
  return std::move(t).finish();
}

ResultTable time_split_table(const ActivityPlan& p) {
  TableBuilder t("time_split");
  t.text("owner").text("dimension").text("pipeline").text("value");
  t.number("band_low", Unit::currency).number("band_high", Unit::currency);
  t.integer("activities").number("activity_share", Unit::fraction);
  t.integer("won_deals").number("won_amount", Unit::currency).number("won_share", Unit::fraction);
  for (const TimeSplitRow& r : p.time_split.rows) {
    t.add(r.owner).add(r.dimension).add(r.pipeline).add(r.value).add(r.band_low).add(r.band_high);
    t.add(r.activities).add(r.activity_share).add(r.won_deals).add(r.won_amount).add(r.won_share);
  }
  return std::move(t).finish();
}

// Every table once: its name and the function that makes it.
constexpr tables::Entry<ActivityPlan> kActivityPlanTableEntries[] = {
    {"worklist_summary", worklist_summary_table},
    {"worklist", worklist_table},
    {"time_split", time_split_table},
};

}  // namespace

std::vector<std::string_view> activity_plan_table_names() { return tables::names(kActivityPlanTableEntries); }

std::vector<ResultTable> activity_plan_tables(const ActivityPlan& plan) {
  return tables::all(kActivityPlanTableEntries, plan);
}

ResultTable activity_plan_table(const ActivityPlan& plan, std::string_view name) {
  return tables::make(kActivityPlanTableEntries, plan, name, "activity plan");
}

std::string to_json(const ActivityPlan& plan, int indent) {
  return result_tables_json(activity_plan_tables(plan), indent);
}

}  // namespace pipecast
