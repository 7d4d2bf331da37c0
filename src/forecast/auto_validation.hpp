// auto's choice in steps that parts of a book can each take (parts_fit.hpp)
// and that choose_auto() takes on the whole book: the candidates' win models
// fitted at each origin score the deals open there, each part its own, into
// a summed log loss (exactly) and a count of decided deals per candidate;
// the choice is made from their merge.
#pragma once

#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/model.hpp"

#include <memory>
#include <span>

namespace pipecast {

/// Adds the log loss of each of `wins` (kAutoCandidates' win models fitted
/// as of `origin`) on the deals of `book` open at `origin` that were decided
/// by `as_of` (T).
void add_auto_validation_statistics(const Book& book, Day origin, Day as_of,
                                    std::span<const std::shared_ptr<const WinModel>> wins, FitStatistics& stats);

/// auto's choice from the validation statistics of every origin, with the
/// options it was asked to fit with.
ModelChoice auto_choice_from(const FitStatistics& stats, const FitOptions& options);

}  // namespace pipecast
