/// @file
/// Numbers, amounts and dates as people read them in a report: thousands
/// separators, a currency symbol where one is well known, rounding half away
/// from zero, readable dates.  Locale-independent on purpose: the same report
/// must read the same on every machine (std::locale and fmt's `L` depend on
/// the process's global locale), and GCC 12 has no std::format yet, so this
/// builds on std::to_chars.
#pragma once

#include "pipecast/core/calendar.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace pipecast::render {

/// What stands for a figure that cannot be known (NaN, or no date).
inline constexpr std::string_view kMissing = "\u2013";  // an en dash

/// 1234567.891 -> "1,234,568" (decimals 0) or "1,234,567.89" (decimals 2).
/// Rounds half away from zero (2.5 -> "3"), never prints "-0"; infinities
/// as "∞"/"-∞"; NaN as kMissing.
std::string format_number(double value, int decimals = 0);

/// A count: 1234 -> "1,234".
std::string format_count(std::size_t count);

/// A fraction as a percentage: 0.2563 -> "25.6%" (decimals 1).
std::string format_percent(double fraction, int decimals = 1);

/// A signed difference in percentage points: 0.052 -> "+5.2 pts".
std::string format_points(double difference, int decimals = 1);

/// A p- or q-value to three decimals, "<0.001" below that; kMissing for NaN.
std::string format_p_value(double p);

/// The symbol people write for a currency code ("$" for USD, "€" for EUR,
/// "£" for GBP, "¥" for JPY and CNY, "₹" for INR), or "" when none is in
/// common use (then the code follows the number).
std::string_view currency_symbol(std::string_view code);

/// An amount: "$1,234,568", "€1,234.50", "-£300", "1,234 CHF" (code after
/// the number when it has no symbol), "1,234" with no currency.
std::string format_money(double value, std::string_view currency, int decimals = 0);

/// A short amount for axes and tight spaces: 1250000 -> "1.25M", 950 ->
/// "950", 12500 -> "12.5K"; at most `decimals` decimals, trailing zeros dropped.
std::string format_compact(double value, int decimals = 2);

/// The same with the currency: "$1.25M", "1.25M CHF".
std::string format_money_compact(double value, std::string_view currency, int decimals = 2);

/// A date: "30 Jun 2024"; kMissing for kNoDay.
std::string format_date(Day day);

/// A number of days: "12.5 days", "1 day", kMissing for NaN.
std::string format_days(double days, int decimals = 1);

}  // namespace pipecast::render
