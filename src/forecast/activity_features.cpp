#include "pipecast/forecast/activity_features.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast {

DealActivity scan_deal_activities(const Activities& activities, DealIndex deal, Day day,
                                  std::span<const std::int32_t> level, std::span<std::uint8_t> counts) {
  const auto dates = activities.date_column();
  const auto types = activities.type_column();
  const auto first = dates.begin() + activities.deal_begin(deal);
  // The deal's rows are sorted by date: the known ones end at the first
  // row after `day`, and the windows are the rows just before it.
  const auto known_end = std::upper_bound(first, dates.begin() + activities.deal_end(deal), day);
  DealActivity out;
  if (known_end == first) return out;
  out.days_since_last = day - *(known_end - 1);
  for (auto it = known_end; it != first;) {
    --it;
    const std::int32_t ago = day - *it;
    if (ago >= kActivityWindows[1]) break;
    const Code type = types[static_cast<std::size_t>(it - dates.begin())];
    if (type >= level.size() || level[type] < 0) continue;
    const auto at = 2 * static_cast<std::size_t>(level[type]);
    for (std::size_t w = 0; w < kActivityWindows.size(); ++w)
      if (ago < kActivityWindows[w] && counts[at + w] < kActivityCountCap) ++counts[at + w];
  }
  return out;
}

std::int32_t silent_days_in_stage(DealActivity activity, std::int32_t days_in_stage) {
  return activity.days_since_last < 0 ? days_in_stage : std::min(activity.days_since_last, days_in_stage);
}

std::array<double, kActivityBaseFeatures> activity_base_features(DealActivity activity, std::int32_t days_in_stage,
                                                                 std::int32_t age) {
  const bool none = activity.days_since_last < 0;
  const std::int32_t since = std::clamp(none ? age : activity.days_since_last, 0, kActivityRecencyCap);
  const std::int32_t silent = std::max(0, silent_days_in_stage(activity, days_in_stage));
  return {std::log1p(static_cast<double>(since)), none ? 1.0 : 0.0,
          std::log1p(static_cast<double>(std::min(silent, kActivityRecencyCap))),
          silent > kSilentDays ? 1.0 : 0.0};
}

}  // namespace pipecast
