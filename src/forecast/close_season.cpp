#include "pipecast/forecast/close_season.hpp"

#include "pipecast/forecast/close_timing.hpp"
#include "pipecast/forecast/training_set.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pipecast {
namespace {

const std::string kSeasonWon = "season.won";

// Months counted from year 0: year * 12 + month - 1.
std::int64_t month_of(const boost::gregorian::date& date) { return std::int64_t{date.year()} * 12 + date.month() - 1; }
std::int64_t month_of(Day day) { return month_of(to_date(day)); }

// The largest factor a file may carry: a month holding every close of its
// quarter has 3.
constexpr double kMaxFactor = 3.0;

}  // namespace

std::vector<double> CloseSeason::factors_from(Day start, std::size_t days) const {
  std::vector<double> out;
  out.reserve(days);
  // A month at a time: the calendar is asked once a month, not once a day.
  // Days past the calendar's last (no period holds them) count as 1.
  for (Day day = start; out.size() < days && day <= kLastDay;) {
    const auto date = to_date(day);
    const std::int64_t month = month_of(date);
    const auto run = std::min<std::size_t>(days - out.size(), static_cast<std::size_t>((date.end_of_month() - date).days()) + 1);
    out.insert(out.end(), run, factor[static_cast<std::size_t>(month % 3)]);
    day += static_cast<Day>(run);
  }
  out.resize(days, 1.0);
  return out;
}

TimingCurve CloseSeason::applied(const TimingCurve& curve, std::span<const double> day_factor) const {
  if (flat() || curve.cdf.empty()) return curve;
  if (day_factor.size() < curve.cdf.size()) throw std::invalid_argument("close season: fewer factors than days");
  // Each day's share of closes, scaled by its month's factor.
  std::vector<double> share(curve.cdf.size());
  double before = 0.0, scaled = 0.0;
  for (std::size_t d = 0; d < curve.cdf.size(); ++d) {
    share[d] = (curve.cdf[d] - before) * day_factor[d];
    before = curve.cdf[d];
    scaled += share[d];
  }
  if (!(scaled > 0.0)) return curve;
  // As many closes within the horizon as before: only their months move.
  const double rescale = curve.cdf.back() / scaled;
  TimingCurve out;
  out.cdf.resize(curve.cdf.size());
  double sum = 0.0;
  for (std::size_t d = 0; d < share.size(); ++d) {
    sum += share[d] * rescale;
    out.cdf[d] = std::min(sum, curve.cdf.back());
  }
  out.cdf.back() = curve.cdf.back();
  return out;
}

void CloseSeason::add_statistics(const Book& book, Day as_of, FitStatistics& stats) {
  // The complete months before T: the last is T's own when T is its last day.
  const std::int64_t last = (as_of >= kLastDay ? month_of(as_of) + 1 : month_of(as_of + 1)) - 1;
  const std::int64_t first = last - kMonths + 1;
  SumTable& won = stats.sums[kSeasonWon];
  // Every month of the window has a cell, a month without a win included.
  for (std::int64_t m = first; m <= last; ++m) won[static_cast<std::uint64_t>(m)];
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  for (std::size_t d = 0; d < outcomes.state.size(); ++d) {
    if (outcomes.state[d] != Outcome::won || outcomes.closed_on[d] == kNoDay || !(outcomes.amount[d] > 0.0)) continue;
    const std::int64_t m = month_of(outcomes.closed_on[d]);
    if (m >= first && m <= last) won[static_cast<std::uint64_t>(m)].add(outcomes.amount[d]);
  }
}

CloseSeason CloseSeason::from_statistics(const FitStatistics& stats) {
  const SumTable& won = stats.sum_table(kSeasonWon);
  if (won.size() > static_cast<std::size_t>(kMonths))
    throw std::invalid_argument("close season statistics: more months than the window holds");
  // The months from the first with a win: before it, the book had not begun.
  std::vector<std::pair<std::int64_t, double>> months;
  for (const auto& [m, sum] : won)
    if (!months.empty() || !sum.is_zero()) months.emplace_back(static_cast<std::int64_t>(m), sum.value());
  CloseSeason out;
  if (months.size() < static_cast<std::size_t>(kMinMonths)) return out;
  std::array<double, 3> total{}, count{};
  double all = 0.0;
  for (const auto& [m, amount] : months) {
    total[static_cast<std::size_t>(m % 3)] += amount;
    count[static_cast<std::size_t>(m % 3)] += 1.0;
    all += amount;
  }
  const double n = static_cast<double>(months.size()), mean = all / n;
  if (!(mean > 0.0)) return out;
  std::array<double, 3> group_mean{};
  double between = 0.0, within = 0.0;
  for (std::size_t c = 0; c < 3; ++c) {
    group_mean[c] = total[c] / count[c];
    between += count[c] * (group_mean[c] - mean) * (group_mean[c] - mean);
  }
  for (const auto& [m, amount] : months) {
    const double gap = amount - group_mean[static_cast<std::size_t>(m % 3)];
    within += gap * gap;
  }
  // One-way analysis of variance: F = (between / 2) / (within / (n - 3)).
  const double f = within > 0.0 ? (between / 2.0) / (within / (n - 3.0)) : (between > 0.0 ? 1e300 : 0.0);
  if (!(f > 1.0)) return out;
  const double shrink = 1.0 - 1.0 / f;
  for (std::size_t c = 0; c < 3; ++c) out.factor[c] = 1.0 + shrink * (group_mean[c] / mean - 1.0);
  // Their mean is 1 (a quarter closes as much as before), whatever rounding did.
  const double factor_mean = (out.factor[0] + out.factor[1] + out.factor[2]) / 3.0;
  for (double& x : out.factor) x /= factor_mean;
  return out;
}

CloseSeason CloseSeason::fit(const Book& book, Day as_of) {
  FitStatistics stats;
  add_statistics(book, as_of, stats);
  return from_statistics(stats);
}

std::string CloseSeason::flaw() const {
  double sum = 0.0;
  for (const double x : factor) {
    if (!(x >= 0.0 && x <= kMaxFactor)) return "close season: a factor out of range";
    sum += x;
  }
  if (std::abs(sum - 3.0) > 1e-9) return "close season: the factors' mean is not 1";
  return "";
}

}  // namespace pipecast
