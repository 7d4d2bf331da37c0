// No leakage: fitting, scoring and forecasting as of T give the same results
// on the full data and on the data with everything after T deleted.
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "book_truncation.hpp"

#include <gtest/gtest.h>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace forecast_leakage_test {
namespace {

class ForecastLeakage : public ::testing::TestWithParam<const char*> {};

TEST_P(ForecastLeakage, FullDataEqualsTruncatedData) {
  const SyntheticBook synthetic = generate_synthetic_book({6000, 11, to_day(2023, 1, 1), to_day(2025, 6, 30)});
  const Book& full = synthetic.book;
  for (const Day t : {to_day(2024, 2, 29), to_day(2024, 9, 15)}) {
    const Book cut = test::truncated(full, t);
    const FittedModel on_full = fit_model(GetParam(), full, t);
    const FittedModel on_cut = fit_model(GetParam(), cut, t);
    EXPECT_EQ(on_full.description(), on_cut.description());
    const DealScores a = on_full.score(AsOfView(full, t));
    const DealScores b = on_cut.score(AsOfView(cut, t));
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 100u);
    for (std::size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(full.ids()[a.deals.deal[i]], cut.ids()[b.deals.deal[i]]);
      EXPECT_EQ(a.win_probability[i], b.win_probability[i]) << full.ids()[a.deals.deal[i]];
      EXPECT_EQ(a.expected_close(i), b.expected_close(i));
    }
    ForecastOptions options;
    options.trials = 500;
    options.periods = {period_containing(t, PeriodKind::quarter, {}),
                       next_period(period_containing(t, PeriodKind::quarter, {}))};
    const Forecast fa = forecast_periods(on_full, full, options);
    const Forecast fb = forecast_periods(on_cut, cut, options);
    ASSERT_EQ(fa.periods.size(), fb.periods.size());
    for (std::size_t j = 0; j < fa.periods.size(); ++j)
      for (const ForecastComponent c : kForecastComponents) {
        EXPECT_EQ(fa.periods[j][c].expected, fb.periods[j][c].expected) << to_string(c);
        EXPECT_EQ(fa.periods[j][c].p10, fb.periods[j][c].p10) << to_string(c);
        EXPECT_EQ(fa.periods[j][c].p90, fb.periods[j][c].p90) << to_string(c);
      }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryModel, ForecastLeakage,
                         ::testing::Values("crm", "stage", "markov", "logistic", "auto"));

}  // namespace
}  // namespace forecast_leakage_test
}  // namespace pipecast
