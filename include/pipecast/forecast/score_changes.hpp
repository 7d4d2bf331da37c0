/// @file
/// How each open deal's win probability moved between two days, and why:
/// `pipecast score --since`.  Both days are scored by the same fitted model,
/// so a change is the deal's own movement (its stage, its age, a pushed
/// close date...), not a refit.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/forecast/deal_scores.hpp"
#include "pipecast/forecast/model.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pipecast {

/// One deal open at `as_of`: its win probability on both days, and what
/// moved it.
struct ScoreChange {
  double before = 0.0;  ///< at `since`; NaN when it was not open then (new, or closed and reopened)
  double after = 0.0;   ///< at `as_of`
  /// What changed, largest effect first: "stage: Qualify -> Propose",
  /// "days in stage: 12 -> 40"; for a model that explains its scores
  /// (logistic) each with its change in log-odds, else NaN.
  std::vector<Factor> drivers;
};

/// Every deal open at `scores.as_of()`, in the order of `scores`.
struct ScoreChanges {
  Day since = kNoDay;               ///< the earlier day
  std::vector<ScoreChange> deals;   ///< row i is scores row i
};

/// How the win probabilities of `scores` (made by `model` from `book`)
/// moved since `since`, with up to `drivers` drivers each (factors_text()
/// writes them in words).  Throws
/// std::invalid_argument as forecast_movement() does for `since`.
ScoreChanges score_changes(const FittedModel& model, const Book& book, const DealScores& scores, Day since,
                           std::size_t drivers = 3);

}  // namespace pipecast
