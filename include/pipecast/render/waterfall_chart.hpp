/// @file
/// A waterfall: how a total moved from one value to another, step by step.
/// Totals stand on zero; each change floats from the level the steps before
/// it reached to the new level, green when it raises it, red when it lowers
/// it, with a dashed line carrying the level from one bar to the next.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pipecast::render {

/// One bar of a waterfall chart.
struct WaterfallStep {
  /// Under the bar: "won", "as of\n1 Oct 2024" (a line break marks where it
  /// breaks when it does not fit one line; a space otherwise).
  std::string label;
  double value = 0.0;  ///< a change, or for a total the level itself (NaN or a zero change: no bar)
  bool total = false;  ///< a bar from 0 to value, and the level the next change starts from
  std::string value_label;  ///< beside the bar's end; "" for the tick format (changes with a sign)
};

/// What a waterfall chart shows.
struct WaterfallChartSpec {
  std::string title;        ///< the accessible name
  std::string description;  ///< the accessible description (its `desc`), e.g. the bars in words; "" for none
  std::string axis_label;   ///< the value axis, with its unit: "bookings (USD)"
  std::vector<WaterfallStep> steps;                ///< left to right
  std::function<std::string(double)> tick_format;  ///< default: short numbers
  // Legend entries, each shown when not empty.
  std::string total_legend = "total";   ///< of the totals
  std::string up_legend = "increase";   ///< of the changes that raise the level
  std::string down_legend = "decrease";  ///< of those that lower it
  double width = 960;   ///< of the viewBox
  double height = 320;  ///< of the viewBox
};

/// The chart as an `<svg>` element: bars side by side in the order given,
/// labels under them (on two lines when one is too narrow), values beside
/// each bar's end, and a hover title per bar.  With no steps, a small "No
/// data" chart.
std::string waterfall_chart(const WaterfallChartSpec& spec);

}  // namespace pipecast::render
