#include "pipecast/forecast/auto_model.hpp"

#include "pipecast/forecast/win_model_cache.hpp"

#include "core/parallel_for.hpp"
#include "forecast/auto_validation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <stdexcept>

namespace pipecast {
namespace {

const std::string kAutoLoss = "auto.loss", kAutoDeals = "auto.deals";

struct Validation {
  AutoCandidate candidate;
  double loss = 0.0;  // summed log loss
  std::size_t deals = 0;

  double mean() const { return loss / static_cast<double>(deals); }
};

// The requests of the candidates at an origin: each with its half-life.
std::vector<ModelRequest> candidate_requests(const FitOptions& options) {
  std::vector<ModelRequest> requests;
  for (const AutoCandidate& candidate : kAutoCandidates) {
    FitOptions own = options;
    own.half_life_days = candidate.half_life_days;
    requests.push_back({candidate.model, own});
  }
  return requests;
}

// Each candidate's win model fitted at each origin (the candidates of one
// origin share their training set) and scored on the deals open there that
// T decided.  The two origins are independent: given two threads or more,
// they are fitted side by side on half the threads each (their statistics
// merge exactly, in either order).
FitStatistics validate(const ModelRegistry& registry, const Book& book, Day as_of, const FitOptions& options,
                       WinModelCache* cache) {
  const std::array<Day, 2> origins = auto_validation_days(as_of);
  const unsigned threads = resolve_threads(options.threads);
  FitOptions each = options;
  each.threads = std::max(1u, threads / static_cast<unsigned>(origins.size()));
  const std::vector<ModelRequest> requests = candidate_requests(each);
  std::array<FitStatistics, origins.size()> parts;
  parallel_for(origins.size(), threads, [&](std::size_t k) {
    add_auto_validation_statistics(book, origins[k], as_of,
                                   fit_win_models(registry, requests, book, origins[k], cache), parts[k]);
  });
  FitStatistics stats;
  for (const FitStatistics& part : parts) stats.merge(part);
  return stats;
}

}  // namespace

std::array<Day, 2> auto_validation_days(Day as_of) {
  std::array<Day, 2> out{};
  for (std::size_t k = 0; k < out.size(); ++k) {
    const int months = kAutoValidationMonths[k];
    const bool in_calendar = as_of >= kFirstDay + 31 * months && as_of <= kLastDay;
    out[k] = in_calendar ? to_day(to_date(as_of) - boost::gregorian::months(months)) : as_of - 91 * months / 3;
  }
  return out;
}

void add_auto_validation_statistics(const Book& book, Day origin, Day as_of,
                                    std::span<const std::shared_ptr<const WinModel>> wins, FitStatistics& stats) {
  if (wins.size() != kAutoCandidates.size())
    throw std::invalid_argument("auto: " + std::to_string(wins.size()) + " candidates to validate, not " +
                                std::to_string(kAutoCandidates.size()));
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  const DealStates open = open_deal_states(AsOfView(book, origin));
  SumTable& losses = stats.sums[kAutoLoss];
  CountTable& deals = stats.counts[kAutoDeals];
  for (std::size_t m = 0; m < wins.size(); ++m) {
    const std::vector<double> win_probability = win_probabilities(*wins[m], book, open);
    ExactSum& loss = losses[m];
    std::uint64_t& decided = deals[m];
    // Each deal's loss added exactly: the parts' totals are the whole book's.
    for (std::size_t i = 0; i < open.size(); ++i) {
      const Outcome outcome = outcomes.state[open.deal[i]];
      if (outcome == Outcome::open) continue;
      const double p = std::clamp(win_probability[i], 1e-6, 1.0 - 1e-6);
      loss.add(-std::log(outcome == Outcome::won ? p : 1.0 - p));
      ++decided;
    }
  }
}

namespace {

std::string figure(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

// The best of `results` that `eligible` lets in, or none (deals == 0).
template <class Eligible>
Validation best_of(const std::vector<Validation>& results, Eligible eligible) {
  Validation best{{"markov", 0}};
  for (const auto& v : results)
    if (v.deals > 0 && eligible(v.candidate) && (best.deals == 0 || v.mean() < best.mean())) best = v;
  return best;
}

// The best candidate without weighting, unless a weighted one beats it by
// kAutoWeightingMargin; markov when nothing was decided to learn from (it
// still reads the stage flow).
AutoCandidate choose(const std::vector<Validation>& results, bool weighting_allowed) {
  const Validation plain = best_of(results, [](const AutoCandidate& c) { return c.half_life_days == 0; });
  if (!weighting_allowed || plain.deals == 0) return plain.candidate;
  const Validation weighted = best_of(results, [](const AutoCandidate& c) { return c.half_life_days > 0; });
  return weighted.deals > 0 && weighted.mean() < (1.0 - kAutoWeightingMargin) * plain.mean() ? weighted.candidate
                                                                                              : plain.candidate;
}

std::string describe(const AutoCandidate& chosen, const std::vector<Validation>& results, bool weighting_allowed) {
  std::string why = "auto: chose " + std::string(chosen.model) + " ";
  if (chosen.half_life_days > 0)
    why += "with a recency half-life of " + std::to_string(chosen.half_life_days) + " days ";
  why += "(mean log loss on deals open 3 and 6 months before T, decided by T:";
  for (const auto& v : results) why += " " + v.candidate.label() + " " + (v.deals > 0 ? figure(v.mean()) : "n/a");
  why += "; " + std::to_string(results.front().deals) + " deals";
  if (!weighting_allowed)
    why += ", too few to choose a recency half-life (" + std::to_string(kAutoMinDealsForHalfLife) +
           " needed): every row counts the same";
  return why + ")";
}

ModelChoice choose_auto(const ModelRegistry& registry, const Book& book, Day as_of, const FitOptions& options,
                        WinModelCache* cache) {
  ModelChoice choice = auto_choice_from(validate(registry, book, as_of, options, cache), options);
  // With a cache (a backtest), the candidates at T too: later origins
  // validate on T, and the pick and a logistic fit at T are among them
  // (fit_models() finds them there).  Without one, only the pick is fitted.
  if (cache != nullptr) (void)fit_win_models(registry, candidate_requests(options), book, as_of, cache);
  return choice;
}

}  // namespace

ModelChoice auto_choice_from(const FitStatistics& stats, const FitOptions& options) {
  std::vector<Validation> results;
  for (std::size_t m = 0; m < kAutoCandidates.size(); ++m) {
    const SumTable& losses = stats.sum_table(kAutoLoss);
    const auto loss = losses.find(m);
    results.push_back({kAutoCandidates[m], loss == losses.end() ? 0.0 : loss->second.value(),
                       static_cast<std::size_t>(stats.count(kAutoDeals, m))});
  }
  const bool weighting_allowed = results.front().deals >= kAutoMinDealsForHalfLife;
  const AutoCandidate chosen = choose(results, weighting_allowed);
  FitOptions own = options;
  own.half_life_days = chosen.half_life_days;
  return {std::string(chosen.model), own, "auto", describe(chosen, results, weighting_allowed)};
}

ModelSpec auto_model_spec() {
  ModelSpec spec;
  spec.name = "auto";
  spec.description = "the best of stage, markov and logistic on this book's recent past";
  spec.choose = choose_auto;
  return spec;
}

}  // namespace pipecast
