// What moved the forecast since an earlier day: the waterfall of `pipecast
// forecast --since` for one period, and the deals that moved it most.  Its
// figures are marked "movement." + their place in that command's JSON, where
// the period's rows of the "movement" table are "before" (0), one per cause
// (1..), and "after" (last).
#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"
#include "pipecast/render/waterfall_chart.hpp"

#include <algorithm>

namespace pipecast::render::sections {
namespace {

std::string row_path(std::size_t row, std::string_view key) { return html::path("movement.movement", row, key); }
std::size_t after_row(const ForecastWaterfall& m) { return m.bars.size() + 1; }

// "+$1,234" for a rise: a change says which way it went, not only by colour.
std::string signed_money(double value, const std::string& currency) {
  const std::string text = format_money(value, currency);
  return value > 0 && text != format_money(0.0, currency) ? "+" + text : text;
}

// A change's figure, coloured by its direction.
std::string change_figure(std::string_view path, double change, const std::string& currency) {
  const std::string figure = html::figure(path, change, signed_money(change, currency));
  if (change == 0) return figure;
  return std::string(change > 0 ? "<span class=\"up\">" : "<span class=\"down\">") + figure + "</span>";
}

std::string day_figure(std::string_view path, Day day) {
  return html::text_figure(path, format_day(day), format_date(day));
}

std::string since_label(const ForecastWaterfall& m) { return "as of " + format_date(m.since); }
std::string as_of_label(const ForecastWaterfall& m) { return "as of " + format_date(m.as_of); }

std::string sentence(const ForecastWaterfall& m, const std::string& currency) {
  return "<p>Expected bookings of " + html::text(m.period_label) + " (" +
         day_figure("movement.movement.0.period_start", m.period_first) + " \u2013 " +
         day_figure("movement.movement.0.period_end", m.period_last) + "), from the forecast as of " +
         day_figure("movement.since", m.since) + " (" +
         html::figure(row_path(0, "change"), m.before, format_money(m.before, currency)) +
         ") to the forecast as of " + day_figure("movement.as_of", m.as_of) + " (" +
         html::figure(row_path(after_row(m), "change"), m.after, format_money(m.after, currency)) +
         "), by the same model (" + html::text_figure("movement.model", m.model, m.model) +
         "), so the bars are the deals\u2019 movement, not a refit.</p>\n";
}

std::string chart(const ForecastWaterfall& m, const std::string& currency) {
  WaterfallChartSpec spec;
  spec.title = "What moved the forecast of " + m.period_label + " from " + format_date(m.since) + " to " +
               format_date(m.as_of) + " (" + m.model + ")";
  spec.axis_label = currency.empty() ? "bookings" : "bookings (" + currency + ")";
  spec.tick_format = [currency](double v) { return format_money_compact(v, currency); };
  spec.total_legend = "forecast";
  spec.up_legend = "raised it";
  spec.down_legend = "lowered it";
  // The dates go under "as of" when the label is too wide for its bar.
  spec.steps.push_back({"as of\n" + format_date(m.since), m.before, true, ""});
  for (const WaterfallBar& b : m.bars) spec.steps.push_back({b.label, b.change, false, ""});
  spec.steps.push_back({"as of\n" + format_date(m.as_of), m.after, true, ""});
  spec.description = "Expected bookings of " + m.period_label + ": " + format_money(m.before, currency) + " " +
                     since_label(m);
  for (const WaterfallBar& b : m.bars) spec.description += "; " + b.label + " " + signed_money(b.change, currency);
  spec.description += "; " + format_money(m.after, currency) + " " + as_of_label(m) + ".";
  return waterfall_chart(spec);
}

// The chart's bars in figures: each cause's change and the forecast after it.
std::string bars_table(const ForecastWaterfall& m, const std::string& currency) {
  html::Table t;
  t.column("", false);
  t.column("change");
  t.column("forecast");
  const auto level = [&](std::size_t row, double value) {
    return html::figure_cell(row_path(row, "running"), value, format_money(value, currency));
  };
  t.row({html::cell(since_label(m)), html::cell(""), level(0, m.before)});
  for (std::size_t i = 0; i < m.bars.size(); ++i) {
    const WaterfallBar& b = m.bars[i];
    t.row({html::cell(b.label), html::html_cell(change_figure(row_path(i + 1, "change"), b.change, currency), true),
           level(i + 1, b.running)});
  }
  // The JSON's "after" row holds the level, not the net change: this one is the page's own.
  t.row({html::cell(as_of_label(m)), html::number_cell(signed_money(m.after - m.before, currency)),
         level(after_row(m), m.after)},
        "total");
  return t.html("narrow");
}

// "before -> after", or one value when it did not change.
std::string before_after(const std::string& before, const std::string& after) {
  return before == after ? after : before + " \u2192 " + after;
}

std::string probabilities(const WaterfallMover& d, const std::string& base) {
  return html::figure(base + ".win_probability_before", d.probability_before, format_percent(d.probability_before)) +
         " \u2192 " +
         html::figure(base + ".win_probability_after", d.probability_after, format_percent(d.probability_after));
}

std::string movers_table(const ForecastWaterfall& m, const std::string& currency) {
  html::Table t;
  t.column("deal", false);
  t.column("cause", false);
  t.column("change");
  t.column("stage", false);
  t.column("win probability", false);
  t.column("close date", false);
  for (std::size_t r = 0; r < m.movers.size(); ++r) {
    const WaterfallMover& d = m.movers[r];
    const std::string base = html::path("movement.movers", r);
    t.row({html::html_cell(html::text_figure(base + ".id", d.id, d.id)), html::cell(d.cause),
           html::html_cell(change_figure(base + ".change", d.change, currency), true),
           html::cell(before_after(d.stage_before.empty() ? "(new)" : d.stage_before, d.stage_after)),
           html::html_cell(probabilities(d, base)),
           html::cell(before_after(format_date(d.close_before), format_date(d.close_after)))});
  }
  return t.html();
}

std::string movers(const ForecastWaterfall& m, const std::string& currency) {
  if (m.movers.empty()) return html::note("No deal's part of the forecast changed.");
  return "<h3>The " + format_count(m.movers.size()) + " deals that moved it most (of " + format_count(m.deals_moved) +
         ")</h3>\n" + movers_table(m, currency);
}

}  // namespace

bool has_movement(const HtmlReportInput& input) { return input.movement.has_value(); }

std::string movement(const HtmlReportInput& input) {
  if (!has_movement(input)) return {};
  const ForecastWaterfall& m = *input.movement;
  const std::string& currency = input.report.currency;
  std::string body = whole_book_note(input.report, m.whole_book, "waterfall");
  body += sentence(m, currency);
  body += html::note("New deals: created since " + format_date(m.since) +
                     ", and the change in what deals not yet created are expected to bring. Won, lost: closed "
                     "since. Slipped, pulled in: an open deal's chance of closing within the period fell or rose "
                     "(its close date moved, or time passed). Amount, probability: of deals open on both days.");
  if (!m.new_deals_unknown.empty())
    body += html::note("Deals not yet created are left out on both days: " + m.new_deals_unknown + ".");
  body += html::chart(chart(m, currency));
  body += bars_table(m, currency);
  body += movers(m, currency);
  return html::section("movement", "What moved the forecast", body);
}

}  // namespace pipecast::render::sections
