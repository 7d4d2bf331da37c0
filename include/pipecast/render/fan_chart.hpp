/// @file
/// A forecast fan chart: per period, the P10..P90 band, the median (P50),
/// the expected value, and the actual outcome where it is known.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace pipecast::render {

/// One period of a fan chart.
struct FanPoint {
  std::string label;  ///< the period, e.g. "2024-Q3"
  double p10 = std::numeric_limits<double>::quiet_NaN();  ///< bottom of the band
  double p50 = std::numeric_limits<double>::quiet_NaN();  ///< the median line
  double p90 = std::numeric_limits<double>::quiet_NaN();  ///< top of the band
  double expected = std::numeric_limits<double>::quiet_NaN();  ///< the expected-value line
  double actual = std::numeric_limits<double>::quiet_NaN();  ///< NaN while not known
};

/// What a fan chart shows.
struct FanChartSpec {
  std::string title;                               ///< the accessible name
  std::string axis_label;                          ///< the value axis, with its unit: "revenue (USD)"
  std::vector<FanPoint> points;                    ///< oldest first
  std::function<std::string(double)> tick_format;  ///< default: short numbers
  double width = 960;                              ///< of the viewBox
  double height = 300;                             ///< of the viewBox
};

/// The chart as an `<svg>` element.  Periods sit side by side; the band and
/// lines join their centres and run flat to the outer edges, so a single
/// period still shows as a band with its lines.  A series with a NaN is
/// left out where it is NaN.  With no points, a small "No data" chart.
std::string fan_chart(const FanChartSpec& spec);

}  // namespace pipecast::render
