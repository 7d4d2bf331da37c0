#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/bar_chart.hpp"
#include "pipecast/render/human_format.hpp"

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

std::string strongest(const PatternReport& p) {
  if (p.positive.empty() && p.negative.empty())
    return html::empty_note(
        "No value has at least " + format_count(p.min_closed) +
        " closed deals (and as many in the rest of its field) to rank among the strongest patterns.");
  html::Table t;
  t.column("", false);
  t.column("field", false);
  t.column("value", false);
  t.column("win rate");
  t.column("closed");
  t.column("rest of field");
  t.column("difference");
  t.column("p");
  for (const auto& [list, key] :
       {std::pair{&p.positive, "patterns.positive"}, std::pair{&p.negative, "patterns.negative"}})
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Pattern& x = (*list)[i];
      t.row({html::cell(x.z > 0 ? "wins more" : "wins less"), html::cell(x.field), html::cell(shown(x.value)),
             html::figure_cell(html::path(key, i, "win_rate.value"), x.win_rate.value(),
                               format_percent(x.win_rate.value())),
             html::number_cell(format_count(x.win_rate.trials)),
             html::number_cell(format_percent(x.rest_win_rate.value())),
             html::figure_cell(html::path(key, i, "difference"), x.difference, format_points(x.difference)),
             html::number_cell(x.p_value < 0.001 ? "<0.001" : format_number(x.p_value, 3))});
    }
  return "<h3>Strongest patterns</h3>\n" +
         html::note("Values with at least " + format_count(p.min_closed) +
                    " closed deals, compared with the rest of their field (two-proportion z test), strongest first.") +
         t.html();
}

std::string lost_reasons(const LostReasons& lost, const std::string& currency) {
  html::Table t;
  t.column("reason", false);
  t.column("deals");
  t.column("share");
  t.column("value (" + currency + ")");
  t.column("share of value");
  for (std::size_t i = 0; i < lost.reasons.size(); ++i) {
    const LostReason& r = lost.reasons[i];
    t.row({html::cell(shown(r.reason)),
           html::figure_cell(html::path("patterns.lost_reasons.reasons", i, "deals"), r.deals, format_count(r.deals)),
           html::number_cell(format_percent(r.deal_share)), html::number_cell(format_number(r.amount)),
           html::number_cell(format_percent(r.amount_share))});
  }
  return "<h3>Why deals were lost</h3>\n" + t.html();
}

}  // namespace

std::string win_rates(const Report& r) {
  const PatternReport& p = r.patterns;
  std::string body = "<p>Overall win rate " +
                     html::figure("patterns.win_rate.value", p.win_rate.value(), format_percent(p.win_rate.value())) +
                     " over " +
                     html::figure("patterns.win_rate.trials", p.win_rate.trials, format_count(p.win_rate.trials)) +
                     " deals closed by " + html::text(format_date(r.as_of)) +
                     " (any close date). Bars: win rate of each value; whiskers: its 95% interval; dashed line: the "
                     "overall rate. A whisker that crosses the line is no evidence of a difference.</p>\n";
  if (p.win_rate.trials == 0)
    return html::section("win-rates", "Win rate by dimension", body + html::empty_note("No closed deal yet."));
  body += strongest(p);
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
  if (p.lost_reasons) body += lost_reasons(*p.lost_reasons, r.currency);
  return html::section("win-rates", "Win rate by dimension", body);
}

}  // namespace pipecast::render::sections
