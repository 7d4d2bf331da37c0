/// @file
/// What a model knows about a deal at a date: the features every forecast
/// model reads, computed once from an as-of view.
///
/// Columnar, like the book: scoring a million deals is a pass over a few
/// arrays.  Everything here is as known at the view's date (the as-of rule, docs/architecture.md): the
/// stage, amount and close date of the deal's last history row on or before it,
/// and counts over the history rows up to it.
#pragma once

#include "pipecast/core/as_of.hpp"

#include <cstdint>
#include <vector>

namespace pipecast {

/// The features of a set of deals at a date, one column per feature and one
/// row per deal.
struct DealStates {
  Day as_of = kNoDay;                       ///< the date the features are taken at
  std::vector<std::size_t> position;        ///< k in the as-of view
  std::vector<DealIndex> deal;              ///< index in the book
  std::vector<StageId> stage;               ///< the stage it is in at as_of
  std::vector<std::int32_t> days_in_stage;  ///< as_of - the day it entered its stage
  std::vector<std::int32_t> age;            ///< as_of - created
  std::vector<double> amount;               ///< in the base currency; 0 when blank
  std::vector<double> amount_in_deal_currency;  ///< as recorded; NaN when blank
  std::vector<Day> close_date;              ///< expected close date; kNoDay when blank
  std::vector<std::int32_t> close_in_days;  ///< close_date - as_of; kNoDay when blank
  std::vector<std::uint16_t> regressions;   ///< moves back to an earlier open stage
  std::vector<std::uint16_t> pushes;        ///< times the close date moved later

  /// The number of rows.
  std::size_t size() const { return deal.size(); }
};

/// The deals of `view` that are open at its date, in view order.
DealStates open_deal_states(const AsOfView& view);

/// Appends row i of `from` to `to` (as_of is left alone).
void append_row(DealStates& to, const DealStates& from, std::size_t i);

}  // namespace pipecast
