/// @file
/// Axes for the charts: round tick values that cover the data ("nice
/// ticks": steps of 1, 2, 2.5 or 5 times a power of ten) and the linear map
/// from data values to positions.
#pragma once

#include <vector>

namespace pipecast::render {

/// The ticks of an axis.
struct Ticks {
  double low = 0.0;   ///< the axis starts here (a multiple of step, <= the data)
  double high = 1.0;  ///< and ends here (a multiple of step, >= the data)
  double step = 0.2;  ///< 1, 2, 2.5 or 5 times a power of ten
  std::vector<double> values;  ///< low, low + step, ..., high
};

/// Ticks covering [low, high] with about `target` intervals (at least 2).
/// An empty or degenerate range (equal ends, NaN, infinities) gets a
/// sensible axis: [0, 1] for no data, [0, v] or [v, 0] around a single value
/// v, so a chart of one figure still has a scale.
Ticks nice_ticks(double low, double high, int target = 5);

/// Maps [domain_low, domain_high] onto [range_low, range_high] (either may
/// run backwards, as a y axis does on screen).
struct LinearScale {
  double domain_low = 0.0;   ///< the data value mapped to range_low
  double domain_high = 1.0;  ///< the data value mapped to range_high
  double range_low = 0.0;    ///< a position, e.g. in SVG user units
  double range_high = 1.0;   ///< likewise
  /// The position of `value` (extrapolated outside the domain; range_low
  /// for an empty domain).
  double operator()(double value) const;
};

}  // namespace pipecast::render
