/// @file
/// Stalled and overdue deals: open deals that sit in their stage longer than
/// deals usually do, or whose expected close date has passed.
///
/// How deals count (as of the scope's date T; nothing later is seen):
/// - Only deals open at T are looked at, with their stage, amount and expected
///   close date as they stood at T.
/// - Days in stage: from the day the deal entered its current stage (a run of
///   history rows for the same stage counts from the first; a deal that came
///   back to the stage counts from its return) to T.
/// - A stage's threshold is the one the user set for it (StalledOptions, by
///   stage name, in every pipeline that has a stage of that name); otherwise
///   the 90th percentile of the completed stays in that stage (see
///   velocity.hpp), computed from the deals in scope as of T, when there are
///   at least `min_sample` of them; otherwise the stage has no threshold and
///   its deals are never flagged as stalled.  Filtering the scope (by owner,
///   say) therefore also narrows the history the thresholds come from.
/// - Stalled: days in stage strictly above the threshold.
/// - Overdue: an expected close date strictly before T (a deal due today is
///   not late yet); a blank close date is never overdue.
/// - A deal both stalled and overdue is one row with both flags.  Rows are
///   sorted by amount (value at risk, base currency) descending, ties by id.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/velocity.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// How stalled_deals() sets each stage's threshold.
struct StalledOptions {
  /// Days allowed in a stage, by stage name; overrides the p90.  Throws
  /// std::invalid_argument (from stalled_deals) for a name that is not an
  /// open stage of the book, or a negative or non-finite number.
  std::map<std::string, double, std::less<>> threshold_days;
  /// Fewest completed stays for a stage's p90 to be trusted as a threshold.
  std::size_t min_sample = 20;
};

/// Where a stage's threshold comes from.
enum class ThresholdSource : std::uint8_t {
  none,  ///< no threshold: too few completed stays, and none given
  p90,   ///< the p90 of the stage's completed stays
  user   ///< StalledOptions::threshold_days
};
/// "none", "p90" or "user".
std::string_view to_string(ThresholdSource source);

/// The days a deal may spend in one open stage before it counts as stalled.
struct StageThreshold {
  StageId stage = 0;         ///< the stage in the book
  std::string pipeline;      ///< its pipeline's name
  std::string name;          ///< its name
  double days = 0.0;         ///< NaN when the stage has no threshold
  ThresholdSource source = ThresholdSource::none;  ///< where `days` comes from
  std::size_t sample = 0;    ///< completed stays behind the p90
};

/// An open deal that is stalled, overdue or both.
struct StalledDeal {
  DealIndex deal = 0;        ///< in the book
  std::string id;            ///< its id
  std::string pipeline;      ///< its pipeline's name
  std::string stage;         ///< the stage it is in at T
  std::string owner;         ///< "" when blank
  double amount = 0.0;       ///< value at risk, base currency (blank: 0)
  int days_in_stage = 0;     ///< T - the day it entered its stage
  double threshold = 0.0;    ///< days; NaN when the stage has none
  bool stalled = false;      ///< days_in_stage > threshold
  Day close_date = kNoDay;   ///< expected, as of T
  int days_overdue = 0;      ///< T - close_date when overdue, else 0
  bool overdue = false;      ///< close_date < T
};

/// Stalled and overdue open deals of a scope.
struct StalledReport {
  Day as_of = kNoDay;                      ///< the scope's date T
  std::vector<StageThreshold> thresholds;  ///< every open stage in scope, pipeline then stage order
  std::vector<StalledDeal> deals;          ///< flagged deals, by amount descending, then id
  std::size_t stalled = 0;                 ///< deals stalled
  double stalled_value = 0.0;              ///< their amounts, base currency
  std::size_t overdue = 0;                 ///< deals overdue
  double overdue_value = 0.0;              ///< their amounts, base currency
};

/// Stalled and overdue open deals of the scope.
StalledReport stalled_deals(const Scope& scope, const StalledOptions& options = {});
/// The same, reusing the completed-stay figures of velocity(scope) (the full
/// report computes those once).  Throws std::invalid_argument when `velocity`
/// is not as of the scope's date.
StalledReport stalled_deals(const Scope& scope, const VelocityReport& velocity,
                            const StalledOptions& options = {});

}  // namespace pipecast
