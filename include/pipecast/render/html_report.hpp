/// @file
/// The pipeline report as one self-contained HTML page: headline figures,
/// then a section per part of the report, with SVG charts made here and
/// tables with numbers formatted for people.  No script, no network: the
/// CSS and the charts are inline, and a Content-Security-Policy forbids
/// anything else, so the page opens the same offline, in a mail, on paper.
///
/// Every key figure carries machine-readable markers:
///     <span data-figure="coverage.team.open_amount" data-value="1234567.5">$1,234,568</span>
/// data-figure is the figure's path in `pipecast report --format json` (dot
/// separated, array positions as numbers; paths starting with "lead_plan."
/// are in `pipecast plan --format json`, "forecast." in `pipecast forecast
/// --format json` (but forecast.forecast.N.actual, the won amount of a
/// period that is over), "movement." in `pipecast forecast --since DATE --format
/// json`, "backtest." in `pipecast backtest --format json`, "activities." in
/// `pipecast activities --format json`); data-value is the exact number (shortest form
/// that reads back the same double; "null" where the JSON has null).  Tests
/// compare the page with the JSON through them.
///
/// The forecast, its movement and the backtest come from engines that hand
/// their results over in the plain structs below, some holding the result's
/// tables (analytics/result_table.hpp), so this layer depends on nothing but
/// the analytics layer.  A section without data says so in
/// words (but the movement's, which is there only when asked for).
#pragma once

#include "pipecast/analytics/lead_plan.hpp"
#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/result_table.hpp"
#include "pipecast/analytics/worklist_tables.hpp"

#include <cstddef>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pipecast::render {

/// A revenue forecast for the report's forecast section.
struct ForecastFan {
  std::string model;                    ///< "markov", shown in the heading
  std::string method;                   ///< one sentence on how it was made, e.g. "Monte Carlo, 10,000 runs, seed 7"
  /// The forecast's "forecast" table (forecast_table(): per period, oldest
  /// first, the rows of its components closed, pipeline, new and total),
  /// as `pipecast forecast --format json` holds it under "forecast": the
  /// section's table, its chart and the headline's tile are drawn from it,
  /// each figure marked at forecast.forecast.ROW.COLUMN.
  ResultTable table;
  /// The won amount of each period of `table` that is over, in the
  /// table's order of periods (nullopt: not over, or not asked for); the
  /// table marks it at forecast.forecast.ROW.actual, ROW its total's row,
  /// a place the forecast's JSON does not have.
  std::vector<std::optional<double>> actuals;
  /// The day the actuals are as known at; the footer names it when it is
  /// after the report's as-of date (kNoDay: the as-of date).
  Day actuals_known_at = kNoDay;
  /// Made from every deal of the book, whatever the report's pipeline and
  /// filters: the section says so when the report has either.
  bool whole_book = false;
  /// Why deals not created yet are left out (Forecast::new_deals_unknown);
  /// "" when they are counted.
  std::string new_deals_unknown;
};

/// One bar of a forecast's waterfall: why it moved, by how much, and where
/// it stood after.
struct WaterfallBar {
  std::string label;     ///< the cause: "new deals", "won", ...
  double change = 0.0;   ///< its part of the movement
  double running = 0.0;  ///< the forecast after this bar and those before it
};

/// One deal that moved the forecast, as the movers table shows it.  Fields
/// of a day the deal was not open are NaN (kNoDay for dates).
struct WaterfallMover {
  std::string id;            ///< the deal's id
  std::string cause;         ///< its largest part of the change: "won", "slipped", ...
  double change = 0.0;       ///< its part of the forecast as of T less that as of the earlier day
  std::string stage_before;  ///< "" when it was not created yet
  std::string stage_after;   ///< its stage at T
  double probability_before = std::numeric_limits<double>::quiet_NaN();  ///< win probability while open then
  double probability_after = std::numeric_limits<double>::quiet_NaN();   ///< while open at T
  Day close_before = kNoDay;  ///< the expected close date then
  Day close_after = kNoDay;   ///< at T
};

/// What moved one period's forecast between an earlier day and the report's
/// date T, by the same model on both days (`pipecast forecast --since`).
struct ForecastWaterfall {
  std::string model;          ///< the model's name, as the forecast's
  Day since = kNoDay;         ///< the earlier day
  Day as_of = kNoDay;         ///< T
  std::string period_label;   ///< the period forecast on both days: "2024-Q4"
  Day period_first = kNoDay;  ///< its first day
  Day period_last = kNoDay;   ///< its last day
  double before = std::numeric_limits<double>::quiet_NaN();  ///< expected bookings as of `since`
  double after = std::numeric_limits<double>::quiet_NaN();   ///< as of T
  /// One per cause, in the waterfall's order: they sum to after - before.
  std::vector<WaterfallBar> bars;
  std::vector<WaterfallMover> movers;  ///< the deals that moved it most, largest change first
  std::size_t deals_moved = 0;         ///< how many deals moved it (movers are the first of them)
  /// Why deals not created yet are left out on both days; "" when counted.
  std::string new_deals_unknown;
  /// As ForecastFan::whole_book.
  bool whole_book = false;
};

/// A backtest for the report's backtest section.
struct BacktestTable {
  std::string description;  ///< e.g. "8 rolling origins, quarterly, 2022-Q1..2023-Q4"
  /// The backtest's "deal_summary", "summary" and "verdict" tables
  /// (backtest_tables.hpp), as `pipecast backtest --format json` holds
  /// them: the section shows each model's per-deal metrics of "won
  /// eventually" and its bookings' metrics of the first horizon through
  /// backtest_deal_view() and backtest_period_view(), each figure marked
  /// at backtest.TABLE.ROW.COLUMN, and the verdict's sentences.
  ResultTable deal_summary;
  ResultTable summary;  ///< as deal_summary, the "summary" table
  ResultTable verdict;  ///< as deal_summary, the "verdict" table
  /// The day the outcomes it is scored against are as known at; the footer
  /// names it when it is after the report's as-of date (kNoDay: the as-of date).
  Day scored_known_at = kNoDay;
  /// As ForecastFan::whole_book.
  bool whole_book = false;
};

/// Everything the HTML page shows.
struct HtmlReportInput {
  /// Everything else is optional: set the members wanted after this.
  explicit HtmlReportInput(const Report& r) : report(r) {}

  const Report& report;  ///< must outlive the input
  /// The lead plan for a revenue target in the report's period.
  std::optional<LeadPlan> lead_plan;
  std::optional<ForecastFan> forecast;     ///< the forecast section's content
  /// What moved the forecast since an earlier day; without one the section
  /// is left out (it is asked for, not expected).
  std::optional<ForecastWaterfall> movement;
  std::optional<BacktestTable> backtest;  ///< the backtest section's content
  /// Where the next hour goes: the worklist and the time split; without one
  /// (a book without activities) the section is left out.
  std::optional<ActivityPlan> activities;
  std::string title = "Pipeline report";  ///< the page's heading and title
  std::string subtitle;      ///< e.g. the data source
  std::string generated_by;  ///< e.g. "pipecast 0.1.0"
  // What the page says where a section has no data: the way to get it.

  /// Shown without a forecast.
  std::string no_forecast_hint = "No forecast in this report.";
  /// Shown without a backtest.
  std::string no_backtest_hint = "No backtest was run for this report.";
  /// Shown without a lead plan.
  std::string no_lead_plan_hint = "No lead plan: no revenue target for the period.";
};

/// The page, UTF-8.
std::string html_report(const HtmlReportInput& input);

/// Writes the page to `path` (through a temporary file renamed into place, so
/// a reader never sees half a report).  Throws std::runtime_error when it
/// cannot be written, naming the path.
void write_html_report(const HtmlReportInput& input, const std::filesystem::path& path);

}  // namespace pipecast::render
