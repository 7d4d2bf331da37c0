// A model against the truth of a synthetic book, in the forecast tests: fit at
// some origins, score the deals open there that were decided by the book's
// end, beside each deal's exact win probability and its outcome.
#pragma once

#include "pipecast/core/as_of.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/training_set.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace pipecast::test {

/// Predictions, truths and outcomes of the scored deals, pooled over origins.
struct Scored {
  std::vector<double> predicted;
  std::vector<double> truth;                    // given the stage and the days in it
  std::vector<double> truth_given_activities;   // ... and the activities logged (SynthTruth)
  std::vector<double> outcome;  // 1 won, 0 lost (deals still open at the end are left out)
  std::string description;      // the model fitted at the last origin's (FittedModel::description())
};

/// `model_name` fitted on `w` as of each origin and scored on the deals open
/// then; the deals still open at the book's end are left out.
inline Scored score_against_truth(const SyntheticBook& w, std::string_view model_name,
                                  std::span<const Day> origins, const FitOptions& options = {}) {
  const Outcomes final_state = outcomes_as_of(w.book, w.book.latest_day());
  Scored out;
  for (const Day as_of : origins) {
    const FittedModel model = fit_model(model_name, w.book, as_of, options);
    const DealScores scores = model.score(AsOfView(w.book, as_of));
    out.description = model.description();
    for (std::size_t i = 0; i < scores.size(); ++i) {
      const DealIndex deal = scores.deals.deal[i];
      if (final_state.state[deal] == Outcome::open) continue;
      out.predicted.push_back(scores.win_probability[i]);
      out.truth.push_back(w.truth.win_probability(w.book, deal, scores.deals.stage[i],
                                                  scores.deals.days_in_stage[i], as_of));
      out.truth_given_activities.push_back(w.truth.win_probability_given_activities(
          w.book, deal, scores.deals.stage[i], scores.deals.days_in_stage[i], as_of));
      out.outcome.push_back(final_state.state[deal] == Outcome::won ? 1.0 : 0.0);
    }
  }
  return out;
}

/// score_against_truth() at one origin, remembered: the accuracy and the
/// regime-change tests score the same models on the same book, and a fit
/// of a 60,000-deal book is seconds under the sanitizers.  Keyed by the
/// book's address, so books must live as long as the program (statics).
inline const Scored& scored_at(const SyntheticBook& w, std::string_view model_name, Day origin,
                               const FitOptions& options = {}) {
  using Key = std::tuple<const SyntheticBook*, std::string, Day, int, bool>;
  static std::map<Key, Scored> cache;
  const Key key{&w, std::string(model_name), origin, options.half_life_days, options.activities};
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, score_against_truth(w, model_name, std::span(&origin, 1), options)).first;
  return it->second;
}

/// scored_at() at each origin, pooled in their order (what
/// score_against_truth() gives for all of them at once).
inline Scored scored(const SyntheticBook& w, std::string_view model_name, std::span<const Day> origins,
                     const FitOptions& options = {}) {
  Scored out;
  for (const Day origin : origins) {
    const Scored& at = scored_at(w, model_name, origin, options);
    out.predicted.insert(out.predicted.end(), at.predicted.begin(), at.predicted.end());
    out.truth.insert(out.truth.end(), at.truth.begin(), at.truth.end());
    out.truth_given_activities.insert(out.truth_given_activities.end(), at.truth_given_activities.begin(),
                                      at.truth_given_activities.end());
    out.outcome.insert(out.outcome.end(), at.outcome.begin(), at.outcome.end());
    out.description = at.description;
  }
  return out;
}

/// The accuracy tests' book: long enough that the deals open at the origins
/// are decided by its end; `regime_change` (kNoDay: none) as SynthOptions.
inline const SyntheticBook& accuracy_book(Day regime_change = kNoDay) {
  static std::map<Day, SyntheticBook> books;
  auto it = books.find(regime_change);
  if (it == books.end()) {
    SynthOptions options{60000, 7, to_day(2022, 1, 1), to_day(2026, 6, 30)};
    options.regime_change = regime_change;
    it = books.emplace(regime_change, generate_synthetic_book(options)).first;
  }
  return it->second;
}

/// The accuracy tests' origins: three a quarter apart, about 6,000 deals.
inline const std::vector<Day> kAccuracyOrigins{to_day(2024, 3, 31), to_day(2024, 6, 30), to_day(2024, 9, 30)};

/// The mean squared difference of p and y.
inline double brier(const std::vector<double>& p, const std::vector<double>& y) {
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) sum += (p[i] - y[i]) * (p[i] - y[i]);
  return sum / static_cast<double>(p.size());
}

}  // namespace pipecast::test
