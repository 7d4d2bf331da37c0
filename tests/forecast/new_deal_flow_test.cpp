// The rate of new deals is measured only from creation dates that can be
// trusted, and is unknown, never extrapolated, when they cover too few days.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/new_deal_flow.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace new_deal_flow_test {
namespace {

const Day kStart = to_day(2023, 1, 1);

// A deal every `every` days from kStart for `days` days, each won 20 days
// after its first stage entry; `loaded` of them (the first ones) carry the
// creation date `loaded_on` instead of their own, as a data migration stamps
// them, their history keeping the real dates.
Book book_of(int days, int every, int loaded = 0, Day loaded_on = kNoDay, bool history = true) {
  BookBuilder b;
  (void)b.add_stage({"P", "Open", 1, 0.3, StageKind::open, ""});
  (void)b.add_stage({"P", "Won", 2, 1.0, StageKind::won, ""});
  (void)b.add_stage({"P", "Lost", 3, 0.0, StageKind::lost, ""});
  int n = 0;
  for (Day d = kStart; d < kStart + days; d += every, ++n) {
    const std::string id = "d" + std::to_string(n);
    const Day created = n < loaded ? loaded_on : d;
    const bool won = d + 20 < kStart + days;
    EXPECT_FALSE(b.add_opportunity({id, "P", "", "", "", "", "", 1000, "", created, d + 20, won ? "Won" : "Open", {}}));
    if (history) {
      EXPECT_FALSE(b.add_history({id, "Open", d, kNoAmount, kNoDay, {}}));
      if (won) {
        EXPECT_FALSE(b.add_history({id, "Won", d + 20, kNoAmount, kNoDay, {}}));
      }
    }
  }
  return std::move(b).finish();
}

TEST(NewDealFlow, TheRateIsUnknownOnAShortHistory) {
  const Book book = book_of(60, 1);
  const NewDealFlow flow = NewDealFlow::fit(book, kStart + 59);
  EXPECT_FALSE(flow.known());
  EXPECT_EQ(flow.unknown,
            "the creation dates that can be trusted cover 60 days up to the forecast's date; measuring the rate of "
            "new deals needs 90");
  EXPECT_TRUE(std::isnan(flow.expected_wins(kStart + 60, kStart + 150)));
}

TEST(NewDealFlow, ABookLoadedInOneDayWithoutEarlierHistoryHasNoRate) {
  // Every deal "created" on the day of the migration, no earlier trace.
  const Book book = book_of(400, 2, 200, kStart + 399, false);
  const NewDealFlow flow = NewDealFlow::fit(book, kStart + 420);
  EXPECT_EQ(flow.unknown, "no deal known at the forecast's date has a creation date that can be trusted");
  ForecastOptions options;
  options.trials = 200;
  options.periods = {period_containing(kStart + 450, PeriodKind::quarter)};
  const Forecast f = forecast_periods(fit_model("stage", book, kStart + 420), book, options);
  EXPECT_EQ(f.new_deals_unknown, flow.unknown);
  const PeriodForecast& p = f.periods[0];
  EXPECT_TRUE(std::isnan(p[ForecastComponent::new_deals].expected));
  EXPECT_DOUBLE_EQ(p[ForecastComponent::total].expected,
                   p[ForecastComponent::closed].expected + p[ForecastComponent::pipeline].expected);
  const std::string json = to_json(f);
  EXPECT_NE(json.find(R"("new_deals_unknown": "no deal known)"), std::string::npos);
  EXPECT_NE(json.find(R"("expected": null)"), std::string::npos);
}

TEST(NewDealFlow, MigratedDealsAreDatedByTheirHistory) {
  // The same deals, half of them stamped with a migration day: the rate is
  // the one of the true dates, which the history keeps.
  // (The migration day is odd: no deal of the book was truly created then.)
  const Book truth = book_of(400, 2);
  const Book migrated = book_of(400, 2, 100, kStart + 301);
  const Day t = kStart + 399;
  EXPECT_TRUE(NewDealFlow::fit(migrated, t).known());
  EXPECT_DOUBLE_EQ(NewDealFlow::fit(migrated, t).daily_rate, NewDealFlow::fit(truth, t).daily_rate);
  EXPECT_DOUBLE_EQ(NewDealFlow::fit(truth, t).daily_rate, 182.0 / 365.0);
  // Without that history the migrated deals are left out of the rate, which
  // is measured over the 200 days the other dates cover.
  const Book untraceable = book_of(400, 2, 100, kStart + 301, false);
  EXPECT_DOUBLE_EQ(NewDealFlow::fit(untraceable, t).daily_rate, 100.0 / 200.0);
}

TEST(NewDealFlow, TheNewComponentSpreadsAsACompoundPoissonOnEitherSideOfTheNormalLimit) {
  // Below kWinsDrawnOneByOne wins a period's amounts are drawn win by win;
  // above, their sum from its normal limit (a flow of millions of deals no
  // longer costs millions of draws per future).  Either way, without rate
  // dispersion, the sum is a compound Poisson: variance wins * E[amount^2].
  const Book book = generate_synthetic_book({.deals = 3000, .seed = 23}).book;
  const Day t = to_day(2024, 6, 30);
  const FittedModel model = fit_model("stage", book, t);
  const DealScores scores = model.score(as_of(book, t));
  const Period quarter = period_containing(t + 1, PeriodKind::quarter);
  for (const double wins_wanted : {3'000.0, 300'000.0}) {
    NewDealFlow flow = model.new_deals();
    ASSERT_TRUE(flow.known());
    flow.rate_dispersion = 0.0;
    flow.daily_rate *= wins_wanted / flow.expected_wins(quarter.first, quarter.last);
    const double wins = flow.expected_wins(quarter.first, quarter.last);
    const NewDealFlow::AmountMoments one = flow.won_amount(quarter.first, quarter.last);
    ASSERT_GT(one.sd, 0.0);
    ForecastOptions options;
    options.trials = 2000;
    options.periods = {quarter};
    const ComponentForecast c = forecast_periods(scores, flow, book, options).periods[0][ForecastComponent::new_deals];
    EXPECT_NEAR(c.expected, wins * one.mean, 1e-9 * c.expected);
    const double sd = std::sqrt(wins * (one.sd * one.sd + one.mean * one.mean));
    EXPECT_NEAR((c.p90 - c.p10) / (2 * 1.2815515655446004 * sd), 1.0, 0.1) << wins_wanted;
    EXPECT_NEAR(c.p50, c.expected, 0.1 * sd) << wins_wanted;
  }
}

}  // namespace
}  // namespace new_deal_flow_test
}  // namespace pipecast
