#include "pipecast/forecast/close_timing.hpp"

#include "forecast/loaded_values.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

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

const std::string kTimingWeight = "timing.weight", kTimingRows = "timing.rows";

// A group's observations, as the estimator counts them: weights by outcome
// and day (past the horizon: censored at it), and how many.
struct Sample {
  std::vector<ExactSum> events;  // [cause][day]
  std::uint64_t rows = 0;
};

std::optional<TimingCurve> curve_of(const Sample& sample) {
  if (sample.rows < CloseTiming::kMinObservations) return std::nullopt;
  std::vector<double> events(sample.events.size(), 0.0);
  ExactSum total;
  for (std::size_t k = 0; k < events.size(); ++k) {
    events[k] = sample.events[k].value();
    total.add(sample.events[k]);
  }
  return won_timing(CumulativeIncidence::from_events(events, total.value(), sample.rows, 2,
                                                     CloseTiming::kHorizonDays));
}

}  // namespace

void CloseTiming::add_statistics(const TrainingSet& training, std::size_t stages, int half_life_days,
                                 FitStatistics& stats) {
  // Weighted by amount: a period forecast sums money, and big deals move at
  // their own pace (a curve of deal counts would book them too early).  A
  // deal without an amount still counts, as one unit.  Each weight goes to
  // its cell exactly, so that parts add up to the whole book bit for bit.
  const auto days = static_cast<std::size_t>(kHorizonDays) + 1;
  const std::size_t groups = 1 + stages * (1 + kBands);
  std::vector<ExactSum> cells(groups * 3 * days);
  std::vector<std::uint64_t> rows(groups, 0);
  for (std::size_t r = 0; r < training.size(); ++r) {
    const StageId s = training.rows.stage[r];
    const std::size_t band = days_in_stage_band(training.rows.days_in_stage[r]);
    const double weight = (training.rows.amount[r] > 0.0 ? training.rows.amount[r] : 1.0) *
                          recency_weight(half_life_days, training.as_of - training.snapshot[r]);
    const std::int32_t time = std::max(1, training.days_to_close[r]);
    const Outcome outcome = time > kHorizonDays ? Outcome::open : training.outcome[r];
    const std::size_t cause = outcome == Outcome::won ? kWon : outcome == Outcome::lost ? kLost : kCensored;
    const auto day = static_cast<std::size_t>(std::min(time, kHorizonDays));
    for (const std::size_t group : {std::size_t{0}, std::size_t{1} + s, 1 + stages + s * kBands + band}) {
      cells[(group * 3 + cause) * days + day].add(weight);
      ++rows[group];
    }
  }
  SumTable& weight_table = stats.sums[kTimingWeight];
  CountTable& row_table = stats.counts[kTimingRows];
  for (std::size_t group = 0; group < groups; ++group) {
    if (rows[group] == 0) continue;
    row_table[group] += rows[group];
    for (std::uint8_t cause = 0; cause < 3; ++cause)
      for (std::size_t day = 0; day < days; ++day)
        if (const ExactSum& cell = cells[(group * 3 + cause) * days + day]; !cell.is_zero())
          weight_table[table_key(static_cast<std::uint32_t>(group), cause, static_cast<std::uint32_t>(day))].add(cell);
  }
}

CloseTiming CloseTiming::fit(const Book& book, const TrainingSet& training, int half_life_days) {
  FitStatistics stats;
  add_statistics(training, book.stages().size(), half_life_days, stats);
  return from_statistics(StageTable::of(book), stats);
}

CloseTiming CloseTiming::from_statistics(const StageTable& table, const FitStatistics& stats) {
  CloseTiming out;
  out.stages_ = StageKeys::of(table.pipelines, table.stages);
  const std::size_t stages = table.stages.size();
  const auto days = static_cast<std::size_t>(kHorizonDays) + 1;
  const std::size_t groups = 1 + stages * (1 + kBands);
  std::vector<Sample> samples(groups);
  for (const auto& [group, n] : stats.count_table(kTimingRows)) {
    if (group >= groups) throw std::invalid_argument("close timing statistics: a group out of range");
    samples[group].rows = n;
  }
  for (const auto& [key, sum] : stats.sum_table(kTimingWeight)) {
    const TableKey k = split_key(key);
    if (k.a >= groups || k.b > 2 || k.c >= days)
      throw std::invalid_argument("close timing statistics: a cell out of range");
    Sample& sample = samples[k.a];
    if (sample.events.empty()) sample.events.resize(3 * days);
    sample.events[k.b * days + k.c].add(sum);
  }
  for (Sample& sample : samples)
    if (sample.events.empty()) sample.events.resize(3 * days);
  // Without any win in the history, a won deal is assumed to close in a month.
  TimingCurve fallback;
  fallback.cdf.assign(31, 0.0);
  fallback.cdf.back() = 1.0;
  out.curves_.push_back(curve_of(samples[0]).value_or(fallback));
  out.by_group_.assign(stages * kBands, 0);
  for (std::size_t s = 0; s < stages; ++s) {
    std::uint32_t stage_curve = 0;
    if (auto curve = curve_of(samples[1 + s])) {
      stage_curve = static_cast<std::uint32_t>(out.curves_.size());
      out.curves_.push_back(std::move(*curve));
    }
    for (std::size_t b = 0; b < kBands; ++b) {
      std::uint32_t index = stage_curve;
      if (auto curve = curve_of(samples[1 + stages + s * kBands + b])) {
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
