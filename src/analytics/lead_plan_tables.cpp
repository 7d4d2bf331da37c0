#include "pipecast/analytics/lead_plan_tables.hpp"

#include "analytics/table_catalog.hpp"

#include <cmath>

namespace pipecast {
namespace {

// A standard deviation of no deals is not known (the plan holds 0).
double sd_if_known(const Distribution& amounts, double sd) { return amounts.count > 0 ? sd : std::nan(""); }

// The amounts of won deals: how many had one, and their distribution.
void won_amount_columns(TableBuilder& t) {
  t.integer("won_amount_count").number("won_amount_mean", Unit::currency).number("won_amount_sd", Unit::currency);
  t.number("won_amount_median", Unit::currency).number("won_amount_p75", Unit::currency);
  t.number("won_amount_p90", Unit::currency);
}

void add_won_amount(TableBuilder& t, const Distribution& amounts, double sd) {
  t.add(amounts.count).add(amounts.mean).add(sd_if_known(amounts, sd)).add(amounts.median).add(amounts.p75);
  t.add(amounts.p90);
}

ResultTable lead_plan_headline_table(const LeadPlan& p) {
  TableBuilder t("lead_plan");
  t.text("status").text("message").day("as_of").period("period").text("currency").number("target", Unit::currency);
  t.number("won_in_period", Unit::currency).integer("won_in_period_deals");
  t.number("expected_from_pipeline", Unit::currency).integer("pipeline_deals").number("gap", Unit::currency);
  t.integer("closed_deals");
  won_amount_columns(t);
  t.distribution("cycle_days").rate("lead_conversion");
  t.number("won_for_target", Unit::currency).number("won_needed_p50", Unit::count);
  t.number("won_needed_p90", Unit::count).number("leads_needed_p50", Unit::count);
  t.number("leads_needed_p90", Unit::count).day("create_by_p50").day("create_by_p90");
  t.add(to_string(p.status)).add(p.message).add(p.as_of).add(p.period).add(p.currency).add(p.target);
  t.add(p.won_in_period).add(p.won_in_period_deals).add(p.expected_from_pipeline);
  t.add(p.pipeline_deals).add(p.gap).add(p.closed_deals);
  add_won_amount(t, p.won_amount, p.won_amount_sd);
  t.add(p.cycle_days).add(p.lead_conversion);
  t.add(p.won_for_target).add(p.won_needed.p50).add(p.won_needed.p90).add(p.leads_needed.p50);
  t.add(p.leads_needed.p90).add(p.create_by_p50).add(p.create_by_p90);
  return std::move(t).finish();
}

ResultTable lead_plan_pipelines_table(const LeadPlan& p) {
  TableBuilder t("lead_plan_pipelines");
  t.text("pipeline").number("won_share", Unit::fraction);
  won_amount_columns(t);
  t.number("won_needed_p50", Unit::count).number("won_needed_p90", Unit::count);
  for (const auto& l : p.pipelines) {
    t.add(l.pipeline).add(l.won_share);
    add_won_amount(t, l.won_amount, l.won_amount_sd);
    t.add(l.won_needed.p50).add(l.won_needed.p90);
  }
  return std::move(t).finish();
}

ResultTable lead_plan_stages_table(const LeadPlan& p) {
  TableBuilder t("lead_plan_stages");
  t.text("pipeline").text("stage").rate("conversion").integer("open_deals").number("open_amount", Unit::currency);
  t.number("needed_p50", Unit::count).number("needed_p90", Unit::count);
  for (const auto& l : p.pipelines)
    for (const auto& s : l.stages) {
      t.add(l.pipeline).add(s.stage).add(s.conversion).add(s.open_deals).add(s.open_amount);
      t.add(s.needed.p50).add(s.needed.p90);
    }
  return std::move(t).finish();
}

// Every table once: its name and the function that makes it.
constexpr tables::Entry<LeadPlan> kLeadPlanTableEntries[] = {
    {"lead_plan", lead_plan_headline_table},
    {"lead_plan_pipelines", lead_plan_pipelines_table},
    {"lead_plan_stages", lead_plan_stages_table},
};

}  // namespace

std::vector<std::string_view> lead_plan_table_names() { return tables::names(kLeadPlanTableEntries); }

std::vector<ResultTable> lead_plan_tables(const LeadPlan& plan) { return tables::all(kLeadPlanTableEntries, plan); }

ResultTable lead_plan_table(const LeadPlan& plan, std::string_view name) {
  return tables::make(kLeadPlanTableEntries, plan, name, "lead plan");
}

}  // namespace pipecast
