#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render::sections {
namespace {

// Whole deals: an expected 12.2 deals means 13 to plan for (the raw figure
// stays in data-value).
std::string deals(double n) { return std::isnan(n) ? std::string(kMissing) : format_number(std::ceil(n - 1e-9)); }

std::string date(Day d, Day as_of) {
  if (d == kNoDay) return std::string(kMissing);
  return d < as_of ? format_date(d) + " (passed)" : format_date(d);
}

std::string position(const LeadPlan& p, const std::string& currency) {
  html::Table t;
  t.column("", false);
  t.column("deals");
  t.column("amount");
  t.row({html::cell("Target"), html::cell(""),
         html::figure_cell("lead_plan.target", p.target, format_money(p.target, currency))});
  t.row(
      {html::cell("Won in the period"),
       html::figure_cell("lead_plan.won_in_period.deals", p.won_in_period_deals, format_count(p.won_in_period_deals)),
       html::figure_cell("lead_plan.won_in_period.amount", p.won_in_period, format_money(p.won_in_period, currency))});
  t.row({html::cell("Expected from open deals closing in it"),
         html::figure_cell("lead_plan.expected_from_pipeline.deals", p.pipeline_deals, format_count(p.pipeline_deals)),
         html::figure_cell("lead_plan.expected_from_pipeline.amount", p.expected_from_pipeline,
                           format_money(p.expected_from_pipeline, currency))});
  t.row({html::cell("Gap to cover"), html::cell(""),
         html::figure_cell("lead_plan.gap", p.gap, format_money(p.gap, currency))},
        "total");
  return t.html("narrow");
}

std::string needs(const LeadPlan& p) {
  html::Table t;
  t.column("to cover the gap", false);
  t.column("P50 (expected)");
  t.column("P90 (safe)");
  t.row({html::cell("Won deals"),
         html::figure_cell("lead_plan.won_needed.p50", p.won_needed.p50, deals(p.won_needed.p50)),
         html::figure_cell("lead_plan.won_needed.p90", p.won_needed.p90, deals(p.won_needed.p90))});
  t.row({html::cell("New leads"),
         html::figure_cell("lead_plan.leads_needed.p50", p.leads_needed.p50, deals(p.leads_needed.p50)),
         html::figure_cell("lead_plan.leads_needed.p90", p.leads_needed.p90, deals(p.leads_needed.p90))});
  t.row({html::cell("Create the leads by"), html::number_cell(date(p.create_by_p50, p.as_of)),
         html::number_cell(date(p.create_by_p90, p.as_of))});
  return t.html("narrow");
}

std::string stages(const LeadPlan& p, const std::string& currency) {
  std::string out;
  for (std::size_t i = 0; i < p.pipelines.size(); ++i) {
    const LeadPlanPipeline& pl = p.pipelines[i];
    out += "<h3>" + html::text(pl.pipeline) + ": opportunities needed at each stage</h3>\n";
    html::Table t;
    t.column("stage", false);
    t.column("win rate from it");
    t.column("closed");
    t.column("open now");
    t.column("open value");
    t.column("needed P50");
    t.column("needed P90");
    for (std::size_t s = 0; s < pl.stages.size(); ++s) {
      const LeadPlanStage& st = pl.stages[s];
      const std::string base = html::path(html::path("lead_plan.pipelines", i, "stages"), s);
      t.row({html::cell(st.stage), html::number_cell(format_percent(st.conversion.value())),
             html::number_cell(format_count(st.conversion.trials)), html::number_cell(format_count(st.open_deals)),
             html::number_cell(format_money(st.open_amount, currency)),
             html::figure_cell(base + ".needed.p50", st.needed.p50, deals(st.needed.p50)),
             html::figure_cell(base + ".needed.p90", st.needed.p90, deals(st.needed.p90))});
    }
    out += t.html();
  }
  return out;
}

}  // namespace

std::string lead_plan(const HtmlReportInput& input) {
  if (!input.lead_plan) return html::section("lead-plan", "Lead plan", html::empty_note(input.no_lead_plan_hint));
  const LeadPlan& p = *input.lead_plan;
  const std::string& currency = input.report.currency;
  std::string body =
      "<p><strong>" + html::text(std::string(to_string(p.status))) + ":</strong> " + html::text(p.message) + "</p>\n";
  body += html::note("What it takes to reach the target in " + p.period.label +
                     ": what is already won and expected from open deals is counted first; the plan covers the gap, "
                     "using win rates and deal sizes from history. P90: enough with 90% probability.");
  body += "<div class=\"side-by-side\">" + position(p, currency);
  // Covered, over or without history, the needs are all 0 or unknown: the
  // message above says why, and a table of them would only be noise.
  if (p.status == LeadPlanStatus::ok) body += needs(p);
  body += "</div>\n";
  if (p.won_amount.count > 0)
    body += html::note("History: " + format_count(p.closed_deals) + " closed deals; average won " +
                       format_money(p.won_amount.mean, currency) + "; lead-to-won " +
                       format_percent(p.lead_conversion.value()) + "; median cycle to won " +
                       format_days(p.cycle_days.median, 0) + " (p90 " + format_days(p.cycle_days.p90, 0) + ").");
  if (p.status == LeadPlanStatus::ok) body += stages(p, currency);
  return html::section("lead-plan", "Lead plan", body);
}

}  // namespace pipecast::render::sections
