#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/fan_chart.hpp"
#include "pipecast/render/human_format.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render::sections {
namespace {

using Component = double ForecastPeriod::*;

struct ComponentColumn {
  Component field;
  const char* title;
  const char* key;
};
// Keys as in `pipecast forecast --format json`, where the figures are checked.
constexpr ComponentColumn kComponents[] = {{&ForecastPeriod::already_won, "already won", "closed.expected"},
                                           {&ForecastPeriod::from_pipeline, "from open deals", "pipeline.expected"},
                                           {&ForecastPeriod::from_new, "from new deals", "new.expected"}};

// The period's label, marked like the "period" of each forecast JSON period.
html::Cell period_cell(const std::string& base, const std::string& label) {
  return html::html_cell("<span data-figure=\"" + html::text(base) + ".period\" data-value=\"" + html::text(label) +
                             "\">" + html::text(label) + "</span>",
                         false);
}

std::string chart(const ForecastFan& fan, const std::string& currency) {
  FanChartSpec spec;
  spec.title = "Revenue forecast by period (" + fan.model + "): P10 to P90 band, median, expected, actual";
  spec.axis_label = currency.empty() ? "revenue" : "revenue (" + currency + ")";
  spec.tick_format = [currency](double v) { return format_money_compact(v, currency); };
  for (const ForecastPeriod& p : fan.periods)
    spec.points.push_back({p.label, p.p10, p.p50, p.p90, p.expected, p.actual.value_or(std::nan(""))});
  return fan_chart(spec);
}

std::string table(const ForecastFan& fan, const std::string& currency) {
  html::Table t;
  t.column("period", false);
  t.column("dates", false);
  t.column("expected");
  t.column("P10");
  t.column("P50");
  t.column("P90");
  t.column("actual");
  std::vector<const ComponentColumn*> shown;
  for (const ComponentColumn& c : kComponents)
    if (std::any_of(fan.periods.begin(), fan.periods.end(),
                    [&](const ForecastPeriod& p) { return std::isfinite(p.*c.field); }))
      shown.push_back(&c), t.column(c.title);
  for (std::size_t i = 0; i < fan.periods.size(); ++i) {
    const ForecastPeriod& p = fan.periods[i];
    const std::string base = html::path("forecast.periods", i);
    const auto money = [&](const char* key, double v) {
      return html::figure_cell(base + "." + key, v, format_money(v, currency));
    };
    std::vector<html::Cell> row{period_cell(base, p.label),
                                html::cell(format_date(p.first) + " \u2013 " + format_date(p.last)),
                                money("total.expected", p.expected),
                                money("total.p10", p.p10),
                                money("total.p50", p.p50),
                                money("total.p90", p.p90),
                                p.actual ? money("actual", *p.actual) : html::number_cell("not yet known")};
    for (const ComponentColumn* c : shown) row.push_back(money(c->key, p.*c->field));
    t.row(std::move(row));
  }
  return t.html();
}

}  // namespace

std::string forecast(const HtmlReportInput& input) {
  if (!input.forecast || input.forecast->periods.empty())
    return html::section("forecast", "Forecast", html::empty_note(input.no_forecast_hint));
  const ForecastFan& fan = *input.forecast;
  std::string body = whole_book_note(input.report, fan.whole_book, "forecast");
  body +=
      html::note("Model: " + fan.model + (fan.method.empty() ? "" : ". " + fan.method) +
                 ". Revenue expected to close in each period: 8 in 10 outcomes fall in the band from P10 "
                 "to P90; half fall below P50.");
  if (!fan.new_deals_unknown.empty())
    body += html::note("Deals not created yet are left out: " + fan.new_deals_unknown +
                       ". The figures count deals already won and deals open now only.");
  body += html::chart(chart(fan, input.report.currency));
  body += table(fan, input.report.currency);
  return html::section("forecast", "Forecast", body);
}

}  // namespace pipecast::render::sections
