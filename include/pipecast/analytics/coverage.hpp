/// @file
/// Pipeline coverage: is there enough open pipeline to make the quota of the
/// scope's period, per owner and for the team?
///
/// How it counts, for the scope's period P as of the scope's date T:
/// - Quota: every quota row whose period overlaps P, prorated by days: a row
///   counts amount x (days it shares with P) / (days of its own period).  A
///   quota for exactly P counts in full; a yearly quota counts 91/366 of its
///   amount for 2024-Q1.  When an owner has quotas of several kinds (say
///   yearly and quarterly), only the kind that covers most days of P is used
///   (the shorter one on a tie), so the same days are never counted twice.
/// - Team quota: the quota of owner "*" when the book has one overlapping P
///   and the scope has no owner filter; otherwise the sum of the listed
///   owners' quotas.
/// - Won: deals won as of T whose close day (the day they entered their won
///   stage) falls in P.
/// - Attainment: won / quota; NaN for a quota of 0 (nothing to attain).
/// - Remaining: quota - won; at or below 0 the quota is met and the coverage
///   ratios are NaN (null in JSON, "quota met" in the table).
/// - Open pipeline: deals open at T whose expected close date (as known at T)
///   falls in P, raw and weighted by the stage's configured probability.  A
///   deal whose expected date is already past but inside P still counts; one
///   with a date before P, or no date, does not.
/// - Coverage = open pipeline / remaining, raw and weighted.
/// - Owners listed: every owner with a quota overlapping P (only the filtered
///   owners when the scope filters by owner) and every owner with a deal won in
///   P or expected to close in P.  An owner without a quota has NaN quota,
///   remaining and coverage.  The team row counts every deal in scope.
/// - Amounts are in the base currency (quotas are given in it).
#pragma once

#include "pipecast/analytics/scope.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Coverage of one owner, or of the team.
struct CoverageRow {
  std::string owner;  ///< "*" for the team row
  double quota = std::numeric_limits<double>::quiet_NaN();  ///< prorated to the period
  std::size_t won_deals = 0;  ///< deals won as of T with a close day in the period
  double won = 0.0;           ///< their amounts
  double attainment = std::numeric_limits<double>::quiet_NaN();  ///< won / quota; NaN for a quota of 0
  double remaining = std::numeric_limits<double>::quiet_NaN();   ///< quota - won
  bool quota_met = false;                                        ///< remaining <= 0
  std::size_t open_deals = 0;  ///< open at T, expected to close in the period
  double open_amount = 0.0;      ///< their amounts
  double weighted_amount = 0.0;  ///< configured stage probability x amount
  /// Of open_deals, those without an amount: counted as 0 in open_amount.
  std::size_t open_blank_amount = 0;
  /// Deals open at T without a close date: in no period, so in no figure
  /// above (unknown, not zero).
  std::size_t open_no_close_date = 0;
  double coverage = std::numeric_limits<double>::quiet_NaN();           ///< open / remaining
  double weighted_coverage = std::numeric_limits<double>::quiet_NaN();  ///< weighted / remaining
  /// False for an owner without a quota overlapping the period.
  bool has_quota() const { return !std::isnan(quota); }
};

/// Where the team row's quota comes from.
enum class TeamQuota {
  team,           ///< the quota of owner "*"
  sum_of_owners,  ///< the sum of the listed owners' quotas
  none            ///< no quota overlaps the period
};
/// "team", "sum_of_owners" or "none".
std::string_view to_string(TeamQuota source);

/// Coverage of the scope's period, per owner and for the team.
struct CoverageReport {
  Day as_of = kNoDay;               ///< the scope's date T
  Period period;                    ///< the scope's period P
  std::vector<CoverageRow> owners;  ///< by owner name
  CoverageRow team;                 ///< every deal in scope, owner "*"
  TeamQuota team_quota = TeamQuota::none;  ///< where team.quota comes from
};

/// Coverage of the scope's period as of its date (see the file's
/// documentation for how each figure counts).
CoverageReport coverage(const Scope& scope);

/// The part of `quota` that falls in `period`, prorated by days (0 when they
/// do not overlap).
double prorated_quota(const Quota& quota, const Period& period);

}  // namespace pipecast
