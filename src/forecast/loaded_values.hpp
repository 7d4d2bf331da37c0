// Checks for values read from a model file: what every flaw() of the
// forecast types tests.  A file is untrusted input; a model is used only
// when each of its parts is sound, so scoring can index without checks.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/core/calendar.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::loaded {

/// In 0..1, give or take rounding (sums of probabilities land a hair off);
/// false for NaN.
inline bool probability(double p) { return p >= -1e-9 && p <= 1.0 + 1e-9; }

inline bool probabilities(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), probability);
}

inline bool finite(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double x) { return std::isfinite(x); });
}

inline bool non_negative(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double x) { return std::isfinite(x) && x >= 0.0; });
}

/// Amounts as a book holds them: 0..kMaxAmount.
inline bool amounts(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double x) { return x >= 0.0 && x <= kMaxAmount; });
}

/// UTF-8: names and reasons from a file reach JSON and explanations.
inline bool text(std::string_view s) { return is_text(s); }

inline bool texts(const std::vector<std::string>& values) {
  return std::all_of(values.begin(), values.end(), [](const std::string& s) { return is_text(s); });
}

inline bool day_or_none(Day day) { return day == kNoDay || (day >= kFirstDay && day <= kLastDay); }

}  // namespace pipecast::loaded
