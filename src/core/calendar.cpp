#include "pipecast/core/calendar.hpp"

#include "core/quoted_text.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace pipecast {
namespace {

namespace greg = boost::gregorian;

const greg::date kEpoch(1970, 1, 1);

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at text[pos]; -1 when they are not all digits.
int read_digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool valid_time_suffix(std::string_view rest) {
  // rest starts after 'T' or ' ': HH:MM, optionally :SS, optionally fraction/zone.
  if (rest.size() < 5) return false;
  const int hh = read_digits(rest, 0, 2);
  const int mm = read_digits(rest, 3, 2);
  if (hh < 0 || hh > 23 || rest[2] != ':' || mm < 0 || mm > 59) return false;
  if (rest.size() == 5) return true;
  std::size_t pos = 5;
  if (rest[pos] == ':') {
    const int ss = read_digits(rest, pos + 1, 2);
    if (ss < 0 || ss > 60) return false;
    pos += 3;
  }
  if (pos < rest.size() && rest[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < rest.size() && is_digit(rest[pos])) ++pos;
    if (pos == digits_start) return false;
  }
  if (pos == rest.size()) return true;
  const std::string_view zone = rest.substr(pos);
  if (zone == "Z") return true;
  if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':')
    return read_digits(zone, 1, 2) >= 0 && read_digits(zone, 4, 2) >= 0;
  return false;
}

int quarter_first_month(int quarter) { return (quarter - 1) * 3 + 1; }

// Day number of a date by arithmetic (H. Hinnant's days_from_civil), for any
// year: boost::gregorian refuses years outside 1400..9999, and the periods at
// the ends of the supported range have bounds just outside it (the month
// after 9999-12, the fiscal year FY1400 starting in 1399).
Day days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The first day of a month; month may run past 12 or below 1.
Day month_start(int year, int month) {
  int m0 = month - 1;
  year += m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;
  m0 = ((m0 % 12) + 12) % 12;
  return days_from_civil(year, m0 + 1, 1);
}

std::string two_digits(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

// Every period the calendar gives lies within the supported range, so that
// its bounds can always be formatted: one that reaches past an end (FY1400
// with a February start) is cut at that end.
Period clipped(Period p) {
  p.first = std::max(p.first, kFirstDay);
  p.last = std::min(p.last, kLastDay);
  return p;
}

Period month_period(int year, int month) {
  return clipped({PeriodKind::month, month_start(year, month), month_start(year, month + 1) - 1,
                  std::to_string(year) + "-" + two_digits(month)});
}

Period quarter_period(int year, int quarter) {
  const int m = quarter_first_month(quarter);
  return clipped({PeriodKind::quarter, month_start(year, m), month_start(year, m + 3) - 1,
                  std::to_string(year) + "-Q" + std::to_string(quarter)});
}

Period year_period(int year) {
  return clipped({PeriodKind::year, month_start(year, 1), month_start(year + 1, 1) - 1,
                  std::to_string(year)});
}

// Fiscal year `fy` starts in this month of the calendar (as a month number
// of the year fy, possibly 0 or below: month_start normalises it).
int fiscal_first_month(int fy_offset_month, FiscalCalendar fiscal) {
  const int first = static_cast<int>(fiscal.first_month);
  return (first == 1 ? 1 : first - 12) + fy_offset_month;
}

Period fiscal_year_period(int fy, FiscalCalendar fiscal) {
  const int m = fiscal_first_month(0, fiscal);
  return clipped({PeriodKind::fiscal_year, month_start(fy, m), month_start(fy, m + 12) - 1,
                  "FY" + std::to_string(fy)});
}

Period fiscal_quarter_period(int fy, int quarter, FiscalCalendar fiscal) {
  const int m = fiscal_first_month((quarter - 1) * 3, fiscal);
  return clipped({PeriodKind::fiscal_quarter, month_start(fy, m), month_start(fy, m + 3) - 1,
                  "FY" + std::to_string(fy) + "-Q" + std::to_string(quarter)});
}

[[noreturn]] void bad_period(std::string_view text, const char* why) {
  throw std::invalid_argument(
      "invalid period " + in_quotes(text) + ": " + why +
      " (expected 2024-07, 2024-Q3, 2024, FY2025, FY2025-Q1 or 2024-07-01..2024-09-30)");
}

int parse_year(std::string_view text, std::string_view whole) {
  const int y = read_digits(text, 0, 4);
  if (text.size() != 4 || y < 1400) bad_period(whole, "the year must have four digits, from 1400");
  return y;
}

int parse_quarter(std::string_view q, std::string_view whole) {
  if (q.size() != 2 || (q[0] != 'Q' && q[0] != 'q') || q[1] < '1' || q[1] > '4')
    bad_period(whole, "the quarter must be Q1..Q4");
  return q[1] - '0';
}

void check_fiscal(FiscalCalendar fiscal) {
  if (fiscal.first_month < 1 || fiscal.first_month > 12)
    throw std::invalid_argument("fiscal year first month must be 1..12, got " +
                                std::to_string(fiscal.first_month));
}

}  // namespace

Day to_day(const boost::gregorian::date& date) {
  return static_cast<Day>((date - kEpoch).days());
}

Day to_day(int year, unsigned month, unsigned day) {
  return to_day(greg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                           static_cast<unsigned short>(day)));
}

boost::gregorian::date to_date(Day day) { return kEpoch + greg::date_duration(day); }

std::optional<Day> parse_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = read_digits(text, 0, 4);
  const int m = read_digits(text, 5, 2);
  const int d = read_digits(text, 8, 2);
  if (y < 1400 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const auto last = greg::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d > last) return std::nullopt;
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    if (!valid_time_suffix(text.substr(11))) return std::nullopt;
  }
  // Gregorian day number without constructing a date: the arithmetic of
  // boost::gregorian, inlined because import parses millions of dates.
  const auto jdn = greg::gregorian_calendar::day_number(
      greg::gregorian_calendar::ymd_type(static_cast<unsigned short>(y),
                                         static_cast<unsigned short>(m),
                                         static_cast<unsigned short>(d)));
  return static_cast<Day>(jdn - 2440588);  // 2440588 = day number of 1970-01-01
}

void write_day(Day day, char* out) {
  const auto ymd = greg::gregorian_calendar::from_day_number(day + 2440588);
  const int y = ymd.year;
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + ymd.month / 10);
  out[6] = static_cast<char>('0' + ymd.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + ymd.day / 10);
  out[9] = static_cast<char>('0' + ymd.day % 10);
}

std::string format_day(Day day) {
  if (day == kNoDay) return {};
  if (day < kFirstDay || day > kLastDay)
    throw std::out_of_range("day " + std::to_string(day) + " is outside 1400-01-01..9999-12-31");
  std::string s(10, '0');
  write_day(day, s.data());
  return s;
}

Period parse_period(std::string_view text, FiscalCalendar fiscal) {
  check_fiscal(fiscal);
  if (text.empty()) bad_period(text, "it is empty");
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const auto first = parse_day(text.substr(0, dots));
    const auto last = parse_day(text.substr(dots + 2));
    if (!first || !last) bad_period(text, "a range needs two YYYY-MM-DD dates");
    if (*last < *first) bad_period(text, "the range ends before it starts");
    return {PeriodKind::range, *first, *last, format_day(*first) + ".." + format_day(*last)};
  }
  if (text.size() >= 2 && (text[0] == 'F' || text[0] == 'f') && (text[1] == 'Y' || text[1] == 'y')) {
    const auto rest = text.substr(2);
    const auto dash = rest.find('-');
    const int fy = parse_year(rest.substr(0, dash), text);
    if (dash == std::string_view::npos) return fiscal_year_period(fy, fiscal);
    const Period quarter = fiscal_quarter_period(fy, parse_quarter(rest.substr(dash + 1), text), fiscal);
    // FY1400-Q1 with a February start runs in 1399: nothing is left of it.
    if (quarter.first > quarter.last) bad_period(text, "it lies wholly before 1400-01-01");
    return quarter;
  }
  const auto dash = text.find('-');
  const int year = parse_year(text.substr(0, dash), text);
  if (dash == std::string_view::npos) return year_period(year);
  const auto rest = text.substr(dash + 1);
  if (!rest.empty() && (rest[0] == 'Q' || rest[0] == 'q'))
    return quarter_period(year, parse_quarter(rest, text));
  const int month = read_digits(rest, 0, 2);
  if (rest.size() != 2 || month < 1 || month > 12) bad_period(text, "the month must be 01..12");
  return month_period(year, month);
}

Period period_containing(Day day, PeriodKind kind, FiscalCalendar fiscal) {
  check_fiscal(fiscal);
  if (day < kFirstDay || day > kLastDay)
    throw std::out_of_range("day " + std::to_string(day) + " is outside 1400-01-01..9999-12-31");
  const auto d = to_date(day);
  const int y = static_cast<int>(d.year());
  const int m = static_cast<int>(d.month());
  switch (kind) {
    case PeriodKind::month: return month_period(y, m);
    case PeriodKind::quarter: return quarter_period(y, (m - 1) / 3 + 1);
    case PeriodKind::year: return year_period(y);
    case PeriodKind::fiscal_year:
    case PeriodKind::fiscal_quarter: {
      const int first = static_cast<int>(fiscal.first_month);
      const int fy = (first == 1 || m < first) ? y : y + 1;
      if (kind == PeriodKind::fiscal_year) return fiscal_year_period(fy, fiscal);
      const int months_in = ((m - first) % 12 + 12) % 12;
      return fiscal_quarter_period(fy, months_in / 3 + 1, fiscal);
    }
    case PeriodKind::range: break;
  }
  throw std::invalid_argument("period_containing: a range has no containing period");
}

Period next_period(const Period& period, FiscalCalendar fiscal) {
  if (period.kind == PeriodKind::range) {
    const Day length = period.last - period.first + 1;
    const Day first = period.last + 1;
    return {PeriodKind::range, first, first + length - 1,
            format_day(first) + ".." + format_day(first + length - 1)};
  }
  return period_containing(period.last + 1, period.kind, fiscal);
}

}  // namespace pipecast
