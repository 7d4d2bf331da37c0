#include "pipecast/forecast/auto_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace pipecast {
namespace {

struct Validation {
  std::string_view model;
  double loss = 0.0;  // summed log loss
  std::size_t deals = 0;

  void add(const DealScores& scores, const Outcomes& outcomes) {
    for (std::size_t i = 0; i < scores.size(); ++i) {
      const Outcome outcome = outcomes.state[scores.deals.deal[i]];
      if (outcome == Outcome::open) continue;
      const double p = std::clamp(scores.win_probability[i], 1e-6, 1.0 - 1e-6);
      loss -= std::log(outcome == Outcome::won ? p : 1.0 - p);
      ++deals;
    }
  }
};

// Each candidate fitted at each origin (the candidates of one origin share
// their training set) and scored on the deals open there that T decided.
std::vector<Validation> validate(const ModelRegistry& registry, const Book& book, Day as_of,
                                 const FitOptions& options) {
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  std::vector<Validation> results;
  for (const std::string_view name : kAutoCandidates) results.push_back({name});
  for (const int back : kAutoValidationDays) {
    const Day origin = as_of - back;
    const AsOfView view(book, origin);
    const std::vector<FittedModel> models = fit_models(registry, kAutoCandidates, book, origin, options);
    for (std::size_t m = 0; m < models.size(); ++m) results[m].add(models[m].score(view), outcomes);
  }
  return results;
}

std::string figure(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

FittedModel fit_auto(const ModelRegistry& registry, const Book& book, Day as_of, const FitOptions& options) {
  const std::vector<Validation> results = validate(registry, book, as_of, options);
  // Nothing decided to learn from: markov still reads the stage flow.
  std::string_view chosen = "markov";
  double best = std::numeric_limits<double>::infinity();
  for (const auto& v : results)
    if (v.deals > 0 && v.loss / static_cast<double>(v.deals) < best) {
      best = v.loss / static_cast<double>(v.deals);
      chosen = v.model;
    }
  std::string why = "auto: chose " + std::string(chosen) + " (mean log loss on deals open at T-90 and T-180 days, decided by T:";
  for (const auto& v : results)
    why += " " + std::string(v.model) + " " +
           (v.deals > 0 ? figure(v.loss / static_cast<double>(v.deals)) : std::string("n/a"));
  why += "; " + std::to_string(results.front().deals) + " deals)";
  return fit_model(registry, chosen, book, as_of, options).renamed("auto", why);
}

}  // namespace

ModelSpec auto_model_spec() {
  ModelSpec spec;
  spec.name = "auto";
  spec.description = "the best of stage, markov and logistic on this book's recent past";
  spec.fit_whole = fit_auto;
  return spec;
}

}  // namespace pipecast
