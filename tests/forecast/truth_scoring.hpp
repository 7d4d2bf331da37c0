// A model against the truth of a synthetic book, in the forecast tests: fit at
// some origins, score the deals open there that were decided by the book's
// end, beside each deal's exact win probability and its outcome.
#pragma once

#include "pipecast/core/as_of.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/training_set.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace pipecast::test {

/// Predictions, truths and outcomes of the scored deals, pooled over origins.
struct Scored {
  std::vector<double> predicted;
  std::vector<double> truth;
  std::vector<double> outcome;  // 1 won, 0 lost (deals still open at the end are left out)
};

/// `model_name` fitted on `w` as of each origin and scored on the deals open
/// then; the deals still open at the book's end are left out.
inline Scored score_against_truth(const SyntheticBook& w, std::string_view model_name,
                                  std::span<const Day> origins) {
  const Outcomes final_state = outcomes_as_of(w.book, w.book.latest_day());
  Scored out;
  for (const Day as_of : origins) {
    const FittedModel model = fit_model(model_name, w.book, as_of);
    const DealScores scores = model.score(AsOfView(w.book, as_of));
    for (std::size_t i = 0; i < scores.size(); ++i) {
      const DealIndex deal = scores.deals.deal[i];
      if (final_state.state[deal] == Outcome::open) continue;
      out.predicted.push_back(scores.win_probability[i]);
      out.truth.push_back(w.truth.win_probability(w.book, deal, scores.deals.stage[i],
                                                  scores.deals.days_in_stage[i], as_of));
      out.outcome.push_back(final_state.state[deal] == Outcome::won ? 1.0 : 0.0);
    }
  }
  return out;
}

/// The mean squared difference of p and y.
inline double brier(const std::vector<double>& p, const std::vector<double>& y) {
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) sum += (p[i] - y[i]) * (p[i] - y[i]);
  return sum / static_cast<double>(p.size());
}

}  // namespace pipecast::test
