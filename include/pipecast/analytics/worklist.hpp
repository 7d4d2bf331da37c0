/// @file
/// Where each seller's next hour goes: for each owner, the deals open at T
/// ranked by the expected value of attention, with the recommended next step
/// and the reason in words.
///
/// The recommended step of a deal is the playbook of its stage (what worked,
/// activity_effects.hpp: the flagged pattern most associated with advancing)
/// when the deal is *off* it (the pattern has not occurred in the deal's own
/// activities of its stay's last `window_days` days up to T).  Its estimated
/// lift is a change in the chance of leaving the stage forward, made
/// conservative three ways:
///     p0   = advanced / (advanced + lost), the stage's stays that ended by T
///     L    = the low end of the pattern's 95% interval of the rate ratio
///            (advanced / lost), at least 1
///     p1   = p0 L / (1 - p0 + p0 L)       (the odds of advancing times L)
///     lift = p1 - p0
/// the interval's low end instead of the estimate, the rate ratio read as an
/// odds ratio (a pattern L times as frequent among advanced stays moves the
/// odds of an advanced stay by about L for a deal that shows it once), and
/// the stage's base rate rather than the deal's own.  Then
///     attention value = win probability x amount (base currency) x lift
/// an index for ranking, not money to be gained.  The win probability comes
/// from a fitted model (passed in: the analytics layer does not fit models).
///
/// A deal already on its playbook gets no lift (lift 0, value 0); a deal in
/// a stage without a flagged pattern has no lift (NaN).  Those rows, and a
/// deal without a win probability, are ranked after every deal with a lift,
/// by the fallback: the longest silence first (days since the deal's last
/// activity, or since it was created when it has none), then the larger
/// win probability x amount, then the id.  Deals with a lift are ranked by
/// their value, largest first (ties: the larger win probability x amount,
/// then the id).
///
/// Wording: associations, never causes.  Deals that advance may be worked
/// harder because they were going well; the reason says what advanced deals
/// did, not what a step would do:
///   "no meeting in the last 14 days; deals that advanced from Proposal logged
///    meeting 2.10x as often as deals lost there (95% CI 1.60-2.80)".
///
/// Owners are the deals' owners (the opportunity's owner column), listed in
/// alphabetical order; each gets its first `rows_per_owner` rows.
///
/// Costs: one pass over the open deals in scope and their activities.
#pragma once

#include "pipecast/analytics/activity_effects.hpp"
#include "pipecast/analytics/scope.hpp"

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Win probabilities from a fitted model: deal[i] (a DealIndex of the book)
/// is won with probability win_probability[i] (DealScores::deals.deal and
/// DealScores::win_probability).  A deal not listed has none.
struct DealChances {
  std::span<const DealIndex> deal;           ///< the deals scored
  std::span<const double> win_probability;   ///< P(won eventually), one per deal
};

/// The choices of the worklist.
struct WorklistOptions {
  std::size_t rows_per_owner = 5;  ///< rows listed per owner; 0: every open deal
};

/// What the worklist recommends for a deal.
enum class WorklistStep : std::uint8_t {
  playbook,     ///< off its stage's playbook: do the playbook's pattern
  on_playbook,  ///< already on its playbook: no lift from it
  no_playbook,  ///< its stage has no flagged pattern: ranked by the fallback
};
/// "playbook", "on_playbook" or "no_playbook".
std::string_view to_string(WorklistStep step);

/// One open deal of an owner's worklist.
struct WorklistRow {
  std::string owner;      ///< the deal's owner
  std::size_t rank = 0;   ///< 1 for the owner's first deal
  std::string deal;       ///< the deal's id
  std::string pipeline;   ///< its pipeline
  std::string stage;      ///< its stage at T
  double amount = 0.0;    ///< at T, base currency; 0 when blank
  double win_probability = std::numeric_limits<double>::quiet_NaN();  ///< from the model; NaN: not scored
  WorklistStep step = WorklistStep::no_playbook;  ///< what is recommended
  std::string pattern;    ///< the stage's playbook ("" when none)
  double advance_rate = std::numeric_limits<double>::quiet_NaN();  ///< p0, the stage's
  double rate_ratio = std::numeric_limits<double>::quiet_NaN();    ///< the playbook's estimate
  double rate_ratio_low = std::numeric_limits<double>::quiet_NaN();   ///< its 95% interval, low end
  double rate_ratio_high = std::numeric_limits<double>::quiet_NaN();  ///< ... high end
  double lift = std::numeric_limits<double>::quiet_NaN();  ///< p1 - p0; 0 on playbook, NaN without one
  double value = std::numeric_limits<double>::quiet_NaN();  ///< win probability x amount x lift
  int days_silent = 0;    ///< days since its last activity (since created when none)
  bool any_activity = false;  ///< it has an activity dated by T
  std::string reason;     ///< the recommendation in words
};

/// Every owner's worklist.
struct Worklist {
  Day as_of = kNoDay;             ///< the scope's date T
  WorklistOptions options;        ///< as used
  int window_days = 14;           ///< the playbook's window (what worked's)
  std::vector<std::string> owners;  ///< owners with an open deal in scope, alphabetical
  std::vector<WorklistRow> rows;    ///< by owner (as `owners`), then rank
};

/// The worklist of `scope` from its analysis `effects` (activity_effects()
/// of the same scope) and the model's `chances`.  Throws
/// std::invalid_argument when `effects` is of another date or the chances'
/// two spans differ in length.
Worklist worklist(const Scope& scope, const ActivityEffects& effects, DealChances chances,
                  const WorklistOptions& options = {});

}  // namespace pipecast
