#include "pipecast/core/calendar.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string_view>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace calendar_test {
namespace {

TEST(Calendar, DayNumbersAreDaysSince1970) {
  EXPECT_EQ(to_day(1970, 1, 1), 0);
  EXPECT_EQ(to_day(1969, 12, 31), -1);
  EXPECT_EQ(to_day(2024, 3, 1) - to_day(2024, 2, 28), 2);  // leap year
  EXPECT_EQ(to_date(to_day(2024, 7, 15)), boost::gregorian::date(2024, 7, 15));
}

TEST(Calendar, ParsesDatesAndDatetimes) {
  EXPECT_EQ(parse_day("2024-02-29"), to_day(2024, 2, 29));
  EXPECT_EQ(parse_day("2024-02-29T23:59:59"), to_day(2024, 2, 29));
  EXPECT_EQ(parse_day("2024-02-29 08:00"), to_day(2024, 2, 29));
  EXPECT_EQ(parse_day("2024-02-29T08:00:00.123Z"), to_day(2024, 2, 29));
  EXPECT_EQ(parse_day("2024-02-29T08:00:00+02:00"), to_day(2024, 2, 29));
  for (const char* bad : {"", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1", "24-01-01",
                          "2024/01/01", "2024-01-01x", "2024-01-01T25:00", "1399-12-31", "abcd-ef-gh"})
    EXPECT_FALSE(parse_day(bad).has_value()) << bad;
}

TEST(Calendar, FormatsDates) {
  EXPECT_EQ(format_day(to_day(2024, 7, 5)), "2024-07-05");
  EXPECT_EQ(format_day(kNoDay), "");
  EXPECT_EQ(format_day(to_day(1400, 1, 1)), "1400-01-01");
  EXPECT_EQ(format_day(to_day(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(to_day(1400, 1, 1), kFirstDay);
  EXPECT_EQ(to_day(9999, 12, 31), kLastDay);
  EXPECT_THROW(format_day(kLastDay + 1), std::out_of_range);
  EXPECT_THROW(format_day(kFirstDay - 1), std::out_of_range);
}

TEST(Period, ParsesEveryForm) {
  const Period month = parse_period("2024-07");
  EXPECT_EQ(month.kind, PeriodKind::month);
  EXPECT_EQ(month.first, to_day(2024, 7, 1));
  EXPECT_EQ(month.last, to_day(2024, 7, 31));
  const Period quarter = parse_period("2024-Q3");
  EXPECT_EQ(quarter.first, to_day(2024, 7, 1));
  EXPECT_EQ(quarter.last, to_day(2024, 9, 30));
  const Period year = parse_period("2024");
  EXPECT_EQ(year.last - year.first + 1, 366);
  const Period range = parse_period("2024-07-01..2024-09-30");
  EXPECT_EQ(range.first, quarter.first);
  EXPECT_EQ(range.last, quarter.last);
  EXPECT_EQ(range.label, "2024-07-01..2024-09-30");
}

TEST(Period, FiscalYearIsNamedAfterTheYearItEnds) {
  const FiscalCalendar february{2};
  const Period fy = parse_period("FY2025", february);
  EXPECT_EQ(fy.first, to_day(2024, 2, 1));
  EXPECT_EQ(fy.last, to_day(2025, 1, 31));
  const Period q1 = parse_period("FY2025-Q1", february);
  EXPECT_EQ(q1.first, to_day(2024, 2, 1));
  EXPECT_EQ(q1.last, to_day(2024, 4, 30));
  const Period q4 = parse_period("FY2025-Q4", february);
  EXPECT_EQ(q4.first, to_day(2024, 11, 1));
  EXPECT_EQ(q4.last, to_day(2025, 1, 31));
  EXPECT_EQ(parse_period("FY2025").first, to_day(2025, 1, 1));  // calendar fiscal year
}

TEST(Period, ContainingAndNext) {
  const FiscalCalendar july{7};
  const Period fq = period_containing(to_day(2024, 8, 15), PeriodKind::fiscal_quarter, july);
  EXPECT_EQ(fq.label, "FY2025-Q1");
  EXPECT_EQ(fq.first, to_day(2024, 7, 1));
  EXPECT_EQ(next_period(fq, july).label, "FY2025-Q2");
  EXPECT_EQ(next_period(parse_period("2024-12")).label, "2025-01");
  EXPECT_EQ(next_period(parse_period("2024-Q4")).label, "2025-Q1");
  const Period next_range = next_period(parse_period("2024-01-01..2024-01-10"));
  EXPECT_EQ(next_range.first, to_day(2024, 1, 11));
  EXPECT_EQ(next_range.last, to_day(2024, 1, 20));
}

TEST(Period, RejectsBadTextWithAHelpfulMessage) {
  for (const char* bad : {"", "2024-Q0", "2024-13", "24", "FY", "2024-09-30..2024-07-01", "Q3-2024"}) {
    try {
      parse_period(bad);
      ADD_FAILURE() << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("expected 2024-07, 2024-Q3"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(parse_period("2024", FiscalCalendar{13}), std::invalid_argument);
}

// --- The ends of the supported range ---------------------------------------------

// Each period's bounds are computed from the month after it (or the year
// before, for an early fiscal start), which lies outside the range
// boost::gregorian accepts: these used to throw std::out_of_range.
TEST(Period, PeriodsAtTheEndsOfTheRangeAreClippedToIt) {
  const Day last = to_day(9999, 12, 31), first = to_day(1400, 1, 1);
  EXPECT_EQ(first, kFirstDay);
  EXPECT_EQ(last, kLastDay);
  EXPECT_EQ(parse_period("9999-12"), (Period{PeriodKind::month, to_day(9999, 12, 1), last, "9999-12"}));
  EXPECT_EQ(parse_period("9999-Q4"), (Period{PeriodKind::quarter, to_day(9999, 10, 1), last, "9999-Q4"}));
  EXPECT_EQ(parse_period("9999"), (Period{PeriodKind::year, to_day(9999, 1, 1), last, "9999"}));
  EXPECT_EQ(parse_period("FY9999"), (Period{PeriodKind::fiscal_year, to_day(9999, 1, 1), last, "FY9999"}));
  EXPECT_EQ(parse_period("FY1400", {2}), (Period{PeriodKind::fiscal_year, first, to_day(1400, 1, 31), "FY1400"}));
  EXPECT_EQ(parse_period("FY1400-Q1", {11}),
            (Period{PeriodKind::fiscal_quarter, first, to_day(1400, 1, 31), "FY1400-Q1"}));
  for (const PeriodKind kind : {PeriodKind::month, PeriodKind::quarter, PeriodKind::year,
                                PeriodKind::fiscal_quarter, PeriodKind::fiscal_year}) {
    for (const unsigned month : {1u, 2u, 12u}) {
      EXPECT_EQ(period_containing(last, kind, {month}).last, last);
      EXPECT_EQ(period_containing(first, kind, {month}).first, first);
    }
  }
  // Found by fuzz_calendar: clipping left FY1400-Q1 (1399-02..04) ending
  // before it started.
  try {
    parse_period("FY1400-Q1", {2});
    ADD_FAILURE() << "a quarter wholly before 1400 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_TRUE(std::string_view(e.what()).starts_with("invalid period 'FY1400-Q1': it lies wholly before 1400-01-01"))
        << e.what();
  }
  EXPECT_EQ(parse_period("FY1400-Q4", {2}).first, first);
  EXPECT_THROW(next_period(parse_period("9999-Q4")), std::out_of_range);
  EXPECT_THROW(next_period(parse_period("9999-12-01..9999-12-31")), std::out_of_range);
  EXPECT_THROW(period_containing(last + 1, PeriodKind::month), std::out_of_range);
  EXPECT_THROW(period_containing(first - 1, PeriodKind::month), std::out_of_range);
  // Away from the ends, the arithmetic agrees with boost::gregorian.
  for (Day d = to_day(1999, 1, 1); d < to_day(2002, 1, 1); d += 17) {
    const auto date = to_date(d);
    const Period month = period_containing(d, PeriodKind::month);
    EXPECT_EQ(month.first, to_day(date.year(), date.month(), 1));
    EXPECT_EQ(month.last, to_day(date.end_of_month()));
  }
}

}  // namespace
}  // namespace calendar_test
}  // namespace pipecast
