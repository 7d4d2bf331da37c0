#include "report_stalled_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

#include <algorithm>

namespace pipecast::cli {
namespace {

void print_thresholds(const StalledReport& report, std::ostream& out) {
  out << "Thresholds (days in stage before a deal counts as stalled)\n";
  TextTable t;
  t.add_column("pipeline", TextTable::Align::left);
  t.add_column("stage", TextTable::Align::left);
  t.add_column("days");
  t.add_column("from", TextTable::Align::left);
  t.add_column("stays");
  for (const StageThreshold& s : report.thresholds) {
    const char* from = s.source == ThresholdSource::user  ? "set by user"
                       : s.source == ThresholdSource::p90 ? "p90 of completed stays"
                                                          : "none (too few stays)";
    t.add_row({s.pipeline, s.name, thousands(s.days, 1), from, count(s.sample)});
  }
  t.print(out, "  ");
}

void print_deals(const StalledReport& report, const std::string& currency, std::ostream& out) {
  TextTable t;
  t.add_column("id", TextTable::Align::left);
  t.add_column("pipeline", TextTable::Align::left);
  t.add_column("stage", TextTable::Align::left);
  t.add_column("owner", TextTable::Align::left);
  t.add_column(currency.empty() ? "amount" : "amount (" + currency + ")");
  t.add_column("days in stage");
  t.add_column("threshold");
  t.add_column("close date", TextTable::Align::left);
  t.add_column("days overdue");
  t.add_column("flags", TextTable::Align::left);
  const std::size_t shown = std::min(report.deals.size(), kStalledRowsShown);
  for (std::size_t r = 0; r < shown; ++r) {
    const StalledDeal& d = report.deals[r];
    const std::string flags = d.stalled && d.overdue ? "stalled, overdue" : d.stalled ? "stalled" : "overdue";
    t.add_row({d.id, d.pipeline, d.stage, d.owner, thousands(d.amount), thousands(d.days_in_stage),
               thousands(d.threshold, 1), d.close_date == kNoDay ? "" : format_day(d.close_date),
               d.overdue ? thousands(d.days_overdue) : "", flags});
  }
  t.print(out, "  ");
  if (shown < report.deals.size())
    out << "  ... and " << count(report.deals.size() - shown) << " more (--format json lists them all)\n";
}

}  // namespace

void print_table(const StalledReport& report, const std::string& currency, std::ostream& out) {
  out << "Stalled and overdue deals as of " << format_day(report.as_of) << ": " << count(report.stalled)
      << " stalled (" << money(report.stalled_value, currency) << "), " << count(report.overdue)
      << " overdue (" << money(report.overdue_value, currency) << ")\n\n";
  print_thresholds(report, out);
  if (report.deals.empty()) return;
  out << '\n';
  print_deals(report, currency, out);
}

}  // namespace pipecast::cli
