#include "report_html.hpp"

#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <filesystem>

namespace pipecast::cli {

std::optional<LeadPlan> lead_plan_for_page(const Scope& scope, const Report& report, std::optional<double> target) {
  // A team's quota is the target it is measured against, so it is the
  // natural default; without one there is no honest number to plan for.
  if (!target && report.coverage.team.has_quota() && report.coverage.team.quota > 0)
    target = report.coverage.team.quota;
  if (!target) return std::nullopt;
  return lead_plan(scope, *target);
}

render::ForecastFan forecast_for_page(const Scope& scope, const std::string& model_name) {
  const Book& book = scope.book();
  const FittedModel model = fit_model(model_name, book, scope.as_of());
  ForecastOptions options;
  Period p = scope.period();
  for (int j = 0; j < 4; ++j, p = next_period(p, scope.options().fiscal)) options.periods.push_back(p);
  const Forecast forecast = forecast_periods(model, book, options);
  const Day latest = book.latest_day();
  render::ForecastFan fan;
  fan.model = model.name();
  fan.method = model.description() + "; " + std::to_string(forecast.trials) + " simulated futures";
  for (const PeriodForecast& f : forecast.periods) {
    render::ForecastPeriod period;
    period.label = f.period.label;
    period.first = f.period.first;
    period.last = f.period.last;
    const ComponentForecast& total = f[ForecastComponent::total];
    period.expected = total.expected;
    period.p10 = total.p10;
    period.p50 = total.p50;
    period.p90 = total.p90;
    if (f.period.last <= latest && f.period.last > scope.as_of())
      period.actual = won_amount(book, latest, f.period.first, f.period.last);
    period.already_won = f[ForecastComponent::closed].expected;
    period.from_pipeline = f[ForecastComponent::pipeline].expected;
    period.from_new = f[ForecastComponent::new_deals].expected;
    fan.periods.push_back(std::move(period));
  }
  return fan;
}

render::HtmlReportInput page_input(const Report& report, std::optional<LeadPlan> plan, std::string subtitle,
                                   std::optional<render::ForecastFan> forecast) {
  render::HtmlReportInput input(report);
  input.lead_plan = std::move(plan);
  input.subtitle = std::move(subtitle);
  input.generated_by = "pipecast " PIPECAST_CLI_VERSION;
  input.forecast = std::move(forecast);
  input.no_forecast_hint = "No forecast: leave out --no-forecast to include one.";
  input.no_backtest_hint =
      "No backtest on this page: run pipecast backtest DATA --from DATE --to DATE to compare the models on your history.";
  input.no_lead_plan_hint = "No lead plan: give a revenue target with --target AMOUNT, or a team quota (owner *) for " +
                            report.period.label + " in quotas.csv.";
  return input;
}

void write_page(const render::HtmlReportInput& input, const std::string& path, std::ostream& log) {
  render::write_html_report(input, path);
  const auto bytes = std::filesystem::file_size(path);
  log << "pipecast: wrote " << path << " (" << (bytes + 1023) / 1024 << " KB)\n";
}

}  // namespace pipecast::cli
