#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"
#include "pipecast/render/report_views.hpp"

#include <algorithm>

namespace pipecast::render::sections {
namespace {

std::string strongest(const Report& r, const ResultTable& summary, const CellStyle& style) {
  const PatternReport& p = r.patterns;
  const std::string min_closed = html::table_figure(summary, ColumnView("min_closed"), 0, style, kReportDocument);
  if (p.positive.empty() && p.negative.empty())
    return "<p class=\"empty\">No value has at least " + min_closed +
           " closed deals (and as many in the rest of its field) to rank among the strongest patterns.</p>\n";
  const ResultTable top = report_table(r, "patterns_top");
  return "<h3>Strongest patterns</h3>\n<p class=\"note\">Values with at least " + min_closed +
         " closed deals, compared with the rest of their field (two-proportion z test), strongest first.</p>\n" +
         html::result_table(top, patterns_top_view(), all_rows(top), style, kReportDocument).html();
}

std::string lost_reasons(const Report& r, const CellStyle& style) {
  const ResultTable lost = report_table(r, "lost_reasons");
  return "<h3>Why deals were lost</h3>\n" +
         html::result_table(lost, lost_reasons_view(), all_rows(lost), style, kReportDocument).html();
}

}  // namespace

std::string win_rates(const Report& r) {
  const PatternReport& p = r.patterns;
  const ResultTable summary = report_table(r, "patterns_summary");
  const CellStyle style{r.currency};
  std::string body =
      "<p>Overall win rate " + html::table_figure(summary, ColumnView("win_rate"), 0, style, kReportDocument) +
      " over " + html::table_figure(summary, ColumnView("win_rate_trials"), 0, style, kReportDocument) +
      " deals closed by " + html::text(format_date(r.as_of)) +
      " (any close date). Bars: win rate of each value; whiskers: its 95% interval; dashed line: the "
      "overall rate. A whisker that crosses the line is no evidence of a difference.</p>\n";
  if (p.win_rate.trials == 0)
    return html::section("win-rates", "Win rate by dimension", body + html::empty_note("No closed deal yet."));
  body += strongest(r, summary, style);
  for (const PatternField& field : p.fields) {
    body += "<h3>By " + html::text(field.field) + "</h3>\n";
    if (field.values.empty()) {
      body += html::empty_note("No value.");
      continue;
    }
    const Chart chart = win_rate_chart(field, p.win_rate);
    body += html::chart(chart.svg, chart.note);
  }
  if (p.lost_reasons) body += lost_reasons(r, style);
  return html::section("win-rates", "Win rate by dimension", body);
}

}  // namespace pipecast::render::sections
