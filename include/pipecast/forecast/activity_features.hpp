/// @file
/// What a deal's own activities say on a day, as the logistic model reads
/// them: how long since the last one, how long the current stage has been
/// silent, and how many of each type were logged in the last 14 and 30 days.
///
/// The as-of rule of activities (an activity exists from its date on) with
/// the snapshot's boundary: features on day D read the deal's activities
/// dated on or before D (D is a view as of the end of day D, like the stage
/// history), never one dated after D.  So a training snapshot at S sees what
/// a score at S would see, and adding or removing activities after S does
/// not change it.  Only the deal's own activities count, not its account's.
#pragma once

#include "pipecast/core/book.hpp"

#include <array>
#include <cstdint>
#include <span>

namespace pipecast {

/// The windows the counts are taken over, in days ending on the day itself.
inline constexpr std::array<std::int32_t, 2> kActivityWindows{14, 30};
/// Days since the last activity are capped here (and a deal with none
/// counts its age, capped the same): beyond a year the gap says no more.
inline constexpr std::int32_t kActivityRecencyCap = 365;
/// More than this many days without an activity in the current stage is a
/// silence: three weeks, about two ordinary gaps between a seller's logged
/// activities (one every 11 days on the synthetic books), and how long a
/// deal about to be lost goes quiet there.
inline constexpr std::int32_t kSilentDays = 21;
/// Counts of one type in a window are capped here, like the other counts.
inline constexpr std::uint8_t kActivityCountCap = 5;

/// One deal's activities as known at the end of a day.
struct DealActivity {
  /// day - the last activity's day; -1 when the deal has none yet.
  std::int32_t days_since_last = -1;
};

/// One pass over deal `deal`'s activities dated on or before `day` (they
/// are sorted by date): returns the days since the last one, and adds to
/// `counts[2 * level[type]]` the activities in the last 14 days and to
/// `counts[2 * level[type] + 1]` those in the last 30 (capped at
/// kActivityCountCap), for types with a level (level < 0: not counted;
/// types beyond `level`'s size are not counted either).
DealActivity scan_deal_activities(const Activities& activities, DealIndex deal, Day day,
                                  std::span<const std::int32_t> level, std::span<std::uint8_t> counts);

/// The features besides the counts, in this order.
inline constexpr std::size_t kActivityBaseFeatures = 4;
/// The features besides the counts of a deal `days_in_stage` days in its
/// stage and `age` days old: log1p of the days since its last activity
/// (its age when none, capped at kActivityRecencyCap); 1 when it has none
/// yet; log1p of the days its current stage has gone without an activity;
/// 1 when that is more than kSilentDays.
std::array<double, kActivityBaseFeatures> activity_base_features(DealActivity activity, std::int32_t days_in_stage,
                                                                 std::int32_t age);

/// Days the current stage has gone without an activity: the days since the
/// last one, at most the days in the stage (all of them when none).
std::int32_t silent_days_in_stage(DealActivity activity, std::int32_t days_in_stage);

}  // namespace pipecast
