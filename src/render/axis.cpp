#include "pipecast/render/axis.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render {
namespace {

double nice_step(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 2.5, 5.0})
    if (raw <= factor * magnitude * (1 + 1e-9)) return factor * magnitude;
  return 10.0 * magnitude;
}

// Multiples of a step computed as i x step accumulate no error, but 0.1 x 3
// is still 0.30000000000000004: round to the step's own precision.
double snap(double value, double step) {
  const double digits = std::max(0.0, -std::floor(std::log10(step)) + 2);
  const double scale = std::pow(10.0, digits);
  const double snapped = std::round(value * scale) / scale;
  return snapped == 0.0 ? 0.0 : snapped;
}

}  // namespace

Ticks nice_ticks(double low, double high, int target) {
  if (!std::isfinite(low) || !std::isfinite(high)) {
    if (std::isfinite(low))
      high = low;
    else if (std::isfinite(high))
      low = high;
    else
      low = high = 0.0;
  }
  if (low > high) std::swap(low, high);
  if (low == high) {
    // One value: draw it against zero; zero alone: a unit axis.
    if (low > 0)
      low = 0;
    else if (high < 0)
      high = 0;
    else
      high = 1;
  }
  target = std::max(target, 2);
  Ticks t;
  t.step = nice_step((high - low) / target);
  const double first = std::floor(low / t.step + 1e-9);
  const double last = std::ceil(high / t.step - 1e-9);
  t.low = snap(first * t.step, t.step);
  t.high = snap(last * t.step, t.step);
  for (double i = first; i <= last + 0.5; ++i) t.values.push_back(snap(i * t.step, t.step));
  return t;
}

double LinearScale::operator()(double value) const {
  const double span = domain_high - domain_low;
  if (span == 0.0) return range_low;
  return range_low + (value - domain_low) / span * (range_high - range_low);
}

}  // namespace pipecast::render
