/// @file
/// Velocity: how long deals stay in each stage, how long they take to close,
/// and how that moved over the last periods.
///
/// How stays count (as of the scope's date T; nothing later is seen):
/// - A stay is the time from the day a deal entered an open stage to the day
///   it entered its next stage, in whole days (a change on the same day is 0).
///   Several history rows in a row for the same stage are one stay.  A deal
///   that comes back to a stage (a regression) makes one stay per visit.
/// - Completed stays are those that ended on or before T.  Stays still going on
///   at T (open deals in their current stage) are reported apart, as
///   `current`: their days so far are a lower bound of their length, so mixing
///   them in would shorten the figures.
/// - Cycle length is creation day to closing day, for deals won and deals lost
///   on or before T.
/// - Trends: for each period of scope.trend_periods() (options().cohort kind,
///   the last one containing T), the stays that ended in it and the deals that
///   closed in it.
/// - Each figure is a Distribution: count, mean, median, p75, p90 (quantiles
///   interpolated as numpy does); NaN when the count is 0.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <string>
#include <vector>

namespace pipecast {

/// How long deals stay in one open stage.
struct StageVelocity {
  StageId stage = 0;                     ///< the stage in the book
  std::string name;                      ///< its name
  Distribution completed;                ///< stays ended by T, days
  Distribution current;                  ///< open deals still in it at T: days so far
  std::vector<Distribution> by_period;   ///< stays ended in each trend period
};

/// Time in stage and cycle length of one pipeline.
struct PipelineVelocity {
  PipelineId pipeline = 0;               ///< the pipeline in the book
  std::string name;                      ///< its name
  std::vector<StageVelocity> stages;     ///< open stages, in order
  Distribution won_cycle;                ///< created -> won, days
  Distribution lost_cycle;               ///< created -> lost, days
  std::vector<Distribution> won_cycle_by_period;   ///< deals won in each trend period
  std::vector<Distribution> lost_cycle_by_period;  ///< deals lost in each trend period
};

/// Time in stage and cycle length of every pipeline in scope.
struct VelocityReport {
  Day as_of = kNoDay;                       ///< the scope's date T
  std::vector<Period> periods;              ///< scope.trend_periods(), oldest first
  std::vector<PipelineVelocity> pipelines;  ///< every pipeline in scope, book order
};

/// Time in stage and cycle length of every pipeline in scope.  One pass over
/// the deals and their history known at T.
VelocityReport velocity(const Scope& scope);

}  // namespace pipecast
