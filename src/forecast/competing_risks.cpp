#include "pipecast/forecast/competing_risks.hpp"

#include "forecast/loaded_values.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pipecast {

CumulativeIncidence CumulativeIncidence::estimate(std::span<const std::int32_t> time,
                                                  std::span<const std::uint8_t> cause, int causes,
                                                  int horizon) {
  return estimate(time, cause, {}, causes, horizon);
}

CumulativeIncidence CumulativeIncidence::estimate(std::span<const std::int32_t> time,
                                                  std::span<const std::uint8_t> cause,
                                                  std::span<const double> weight, int causes,
                                                  int horizon) {
  if (!weight.empty() && weight.size() != time.size())
    throw std::invalid_argument("cumulative incidence: " + std::to_string(time.size()) +
                                " times but " + std::to_string(weight.size()) + " weights");
  if (time.size() != cause.size())
    throw std::invalid_argument("cumulative incidence: " + std::to_string(time.size()) +
                                " times but " + std::to_string(cause.size()) + " causes");
  if (causes < 1 || horizon < 0)
    throw std::invalid_argument("cumulative incidence: needs at least one cause and a horizon >= 0");
  const auto days = static_cast<std::size_t>(horizon) + 1;
  // events[c][t] for c = 0 (censored) .. causes.
  std::vector<double> events(static_cast<std::size_t>(causes + 1) * days, 0.0);
  double total_weight = 0.0;
  for (std::size_t i = 0; i < time.size(); ++i) {
    if (cause[i] > causes)
      throw std::invalid_argument("cumulative incidence: cause " + std::to_string(cause[i]) +
                                  " is above " + std::to_string(causes));
    const double w = weight.empty() ? 1.0 : weight[i];
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("cumulative incidence: weight " + std::to_string(i) + " is not a finite number >= 0");
    int t = std::clamp(time[i], 0, horizon);
    const int c = time[i] > horizon ? 0 : cause[i];
    events[static_cast<std::size_t>(c) * days + static_cast<std::size_t>(t)] += w;
    total_weight += w;
  }
  return from_events(events, total_weight, time.size(), causes, horizon);
}

CumulativeIncidence CumulativeIncidence::from_events(std::span<const double> events, double total,
                                                     std::size_t observations, int causes, int horizon) {
  if (causes < 1 || horizon < 0)
    throw std::invalid_argument("cumulative incidence: needs at least one cause and a horizon >= 0");
  const auto days = static_cast<std::size_t>(horizon) + 1;
  if (events.size() != static_cast<std::size_t>(causes + 1) * days)
    throw std::invalid_argument("cumulative incidence: a table of " + std::to_string(events.size()) +
                                " events for " + std::to_string(causes) + " causes over " +
                                std::to_string(horizon) + " days");
  for (const double w : events)
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("cumulative incidence: an event weight that is not a finite number >= 0");
  CumulativeIncidence out;
  out.causes_ = causes;
  out.horizon_ = horizon;
  out.observations_ = observations;
  out.incidence_.assign(static_cast<std::size_t>(causes) * days, 0.0);
  out.survival_.assign(days, 1.0);
  // leaving[t] = all that stop waiting after day t.
  double at_risk = total;
  double alive = 1.0;  // S(t - 1)
  for (std::size_t t = 0; t < days; ++t) {
    double failed = 0.0;
    for (int c = 1; c <= causes; ++c) {
      const double d = events[static_cast<std::size_t>(c) * days + t];
      const double step = at_risk > 0 ? alive * d / at_risk : 0.0;
      const std::size_t at = static_cast<std::size_t>(c - 1) * days + t;
      out.incidence_[at] = (t > 0 ? out.incidence_[at - 1] : 0.0) + step;
      failed += d;
    }
    if (at_risk > 0) alive *= std::max(0.0, 1.0 - failed / at_risk);
    out.survival_[t] = alive;
    at_risk -= failed + events[t];  // events[t] is cause 0: censored after day t
  }
  return out;
}

double CumulativeIncidence::incidence(int cause, int day) const {
  if (cause < 1 || cause > causes_ || incidence_.empty()) return 0.0;
  const int t = std::clamp(day, 0, horizon_);
  return incidence_[static_cast<std::size_t>(cause - 1) * static_cast<std::size_t>(horizon_ + 1) +
                    static_cast<std::size_t>(t)];
}

double CumulativeIncidence::survival(int day) const {
  if (survival_.empty() || day < 0) return 1.0;
  return survival_[static_cast<std::size_t>(std::min(day, horizon_))];
}

std::string CumulativeIncidence::flaw() const {
  if (*this == CumulativeIncidence{}) return "";  // nothing estimated: every accessor copes
  // Bounds that keep the sizes below from overflowing; fits stay far inside.
  if (causes_ < 0 || causes_ > 255 || horizon_ < 0 || horizon_ > 100'000)
    return "cumulative incidence: " + std::to_string(causes_) + " causes over " +
           std::to_string(horizon_) + " days";
  const auto days = static_cast<std::size_t>(horizon_) + 1;
  if (survival_.size() != days || incidence_.size() != static_cast<std::size_t>(causes_) * days)
    return "cumulative incidence: tables do not match its horizon";
  if (!loaded::probabilities(survival_) || !loaded::probabilities(incidence_))
    return "cumulative incidence: a probability outside 0..1";
  return "";
}

}  // namespace pipecast
