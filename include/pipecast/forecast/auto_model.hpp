/// @file
/// `auto`, the default: the history-based model that would have done best on
/// this book, chosen without looking past T.
///
/// Each candidate is fitted three and six months before T (auto_validation_days()) and scores the deals
/// open then; those decided by T say how good each was (log loss).  The
/// candidate with the lowest total is refitted as of T; the description says
/// which was chosen and the figures behind the choice.  Logistic is a
/// candidate at several recency half-lives: when the market has changed, the
/// recent past predicts better than the whole of it, and the validation sees
/// that.
#pragma once

#include "pipecast/forecast/model.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace pipecast {

/// A model auto chooses among, and the recency half-life it is fitted with.
struct AutoCandidate {
  std::string_view model;  ///< a model of the registry
  int half_life_days = 0;  ///< FitOptions::half_life_days; 0: no weighting

  /// "logistic", "logistic/90d": how the description names it.
  std::string label() const {
    return half_life_days > 0 ? std::string(model) + "/" + std::to_string(half_life_days) + "d" : std::string(model);
  }
};

/// The candidates auto chooses among.
inline constexpr std::array<AutoCandidate, 5> kAutoCandidates{
    {{"stage", 0}, {"markov", 0}, {"logistic", 0}, {"logistic", 180}, {"logistic", 90}}};
/// How many months before T each candidate is validated: a quarter and two.
inline constexpr std::array<int, 2> kAutoValidationMonths{3, 6};
/// The days the candidates are validated on: kAutoValidationMonths before
/// T by the calendar, a month's last day going to a month's last day, so
/// that a backtest's monthly origins validate on each other's days
/// (win_model_cache.hpp); 91 days a quarter where the calendar ends.
std::array<Day, 2> auto_validation_days(Day as_of);
/// With fewer decided deals than this at the validation origins, a half-life
/// would be chosen on noise: only the unweighted candidates are eligible.
inline constexpr std::size_t kAutoMinDealsForHalfLife = 300;
/// A weighted candidate is kept only when its mean log loss is this much
/// (relative) below the best unweighted one's.  On books without a change
/// the half-lives won by 0.05% to 0.4%, on noise, and scored the later
/// outcomes a little worse; after a change they won by 1% to 5%.
inline constexpr double kAutoWeightingMargin = 0.005;

/// The spec of `auto` (a spec that chooses: it validates the candidates it
/// needs from the registry it is called with, and fit_models() fits its pick).
ModelSpec auto_model_spec();

}  // namespace pipecast
