#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::render::sections {

std::string coverage(const Report& r) {
  std::string body = html::note(
      "Quota for " + r.period.label +
      " (prorated by days), won in it, and the open pipeline expected to close in it, "
      "raw and weighted by stage probability. Coverage = open pipeline / what remains of the quota; below 1\u00d7 the "
      "open deals cannot make the quota even if all are won.");
  const ResultTable owners = report_table(r, "coverage");
  const std::vector<std::size_t> team = rows_where(owners, "owner", "*");
  body += html::result_table(owners, coverage_view(), all_rows(owners), CellStyle{r.currency}, kReportDocument,
                             [&team](std::size_t row) { return row == team.front() ? "total" : ""; })
              .html();
  if (owners.column("quota_source").texts[team.front()] == "none")
    body += html::note("No quota covers this period: add quotas.csv to see attainment and coverage.");
  return html::section("coverage", "Coverage against quota", body);
}

}  // namespace pipecast::render::sections
