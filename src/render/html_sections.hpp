// One function per section of the HTML report, each in its own file
// (html_section_*.cpp); html_report.cpp puts them in order.  Internal.
#pragma once

#include "pipecast/render/html_report.hpp"

#include <string>
#include <string_view>

namespace pipecast::render::sections {

/// Where the report's tables are in `pipecast report --format json`, for the
/// figure markers (html::row_path).
inline constexpr std::string_view kReportDocument = "";
/// Where the forecast's tables are: `pipecast forecast --format json`, under
/// their names (the page's prefix "forecast." names that command).
inline constexpr std::string_view kForecastDocument = "forecast.";
/// Where the backtest's tables are: `pipecast backtest --format json`.
inline constexpr std::string_view kBacktestDocument = "backtest.";
/// Where the worklist's tables are: `pipecast activities --format json`.
inline constexpr std::string_view kActivitiesDocument = "activities.";

std::string headline(const HtmlReportInput& input);
std::string funnel(const Report& report);
std::string time_in_stage(const Report& report);
std::string forecast(const HtmlReportInput& input);
/// What moved the forecast since an earlier day; "" without a movement.
std::string movement(const HtmlReportInput& input);
/// Whether the page has that section.
bool has_movement(const HtmlReportInput& input);
std::string win_rates(const Report& report);
std::string stalled(const Report& report);
std::string coverage(const Report& report);
std::string sales_velocity(const Report& report);
std::string products(const Report& report);
std::string cross_sell(const Report& report);
std::string lead_plan(const HtmlReportInput& input);
std::string backtest(const HtmlReportInput& input);
/// Where the next hour goes (the worklist and the time split); "" without
/// them (a book without activities).
std::string activities(const HtmlReportInput& input);
/// Whether the page has that section.
bool has_activities(const HtmlReportInput& input);

/// "all pipelines" or "pipeline Sales", then ", segment = SMB" per filter.
std::string scope_text(const Report& report);
/// A note for a section made from the whole book (`whole_book`) in a report
/// narrowed by a pipeline or a filter: its figures are the whole company's.
/// Empty otherwise.
std::string whole_book_note(const Report& report, bool whole_book, std::string_view section);

/// Sections with their anchors and titles, for the table of contents.
struct Entry {
  const char* id;
  const char* title;
  /// Whether the page has the section (nullptr: always), so that no link
  /// leads nowhere.
  bool (*shown)(const HtmlReportInput&) = nullptr;
};
inline constexpr Entry kContents[] = {
    {"funnel", "Funnel"},
    {"time-in-stage", "Time in stage"},
    {"forecast", "Forecast"},
    {"movement", "What moved the forecast", &has_movement},
    {"win-rates", "Win rate by dimension"},
    {"stalled", "Stalled deals at risk"},
    {"coverage", "Coverage"},
    {"sales-velocity", "Sales velocity"},
    {"products", "Product potential"},
    {"lead-plan", "Lead plan"},
    {"cross-sell", "Cross-sell"},
    {"activities", "Where the next hour goes", &has_activities},
    {"backtest", "Backtest"},
};

}  // namespace pipecast::render::sections
