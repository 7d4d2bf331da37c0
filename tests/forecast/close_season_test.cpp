// The quarter's rhythm of closes, against books and curves worked out by hand.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/close_season.hpp"
#include "pipecast/forecast/close_timing.hpp"

#include "builder_support.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace close_season_test {
namespace {

const Day kT = to_day(2024, 12, 31);

// Three wins a month through 2023 and 2024; a month's wins come to
// `amount[month - 1]` (plus 10 in odd months, so that the months of a
// quarter's place are not all alike).
Book won_book(const std::array<double, 12>& amount, int first_year = 2023) {
  BookBuilder b;
  test::add_sales_stages(b);
  int n = 0;
  for (int year = first_year; year <= 2024; ++year)
    for (unsigned month = 1; month <= 12; ++month)
      for (int i = 0; i < 3; ++i) {
        const std::string id = "D" + std::to_string(n++);
        const Day won = to_day(year, month, 10 + static_cast<unsigned>(i));
        const double value = (amount[month - 1] + (month % 2 == 1 ? 10.0 : 0.0)) / 3.0;
        test::expect_accepted(b.add_opportunity({id, "Sales", "", "", "", "", "", value, "", won - 20, won, "Won", {}}));
        test::expect_accepted(b.add_history({id, "Open", won - 20, kNoAmount, kNoDay, {}}));
        test::expect_accepted(b.add_history({id, "Won", won, kNoAmount, kNoDay, {}}));
      }
  return std::move(b).finish();
}

TEST(CloseSeason, LearnsAQuartersRhythmFromTheWonAmounts) {
  // 1000, 2000 and 3000 in a quarter's first, second and third month.
  const CloseSeason season = CloseSeason::fit(
      won_book({1000, 2000, 3000, 1000, 2000, 3000, 1000, 2000, 3000, 1000, 2000, 3000}), kT);
  EXPECT_NEAR(season.factor[0], 0.5, 0.01);
  EXPECT_NEAR(season.factor[1], 1.0, 0.01);
  EXPECT_NEAR(season.factor[2], 1.5, 0.01);
  EXPECT_EQ(season.factors_from(to_day(2025, 3, 31), 2), (std::vector<double>{season.factor[2], season.factor[0]}));
  EXPECT_EQ(season.flaw(), "");
}

TEST(CloseSeason, MonthsThatDifferNoMoreThanTheirSpreadMakeNoRhythm) {
  // Within each place in the quarter the months swing by 1000 (2000, 3000
  // by turns); the places' means differ by less.
  EXPECT_TRUE(CloseSeason::fit(won_book({2000, 3000, 2000, 3000, 2000, 3000, 2000, 3000, 2000, 3000, 2000, 3000}), kT)
                  .flat());
  // Fewer than kMinMonths months with a win: nothing learned.
  EXPECT_TRUE(CloseSeason::fit(won_book({1000, 2000, 3000, 1000, 2000, 3000, 1000, 2000, 3000, 1000, 2000, 3000}),
                               to_day(2023, 5, 31))
                  .flat());
}

TEST(CloseSeason, MovesClosesBetweenMonthsAndKeepsTheirNumber) {
  // Closes spread evenly over the 91 days from 2025-01-01 (January, February,
  // March and April 1st) with factors 0.5, 1 and 1.5: January's 31 days
  // weigh 15.5 of the 90.5 scaled days.
  TimingCurve even;
  for (int d = 0; d <= 90; ++d) even.cdf.push_back((d + 1) / 91.0);
  CloseSeason season;
  season.factor = {0.5, 1.0, 1.5};
  const std::vector<double> from_new_year = season.factors_from(to_day(2025, 1, 1), even.cdf.size());
  const TimingCurve seen = season.applied(even, from_new_year);
  EXPECT_NEAR(seen.within(30), 15.5 / 90.5, 1e-12);
  EXPECT_NEAR(seen.within(58), (15.5 + 28.0) / 90.5, 1e-12);
  EXPECT_DOUBLE_EQ(seen.within(90), 1.0);
  EXPECT_EQ(seen.flaw(), "");
  EXPECT_EQ(CloseSeason{}.applied(even, from_new_year), even);  // flat: unchanged
  // Near the calendar's end, the days past it count as 1.
  const std::vector<double> last = season.factors_from(kLastDay - 1, 4);
  EXPECT_EQ(last, (std::vector<double>{1.5, 1.5, 1.0, 1.0}));  // December: a quarter's third month
}

TEST(CloseSeason, AFactorOutOfRangeIsAFlaw) {
  CloseSeason season;
  season.factor = {3.5, -0.5, 0.0};
  EXPECT_EQ(season.flaw(), "close season: a factor out of range");
  season.factor = {1.0, 1.0, 1.5};
  EXPECT_EQ(season.flaw(), "close season: the factors' mean is not 1");
}

TEST(CloseSeason, TheTimingCarriesItAndShowsItFromADay) {
  const Book book = won_book({1000, 2000, 3000, 1000, 2000, 3000, 1000, 2000, 3000, 1000, 2000, 3000});
  const CloseTiming timing = CloseTiming::fit(book, build_training_set(book, kT));
  EXPECT_FALSE(timing.season().flat());
  const std::vector<TimingCurve> seen = timing.curves_from(kT + 1);
  ASSERT_EQ(seen.size(), timing.curves().size());
  EXPECT_EQ(seen[0], timing.season().applied(timing.curves()[0],
                                             timing.season().factors_from(kT + 1, timing.curves()[0].cdf.size())));
}

}  // namespace
}  // namespace close_season_test
}  // namespace pipecast
