// The formatter for people: separators, signs, rounding, currencies, dates.
#include "pipecast/render/human_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace pipecast::render {
// Named for the file: a unity build compiles the files of a program as one.
namespace render_human_format_test {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(FormatNumber, GroupsThousands) {
  EXPECT_EQ(format_number(0), "0");
  EXPECT_EQ(format_number(999), "999");
  EXPECT_EQ(format_number(1000), "1,000");
  EXPECT_EQ(format_number(123456), "123,456");
  EXPECT_EQ(format_number(1234567.891), "1,234,568");
  EXPECT_EQ(format_number(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(format_number(1e15), "1,000,000,000,000,000");
}

TEST(FormatNumber, NegativeNumbersAndNoNegativeZero) {
  EXPECT_EQ(format_number(-1234.5, 1), "-1,234.5");
  EXPECT_EQ(format_number(-999999), "-999,999");
  EXPECT_EQ(format_number(-0.4), "0");  // rounds to zero: no "-0"
  EXPECT_EQ(format_number(-0.0, 2), "0.00");
  EXPECT_EQ(format_number(-0.004, 2), "0.00");
  EXPECT_EQ(format_number(-0.005, 2), "-0.01");
}

TEST(FormatNumber, RoundsHalfAwayFromZero) {
  EXPECT_EQ(format_number(0.5), "1");
  EXPECT_EQ(format_number(1.5), "2");
  EXPECT_EQ(format_number(2.5), "3");  // not "2" (to even)
  EXPECT_EQ(format_number(-2.5), "-3");
  EXPECT_EQ(format_number(1234.5), "1,235");
  EXPECT_EQ(format_number(0.125, 2), "0.13");
  EXPECT_EQ(format_number(999.96, 1), "1,000.0");  // carries into a new group
  // Ties as written round up, though in binary 2.675 and 1.005 lie just below.
  EXPECT_EQ(format_number(2.675, 2), "2.68");
  EXPECT_EQ(format_number(1.005, 2), "1.01");
  EXPECT_EQ(format_number(1.0049, 2), "1.00");
  EXPECT_EQ(format_number(99.5), "100");
  EXPECT_EQ(format_number(9.999, 2), "10.00");
}

TEST(FormatNumber, SmallDecimalsAndHugeValues) {
  EXPECT_EQ(format_number(0.05, 2), "0.05");
  EXPECT_EQ(format_number(0.001, 3), "0.001");
  EXPECT_EQ(format_number(3, 2), "3.00");
  EXPECT_EQ(format_number(1e20), "100,000,000,000,000,000,000");
  EXPECT_EQ(format_number(1.5, -1), "2");  // negative decimals mean none
}

TEST(FormatNumber, MissingAndInfinite) {
  EXPECT_EQ(format_number(kNaN), kMissing);
  EXPECT_EQ(format_number(kInf), "\u221e");
  EXPECT_EQ(format_number(-kInf), "-\u221e");
}

TEST(FormatCount, Groups) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(20000), "20,000");
  EXPECT_EQ(format_count(1234567), "1,234,567");
}

TEST(FormatPercent, OneDecimalByDefault) {
  EXPECT_EQ(format_percent(0.2563), "25.6%");
  EXPECT_EQ(format_percent(1), "100.0%");
  EXPECT_EQ(format_percent(0.5, 0), "50%");
  EXPECT_EQ(format_percent(0.00049), "0.0%");
  EXPECT_EQ(format_percent(-0.125), "-12.5%");
  EXPECT_EQ(format_percent(12.5), "1,250.0%");
  EXPECT_EQ(format_percent(kNaN), kMissing);
}

TEST(FormatPoints, AlwaysSigned) {
  EXPECT_EQ(format_points(0.052), "+5.2 pts");
  EXPECT_EQ(format_points(-0.1), "-10.0 pts");
  EXPECT_EQ(format_points(0.0), "0.0 pts");
  EXPECT_EQ(format_points(kNaN), kMissing);
}

TEST(FormatMoney, SymbolsWhereWellKnown) {
  EXPECT_EQ(currency_symbol("USD"), "$");
  EXPECT_EQ(currency_symbol("EUR"), "\u20ac");
  EXPECT_EQ(currency_symbol("GBP"), "\u00a3");
  EXPECT_EQ(currency_symbol("CHF"), "");
  EXPECT_EQ(format_money(1234567.8, "USD"), "$1,234,568");
  EXPECT_EQ(format_money(1234.5, "EUR", 2), "\u20ac1,234.50");
  EXPECT_EQ(format_money(300, "GBP"), "\u00a3300");
  EXPECT_EQ(format_money(1000000, "JPY"), "\u00a51,000,000");
}

TEST(FormatMoney, CodeAfterWhenNoSymbolAndNoneWhenBlank) {
  EXPECT_EQ(format_money(1234, "CHF"), "1,234 CHF");
  EXPECT_EQ(format_money(1234, ""), "1,234");
}

TEST(FormatMoney, SignBeforeTheSymbol) {
  EXPECT_EQ(format_money(-300, "GBP"), "-\u00a3300");
  EXPECT_EQ(format_money(-1234.4, "CHF"), "-1,234 CHF");
  EXPECT_EQ(format_money(-0.2, "USD"), "$0");
  EXPECT_EQ(format_money(kNaN, "USD"), kMissing);
}

TEST(FormatCompact, PicksTheLargestUnitThatReadsAtLeastOne) {
  EXPECT_EQ(format_compact(0), "0");
  EXPECT_EQ(format_compact(950), "950");
  EXPECT_EQ(format_compact(994), "994");
  EXPECT_EQ(format_compact(999.4), "1K");  // 0.9994K rounds to 1.00K
  EXPECT_EQ(format_compact(1000), "1K");
  EXPECT_EQ(format_compact(12500), "12.5K");
  EXPECT_EQ(format_compact(250000), "250K");
  EXPECT_EQ(format_compact(1250000), "1.25M");
  EXPECT_EQ(format_compact(999999), "1M");  // not "1000K"
  EXPECT_EQ(format_compact(2.5e9), "2.5B");
  EXPECT_EQ(format_compact(-1500), "-1.5K");
  EXPECT_EQ(format_compact(1234567, 0), "1M");
  EXPECT_EQ(format_compact(0.25), "0.25");
}

TEST(FormatCompact, WithCurrency) {
  EXPECT_EQ(format_money_compact(1250000, "USD"), "$1.25M");
  EXPECT_EQ(format_money_compact(-40000, "EUR"), "-\u20ac40K");
  EXPECT_EQ(format_money_compact(1250000, "CHF"), "1.25M CHF");
  EXPECT_EQ(format_money_compact(0, "USD"), "$0");
}

TEST(FormatDate, DayMonthYear) {
  EXPECT_EQ(format_date(to_day(2024, 6, 30)), "30 Jun 2024");
  EXPECT_EQ(format_date(to_day(2025, 1, 1)), "1 Jan 2025");
  EXPECT_EQ(format_date(to_day(1999, 12, 31)), "31 Dec 1999");
  EXPECT_EQ(format_date(kNoDay), kMissing);
}

TEST(FormatDays, SingularAndPlural) {
  EXPECT_EQ(format_days(12.46), "12.5 days");
  EXPECT_EQ(format_days(1, 0), "1 day");
  EXPECT_EQ(format_days(0, 0), "0 days");
  EXPECT_EQ(format_days(kNaN), kMissing);
}

}  // namespace
}  // namespace render_human_format_test
}  // namespace pipecast::render
