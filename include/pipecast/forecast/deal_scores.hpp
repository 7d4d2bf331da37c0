/// @file
/// What a fitted model says about each deal open at a date: how likely it is
/// to be won, and when it would close.
#pragma once

#include "pipecast/forecast/close_timing.hpp"
#include "pipecast/forecast/deal_state.hpp"

#include <memory>
#include <string>
#include <vector>

namespace pipecast {

/// One reason behind a deal's score: a feature and how much it moved the
/// log-odds of winning, against the average deal the model learned from.
struct Factor {
  std::string feature;        ///< the feature and the deal's value, e.g. "stage=Negotiate"
  double contribution = 0.0;  ///< change in log-odds; positive raises the win probability
};

/// What a fitted model says about each deal open at a date, row by row.
struct DealScores {
  std::string model;                    ///< the model's name
  DealStates deals;                     ///< the deals scored, open at deals.as_of
  std::vector<double> win_probability;  ///< P(won eventually)
  // When a won deal closes: on day as_of + shift[i] + d, d drawn from
  // curves[curve[i]] (the CRM's expected close date is a shift and a point curve).
  std::vector<std::uint32_t> curve;  ///< per deal: its curve, an index into `curves`
  std::vector<std::int32_t> shift;   ///< per deal: days from as_of to the curve's day 0
  std::shared_ptr<const std::vector<TimingCurve>> curves;  ///< shared with the model
  /// The squared coefficient of variation of a level shared by every deal
  /// in a simulated future (0: independent deals; pipeline_spread.hpp).
  double shared_dispersion = 0.0;

  /// The number of deals scored.
  std::size_t size() const { return win_probability.size(); }
  /// The day the deals were scored at.
  Day as_of() const { return deals.as_of; }
  /// P(the deal closes on a day in [first, last] | it is won): its timing.
  double closes_between(std::size_t i, Day first, Day last) const;
  /// P(the deal is won with its close on a day in [first, last]).
  double won_between(std::size_t i, Day first, Day last) const {
    return win_probability[i] * closes_between(i, first, last);
  }
  /// Its expected bookings in [first, last]: won_between x amount (base
  /// currency), its part of a forecast's pipeline component.
  double expected_between(std::size_t i, Day first, Day last) const {
    return won_between(i, first, last) * deals.amount[i];
  }
  /// The median close day if it is won.
  Day expected_close(std::size_t i) const;
  /// win probability x amount (base currency).
  double expected_amount(std::size_t i) const { return win_probability[i] * deals.amount[i]; }
};

}  // namespace pipecast
