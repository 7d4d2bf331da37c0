// Date and period parsing (pipecast/core/calendar.hpp).  The first byte picks the
// fiscal year's first month (0 and 13 are invalid on purpose), the rest is
// the text.  Besides not crashing: what parses is in the supported range,
// formats back to text that parses to the same value, and the periods
// around it are well formed.
#include "pipecast/core/calendar.hpp"

#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace pipecast::fuzz::calendar_target {
namespace {

void check_period(const Period& p, FiscalCalendar fiscal, const std::string& what) {
  FUZZ_CHECK(p.first != kNoDay && p.last != kNoDay, what);
  FUZZ_CHECK(kFirstDay <= p.first && p.first <= p.last && p.last <= kLastDay, what + " " + p.label);
  FUZZ_CHECK(!p.label.empty(), what);
  // The fiscal year that ends after 9999 (when fiscal years start after
  // January) is named FY10000: documented as not parsed back.
  if (p.label.starts_with("FY10000")) return;
  const Period again = parse_period(p.label, fiscal);
  FUZZ_CHECK(again == p, what + ": label " + p.label + " parses to another period");
}

void check_day(Day day, FiscalCalendar fiscal) {
  FUZZ_CHECK(kFirstDay <= day && day <= kLastDay, std::to_string(day));
  const std::string text = format_day(day);
  FUZZ_CHECK(parse_day(text) == day, text);
  for (const PeriodKind kind : {PeriodKind::month, PeriodKind::quarter, PeriodKind::year,
                                PeriodKind::fiscal_quarter, PeriodKind::fiscal_year}) {
    const Period p = period_containing(day, kind, fiscal);
    FUZZ_CHECK(p.kind == kind && p.contains(day), text + " in " + p.label);
    check_period(p, fiscal, "the period containing " + text);
  }
}

void check_next(const Period& p, FiscalCalendar fiscal) {
  try {
    const Period next = next_period(p, fiscal);
    FUZZ_CHECK(next.first == p.last + 1, p.label + " then " + next.label);
    check_period(next, fiscal, "the period after " + p.label);
  } catch (const std::out_of_range&) {
    // Documented: nothing follows 9999-12-31, and a range keeps its length.
    const bool past_the_end = p.kind == PeriodKind::range ? p.last + (p.last - p.first + 1) > kLastDay
                                                          : p.last == kLastDay;
    FUZZ_CHECK(past_the_end, "next_period refused " + p.label);
  }
}

}  // namespace
}  // namespace pipecast::fuzz::calendar_target

PIPECAST_FUZZ_TARGET(fuzz_calendar, data, size) {
  using namespace pipecast;
  if (size == 0) return 0;
  const FiscalCalendar fiscal{static_cast<unsigned>(data[0] % 14)};
  const bool valid_fiscal = fiscal.first_month >= 1 && fiscal.first_month <= 12;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  if (const auto day = parse_day(text)) {
    if (text.size() == 10) FUZZ_CHECK(format_day(*day) == text, std::string(text));
    if (valid_fiscal) fuzz::calendar_target::check_day(*day, fiscal);
  }
  try {
    const Period p = parse_period(text, fiscal);
    FUZZ_CHECK(valid_fiscal, "an invalid fiscal calendar was accepted");
    fuzz::calendar_target::check_period(p, fiscal, "'" + std::string(text) + "'");
    fuzz::calendar_target::check_next(p, fiscal);
  } catch (const std::invalid_argument& e) {
    FUZZ_CHECK(std::string_view(e.what()).find("period") != std::string_view::npos ||
                   std::string_view(e.what()).find("fiscal") != std::string_view::npos,
               e.what());
  }
  return 0;
}
