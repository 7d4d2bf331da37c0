#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/forecast_views.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"

#include <cmath>

namespace pipecast::render::sections {
namespace {

// A column of the page's table: one cell of each period's row of
// `component` in the forecast table, written as `view` says.
struct PeriodColumn {
  ColumnView view;
  const char* component;
};

// Where the expected bookings come from: each part's column, shown when the
// forecast knows it for some period.
const PeriodColumn kParts[] = {{ColumnView("expected", "already won", Shown::money), "closed"},
                               {ColumnView("expected", "from open deals", Shown::money), "pipeline"},
                               {ColumnView("expected", "from new deals", Shown::money), "new"}};

double forecast_number(const ResultTable& t, std::size_t row, const char* column) { return t.column(column).numbers[row]; }

// One row a period: its total's figures, its actual when it is over, and
// the parts of its expected bookings; every cell at its row of the table.
std::string table(const ForecastFan& fan, const std::vector<std::string>& periods, const CellStyle& style) {
  const ResultTable& t = fan.table;
  const std::vector<PeriodColumn> totals = {{ColumnView("expected", "expected", Shown::money), "total"},
                                            {ColumnView("p10", "P10", Shown::money), "total"},
                                            {ColumnView("p50", "P50", Shown::money), "total"},
                                            {ColumnView("p90", "P90", Shown::money), "total"}};
  std::vector<const PeriodColumn*> parts;
  for (const PeriodColumn& c : kParts)
    for (const std::string& p : periods)
      if (std::isfinite(forecast_number(t, forecast_row(t, p, c.component), "expected"))) {
        parts.push_back(&c);
        break;
      }
  html::Table out;
  out.column("period", false);
  out.column("dates", false);
  for (const PeriodColumn& c : totals) out.column(heading(c.view, style));
  out.column("actual");
  for (const PeriodColumn* c : parts) out.column(heading(c->view, style));
  const auto figure = [&](const PeriodColumn& c, const std::string& period) {
    return html::html_cell(
        html::table_figure(t, c.view, forecast_row(t, period, c.component), style, kForecastDocument), true);
  };
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const std::size_t total = forecast_row(t, periods[i], "total");
    std::vector<html::Cell> row{
        html::html_cell(html::table_figure(t, ColumnView("period"), total, style, kForecastDocument), false),
        html::cell(cell_text(t, ColumnView("period_start"), total, style) + " \u2013 " +
                   cell_text(t, ColumnView("period_end"), total, style))};
    for (const PeriodColumn& c : totals) row.push_back(figure(c, periods[i]));
    const std::optional<double> actual = i < fan.actuals.size() ? fan.actuals[i] : std::nullopt;
    row.push_back(actual ? html::figure_cell(html::row_path(kForecastDocument, t, total, "actual"), *actual,
                                             format_money(*actual, style.currency))
                         : html::number_cell("not yet known"));
    for (const PeriodColumn* c : parts) row.push_back(figure(*c, periods[i]));
    out.row(std::move(row));
  }
  return out.html();
}

}  // namespace

std::string forecast(const HtmlReportInput& input) {
  if (!input.forecast || input.forecast->table.rows == 0)
    return html::section("forecast", "Forecast", html::empty_note(input.no_forecast_hint));
  const ForecastFan& fan = *input.forecast;
  const std::vector<std::string> periods = forecast_periods(fan.table);
  std::string body = whole_book_note(input.report, fan.whole_book, "forecast");
  body +=
      html::note("Model: " + fan.model + (fan.method.empty() ? "" : ". " + fan.method) +
                 ". Revenue expected to close in each period: 8 in 10 outcomes fall in the band from P10 "
                 "to P90; half fall below P50.");
  if (!fan.new_deals_unknown.empty())
    body += html::note("Deals not created yet are left out: " + fan.new_deals_unknown +
                       ". The figures count deals already won and deals open now only.");
  body += html::chart(forecast_chart(fan, input.report.currency).svg);
  body += table(fan, periods, CellStyle{input.report.currency});
  return html::section("forecast", "Forecast", body);
}

}  // namespace pipecast::render::sections
