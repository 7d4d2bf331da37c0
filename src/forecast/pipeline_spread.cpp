#include "pipecast/forecast/pipeline_spread.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast {

namespace {
const std::string kSpreadExpected = "spread.expected", kSpreadVariance = "spread.variance", kSpreadBooked = "spread.booked";
}  // namespace

void add_spread_statistics(const WinModel& win, const CloseTiming& timing, const Book& book,
                           const TrainingSet& training, FitStatistics& stats) {
  std::vector<double> p(training.size());
  // Each row on its snapshot's day: a model that reads the activities must
  // see those logged by then, not by T.
  win.predict_on_days(book, training.rows, training.snapshot, p);
  const std::vector<std::uint32_t> stage_map = timing.stages().map_to(book);
  const std::vector<std::uint32_t> segment_map = timing.segment_map(book);
  const std::span<const Code> segment_of = book.codes(Dimension::segment);
  SumTable& expected = stats.sums[kSpreadExpected];
  SumTable& variance = stats.sums[kSpreadVariance];
  SumTable& booked = stats.sums[kSpreadBooked];
  // What the rows of one snapshot share, found again only when the
  // snapshot changes (the training set lists its rows snapshot by snapshot):
  // their sums, the rhythm of the days from it, and P(closed within
  // kSpreadDays | won) of each curve as a forecast made that day sees it
  // (NaN until a row asks).
  Day snapshot = kNoDay;
  ExactSum *snapshot_expected = nullptr, *snapshot_variance = nullptr, *snapshot_booked = nullptr;
  std::vector<double> factors, within_of_curve;
  const auto within_on = [&](std::uint32_t curve) {
    const TimingCurve& plain = timing.curves()[curve];
    if (timing.season().flat()) return plain.within(kSpreadDays);
    double& within = within_of_curve[curve];
    if (std::isnan(within)) {
      if (factors.empty())
        factors = timing.season().factors_from(snapshot, static_cast<std::size_t>(CloseTiming::kHorizonDays) + 1);
      within = timing.season().applied(plain, factors).within(kSpreadDays);
    }
    return within;
  };
  for (std::size_t r = 0; r < training.size(); ++r) {
    if (training.snapshot[r] + kSpreadDays > training.as_of) continue;
    if (training.snapshot[r] != snapshot) {
      snapshot = training.snapshot[r];
      const std::uint64_t key = day_key(snapshot);
      snapshot_expected = &expected[key];
      snapshot_variance = &variance[key];
      snapshot_booked = &booked[key];
      factors.clear();
      within_of_curve.assign(timing.curves().size(), std::numeric_limits<double>::quiet_NaN());
    }
    double within = 1.0;
    if (!timing.curves().empty()) {
      const StageId stage = training.rows.stage[r];
      const std::uint32_t s = stage < stage_map.size() ? stage_map[stage] : kUnknownStage;
      const std::uint32_t segment = segment_map[segment_of[training.rows.deal[r]]];
      within = within_on(timing.curve_for(s, training.rows.days_in_stage[r], segment));
    }
    // As FittedModel::score treats a probability that is not a number.
    const double q = (std::isfinite(p[r]) ? std::clamp(p[r], 0.0, 1.0) : 0.0) * within;
    const double amount = training.rows.amount[r];
    snapshot_expected->add(amount * q);
    snapshot_variance->add(amount * amount * q * (1.0 - q));
    snapshot_booked->add(training.outcome[r] == Outcome::won && training.days_to_close[r] <= kSpreadDays ? amount : 0.0);
  }
}

double pipeline_dispersion_from(const FitStatistics& stats) {
  const SumTable& expected = stats.sum_table(kSpreadExpected);
  const SumTable& variance = stats.sum_table(kSpreadVariance);
  const SumTable& booked = stats.sum_table(kSpreadBooked);
  if (expected.size() < 2) return 0.0;
  if (variance.size() != expected.size() || booked.size() != expected.size())
    throw std::invalid_argument("spread statistics: the snapshots' sums do not match");
  double excess = 0.0, scale = 0.0;
  for (auto e = expected.begin(), v = variance.begin(), b = booked.begin(); e != expected.end(); ++e, ++v, ++b) {
    if (v->first != e->first || b->first != e->first)
      throw std::invalid_argument("spread statistics: the snapshots' sums do not match");
    const double s_expected = e->second.value(), s_booked = b->second.value();
    excess += (s_booked - s_expected) * (s_booked - s_expected) - v->second.value();
    scale += s_expected * s_expected;
  }
  const double dispersion = scale > 0.0 ? excess / scale : 0.0;
  return std::isfinite(dispersion) ? std::max(0.0, dispersion) : 0.0;
}

double pipeline_dispersion(const WinModel& win, const CloseTiming& timing, const Book& book,
                           const TrainingSet& training) {
  FitStatistics stats;
  add_spread_statistics(win, timing, book, training, stats);
  return pipeline_dispersion_from(stats);
}

}  // namespace pipecast
