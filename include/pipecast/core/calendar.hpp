/// @file
/// Dates and periods.
///
/// A date is a day number (`Day`, days since 1970-01-01) in the hot columns of a
/// book and across the C ABI; boost::gregorian::date is offered at the API
/// surface.  Periods are inclusive day ranges [first, last].
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace pipecast {

/// Days since 1970-01-01 (negative before it).
using Day = std::int32_t;

/// "No date": a blank cell, an unknown close date.
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();

/// The first supported day, 1400-01-01 (the range of boost::gregorian).
inline constexpr Day kFirstDay = -208'188;
/// The last supported day, 9999-12-31.
inline constexpr Day kLastDay = 2'932'896;

/// Day number of a Gregorian date; the date must be valid (not a special
/// value such as not_a_date_time).
Day to_day(const boost::gregorian::date& date);
/// Day number of year-month-day.  Throws std::out_of_range (boost's
/// bad_year, bad_month, bad_day_of_month) for a date that does not exist or
/// lies outside 1400..9999.
Day to_day(int year, unsigned month, unsigned day);
/// The Gregorian date of a day number in [kFirstDay, kLastDay] (not kNoDay).
boost::gregorian::date to_date(Day day);

/// Parses `YYYY-MM-DD`, also `YYYY-MM-DDTHH:MM[:SS]` or with a space before the
/// time (taken at its date).  Returns nullopt for anything else, including
/// impossible dates such as 2023-02-29, and for years outside 1400..9999 (the
/// range of boost::gregorian).
std::optional<Day> parse_day(std::string_view text);

/// `YYYY-MM-DD`; an empty string for kNoDay; std::out_of_range outside
/// [kFirstDay, kLastDay].
std::string format_day(Day day);

/// Writes `YYYY-MM-DD` (10 characters) at `out`; day must not be kNoDay.
void write_day(Day day, char* out);

/// What kind of period a Period is; next_period() steps by it.
enum class PeriodKind {
  month,           ///< a calendar month, "2024-07"
  quarter,         ///< a calendar quarter, "2024-Q3"
  year,            ///< a calendar year, "2024"
  fiscal_quarter,  ///< a quarter of a fiscal year, "FY2025-Q1"
  fiscal_year,     ///< a fiscal year, "FY2025"
  range            ///< any range of days, "2024-07-01..2024-09-30"
};

/// A reporting period: an inclusive range of days, with the text it came from.
struct Period {
  PeriodKind kind = PeriodKind::range;  ///< what next_period() steps by
  Day first = kNoDay;                   ///< the first day, included
  Day last = kNoDay;                    ///< the last day, included
  std::string label;  ///< canonical text, e.g. "2024-Q3"

  /// True when `day` lies in [first, last].
  bool contains(Day day) const { return day >= first && day <= last; }
  /// Memberwise equality, the label included.
  bool operator==(const Period&) const = default;
};

/// Where fiscal years start.  A fiscal year is named after the calendar year in
/// which it ends: with first_month = 2, FY2025 runs 2024-02-01..2025-01-31.
struct FiscalCalendar {
  unsigned first_month = 1;  ///< the month a fiscal year starts in, 1..12
};

/// Parses `2024-07`, `2024-Q3`, `2024`, `FY2025`, `FY2025-Q1` and
/// `2024-07-01..2024-09-30`.  Throws std::invalid_argument with a message that
/// names the accepted forms.
///
/// Every period these functions give lies within [kFirstDay, kLastDay]: one
/// that would reach past an end (FY1400 when fiscal years start in February)
/// is cut at that end, and one wholly outside (FY1400-Q1 with a February
/// start) is refused.  Their labels parse back to them, except that of the
/// fiscal year ending after 9999 (FY10000, when fiscal years start after
/// January), which period_containing() names but parse_period() refuses.
Period parse_period(std::string_view text, FiscalCalendar fiscal = {});

/// The period of the same kind that follows `period` (a range moves by its
/// length).  std::out_of_range when it would start or, for a range, end
/// after 9999-12-31.
Period next_period(const Period& period, FiscalCalendar fiscal = {});

/// The period of `kind` that contains `day` (kind must not be range).
/// std::out_of_range for a day outside [kFirstDay, kLastDay].
Period period_containing(Day day, PeriodKind kind, FiscalCalendar fiscal = {});

}  // namespace pipecast
