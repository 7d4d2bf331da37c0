#include "report_coverage_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

#include <string>
#include <string_view>

namespace pipecast::cli {
namespace {

// Where the team's quota comes from, as the table's quota_source says.
std::string_view team_quota_source(std::string_view source) {
  if (source == "team") return "team quota (*)";
  if (source == "sum_of_owners") return "sum of the owners' quotas";
  return "no quota";
}

}  // namespace

void print_coverage(const Report& report, const std::string& currency, std::ostream& out) {
  const CoverageReport& c = report.coverage;
  const ResultTable owners = report_table(report, "coverage");
  const std::size_t team = render::rows_where(owners, "owner", "*").front();
  out << "Coverage for " << c.period.label << " (" << format_day(c.period.first) << ".."
      << format_day(c.period.last) << ") as of " << format_day(c.as_of)
      << (currency.empty() ? "" : ", in " + currency) << "; team: "
      << team_quota_source(owners.column("quota_source").texts[team])
      << "\n  quotas prorated by days; open = deals open now expected to close in the period\n";
  const render::CellStyle style = text_style(currency);
  view_table(owners, render::coverage_view(), render::all_rows(owners), style).print(out, "  ");
  // What "open" leaves out: unknown is never a silent zero.
  const auto team_count = [&](const char* column) {
    return owners.column(column).integers[team] > 0 ? render::cell_text(owners, render::ColumnView(column), team, style)
                                                   : std::string();
  };
  if (const std::string blank = team_count("open_blank_amount"); !blank.empty())
    out << "  " << blank << " of the open deals have no amount: counted as 0\n";
  if (const std::string undated = team_count("open_no_close_date"); !undated.empty())
    out << "  " << undated << " open deals have no close date: they are in no period, so in none of the open figures\n";
}

}  // namespace pipecast::cli
