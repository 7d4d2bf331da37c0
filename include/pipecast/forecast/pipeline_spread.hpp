/// @file
/// How much more a period's bookings from the open pipeline swing than
/// independent deals allow.  Deals share their quarter: a market that turns,
/// a team that is short-handed, a price change; when one deal does better,
/// others tend to as well.  A simulation of independent deals then gives
/// intervals that are too narrow.
///
/// Measured on the training snapshots: from each snapshot at least a quarter
/// before T, the pipeline's expected bookings in the next kSpreadDays days
/// (the model's win probability x its timing), against what was booked, less
/// the variance independent deals explain.  The rest, relative to the squared
/// expectation, is the squared coefficient of variation of a level shared by
/// every open deal of a simulated future (a Gamma-distributed multiplier with
/// mean 1).  In-sample (the model was fitted on these snapshots), so if
/// anything an underestimate.
#pragma once

#include "pipecast/forecast/close_timing.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/training_set.hpp"

namespace pipecast {

/// The horizon the shared level is measured over: a quarter, in days.
inline constexpr int kSpreadDays = 91;

/// The dispersion of the shared level (0: the deals look independent, or
/// fewer than two snapshots are a quarter old).  Snapshots whose next
/// kSpreadDays days end after training.as_of are left out: their outcome is
/// not known yet.
double pipeline_dispersion(const WinModel& win, const CloseTiming& timing, const Book& book,
                           const TrainingSet& training);
/// Adds what pipeline_dispersion() measures to `stats`: by snapshot, the
/// expected and booked amounts and the variance independence explains,
/// exactly (tables "spread.expected", "spread.variance", "spread.booked").
void add_spread_statistics(const WinModel& win, const CloseTiming& timing, const Book& book,
                           const TrainingSet& training, FitStatistics& stats);
/// The dispersion of merged statistics (pipeline_dispersion() is this of
/// add_spread_statistics() of the whole book).
double pipeline_dispersion_from(const FitStatistics& stats);

}  // namespace pipecast
