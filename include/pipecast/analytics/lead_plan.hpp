/// @file
/// The lead plan (reverse funnel): to reach a revenue target in the scope's
/// period, how many won deals, opportunities at each stage and new leads are
/// needed, and by when the leads must be created.
///
/// What is already there.  Won in the period: deals won as of the as-of date T
/// whose closing day lies in the period.  Expected from the pipeline: each
/// deal open at T whose expected close date lies in the period (overdue ones
/// whose date is still in the period included; a blank close date is not
/// expected), weighed by the historical win rate of its current stage (below;
/// the lead-to-won rate when no closed deal reached the stage).
///     gap = max(0, target - won in the period - expected from the pipeline)
/// The plan covers the gap: every "needed" figure is what it takes to bring in
/// the gap on top of what is already won and expected.  The pipeline is taken
/// at its expected value; its own uncertainty is not in the P90.
///
/// What history says (as of T; only deals created in [learn_from, learn_until]
/// feed it, default every deal created up to T):
/// - average won amount: over won deals, in the base currency; a won deal with
///   a blank amount counts in the rates and cycles but not in the amounts.
/// - stage win rate (reached stage -> won): of the closed deals that reached the
///   stage, the share won.  A deal reached a stage when it entered it or a
///   later open stage (by stage order) at any time, so a deal that skipped a
///   stage counts as having passed it, and a regression does not undo it.
///   Every deal reached its pipeline's first stage (even one whose history
///   starts later or is missing), and a won deal reached every open stage of
///   its pipeline.  Deals still open at T are left out, since their outcome
///   is not known (counting them as not won would understate the rate).
/// - lead-to-won rate: won / closed over all closed deals (every deal reached
///   its first stage), all pipelines of the scope together.
/// - cycle: days from creation to won, over won deals; its median and p90.
///
/// The plan.
/// - won deals needed: P50 = gap / average won amount.
/// - new leads needed: P50 = won deals needed / lead-to-won rate.
/// - opportunities needed at a stage: P50 = the pipeline's won deals needed /
///   the stage's win rate.  When the scope has several pipelines, each is
///   asked for its share of the gap in proportion to its share of the
///   historical won revenue, with its own average won amount.
/// - P90 figures: the smallest number n such that n chances (leads, or
///   opportunities at a stage, or won deals with a win rate of 1), each won
///   independently with the rate p for an amount drawn from the won amounts
///   (mean m, standard deviation s), bring in at least the gap with
///   probability 0.9.  The total of n chances has mean n p m and variance
///   n p (s^2 + (1 - p) m^2) (a binomial number of wins, each of a random
///   amount); n is found from the normal approximation
///       n p m - 1.2816 sqrt(n p (s^2 + (1 - p) m^2)) >= gap,
///   solved in closed form and then checked on the integers.  Deterministic;
///   P90 >= P50 always.  With a single won deal the spread s is taken as 0.
///   A stage none of whose closed deals was won (or that no closed deal
///   reached) has NaN needs: on that history no number is enough.
/// - create-by dates: a lead must be created by the period's last day minus
///   the cycle: P50 date with the median cycle (a lead created that day is won
///   in time half the time, when it is won), P90 date with the p90 cycle
///   (earlier).  Cycles are rounded up to whole days.  A date before T means
///   new leads are already late at that confidence; the message says so.
///
/// Status.  period_over: the period ended before T (won in the period and the
/// gap are still given; nothing is planned).  covered: the gap is 0 (needs are
/// 0).  no_history: no won deal with an amount to learn from (needs are NaN).
/// Otherwise ok.  Every NaN in a plan is explained by its status and message.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Which deals the plan learns from.
struct LeadPlanOptions {
  Day learn_from = kNoDay;   ///< history: deals created on or after this day (kNoDay: from the start)
  Day learn_until = kNoDay;  ///< ... and on or before this day (kNoDay, or later than T: T)
};

/// What a plan could say; see "Status" in the file's documentation.
enum class LeadPlanStatus {
  ok,           ///< a plan covers the gap
  covered,      ///< the gap is 0: nothing more is needed
  period_over,  ///< the period ended before T: nothing is planned
  no_history    ///< no won deal with an amount to learn from: needs are NaN
};
/// "ok", "covered", "period_over" or "no_history".
std::string_view to_string(LeadPlanStatus status);

/// A number of deals or leads: the expected one (P50) and the one that
/// reaches the gap with 90% probability (P90); NaN when it cannot be known.
struct PlanCount {
  double p50 = std::numeric_limits<double>::quiet_NaN();  ///< the expected count
  double p90 = std::numeric_limits<double>::quiet_NaN();  ///< enough with 90% probability
  /// Memberwise equality.
  bool operator==(const PlanCount&) const = default;
};

/// What one open stage of a pipeline needs.
struct LeadPlanStage {
  std::string stage;             ///< the stage's name
  Rate conversion;               ///< closed deals that reached the stage: won / closed
  std::size_t open_deals = 0;    ///< open in this stage at T
  double open_amount = 0.0;      ///< their amounts, base currency
  PlanCount needed;              ///< opportunities that must reach the stage
  /// Memberwise equality.
  bool operator==(const LeadPlanStage&) const = default;
};

/// One pipeline's part of the plan.
struct LeadPlanPipeline {
  std::string pipeline;          ///< the pipeline's name
  double won_share = 0.0;        ///< of the historical won revenue: its part of the gap
  Distribution won_amount;       ///< of its historical won deals with an amount
  double won_amount_sd = 0.0;    ///< their sample standard deviation (0 for one deal)
  PlanCount won_needed;          ///< won deals needed for its part of the gap
  std::vector<LeadPlanStage> stages;  ///< its open stages, in order
  /// Memberwise equality.
  bool operator==(const LeadPlanPipeline&) const = default;
};

/// The lead plan for a revenue target; see the file's documentation for how
/// each figure is made.  Amounts are in the base currency.
struct LeadPlan {
  LeadPlanStatus status = LeadPlanStatus::ok;  ///< what the plan could say
  std::string message;           ///< what the plan says, or why it cannot say
  Day as_of = kNoDay;            ///< the scope's date T
  Period period;                 ///< the scope's period, which the target is for
  std::string currency;          ///< the book's base currency
  double target = 0.0;           ///< the revenue target

  // Already there.

  double won_in_period = 0.0;            ///< won as of T with a close day in the period
  std::size_t won_in_period_deals = 0;   ///< the deals behind won_in_period
  double expected_from_pipeline = 0.0;   ///< open deals x their stage's win rate
  std::size_t pipeline_deals = 0;  ///< open deals expected to close in the period
  /// max(0, target - won_in_period - expected_from_pipeline).
  double gap = 0.0;

  // History.
  std::size_t closed_deals = 0;    ///< closed deals learned from
  Distribution won_amount;         ///< won deals with an amount
  double won_amount_sd = 0.0;      ///< their sample standard deviation (0 for one deal)
  Distribution cycle_days;         ///< created -> won
  Rate lead_conversion;            ///< every closed deal: won / closed

  // The plan (it covers the gap).
  double won_for_target = 0.0;     ///< target / average won amount, before what is won and expected (0 for a target of 0)
  PlanCount won_needed;            ///< won deals needed for the gap
  PlanCount leads_needed;          ///< new leads needed for the gap
  Day create_by_p50 = kNoDay;      ///< the period's last day - the median cycle
  Day create_by_p90 = kNoDay;      ///< the period's last day - the p90 cycle
  std::vector<LeadPlanPipeline> pipelines;  ///< with a deal in scope

  /// NaN figures compare unequal, so compare plans whose status is ok or covered.
  bool operator==(const LeadPlan&) const = default;
};

/// The plan for `target` (base currency, >= 0) in scope.period().  Throws
/// std::invalid_argument for a negative or non-finite target.
LeadPlan lead_plan(const Scope& scope, double target, const LeadPlanOptions& options = {});

}  // namespace pipecast
