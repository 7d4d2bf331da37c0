#include "pipecast/forecast/pipeline_spread.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace pipecast {

namespace {

struct SnapshotSums {
  double expected = 0.0;  // sum of amount x q
  double booked = 0.0;    // sum of amount over the deals won within kSpreadDays
  double variance = 0.0;  // sum of amount^2 x q (1 - q): what independence explains
};

}  // namespace

double pipeline_dispersion(const WinModel& win, const CloseTiming& timing, const Book& book,
                           const TrainingSet& training) {
  std::vector<double> p(training.size());
  win.predict(book, training.rows, p);
  const std::vector<std::uint32_t> stage_map = timing.stages().map_to(book);
  std::map<Day, SnapshotSums> by_snapshot;
  for (std::size_t r = 0; r < training.size(); ++r) {
    const Day snapshot = training.snapshot[r];
    if (snapshot + kSpreadDays > training.as_of) continue;
    double within = 1.0;
    if (!timing.curves().empty()) {
      const StageId stage = training.rows.stage[r];
      const std::uint32_t s = stage < stage_map.size() ? stage_map[stage] : kUnknownStage;
      within = timing.curves()[timing.curve_for(s, training.rows.days_in_stage[r])].within(kSpreadDays);
    }
    // As FittedModel::score treats a probability that is not a number.
    const double q = (std::isfinite(p[r]) ? std::clamp(p[r], 0.0, 1.0) : 0.0) * within;
    const double amount = training.rows.amount[r];
    SnapshotSums& sums = by_snapshot[snapshot];
    sums.expected += amount * q;
    sums.variance += amount * amount * q * (1.0 - q);
    if (training.outcome[r] == Outcome::won && training.days_to_close[r] <= kSpreadDays) sums.booked += amount;
  }
  if (by_snapshot.size() < 2) return 0.0;
  double excess = 0.0, scale = 0.0;
  for (const auto& [day, s] : by_snapshot) {
    excess += (s.booked - s.expected) * (s.booked - s.expected) - s.variance;
    scale += s.expected * s.expected;
  }
  const double dispersion = scale > 0.0 ? excess / scale : 0.0;
  return std::isfinite(dispersion) ? std::max(0.0, dispersion) : 0.0;
}

}  // namespace pipecast
