#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/lead_plan_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::render::sections {
namespace {

// The plan's figures are in `pipecast plan --format json`, which holds its
// tables by name at the top.
constexpr std::string_view kPlanDocument = "";

struct Plan {
  Plan(const LeadPlan& plan, const std::string& currency)
      : style{currency}, headline(lead_plan_table(plan, "lead_plan")), stages(lead_plan_table(plan, "lead_plan_stages")) {}

  // A cell of the plan's one-row headline table, marked.
  html::Cell cell(const ColumnView& view) const {
    return {html::table_figure(headline, view, 0, style, kPlanDocument), true, false};
  }
  html::Cell money(const char* column) const { return cell(ColumnView(column, "", Shown::money)); }

  CellStyle style;
  ResultTable headline, stages;
};

std::string position(const Plan& p) {
  html::Table t;
  t.column("", false);
  t.column("deals");
  t.column("amount");
  t.row({html::cell("Target"), html::cell(""), p.money("target")});
  t.row({html::cell("Won in the period"), p.cell(ColumnView("won_in_period_deals")), p.money("won_in_period")});
  t.row({html::cell("Expected from open deals closing in it"), p.cell(ColumnView("pipeline_deals")),
         p.money("expected_from_pipeline")});
  t.row({html::cell("Gap to cover"), html::cell(""), p.money("gap")}, "total");
  return t.html("narrow");
}

std::string needs(const Plan& p) {
  html::Table t;
  t.column("to cover the gap", false);
  t.column("P50 (expected)");
  t.column("P90 (safe)");
  t.row({html::cell("Won deals"), p.cell(whole_deals("won_needed_p50", "")), p.cell(whole_deals("won_needed_p90", ""))});
  t.row({html::cell("New leads"), p.cell(whole_deals("leads_needed_p50", "")),
         p.cell(whole_deals("leads_needed_p90", ""))});
  t.row({html::cell("Create the leads by"), p.cell(create_by("create_by_p50", "")),
         p.cell(create_by("create_by_p90", ""))});
  return t.html("narrow");
}

std::string stages(const LeadPlan& plan, const Plan& p) {
  std::string out;
  for (const LeadPlanPipeline& pl : plan.pipelines) {
    out += "<h3>" + html::text(pl.pipeline) + ": opportunities needed at each stage</h3>\n";
    out += html::result_table(p.stages, lead_plan_stages_view(), rows_where(p.stages, "pipeline", pl.pipeline),
                              p.style, kPlanDocument)
               .html();
  }
  return out;
}

std::string history(const Plan& p) {
  const auto shown = [&](ColumnView view) { return html::text(cell_text(p.headline, view, 0, p.style)); };
  const auto days = [&](const char* column) {
    return ColumnView(column).worded([column](const ResultTable& t, std::size_t row) {
      return format_days(t.column(column).numbers[row], 0);
    });
  };
  return "<p class=\"note\">History: " + shown(ColumnView("closed_deals")) + " closed deals; average won " +
         shown(ColumnView("won_amount_mean", "", Shown::money)) + "; lead-to-won " +
         shown(ColumnView("lead_conversion", "", Shown::percent)) + "; median cycle to won " +
         shown(days("cycle_days_median")) + " (p90 " + shown(days("cycle_days_p90")) + ").</p>\n";
}

}  // namespace

std::string lead_plan(const HtmlReportInput& input) {
  if (!input.lead_plan) return html::section("lead-plan", "Lead plan", html::empty_note(input.no_lead_plan_hint));
  const LeadPlan& plan = *input.lead_plan;
  const Plan p(plan, input.report.currency);
  std::string body = "<p><strong>" + html::text(std::string(to_string(plan.status))) + ":</strong> " +
                     html::text(plan.message) + "</p>\n";
  body += html::note("What it takes to reach the target in " + plan.period.label +
                     ": what is already won and expected from open deals is counted first; the plan covers the gap, "
                     "using win rates and deal sizes from history. P90: enough with 90% probability.");
  body += "<div class=\"side-by-side\">" + position(p);
  // Covered, over or without history, the needs are all 0 or unknown: the
  // message above says why, and a table of them would only be noise.
  if (plan.status == LeadPlanStatus::ok) body += needs(p);
  body += "</div>\n";
  if (plan.won_amount.count > 0) body += history(p);
  if (plan.status == LeadPlanStatus::ok) body += stages(plan, p);
  return html::section("lead-plan", "Lead plan", body);
}

}  // namespace pipecast::render::sections
