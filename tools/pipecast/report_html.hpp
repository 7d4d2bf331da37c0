// The HTML page of `report --html` and `demo --html`: what goes into it
// beside the report (the lead plan, the forecast, what moved it and the
// backtest), and writing it.
#pragma once

#include "pipecast/analytics/report.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/render/html_report.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace pipecast::cli {

/// The lead plan for the page: for `target` when given, else for the team's
/// quota of the report's period when the book has one; nullopt otherwise.
std::optional<LeadPlan> lead_plan_for_page(const Scope& scope, const Report& report, std::optional<double> target);

/// The first period of the page's forecast: the report's period, or the
/// next one when it is over (it holds nothing left to forecast).
Period first_forecast_period(const Scope& scope);

/// The model of the page's forecast: `name` fitted as of the scope's date,
/// on the whole book.
FittedModel model_for_page(const Scope& scope, const std::string& name);

/// The forecast fan for the page: by `model` (model_for_page), bookings of
/// first_forecast_period and the three after it (10,000 futures, seed 1), as
/// `pipecast forecast` makes them; the actual bookings of periods over by
/// the book's latest day (later than the as-of date: the page's footer says
/// so).  On the whole book: the scope's pipeline and filters do not apply
/// (the page says so).
render::ForecastFan forecast_for_page(const Scope& scope, const FittedModel& model);
/// The same with the model named `model`, fitted here.
render::ForecastFan forecast_for_page(const Scope& scope, const std::string& model);

/// What moved the forecast of first_forecast_period from `since` to the
/// scope's date, by `model` on both days, as `pipecast forecast --since`
/// makes it, with its 10 largest movers.  Throws std::invalid_argument as
/// forecast_movement() does (a `since` not before the scope's date, or
/// before the book's first record).
render::ForecastWaterfall movement_for_page(const Scope& scope, const FittedModel& model, Day since);

/// The backtest table for the page: every default model backtested monthly
/// from `from` to `to` (horizon one month), one row per model, on the whole
/// book; its columns name their place in `pipecast backtest --format json`.
render::BacktestTable backtest_for_page(const Book& book, Day from, Day to);

/// Where the next hour goes for the page: what worked, the worklist (5 deals
/// per owner) ranked with `model`'s win probabilities and the time split of
/// the last 365 days, as `pipecast activities` makes them; nullopt for a
/// book without activities (the page leaves the section out).
std::optional<ActivityPlan> activities_for_page(const Scope& scope, const FittedModel& model);

/// The page's input with the CLI's wording: where a section has no data, the
/// hint names the option that would fill it.
render::HtmlReportInput page_input(const Report& report, std::optional<LeadPlan> plan, std::string subtitle,
                                   std::optional<render::ForecastFan> forecast = std::nullopt,
                                   std::optional<render::BacktestTable> backtest = std::nullopt,
                                   std::optional<render::ForecastWaterfall> movement = std::nullopt,
                                   std::optional<ActivityPlan> activities = std::nullopt);

/// Writes the page to `path` and says so on `log` ("wrote report.html, 212 KB").
void write_page(const render::HtmlReportInput& input, const std::string& path, std::ostream& log);

}  // namespace pipecast::cli
