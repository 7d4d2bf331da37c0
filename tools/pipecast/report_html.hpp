// The HTML page of `report --html` and `demo --html`: what goes into it
// beside the report (the lead plan, the forecast and the backtest), and
// writing it.
#pragma once

#include "pipecast/analytics/report.hpp"
#include "pipecast/render/html_report.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace pipecast::cli {

/// The lead plan for the page: for `target` when given, else for the team's
/// quota of the report's period when the book has one; nullopt otherwise.
std::optional<LeadPlan> lead_plan_for_page(const Scope& scope, const Report& report, std::optional<double> target);

/// The forecast fan for the page: `model` fitted as of the scope's date,
/// bookings of the report's period (the next one when it is over) and the
/// three after it (10,000 futures, seed 1), as `pipecast forecast` makes
/// them; the actual bookings of periods over by the book's latest day (later
/// than the as-of date: the page's footer says so).  Fitted on the whole
/// book: the scope's pipeline and filters do not apply (the page says so).
render::ForecastFan forecast_for_page(const Scope& scope, const std::string& model);

/// The backtest table for the page: every default model backtested monthly
/// from `from` to `to` (horizon one month), one row per model, on the whole
/// book; its columns name their place in `pipecast backtest --format json`.
render::BacktestTable backtest_for_page(const Book& book, Day from, Day to);

/// The page's input with the CLI's wording: where a section has no data, the
/// hint names the option that would fill it.
render::HtmlReportInput page_input(const Report& report, std::optional<LeadPlan> plan, std::string subtitle,
                                   std::optional<render::ForecastFan> forecast = std::nullopt,
                                   std::optional<render::BacktestTable> backtest = std::nullopt);

/// Writes the page to `path` and says so on `log` ("wrote report.html, 212 KB").
void write_page(const render::HtmlReportInput& input, const std::string& path, std::ostream& log);

}  // namespace pipecast::cli
