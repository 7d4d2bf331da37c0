// Whether the period forecast's intervals cover what happened: a statistical
// test over 48 monthly origins on each of the accuracy books (with and
// without a regime change), so it runs uninstrumented (the accuracy area,
// tests/CMakeLists.txt).
#include "pipecast/backtest/backtest.hpp"

#include "truth_scoring.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace interval_coverage_test {
namespace {

// markov: the cheapest model that reads the history.  The interval is made
// the same way for every such model (the close timing, the pipeline's
// spread, the new deals); benchmarks/interval_coverage.py measures auto and
// logistic too, on more books.
PeriodSummary next_month(const Book& book) {
  BacktestOptions options;
  options.from = to_day(2022, 6, 30);
  options.to = to_day(2026, 5, 31);
  options.horizons = 1;
  options.models = {"markov"};
  options.trials = 1000;
  const Backtest bt = run_backtest(book, options);
  for (const ModelSummary& m : bt.summary)
    if (m.model == "markov") return m.periods.front();
  ADD_FAILURE() << "no markov in the backtest";
  return {};
}

// Over 48 monthly origins, how often do the next month's bookings fall
// inside P10..P90?  80% is the goal.  Each origin is covered or not, so over
// 48 the share has a standard error of about 6 points: one book is held to
// 70-90%, the two books pooled (96 origins) to 75-85%.
TEST(PeriodForecast, NextMonthIntervalsCoverTheOutcomeEightyPercentOfTheTime) {
  std::size_t covered = 0, origins = 0;
  for (const Day change : {kNoDay, to_day(2024, 1, 1)}) {
    const PeriodSummary s = next_month(test::accuracy_book(change).book);
    std::printf("P10..P90 coverage of next-month bookings, %s: %zu of %zu origins (%.0f%%)\n",
                change == kNoDay ? "no regime change" : "regime change", s.covered, s.origins, 100 * s.coverage);
    EXPECT_EQ(s.origins, 48u);
    EXPECT_GE(s.coverage, 0.70);
    EXPECT_LE(s.coverage, 0.90);
    covered += s.covered;
    origins += s.origins;
  }
  const double pooled = static_cast<double>(covered) / static_cast<double>(origins);
  EXPECT_GE(pooled, 0.75);
  EXPECT_LE(pooled, 0.85);
}

}  // namespace
}  // namespace interval_coverage_test
}  // namespace pipecast
