#include "pipecast/forecast/censoring_weights.hpp"

#include "pipecast/forecast/competing_risks.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pipecast {
namespace {

const std::string kEvents = "censoring.events", kWindows = "censoring.windows";

constexpr std::uint8_t cause_of(Outcome outcome) {
  return outcome == Outcome::won ? 1 : outcome == Outcome::lost ? 2 : kCensored;
}

// The longest window a model file may give weights for: far beyond any
// lookback, and small enough that the tables below stay small.
constexpr int kMaxWindowDays = 100'000;

}  // namespace

void CensoringWeights::add_statistics(const TrainingSet& training, FitStatistics& stats) {
  if (training.size() == 0) return;
  // Counted in dense arrays, then written to the tables: a map's insert per
  // row was a percent of a backtest.
  std::uint32_t stages = 0;
  int days = 0, windows = 0;
  for (std::size_t r = 0; r < training.size(); ++r) {
    stages = std::max<std::uint32_t>(stages, training.rows.stage[r] + 1u);
    days = std::max(days, training.days_to_close[r]);
    windows = std::max(windows, training.as_of - training.snapshot[r]);
  }
  const auto day_count = static_cast<std::size_t>(days) + 1;
  std::vector<std::uint64_t> events(std::size_t{stages} * 3 * day_count, 0), rows(static_cast<std::size_t>(windows) + 1, 0);
  for (std::size_t r = 0; r < training.size(); ++r) {
    const auto day = static_cast<std::size_t>(std::max(0, training.days_to_close[r]));
    ++events[(std::size_t{training.rows.stage[r]} * 3 + cause_of(training.outcome[r])) * day_count + day];
    ++rows[static_cast<std::size_t>(std::max(0, training.as_of - training.snapshot[r]))];
  }
  CountTable& event_table = stats.counts[kEvents];
  for (std::size_t k = 0; k < events.size(); ++k)
    if (events[k] > 0) {
      const auto stage = static_cast<std::uint32_t>(k / (3 * day_count));
      const auto cause = static_cast<std::uint8_t>(k / day_count % 3);
      event_table[table_key(stage, cause, static_cast<std::uint32_t>(k % day_count))] += events[k];
    }
  CountTable& window_table = stats.counts[kWindows];
  for (std::size_t w = 0; w < rows.size(); ++w)
    if (rows[w] > 0) window_table[w] += rows[w];
}

CensoringWeights CensoringWeights::from_statistics(std::size_t stages, const FitStatistics& stats) {
  CensoringWeights out;
  for (const auto& [window, rows] : stats.count_table(kWindows)) {
    if (window > kMaxWindowDays) throw std::invalid_argument("censoring statistics: a window out of range");
    if (rows > 0) out.windows_.push_back(static_cast<int>(window));
  }
  if (out.windows_.empty()) return out;
  const int horizon = out.windows_.back();
  const auto days = static_cast<std::size_t>(horizon) + 1;
  // events[stage][cause][day], a day past the longest window counted on it
  std::vector<double> events(stages * 3 * days, 0.0), total(stages, 0.0);
  for (const auto& [key, n] : stats.count_table(kEvents)) {
    const TableKey k = split_key(key);
    if (k.a >= stages || k.b > 2) throw std::invalid_argument("censoring statistics: a stage or an outcome out of range");
    const std::size_t day = std::min<std::size_t>(k.c, static_cast<std::size_t>(horizon));
    events[(k.a * 3 + k.b) * days + day] += static_cast<double>(n);
    total[k.a] += static_cast<double>(n);
  }
  out.weights_.assign(stages * 2 * out.windows_.size(), 1.0);
  for (std::size_t s = 0; s < stages; ++s) {
    if (total[s] == 0.0) continue;
    const auto incidence = CumulativeIncidence::from_events(
        std::span(events).subspan(s * 3 * days, 3 * days), total[s], static_cast<std::size_t>(total[s]), 2, horizon);
    for (int cause = 1; cause <= 2; ++cause) {
      const double all = incidence.incidence(cause, horizon);
      if (!(all > 0.0)) continue;
      for (std::size_t k = 0; k < out.windows_.size(); ++k) {
        const double share = incidence.incidence(cause, out.windows_[k]) / all;
        out.weights_[(s * 2 + static_cast<std::size_t>(cause - 1)) * out.windows_.size() + k] =
            1.0 / std::clamp(share, kMinShare, 1.0);
      }
    }
  }
  return out;
}

double CensoringWeights::weight(std::uint32_t stage, Outcome outcome, int window_days) const {
  const std::size_t stages = windows_.empty() ? 0 : weights_.size() / (2 * windows_.size());
  if (outcome == Outcome::open || stage >= stages) return 1.0;
  const auto after = std::upper_bound(windows_.begin(), windows_.end(), window_days);
  const std::size_t k = after == windows_.begin() ? 0 : static_cast<std::size_t>(after - windows_.begin()) - 1;
  return weights_[(stage * 2 + (outcome == Outcome::lost ? 1 : 0)) * windows_.size() + k];
}

std::string CensoringWeights::flaw(std::size_t stages) const {
  if (windows_.empty() && weights_.empty()) return "";
  if (windows_.empty() || windows_.front() < 0 || windows_.back() > kMaxWindowDays ||
      std::adjacent_find(windows_.begin(), windows_.end(), std::greater_equal<>()) != windows_.end())
    return "logistic model: censoring weights whose windows are not ascending days";
  if (weights_.size() != stages * 2 * windows_.size())
    return "logistic model: censoring weights that do not match the stages and windows";
  if (!std::all_of(weights_.begin(), weights_.end(), [](double w) { return w >= 1.0 && w <= 1.0 / kMinShare; }))
    return "logistic model: a censoring weight outside 1.." + std::to_string(std::lround(1.0 / kMinShare));
  return "";
}

}  // namespace pipecast
