/// @file
/// `auto`, the default: the history-based model that would have done best on
/// this book, chosen without looking past T.
///
/// Each candidate is fitted as of T - 90 and T - 180 days and scores the deals
/// open then; those decided by T say how good each was (log loss).  The
/// candidate with the lowest total is refitted as of T; the description says
/// which was chosen and the figures behind the choice.
#pragma once

#include "pipecast/forecast/model.hpp"

#include <array>
#include <string_view>

namespace pipecast {

/// The models auto chooses among.
inline constexpr std::array<std::string_view, 3> kAutoCandidates{"stage", "markov", "logistic"};
/// How many days before T each candidate is validated.
inline constexpr std::array<int, 2> kAutoValidationDays{90, 180};

/// The spec of `auto` (a fit_whole spec: it fits the candidates it needs
/// from the registry it is called with).
ModelSpec auto_model_spec();

}  // namespace pipecast
