// Bookings and the seasonal-naive baseline on a hand-made book: every
// expected figure is worked out below from the listing.
//
// One pipeline: Open, Won, Lost.  Every deal is created on 2023-01-01, in
// the base currency.  l0 is lost on that day: the book's record of outcomes
// starts on 2023-01-01, so January 2023 is the first complete month.
//
// deal owner amount  won on       notes
// w1   Ann    100    2023-01-15
// w2   Bob    200    2023-02-10
// w3   Ann    300    2023-03-05
// w4   Bob    400    2023-04-20
// w5   Ann   1000    2024-01-10
// w6   Bob    500    2023-06-02   (open, so not in the bookings, as known before)
// l0   Bob     50    lost 2023-01-01
// l1   Ann    700    lost 2023-02-01
// o1   Bob    900    still open
//
// Months as known at 2024-01-31: Jan-23 100, Feb-23 200, Mar-23 300,
// Apr-23 400, May-23 0, Jun-23 500, Jul..Dec-23 0, Jan-24 1000.
#include "pipecast/backtest/seasonal_naive.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace backtest_seasonal_naive_test {
namespace {

Book naive_book(bool with_l0 = true) {
  BookBuilder b;
  const auto check = [](const Checked& c) {
    if (c) ADD_FAILURE() << c->field << ": " << c->message;
  };
  check(b.add_stage({"Sales", "Open", 1, 0.3, StageKind::open, ""}));
  check(b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""}));
  check(b.add_stage({"Sales", "Lost", 3, 0.0, StageKind::lost, ""}));
  struct Deal {
    std::string_view id, owner;
    double amount;
    std::string_view stage;
    Day closed;  // entered the final stage; kNoDay when open
  };
  const Day created = to_day(2023, 1, 1);
  const Deal deals[] = {
      {"w1", "Ann", 100, "Won", to_day(2023, 1, 15)},  {"w2", "Bob", 200, "Won", to_day(2023, 2, 10)},
      {"w3", "Ann", 300, "Won", to_day(2023, 3, 5)},   {"w4", "Bob", 400, "Won", to_day(2023, 4, 20)},
      {"w5", "Ann", 1000, "Won", to_day(2024, 1, 10)}, {"w6", "Bob", 500, "Won", to_day(2023, 6, 2)},
      {"l0", "Bob", 50, "Lost", to_day(2023, 1, 1)},   {"l1", "Ann", 700, "Lost", to_day(2023, 2, 1)},
      {"o1", "Bob", 900, "Open", kNoDay},
  };
  for (const Deal& d : deals) {
    if (!with_l0 && d.id == "l0") continue;
    OpportunityRecord r;
    r.id = d.id;
    r.pipeline = "Sales";
    r.account = "Acme";
    r.owner = d.owner;
    r.product = "Widget";
    r.source = "Web";
    r.segment = "SMB";
    r.amount = d.amount;
    r.created = created;
    r.close_date = d.closed == kNoDay ? to_day(2024, 3, 1) : d.closed;
    r.stage = d.stage;
    check(b.add_opportunity(r));
    HistoryRecord h;
    h.opportunity_id = d.id;
    h.stage = "Open";
    h.entered = created;
    check(b.add_history(h));
    if (d.closed != kNoDay) {
      h.stage = d.stage;
      h.entered = d.closed;
      check(b.add_history(h));
    }
  }
  return std::move(b).finish();
}

const Book& book() {
  static const Book b = naive_book();
  return b;
}

Code owner(std::string_view name) { return *book().dictionary(Dimension::owner).find(name); }

TEST(Bookings, SumWinsByCloseDayAsKnownAtTheirDate) {
  const Bookings at_may(book(), to_day(2023, 5, 31), Dimension::owner);
  EXPECT_EQ(at_may.first_close_day(), to_day(2023, 1, 1));
  EXPECT_DOUBLE_EQ(at_may.won(to_day(2023, 1, 1), to_day(2023, 12, 31)), 1000.0);  // w1..w4; w6 not yet
  EXPECT_DOUBLE_EQ(at_may.won(to_day(2023, 2, 10), to_day(2023, 3, 5)), 500.0);    // both ends included
  EXPECT_DOUBLE_EQ(at_may.won(to_day(2023, 1, 1), to_day(2023, 12, 31), owner("Ann")), 400.0);
  EXPECT_DOUBLE_EQ(at_may.won(to_day(2023, 1, 1), to_day(2023, 12, 31), owner("Bob")), 600.0);
  EXPECT_DOUBLE_EQ(at_may.won(to_day(2023, 3, 1), to_day(2023, 2, 1)), 0.0);  // empty range
  const Bookings at_end(book(), to_day(2024, 1, 31));
  EXPECT_DOUBLE_EQ(at_end.won(to_day(2023, 6, 1), to_day(2023, 6, 30)), 500.0);
  EXPECT_THROW(at_end.won(0, 1, 0), std::logic_error);  // not split by group
  // The same figure as the forecast engine's won_amount.
  for (Day known : {to_day(2023, 5, 31), to_day(2023, 6, 2), to_day(2024, 1, 31)}) {
    const Bookings b(book(), known);
    for (Day first = to_day(2022, 12, 1); first < to_day(2024, 2, 1); first += 17)
      EXPECT_NEAR(b.won(first, first + 40), won_amount(book(), known, first, first + 40), 1e-9);
  }
  EXPECT_EQ(Bookings(book(), to_day(2022, 12, 31)).first_close_day(), kNoDay);  // nothing known yet
}

TEST(SeasonalNaive, RecentMeanWhenTheYearAgoPeriodIsNotInTheBook) {
  // At 2023-02-28, March: March 2022 predates the book, so the mean of the
  // complete months Feb-23 (200) and Jan-23 (100); Dec-22 is not covered.
  const Bookings known(book(), to_day(2023, 2, 28));
  const NaiveForecast f = seasonal_naive(known, parse_period("2023-03"));
  EXPECT_EQ(f.method, NaiveMethod::recent_mean);
  EXPECT_EQ(f.periods, 2u);
  EXPECT_DOUBLE_EQ(f.value, 150.0);
  // Mid-month (2023-03-15), March still runs: the same two months.
  EXPECT_DOUBLE_EQ(seasonal_naive(Bookings(book(), to_day(2023, 3, 15)), parse_period("2023-03")).value, 150.0);
  // At most three months: at 2023-05-31 for June, Mar, Apr and May (300 + 400 + 0) / 3.
  const NaiveForecast june = seasonal_naive(Bookings(book(), to_day(2023, 5, 31)), parse_period("2023-06"));
  EXPECT_EQ(june.periods, 3u);
  EXPECT_DOUBLE_EQ(june.value, 700.0 / 3.0);
}

TEST(SeasonalNaive, SamePeriodAYearEarlierWhenTheBookHasIt) {
  // At 2024-01-31: February 2024 is forecast by February 2023 (200), March by 300.
  const Bookings known(book(), to_day(2024, 1, 31), Dimension::owner);
  const NaiveForecast feb = seasonal_naive(known, parse_period("2024-02"));
  EXPECT_EQ(feb.method, NaiveMethod::year_ago);
  EXPECT_DOUBLE_EQ(feb.value, 200.0);
  EXPECT_DOUBLE_EQ(seasonal_naive(known, parse_period("2024-03")).value, 300.0);
  EXPECT_DOUBLE_EQ(seasonal_naive(known, parse_period("2024-03"), owner("Ann")).value, 300.0);
  EXPECT_DOUBLE_EQ(seasonal_naive(known, parse_period("2024-03"), owner("Bob")).value, 0.0);
  // Quarters: Q2-2024 from Q2-2023 = 400 + 0 + 500.
  EXPECT_DOUBLE_EQ(seasonal_naive(known, parse_period("2024-Q2")).value, 900.0);
  // Quarterly at 2023-06-30, Q3: Q3-2022 is not in the book; mean of Q2-23
  // (400 + 500) and Q1-23 (600): 750.
  const NaiveForecast q3 = seasonal_naive(Bookings(book(), to_day(2023, 6, 30)), parse_period("2023-Q3"));
  EXPECT_EQ(q3.method, NaiveMethod::recent_mean);
  EXPECT_DOUBLE_EQ(q3.value, 750.0);
}

TEST(SeasonalNaive, MonthsBeforeTheFirstCloseAreNotHistory) {
  // Without l0 the first close is w1's on 2023-01-15: January 2023 is only
  // partly on record, so it is not history.  At 2023-03-31, April's run rate
  // is then the mean of March and February (250) instead of Jan..Mar (200);
  // at 2023-12-31 January 2024 cannot be January 2023 (100) and falls back
  // to the mean of Oct..Dec 2023 (0).
  const Book later = naive_book(false);
  const NaiveForecast april = seasonal_naive(Bookings(later, to_day(2023, 3, 31)), parse_period("2023-04"));
  EXPECT_EQ(april.periods, 2u);
  EXPECT_DOUBLE_EQ(april.value, 250.0);
  EXPECT_DOUBLE_EQ(seasonal_naive(Bookings(book(), to_day(2023, 3, 31)), parse_period("2023-04")).value, 200.0);
  const NaiveForecast january = seasonal_naive(Bookings(later, to_day(2023, 12, 31)), parse_period("2024-01"));
  EXPECT_EQ(january.method, NaiveMethod::recent_mean);
  EXPECT_DOUBLE_EQ(january.value, 0.0);
  const NaiveForecast with_l0 = seasonal_naive(Bookings(book(), to_day(2023, 12, 31)), parse_period("2024-01"));
  EXPECT_EQ(with_l0.method, NaiveMethod::year_ago);
  EXPECT_DOUBLE_EQ(with_l0.value, 100.0);
}

TEST(SeasonalNaive, NoneWithoutACompletePeriod) {
  const NaiveForecast f = seasonal_naive(Bookings(book(), to_day(2023, 1, 20)), parse_period("2023-02"));
  EXPECT_EQ(f.method, NaiveMethod::none);
  EXPECT_TRUE(std::isnan(f.value));
  EXPECT_THROW(seasonal_naive(Bookings(book(), to_day(2023, 1, 20)), parse_period("2023")), std::invalid_argument);
}

TEST(SeasonalNaive, ScaleIsTheInSampleErrorOfTheSameRule) {
  // At 2023-04-30, months Jan..Apr-23 (100, 200, 300, 400).  January has no
  // forecast; Feb from Jan (100): error 100; Mar from mean(Feb, Jan) = 150:
  // 150; Apr from mean(Mar, Feb, Jan) = 200: 200.  Mean: 150.
  const Bookings known(book(), to_day(2023, 4, 30), Dimension::owner);
  EXPECT_DOUBLE_EQ(seasonal_naive_scale(known, PeriodKind::month), 150.0);
  // Ann: 100, 0, 300, 0.  Feb from 100: 100; Mar from 50: 250; Apr from
  // 400 / 3: 400 / 3.  Mean: (100 + 250 + 400 / 3) / 3.
  EXPECT_NEAR(seasonal_naive_scale(known, PeriodKind::month, owner("Ann")), (350.0 + 400.0 / 3.0) / 3.0, 1e-12);
  // A single complete month: no in-sample forecast, no scale.
  EXPECT_TRUE(std::isnan(seasonal_naive_scale(Bookings(book(), to_day(2023, 2, 15)), PeriodKind::month)));
  // At 2024-01-31 January 2024 is forecast by January 2023: |1000 - 100| is
  // one of the 12 errors; the others follow the recent-mean rule:
  // Feb 100, Mar 150, Apr 200, May |0 - 300| = 300, Jun |500 - 700/3|,
  // Jul |0 - 300|, Aug |0 - 500/3|, Sep |0 - 500/3|, Oct..Dec 0.
  const double expected =
      (900.0 + 100 + 150 + 200 + 300 + (500.0 - 700.0 / 3.0) + 300 + 500.0 / 3.0 + 500.0 / 3.0) / 12.0;
  EXPECT_NEAR(seasonal_naive_scale(Bookings(book(), to_day(2024, 1, 31)), PeriodKind::month), expected, 1e-9);
}

}  // namespace
}  // namespace backtest_seasonal_naive_test
}  // namespace pipecast
