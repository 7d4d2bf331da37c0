// How every analytics result writes its common values to JSON: NaN as null,
// dates as YYYY-MM-DD, rates with their interval and sample.
#pragma once

#include "pipecast/analytics/statistics.hpp"
#include "pipecast/core/calendar.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace pipecast::json_values {

using Json = nlohmann::ordered_json;

inline Json number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

inline Json day(Day d) { return d == kNoDay ? Json(nullptr) : Json(format_day(d)); }

inline Json rate(const Rate& r) {
  const bool known = r.trials > 0;
  const Interval i = r.interval();
  return {{"value", number(r.value())},
          {"low", known ? Json(i.low) : Json(nullptr)},
          {"high", known ? Json(i.high) : Json(nullptr)},
          {"successes", r.successes},
          {"trials", r.trials}};
}

inline Json distribution(const Distribution& d) {
  return {{"count", d.count},
          {"mean", number(d.mean)},
          {"median", number(d.median)},
          {"p75", number(d.p75)},
          {"p90", number(d.p90)}};
}

inline Json period(const Period& p) {
  return {{"period", p.label}, {"first", day(p.first)}, {"last", day(p.last)}};
}

}  // namespace pipecast::json_values
