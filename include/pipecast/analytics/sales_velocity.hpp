/// @file
/// Sales velocity: how much value the pipeline turns into revenue per day,
/// with each of its four factors shown.
///
///   value per day = open opportunities x win rate x average won amount
///                   / average sales cycle (days)
///
/// How deals count:
/// - Opportunities: deals open as of the scope's date T.
/// - Win rate: won / (won + lost) over every deal closed as of T, whatever the
///   day it closed (not only in the scope's period), as in the win/loss
///   patterns.
/// - Average won amount and average cycle: the deals won as of T.  A deal's
///   cycle runs from its creation to the day it entered its won stage; a deal
///   won on the day it was created counts 0 days.  The divisor is at least one
///   day, so a book of same-day wins still gets a finite velocity.
/// - Amounts are in the base currency; a blank amount counts as 0.
/// - The pipeline and the filters of the scope apply.  Segments are listed
///   by name; a blank segment is the value "".
/// A factor that cannot be measured (no closed deal, no won deal) is NaN.  The
/// velocity is NaN with no closed deal, and 0 when deals closed but none was
/// won.  The total is computed from all deals together: it is not the sum of
/// the segments' velocities (each factor is an average over a different mix).
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <limits>
#include <string>
#include <vector>

namespace pipecast {

/// Sales velocity and its four factors, for one segment or for all deals.
struct SalesVelocity {
  std::string segment;          ///< "" for the total row (and for a blank segment)
  std::size_t opportunities = 0;  ///< open at T
  Rate win_rate;                ///< closed as of T
  Interval win_interval;        ///< Wilson 95%
  double average_won_amount = std::numeric_limits<double>::quiet_NaN();  ///< won deals, base currency
  double average_cycle_days = std::numeric_limits<double>::quiet_NaN();  ///< won deals
  double value_per_day = std::numeric_limits<double>::quiet_NaN();  ///< the velocity, base currency a day
  /// value_per_day x 30: an easier number to read.
  double value_per_30_days = std::numeric_limits<double>::quiet_NaN();
};

/// Sales velocity of a scope, per segment and in total.
struct SalesVelocityReport {
  Day as_of = kNoDay;                   ///< the scope's date T
  std::vector<SalesVelocity> segments;  ///< by segment name
  SalesVelocity total;                  ///< every deal in scope
};

/// Sales velocity of the scope's deals as of its date, per segment and for
/// all together (see the file's documentation).
SalesVelocityReport sales_velocity(const Scope& scope);

}  // namespace pipecast
