#include "report_coverage_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pipecast::cli {
namespace {

std::string ratio(double value) { return std::isnan(value) ? "-" : fmt::format("{:.2f}x", value); }

std::vector<std::string> row(const std::string& name, const CoverageRow& r) {
  const bool met = r.quota_met;
  return {name,
          r.has_quota() ? thousands(r.quota) : "no quota",
          thousands(r.won),
          count(r.won_deals),
          percent(r.attainment),
          thousands(r.remaining),
          count(r.open_deals),
          thousands(r.open_amount),
          thousands(r.weighted_amount),
          met ? "quota met" : ratio(r.coverage),
          met ? "quota met" : ratio(r.weighted_coverage)};
}

const char* team_source(TeamQuota source) {
  switch (source) {
    case TeamQuota::team: return "team quota (*)";
    case TeamQuota::sum_of_owners: return "sum of the owners' quotas";
    case TeamQuota::none: break;
  }
  return "no quota";
}

}  // namespace

void print_table(const CoverageReport& report, const std::string& currency, std::ostream& out) {
  out << "Coverage for " << report.period.label << " (" << format_day(report.period.first) << ".."
      << format_day(report.period.last) << ") as of " << format_day(report.as_of)
      << (currency.empty() ? "" : ", in " + currency) << "; team: " << team_source(report.team_quota)
      << "\n  quotas prorated by days; open = deals open now expected to close in the period\n";
  TextTable t;
  t.add_column("owner", TextTable::Align::left);
  t.add_column("quota");
  t.add_column("won");
  t.add_column("deals");
  t.add_column("attained");
  t.add_column("remaining");
  t.add_column("open deals");
  t.add_column("open");
  t.add_column("weighted");
  t.add_column("coverage");
  t.add_column("weighted cov.");
  t.add_row(row("team", report.team));
  for (const CoverageRow& r : report.owners) t.add_row(row(r.owner.empty() ? "(blank)" : r.owner, r));
  t.print(out, "  ");
  // What "open" leaves out: unknown is never a silent zero.
  if (report.team.open_blank_amount > 0)
    out << "  " << report.team.open_blank_amount << " of the open deals have no amount: counted as 0\n";
  if (report.team.open_no_close_date > 0)
    out << "  " << report.team.open_no_close_date
        << " open deals have no close date: they are in no period, so in none of the open figures\n";
}

}  // namespace pipecast::cli
