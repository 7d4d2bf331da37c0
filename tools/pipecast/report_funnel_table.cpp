#include "report_funnel_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {
namespace {

void print_steps(const ResultTable& steps, const PipelineFunnel& f, const std::string& currency, std::ostream& out) {
  out << f.name << ": " << count(f.deals) << " deals\n";
  view_table(steps, render::funnel_view(), render::rows_where(steps, "pipeline", f.name), text_style(currency))
      .print(out, "  ");
}

void print_cohorts(const FunnelReport& report, std::size_t slot, std::ostream& out) {
  const PipelineFunnel& head = report.pipelines[slot];
  out << head.name << " by creation cohort: deals reached\n";
  TextTable t;
  t.add_column("cohort", TextTable::Align::left);
  for (const FunnelStep& s : head.steps) t.add_column(s.name);
  t.add_column("win rate");
  t.add_column("closed");
  for (const FunnelCohort& c : report.cohorts) {
    const PipelineFunnel& f = c.pipelines[slot];
    if (f.deals == 0) continue;
    std::vector<std::string> row{c.cohort.label};
    for (const FunnelStep& s : f.steps) row.push_back(count(s.reached));
    const Rate win = f.steps.empty() ? Rate{} : f.steps.front().to_won;
    row.push_back(percent(win.value()));
    row.push_back(count(win.trials));
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
}

}  // namespace

void print_funnel(const Report& full, const std::string& currency, std::ostream& out) {
  const FunnelReport& report = full.funnel;
  const ResultTable steps = report_table(full, "funnel");
  out << "Funnel as of " << format_day(report.as_of)
      << " (reached: entered the stage or a later one; to next: among deals decided there)\n";
  for (std::size_t slot = 0; slot < report.pipelines.size(); ++slot) {
    out << '\n';
    print_steps(steps, report.pipelines[slot], currency, out);
    if (report.cohorts.empty()) continue;
    out << '\n';
    print_cohorts(report, slot, out);
  }
}

}  // namespace pipecast::cli
