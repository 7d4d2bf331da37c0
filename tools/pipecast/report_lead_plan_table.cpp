#include "report_lead_plan_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

#include <cmath>

namespace pipecast::cli {
namespace {

// Whole deals: an expected 12.2 deals means 13 to plan for.
std::string deals(double n) { return std::isnan(n) ? "-" : thousands(std::ceil(n - 1e-9)); }

std::string date(Day d, Day as_of) {
  if (d == kNoDay) return "-";
  return d < as_of ? format_day(d) + " (passed)" : format_day(d);
}


void print_position(const LeadPlan& plan, const std::string& currency, std::ostream& out) {
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("deals");
  t.add_column("amount");
  t.add_row({"target", "", money(plan.target, currency)});
  t.add_row({"won in the period", count(plan.won_in_period_deals), money(plan.won_in_period, currency)});
  t.add_row({"expected from open deals closing in it", count(plan.pipeline_deals),
             money(plan.expected_from_pipeline, currency)});
  t.add_row({"gap (target - won - expected)", "", money(plan.gap, currency)});
  t.print(out, "  ");
}

void print_history(const LeadPlan& plan, const std::string& currency, std::ostream& out) {
  if (plan.won_amount.count == 0) {
    out << "\n  History (" << count(plan.closed_deals) << " closed deals): no won deal with an amount to learn from\n";
    return;
  }
  out << "\n  History (" << count(plan.closed_deals) << " closed deals): average won "
      << money(plan.won_amount.mean, currency) << " (median " << thousands(plan.won_amount.median)
      << ", sd " << thousands(plan.won_amount_sd) << ", "
      << count(plan.won_amount.count) << " won with an amount); lead-to-won " << percent(plan.lead_conversion.value())
      << " " << interval(plan.lead_conversion) << "; cycle to won: median " << thousands(plan.cycle_days.median, 1)
      << " days, p90 " << thousands(plan.cycle_days.p90, 1) << " days\n";
}

void print_needs(const LeadPlan& plan, std::ostream& out) {
  out << "\n  Needed to cover the gap (P50: expected, rounded up; P90: enough with 90% probability):\n";
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("P50");
  t.add_column("P90");
  t.add_row({"won deals", deals(plan.won_needed.p50), deals(plan.won_needed.p90)});
  t.add_row({"new leads", deals(plan.leads_needed.p50), deals(plan.leads_needed.p90)});
  t.add_row({"create leads by", date(plan.create_by_p50, plan.as_of), date(plan.create_by_p90, plan.as_of)});
  t.print(out, "    ");
}

void print_pipeline(const LeadPlanPipeline& p, const std::string& currency, std::ostream& out) {
  out << "\n  " << p.pipeline << " (" << percent(p.won_share) << " of the won revenue; average won "
      << money(p.won_amount.mean, currency) << "; won deals needed " << deals(p.won_needed.p50) << " P50, "
      << deals(p.won_needed.p90) << " P90):\n";
  TextTable t;
  t.add_column("stage", TextTable::Align::left);
  t.add_column("win rate");
  t.add_column("95% interval");
  t.add_column("closed");
  t.add_column("open now");
  t.add_column("open value");
  t.add_column("needed P50");
  t.add_column("needed P90");
  for (const LeadPlanStage& s : p.stages)
    t.add_row({s.stage, percent(s.conversion.value()), interval(s.conversion), count(s.conversion.trials),
               count(s.open_deals), thousands(s.open_amount), deals(s.needed.p50), deals(s.needed.p90)});
  t.print(out, "    ");
}

}  // namespace

void print_table(const LeadPlan& plan, const std::string& currency, std::ostream& out) {
  out << "Lead plan for " << plan.period.label << " (" << format_day(plan.period.first) << ".."
      << format_day(plan.period.last) << ") as of " << format_day(plan.as_of) << '\n';
  out << "  " << to_string(plan.status) << ": " << plan.message << "\n\n";
  print_position(plan, currency, out);
  print_history(plan, currency, out);
  if (plan.status == LeadPlanStatus::period_over || plan.status == LeadPlanStatus::no_history) return;
  print_needs(plan, out);
  for (const LeadPlanPipeline& p : plan.pipelines) print_pipeline(p, currency, out);
}

}  // namespace pipecast::cli
