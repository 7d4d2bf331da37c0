#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/bar_chart.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_views.hpp"

#include <algorithm>

namespace pipecast::render::sections {
namespace {

// A field with hundreds of values (accounts) would make a chart no one
// reads: the values with the most closed deals come first, so show those.
constexpr std::size_t kMaxValues = 12;

std::string shown(const std::string& value) { return value.empty() ? "(blank)" : value; }

std::string chart(const PatternField& field, const Rate& overall) {
  BarChartSpec spec;
  spec.title = "Win rate by " + field.field + " with 95% intervals";
  spec.axis_label = "win rate (won / closed)";
  spec.tick_format = [](double v) { return format_percent(v, 0); };
  spec.domain_high = 1.0;
  spec.reference = overall.value();
  spec.reference_label = "overall " + format_percent(overall.value());
  spec.bar_legend = "win rate";
  spec.whisker_legend = "95% interval";
  spec.alternate_colour = true;
  const std::size_t n = std::min(field.values.size(), kMaxValues);
  for (std::size_t i = 0; i < n; ++i) {
    const PatternValue& v = field.values[i];
    const Interval ci = v.win_rate.interval();
    const bool known = v.closed() > 0;
    spec.rows.push_back(
        {shown(v.value), v.win_rate.value(), known ? ci.low : std::nan(""), known ? ci.high : std::nan(""),
         known ? format_percent(v.win_rate.value()) + " of " + format_count(v.closed()) : "no closed deal",
         format_count(v.won()) + " won, " + format_count(v.lost()) + " lost, " + format_count(v.open) + " open"});
  }
  return bar_chart(spec);
}

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
    const std::string more = field.values.size() > kMaxValues
                                 ? "The " + format_count(kMaxValues) + " values with the most closed deals, of " +
                                       format_count(field.values.size()) + "."
                                 : "";
    body += html::chart(chart(field, p.win_rate), more);
  }
  if (p.lost_reasons) body += lost_reasons(r, style);
  return html::section("win-rates", "Win rate by dimension", body);
}

}  // namespace pipecast::render::sections
