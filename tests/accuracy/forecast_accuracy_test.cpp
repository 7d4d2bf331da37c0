// The models against the truth: on a synthetic book the generator knows each
// open deal's exact win probability, and, years later, what became of it.
#include "pipecast/analytics/statistics.hpp"
#include "pipecast/forecast/auto_model.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/training_set.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "truth_scoring.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace forecast_accuracy_test {
namespace {

using test::brier;
using test::Scored;

/// A book long enough that deals open at T are decided by its end.
const SyntheticBook& world() { return test::accuracy_book(); }
// Three origins a quarter apart, pooled: about 6,000 scored deals.
const std::vector<Day>& kOrigins = test::kAccuracyOrigins;

Scored score(std::string_view model_name) { return test::scored(world(), model_name, kOrigins); }

/// By decile of the prediction: the mean prediction must fall inside the
/// 99% Wilson interval of the observed win rate.
void expect_calibrated(const Scored& s, std::string_view model) {
  std::vector<std::size_t> order(s.predicted.size());
  std::iota(order.begin(), order.end(), 0);
  // Ties (every deal of a stage, for `stage`) are split at random, not by age.
  std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s.predicted[a] < s.predicted[b]; });
  constexpr double kZ99 = 2.5758293035489;
  for (std::size_t d = 0; d < 10; ++d) {
    const std::size_t begin = d * order.size() / 10, end = (d + 1) * order.size() / 10;
    double mean = 0;
    std::size_t wins = 0;
    for (std::size_t j = begin; j < end; ++j) {
      mean += s.predicted[order[j]];
      wins += s.outcome[order[j]] > 0.5;
    }
    mean /= static_cast<double>(end - begin);
    const Interval observed = wilson_interval(wins, end - begin, kZ99);
    // A hair of slack for deciles whose mean sits exactly on the edge.
    EXPECT_GE(mean, observed.low - 0.01) << model << " decile " << d << " observed "
                                         << static_cast<double>(wins) / static_cast<double>(end - begin);
    EXPECT_LE(mean, observed.high + 0.01) << model << " decile " << d << " observed "
                                          << static_cast<double>(wins) / static_cast<double>(end - begin);
  }
}

TEST(ForecastAccuracy, HistoryBasedModelsAreCalibratedByDecile) {
  for (const char* name : {"stage", "markov", "logistic", "auto"}) expect_calibrated(score(name), name);
}

TEST(ForecastAccuracy, LogisticAndAutoBeatCrmAndStageOnBrierScore) {
  std::map<std::string, double> scores;
  Scored any;
  for (const char* name : {"crm", "stage", "markov", "logistic", "auto"}) {
    const Scored s = score(name);
    scores[name] = brier(s.predicted, s.outcome);
    any = s;
  }
  // The process as the book shows it: the stage, the days in it and the
  // activities logged (which the logistic models read).
  const double truth = brier(any.truth_given_activities, any.outcome);
  for (const auto& [name, value] : scores)
    std::printf("brier %-9s %.4f\n", name.c_str(), value);
  std::printf("brier truth     %.4f (%zu deals open at 2024-03-31, -06-30 or -09-30, decided by 2026-06-30)\n", truth,
              any.outcome.size());
  for (const char* better : {"logistic", "auto"})
    for (const char* worse : {"crm", "stage"})
      EXPECT_LT(scores[better], scores[worse]) << better << " vs " << worse;
  // Nothing beats knowing the process; a model far from it is missing something.
  for (const auto& [name, value] : scores) EXPECT_GE(value, truth - 0.005) << name;
  EXPECT_LT(scores["logistic"], truth + 0.02);
}

TEST(ForecastAccuracy, AutoSaysWhichModelItChose) {
  const std::string& description = test::scored_at(world(), "auto", kOrigins[1]).description;
  bool named = false;
  for (auto candidate : kAutoCandidates)
    named |= description.rfind("auto: chose " + std::string(candidate.model) + " ", 0) == 0;
  EXPECT_TRUE(named) << description;
}

}  // namespace
}  // namespace forecast_accuracy_test
}  // namespace pipecast
