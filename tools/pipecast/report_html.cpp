#include "report_html.hpp"

#include "pipecast/analytics/activity_effects.hpp"
#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_tables.hpp"
#include "pipecast/forecast/activity_plan.hpp"
#include "pipecast/forecast/forecast_movement.hpp"
#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/render/human_format.hpp"

#include <algorithm>
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

Period first_forecast_period(const Scope& scope) {
  const Period p = scope.period();
  return p.last <= scope.as_of() ? next_period(p, scope.options().fiscal) : p;
}

FittedModel model_for_page(const Scope& scope, const std::string& name) {
  return fit_model(name, scope.book(), scope.as_of());
}

render::ForecastFan forecast_for_page(const Scope& scope, const std::string& model) {
  return forecast_for_page(scope, model_for_page(scope, model));
}

render::ForecastFan forecast_for_page(const Scope& scope, const FittedModel& model) {
  const Book& book = scope.book();
  ForecastOptions options;
  Period p = first_forecast_period(scope);
  for (int j = 0; j < 4; ++j, p = next_period(p, scope.options().fiscal)) options.periods.push_back(p);
  const Forecast forecast = forecast_periods(model, book, options);
  const Day latest = book.latest_day();
  render::ForecastFan fan;
  fan.model = model.name();
  fan.method = model.description() + "; " + render::format_count(forecast.trials) + " simulated futures";
  // Fitted and scored on every deal: the scope's pipeline and filters narrow
  // the report, not the model (the page says so).
  fan.whole_book = true;
  fan.actuals_known_at = latest;
  fan.new_deals_unknown = forecast.new_deals_unknown;
  fan.table = forecast_table(forecast);
  for (const PeriodForecast& f : forecast.periods)
    fan.actuals.push_back(f.period.last <= latest && f.period.last > scope.as_of()
                              ? std::optional<double>(won_amount(book, latest, f.period.first, f.period.last))
                              : std::nullopt);
  return fan;
}

namespace {

// How many of the deals that moved the forecast the page lists, as many as
// `pipecast forecast --since` does by default (--movers 10).
constexpr std::size_t kPageMovers = 10;

render::WaterfallMover mover_row(const Book& book, const DealMovement& d) {
  render::WaterfallMover row;
  row.id = std::string(book.ids()[d.deal]);
  row.cause = std::string(to_string(d.cause));
  row.change = d.change();
  // As the movers table has them: nothing of the earlier day for a deal
  // created after it.
  if (d.existed_before) row.stage_before = book.stages()[d.stage_before].name;
  row.stage_after = book.stages()[d.stage_after].name;
  row.probability_before = d.probability_before;
  row.probability_after = d.probability_after;
  row.close_before = d.existed_before ? d.close_before : kNoDay;
  row.close_after = d.close_after;
  return row;
}

}  // namespace

render::ForecastWaterfall movement_for_page(const Scope& scope, const FittedModel& model, Day since) {
  const Book& book = scope.book();
  const ForecastMovement movement =
      forecast_movement(model, book, since, scope.as_of(), {first_forecast_period(scope)});
  const PeriodMovement& p = movement.periods.front();
  render::ForecastWaterfall out;
  out.model = movement.model;
  out.since = movement.since;
  out.as_of = movement.as_of;
  out.period_label = p.period.label;
  out.period_first = p.period.first;
  out.period_last = p.period.last;
  out.before = p.before;
  out.after = p.after;
  // Added up in the order movement_table() does, so that each running total
  // is the JSON's to the last bit.
  double running = p.before;
  for (const MovementCause cause : kMovementCauses) {
    running += p[cause];
    out.bars.push_back({std::string(to_string(cause)), p[cause], running});
  }
  for (std::size_t r = 0; r < std::min(kPageMovers, p.deals.size()); ++r)
    out.movers.push_back(mover_row(book, p.deals[r]));
  out.deals_moved = p.deals.size();
  out.new_deals_unknown = movement.new_deals_unknown;
  out.whole_book = true;
  return out;
}

render::BacktestTable backtest_for_page(const Book& book, Day from, Day to) {
  render::BacktestTable table;
  BacktestOptions options;
  options.from = from;
  options.to = to;
  options.horizons = 1;
  const Backtest result = run_backtest(book, options);
  table.scored_known_at = result.latest_day;
  table.whole_book = true;
  table.description = "Monthly origins from " + format_day(from) + " to " + format_day(to) + " (" +
                      std::to_string(result.origins.size()) +
                      "); each model refitted at each origin forecasts the next month. "
                      "Per deal: won eventually. Per month: bookings.";
  // As `pipecast backtest --horizons 1 --format json` holds them.
  table.deal_summary = backtest_table(result, "deal_summary");
  table.summary = backtest_table(result, "summary");
  table.verdict = backtest_table(result, "verdict");
  return table;
}

std::optional<ActivityPlan> activities_for_page(const Scope& scope, const FittedModel& model) {
  if (scope.book().activities().size() == 0) return std::nullopt;
  return activity_plan(scope, activity_effects(scope), model);
}

render::HtmlReportInput page_input(const Report& report, std::optional<LeadPlan> plan, std::string subtitle,
                                   std::optional<render::ForecastFan> forecast,
                                   std::optional<render::BacktestTable> backtest,
                                   std::optional<render::ForecastWaterfall> movement,
                                   std::optional<ActivityPlan> activities) {
  render::HtmlReportInput input(report);
  input.lead_plan = std::move(plan);
  input.subtitle = std::move(subtitle);
  input.generated_by = "pipecast " PIPECAST_CLI_VERSION;
  input.forecast = std::move(forecast);
  input.movement = std::move(movement);
  input.backtest = std::move(backtest);
  input.activities = std::move(activities);
  input.no_forecast_hint = "No forecast: leave out --no-forecast to include one.";
  input.no_backtest_hint =
      "No backtest: add --backtest-from DATE --backtest-to DATE to compare the models on your own history.";
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
