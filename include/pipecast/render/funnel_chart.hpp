/// @file
/// A funnel: one centred bar per step, as wide as the number of deals that
/// reached it, with the conversion to the next step written between steps.
#pragma once

#include <string>
#include <vector>

namespace pipecast::render {

/// One step of a funnel chart.
struct FunnelChartStep {
  std::string label;        ///< the stage
  double value = 0.0;       ///< deals that reached it (>= 0)
  std::string value_label;  ///< right of the bar, e.g. "1,234 deals · $4.5M"
  std::string note;         ///< under the step, e.g. "62.0% go on to Propose"; "" for none
};

/// What a funnel chart shows.
struct FunnelChartSpec {
  std::string title;                   ///< the accessible name
  std::vector<FunnelChartStep> steps;  ///< first to last
  double width = 960;                  ///< of the viewBox; the height follows from the steps
};

/// The chart as an `<svg>` element; with no steps, a small "No data" chart.
std::string funnel_chart(const FunnelChartSpec& spec);

}  // namespace pipecast::render
