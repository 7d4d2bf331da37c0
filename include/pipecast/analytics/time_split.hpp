/// @file
/// Each owner's time split beside where their won revenue came from: the
/// shares of their activities by stage and by deal-size band, next to the
/// shares of their won revenue from the same stages and bands.
///
/// How things count (as of the scope's date T, over the `days` days ending
/// at T; the scope's pipeline and filters apply; a deal's owner is the
/// opportunity's owner, whoever logged the activity):
/// - time: the deal activities dated in the window, each counted once, in the
///   stage the deal was in on the activity's day (an activity dated before
///   the deal's first stay counts in its first stage);
/// - won revenue: the amounts (base currency, at T) of the deals won in the
///   window (the day they entered their won stage);
/// - by band: each deal in its deal-size band (below);
/// - by stage: a won deal has been in every stage it passed, so its amount
///   is spread over its stages in proportion to its own activities in each
///   (all of them, up to T): the stage split says where the time that won
///   the money went.  A won deal without any activity cannot be placed; its
///   amount is counted under "(no activity)".
/// Shares are of the owner's activities in the window and of the owner's
/// won revenue in the window; each dimension's shares add up to 1.
///
/// Deal-size bands are the terciles of the amounts at T of every deal in
/// scope with an amount: "small" up to the first tercile, "medium" up to
/// the second, "large" above it; "no amount" for a blank or zero amount.
/// The same bands for every owner, so owners compare.
///
/// Costs: one pass over the scope's deals and their activities.
#pragma once

#include "pipecast/analytics/scope.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace pipecast {

/// One stage or band of one owner.
struct TimeSplitRow {
  std::string owner;      ///< the deals' owner
  std::string dimension;  ///< "stage" or "size"
  std::string pipeline;   ///< a stage's pipeline; "" for a band
  std::string value;      ///< the stage, or the band ("small", "medium", "large", "no amount")
  double band_low = std::numeric_limits<double>::quiet_NaN();   ///< a band's lower bound (exclusive but for small); NaN for a stage
  double band_high = std::numeric_limits<double>::quiet_NaN();  ///< its upper bound (inclusive); NaN when open
  std::size_t activities = 0;  ///< the owner's activities here in the window
  double activity_share = 0.0;  ///< of the owner's activities in the window
  std::size_t won_deals = 0;   ///< won deals in the window counted here (in part, for a stage)
  double won_amount = 0.0;     ///< their won revenue here, base currency
  double won_share = 0.0;      ///< of the owner's won revenue in the window
};

/// Every owner's split.
struct TimeSplit {
  Day from = kNoDay;  ///< the window's first day
  Day to = kNoDay;    ///< its last day, T
  double small_up_to = std::numeric_limits<double>::quiet_NaN();   ///< the first tercile of the amounts
  double medium_up_to = std::numeric_limits<double>::quiet_NaN();  ///< the second
  /// By owner (alphabetical), then stages (in pipeline order), then bands;
  /// only the stages and bands with an activity or won revenue.
  std::vector<TimeSplitRow> rows;
};

/// The split of `scope` over the `days` days ending at its date.  Throws
/// std::invalid_argument for days below 1.
TimeSplit time_split(const Scope& scope, int days = 365);

}  // namespace pipecast
