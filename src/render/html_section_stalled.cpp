#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_views.hpp"

#include <algorithm>

namespace pipecast::render::sections {
namespace {

// The deals are sorted by value at risk: the first ones are the ones to call.
constexpr std::size_t kRowsShown = 20;

// The "stalled_summary" figures in the section's first sentence.
std::string stalled_totals(const Report& r, const CellStyle& style) {
  const ResultTable summary = report_table(r, "stalled_summary");
  const TableView view = stalled_summary_view();
  const auto figure = [&](std::string_view column) {
    const auto at = std::find_if(view.begin(), view.end(), [column](const ColumnView& c) { return c.column == column; });
    return html::table_figure(summary, *at, 0, style, kReportDocument);
  };
  return "<p>" + figure("stalled") + " open deals stalled (" + figure("stalled_value") + "), " + figure("overdue") +
         " overdue (" + figure("overdue_value") + ") as of " + html::text(format_date(r.as_of)) + ".</p>\n";
}

}  // namespace

std::string stalled(const Report& r) {
  const CellStyle style{r.currency};
  std::string body = stalled_totals(r, style);
  body += html::note(
      "Stalled: longer in its stage than the stage's threshold (the 90th percentile of completed stays, "
      "unless set with --stall-days). Overdue: expected close date before the as-of date.");
  const ResultTable thresholds = report_table(r, "stalled_thresholds");
  if (thresholds.rows > 0) {
    body += "<h3>Thresholds (days in stage before a deal counts as stalled)</h3>\n";
    body += html::result_table(thresholds, stalled_thresholds_view(), all_rows(thresholds), style, kReportDocument)
                .html("narrow");
  }
  const ResultTable deals = report_table(r, "stalled");
  if (deals.rows == 0)
    return html::section("stalled", "Stalled deals at risk", body + html::empty_note("No deal is stalled or overdue."));
  std::vector<std::size_t> rows = all_rows(deals);
  rows.resize(std::min(rows.size(), kRowsShown));
  body += "<h3>Flagged deals, largest amount first</h3>\n";
  body += html::result_table(deals, stalled_view(), rows, style, kReportDocument).html();
  if (rows.size() < deals.rows)
    body += html::note("The " + format_count(rows.size()) + " largest of " + format_count(deals.rows) +
                       " flagged deals; pipecast report --format json lists them all.");
  return html::section("stalled", "Stalled deals at risk", body);
}

}  // namespace pipecast::render::sections
