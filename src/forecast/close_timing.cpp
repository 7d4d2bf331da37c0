#include "pipecast/forecast/close_timing.hpp"

#include "forecast/loaded_values.hpp"

#include <algorithm>
#include <optional>

namespace pipecast {

double TimingCurve::within(int days) const {
  if (days < 0 || cdf.empty()) return days < 0 ? 0.0 : 1.0;
  return cdf[std::min(static_cast<std::size_t>(days), cdf.size() - 1)];
}

int TimingCurve::median() const {
  if (cdf.empty()) return 0;
  // Rounding in the curve must not push the median a day later.
  const auto it = std::lower_bound(cdf.begin(), cdf.end(), 0.5 * cdf.back() * (1.0 - 1e-12));
  return static_cast<int>(it - cdf.begin());
}

TimingCurve point_curve() { return TimingCurve{{1.0}}; }

std::optional<TimingCurve> won_timing(const CumulativeIncidence& incidence) {
  const int horizon = incidence.horizon();
  const double won = incidence.incidence(1, horizon);
  if (!(won > 0.0)) return std::nullopt;
  // The deals still open when the history ends (the survival left at the
  // horizon) are not assumed to close: a deal that lingers where others
  // like it lingered is not booked next month.  Whether a deal closes is
  // taken to say nothing about whether it is won.
  const double closes = std::clamp(1.0 - incidence.survival(horizon), 0.0, 1.0);
  TimingCurve curve;
  curve.cdf.resize(static_cast<std::size_t>(horizon) + 1);
  for (int d = 0; d <= horizon; ++d)
    curve.cdf[static_cast<std::size_t>(d)] = std::min(1.0, incidence.incidence(1, d) / won) * closes;
  curve.cdf.back() = closes;
  return curve;
}

std::size_t days_in_stage_band(int days_in_stage) {
  std::size_t band = 0;
  while (band < CloseTiming::kBandEdges.size() && days_in_stage > CloseTiming::kBandEdges[band]) ++band;
  return band;
}

namespace {

constexpr std::uint8_t kWon = 1, kLost = 2;

// Weighted by amount: a period forecast sums money, and big deals move at
// their own pace (a curve of deal counts would book them too early).  A deal
// without an amount still counts, as one unit.
struct Sample {
  std::vector<std::int32_t> time;
  std::vector<std::uint8_t> cause;
  std::vector<double> weight;
  void add(std::int32_t t, Outcome outcome, double amount) {
    time.push_back(std::max(1, t));
    cause.push_back(outcome == Outcome::won ? kWon : outcome == Outcome::lost ? kLost : kCensored);
    weight.push_back(amount > 0.0 ? amount : 1.0);
  }
  std::optional<TimingCurve> curve() const {
    if (time.size() < CloseTiming::kMinObservations) return std::nullopt;
    return won_timing(CumulativeIncidence::estimate(time, cause, weight, 2, CloseTiming::kHorizonDays));
  }
};

}  // namespace

CloseTiming CloseTiming::fit(const Book& book, const TrainingSet& training, int half_life_days) {
  CloseTiming out;
  out.stages_ = StageKeys::of(book);
  const std::size_t stages = book.stages().size();
  Sample all;
  std::vector<Sample> by_stage(stages), by_group(stages * kBands);
  for (std::size_t r = 0; r < training.size(); ++r) {
    const StageId s = training.rows.stage[r];
    const std::size_t band = days_in_stage_band(training.rows.days_in_stage[r]);
    const double amount = (training.rows.amount[r] > 0.0 ? training.rows.amount[r] : 1.0) *
                          recency_weight(half_life_days, training.as_of - training.snapshot[r]);
    all.add(training.days_to_close[r], training.outcome[r], amount);
    by_stage[s].add(training.days_to_close[r], training.outcome[r], amount);
    by_group[s * kBands + band].add(training.days_to_close[r], training.outcome[r], amount);
  }
  // Without any win in the history, a won deal is assumed to close in a month.
  TimingCurve fallback;
  fallback.cdf.assign(31, 0.0);
  fallback.cdf.back() = 1.0;
  out.curves_.push_back(all.curve().value_or(fallback));
  out.by_group_.assign(stages * kBands, 0);
  for (std::size_t s = 0; s < stages; ++s) {
    std::uint32_t stage_curve = 0;
    if (auto curve = by_stage[s].curve()) {
      stage_curve = static_cast<std::uint32_t>(out.curves_.size());
      out.curves_.push_back(std::move(*curve));
    }
    for (std::size_t b = 0; b < kBands; ++b) {
      std::uint32_t index = stage_curve;
      if (auto curve = by_group[s * kBands + b].curve()) {
        index = static_cast<std::uint32_t>(out.curves_.size());
        out.curves_.push_back(std::move(*curve));
      }
      out.by_group_[s * kBands + b] = index;
    }
  }
  return out;
}

std::uint32_t CloseTiming::curve_for(std::uint32_t stage, int days_in_stage) const {
  if (stage == kUnknownStage || stage >= stages_.size()) return 0;
  return by_group_[stage * kBands + days_in_stage_band(days_in_stage)];
}

std::string TimingCurve::flaw() const {
  if (cdf.empty() || cdf.size() > static_cast<std::size_t>(CloseTiming::kHorizonDays) + 1)
    return "timing curve: " + std::to_string(cdf.size()) + " days";
  if (!loaded::probabilities(cdf) || !std::is_sorted(cdf.begin(), cdf.end()))
    return "timing curve: not a distribution function";
  return "";
}

std::string CloseTiming::flaw() const {
  if (auto f = stages_.flaw(); !f.empty()) return "close timing: " + f;
  if (by_group_.size() != stages_.size() * kBands) return "close timing: groups do not match the stages";
  for (const std::uint32_t index : by_group_)
    if (index >= curves_.size()) return "close timing: a group names a curve that is not there";
  for (const TimingCurve& curve : curves_)
    if (auto f = curve.flaw(); !f.empty()) return "close timing: " + f;
  return "";
}

}  // namespace pipecast
