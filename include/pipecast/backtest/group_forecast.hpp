/// @file
/// One group's bookings forecast (an owner's, a segment's) by Monte Carlo, for
/// the backtest's per-group pinball loss, CRPS and coverage.
///
/// The group's future is simulated alone: its own open deals, scored by the
/// company's model, and the deals not yet created at the group's share of the
/// company's rate (a Poisson thinned by the share is a Poisson: the group's
/// law, whatever the other groups do).  The trials use the seed given, like
/// the company's forecast at that origin, so the result does not depend on the
/// thread count, and a group holding every deal at a share of 1 has the
/// company's very samples.
#pragma once

#include "pipecast/forecast/period_forecast.hpp"

#include <span>
#include <vector>

namespace pipecast {

/// One group's simulated bookings, per period.
struct GroupForecast {
  /// The simulated totals (the group's won amount already in the period plus
  /// its simulated wins), trials x periods (trial-major) as in Forecast.
  std::vector<double> samples;
  std::size_t trials = 0;  ///< simulated futures
  std::vector<double> p10 /**< [period] */, p50 /**< [period] */, p90;  ///< [period]
};

/// The deals of `scores` whose code in `codes` (a dimension's codes, by book
/// deal index) is `group`, in the same order.
DealScores group_scores(const DealScores& scores, std::span<const Code> codes, Code group);

/// Group `group`'s forecast of `options.periods` from the scores of its open
/// deals, the company's new-deal flow times `share`, and what the group had
/// already won in each period by the scores' day (`closed`, by period).
GroupForecast forecast_group(const DealScores& group_scores, const NewDealFlow& company_flow, double share,
                             const std::vector<double>& closed, const Book& book, const ForecastOptions& options);

}  // namespace pipecast
