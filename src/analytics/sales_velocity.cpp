#include "pipecast/analytics/sales_velocity.hpp"

#include <algorithm>

namespace pipecast {
namespace {

struct VelocityTally {
  std::size_t open = 0, won = 0, lost = 0;
  double won_amount = 0.0;
  double won_cycle_days = 0.0;
};

SalesVelocity segment_velocity(std::string segment, const VelocityTally& t) {
  SalesVelocity v;
  v.segment = std::move(segment);
  v.opportunities = t.open;
  v.win_rate = {t.won, t.won + t.lost};
  v.win_interval = v.win_rate.interval();
  if (t.won > 0) {
    const double won = static_cast<double>(t.won);
    v.average_won_amount = t.won_amount / won;
    v.average_cycle_days = t.won_cycle_days / won;
    // Same-day wins would divide by zero: a cycle is at least a day.
    v.value_per_day = static_cast<double>(t.open) * v.win_rate.value() * v.average_won_amount /
                      std::max(v.average_cycle_days, 1.0);
    v.value_per_30_days = 30.0 * v.value_per_day;
  } else if (t.lost > 0) {
    v.value_per_day = v.value_per_30_days = 0.0;  // nothing has ever been won
  }
  return v;
}

}  // namespace

SalesVelocityReport sales_velocity(const Scope& scope) {
  const Book& book = scope.book();
  const auto segment_codes = book.codes(Dimension::segment);
  std::vector<VelocityTally> by_segment(book.dictionary(Dimension::segment).size());
  VelocityTally all;
  for (std::size_t k : scope.deals()) {
    VelocityTally& t = by_segment[segment_codes[scope.view().deal(k)]];
    switch (scope.state(k)) {
      case StageKind::open:
        ++t.open, ++all.open;
        break;
      case StageKind::lost:
        ++t.lost, ++all.lost;
        break;
      case StageKind::won: {
        const double amount = scope.amount(k);
        const double cycle = static_cast<double>(scope.closed_on(k) - scope.created(k));
        ++t.won, ++all.won;
        t.won_amount += amount, all.won_amount += amount;
        t.won_cycle_days += cycle, all.won_cycle_days += cycle;
        break;
      }
    }
  }
  SalesVelocityReport report;
  report.as_of = scope.as_of();
  const Dictionary& names = book.dictionary(Dimension::segment);
  for (Code c = 0; c < by_segment.size(); ++c) {
    const VelocityTally& t = by_segment[c];
    if (t.open + t.won + t.lost > 0) report.segments.push_back(segment_velocity(names[c], t));
  }
  std::sort(report.segments.begin(), report.segments.end(),
            [](const SalesVelocity& a, const SalesVelocity& b) { return a.segment < b.segment; });
  report.total = segment_velocity("", all);
  return report;
}

}  // namespace pipecast
