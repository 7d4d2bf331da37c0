/// @file
/// Horizontal bars, one per row, each optionally with an interval whisker
/// (a win rate and its 95% interval; a median and its p90), and an optional
/// reference line (the overall rate the rows are compared with).
#pragma once

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pipecast::render {

/// One row of a bar chart.
struct BarRow {
  std::string label;        ///< left of the bar
  double value = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no bar (the row says so)
  double low = std::numeric_limits<double>::quiet_NaN();    ///< whisker; NaN on either end: none
  double high = std::numeric_limits<double>::quiet_NaN();   ///< whisker's other end
  std::string value_label;  ///< shown right of the plot; "" for the tick format of value
  std::string tooltip;      ///< shown on hover; "" for none
};

/// What a bar chart shows.
struct BarChartSpec {
  std::string title;       ///< the accessible name (and hover title)
  std::string axis_label;  ///< under the value axis, with its unit: "win rate", "days"
  std::vector<BarRow> rows;  ///< top to bottom
  /// Tick and default value labels; default: short numbers ("1.25M").
  std::function<std::string(double)> tick_format;
  /// A fixed axis end (1 for rates); default: from the data.
  std::optional<double> domain_high;
  std::optional<double> reference;  ///< a vertical dashed line across the rows
  std::string reference_label;      ///< its legend entry
  std::string bar_legend;           ///< legend entries, shown when not empty
  std::string whisker_legend;       ///< legend entry of the whiskers, shown when not empty
  bool alternate_colour = false;  ///< a second colour, to tell kinds of chart apart
  double width = 960;             ///< of the viewBox; the height follows from the rows
};

/// The chart as an `<svg>` element.  With no rows it is a small chart saying
/// "No data", still well formed.
std::string bar_chart(const BarChartSpec& spec);

}  // namespace pipecast::render
