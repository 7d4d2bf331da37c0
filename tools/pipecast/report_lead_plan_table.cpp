#include "report_lead_plan_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/lead_plan_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {
namespace {

using render::ColumnView;
using render::Shown;

// The plan's one-row headline table, its cells written for a terminal.
struct Headline {
  Headline(const LeadPlan& plan, const std::string& currency)
      : table(lead_plan_table(plan, "lead_plan")), style(text_style(currency)) {}
  std::string operator()(const ColumnView& view) const { return render::cell_text(table, view, 0, style); }
  std::string operator()(const char* column, Shown shown = Shown::automatic) const {
    return (*this)(ColumnView(column, "", shown));
  }

  ResultTable table;
  render::CellStyle style;
};

std::string in_currency(const Headline& h, const char* column) {
  const std::string amount = h(column, Shown::amount);
  return h.style.currency.empty() ? amount : amount + " " + h.style.currency;
}

void print_position(const Headline& h, std::ostream& out) {
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("deals");
  t.add_column("amount");
  t.add_row({"target", "", in_currency(h, "target")});
  t.add_row({"won in the period", h("won_in_period_deals"), in_currency(h, "won_in_period")});
  t.add_row({"expected from open deals closing in it", h("pipeline_deals"), in_currency(h, "expected_from_pipeline")});
  t.add_row({"gap (target - won - expected)", "", in_currency(h, "gap")});
  t.print(out, "  ");
}

void print_history(const LeadPlan& plan, const Headline& h, std::ostream& out) {
  if (plan.won_amount.count == 0) {
    out << "\n  History (" << h("closed_deals") << " closed deals): no won deal with an amount to learn from\n";
    return;
  }
  out << "\n  History (" << h("closed_deals") << " closed deals): average won " << in_currency(h, "won_amount_mean")
      << " (median " << h("won_amount_median", Shown::amount) << ", sd " << h("won_amount_sd", Shown::amount) << ", "
      << h("won_amount_count") << " won with an amount); lead-to-won " << h("lead_conversion", Shown::percent) << " ["
      << h(ColumnView("lead_conversion", "", Shown::interval)) << "]; cycle to won: median "
      << h("cycle_days_median", Shown::days) << " days, p90 " << h("cycle_days_p90", Shown::days) << " days\n";
}

void print_needs(const Headline& h, std::ostream& out) {
  out << "\n  Needed to cover the gap (P50: expected, rounded up; P90: enough with 90% probability):\n";
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("P50");
  t.add_column("P90");
  t.add_row({"won deals", h(render::whole_deals("won_needed_p50", "")), h(render::whole_deals("won_needed_p90", ""))});
  t.add_row(
      {"new leads", h(render::whole_deals("leads_needed_p50", "")), h(render::whole_deals("leads_needed_p90", ""))});
  t.add_row({"create leads by", h(render::create_by("create_by_p50", "")), h(render::create_by("create_by_p90", ""))});
  t.print(out, "    ");
}

void print_pipelines(const LeadPlan& plan, const Headline& h, std::ostream& out) {
  const ResultTable pipelines = lead_plan_table(plan, "lead_plan_pipelines");
  const ResultTable stages = lead_plan_table(plan, "lead_plan_stages");
  for (std::size_t row = 0; row < pipelines.rows; ++row) {
    const std::string& name = pipelines.column("pipeline").texts[row];
    const auto cell = [&](const ColumnView& view) { return render::cell_text(pipelines, view, row, h.style); };
    out << "\n  " << name << " (" << cell(ColumnView("won_share", "", Shown::percent))
        << " of the won revenue; average won " << cell(ColumnView("won_amount_mean", "", Shown::amount))
        << (h.style.currency.empty() ? "" : " " + h.style.currency) << "; won deals needed "
        << cell(render::whole_deals("won_needed_p50", "")) << " P50, " << cell(render::whole_deals("won_needed_p90", ""))
        << " P90):\n";
    view_table(stages, render::lead_plan_stages_view(), render::rows_where(stages, "pipeline", name), h.style)
        .print(out, "    ");
  }
}

}  // namespace

void print_table(const LeadPlan& plan, const std::string& currency, std::ostream& out) {
  const Headline h(plan, currency);
  out << "Lead plan for " << plan.period.label << " (" << format_day(plan.period.first) << ".."
      << format_day(plan.period.last) << ") as of " << format_day(plan.as_of) << '\n';
  out << "  " << to_string(plan.status) << ": " << plan.message << "\n\n";
  print_position(h, out);
  print_history(plan, h, out);
  if (plan.status == LeadPlanStatus::period_over || plan.status == LeadPlanStatus::no_history) return;
  print_needs(h, out);
  print_pipelines(plan, h, out);
}

}  // namespace pipecast::cli
