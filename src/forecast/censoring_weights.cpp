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

// The longest window a model file or the statistics may give: a century of
// history, far beyond any lookback, and small enough that a stage's events
// (3 x days doubles) stay small.
constexpr int kMaxWindowDays = 36'600;
// The most weights statistics may ask for (stages x 2 x windows): 128 MB,
// thousands of times what a fit makes.
constexpr std::size_t kMaxWeights = std::size_t{1} << 24;

}  // namespace

void CensoringWeights::add_statistics(const TrainingSet& training, FitStatistics& stats) {
  if (training.size() == 0) return;
  // Counted in dense arrays over the stages the rows are in, then written to
  // the tables: a map's insert per row was a percent of a backtest.
  std::vector<std::uint32_t> slot;  // by StageId: its place among the stages seen, or none
  std::vector<StageId> seen;
  constexpr std::uint32_t kNone = 0xffffffffu;
  int days = 0, windows = 0;
  for (std::size_t r = 0; r < training.size(); ++r) {
    const StageId stage = training.rows.stage[r];
    if (stage >= slot.size()) slot.resize(std::size_t{stage} + 1, kNone);
    if (slot[stage] == kNone) {
      slot[stage] = static_cast<std::uint32_t>(seen.size());
      seen.push_back(stage);
    }
    days = std::max(days, training.days_to_close[r]);
    windows = std::max(windows, training.as_of - training.snapshot[r]);
  }
  const auto day_count = static_cast<std::size_t>(days) + 1;
  std::vector<std::uint64_t> events(seen.size() * 3 * day_count, 0), rows(static_cast<std::size_t>(windows) + 1, 0);
  for (std::size_t r = 0; r < training.size(); ++r) {
    const auto day = static_cast<std::size_t>(std::max(0, training.days_to_close[r]));
    ++events[(std::size_t{slot[training.rows.stage[r]]} * 3 + cause_of(training.outcome[r])) * day_count + day];
    ++rows[static_cast<std::size_t>(std::max(0, training.as_of - training.snapshot[r]))];
  }
  CountTable& event_table = stats.counts[kEvents];
  for (std::size_t k = 0; k < events.size(); ++k)
    if (events[k] > 0) {
      const StageId stage = seen[k / (3 * day_count)];
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
  if (out.windows_.size() > kMaxWeights / 2 / std::max<std::size_t>(1, stages))
    throw std::invalid_argument("censoring statistics: more stages and windows than a fit makes");
  const int horizon = out.windows_.back();
  const auto days = static_cast<std::size_t>(horizon) + 1;
  out.weights_.assign(stages * 2 * out.windows_.size(), 1.0);
  // The table is in key order, stage by stage: each stage's events are
  // gathered, then turned into its weights.
  const CountTable& table = stats.count_table(kEvents);
  std::vector<double> events(3 * days);  // [cause][day], a day past the longest window counted on it
  for (auto at = table.begin(); at != table.end();) {
    const std::uint32_t stage = split_key(at->first).a;
    if (stage >= stages) throw std::invalid_argument("censoring statistics: a stage out of range");
    std::fill(events.begin(), events.end(), 0.0);
    double total = 0.0;
    for (; at != table.end() && split_key(at->first).a == stage; ++at) {
      const TableKey k = split_key(at->first);
      if (k.b > 2) throw std::invalid_argument("censoring statistics: an outcome out of range");
      events[k.b * days + std::min<std::size_t>(k.c, days - 1)] += static_cast<double>(at->second);
      total += static_cast<double>(at->second);
    }
    const auto incidence =
        CumulativeIncidence::from_events(events, total, static_cast<std::size_t>(total), 2, horizon);
    for (int cause = 1; cause <= 2; ++cause) {
      const double all = incidence.incidence(cause, horizon);
      if (!(all > 0.0)) continue;
      for (std::size_t k = 0; k < out.windows_.size(); ++k) {
        const double share = incidence.incidence(cause, out.windows_[k]) / all;
        out.weights_[(std::size_t{stage} * 2 + static_cast<std::size_t>(cause - 1)) * out.windows_.size() + k] =
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
