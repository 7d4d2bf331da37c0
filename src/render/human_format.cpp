#include "pipecast/render/human_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <algorithm>

namespace pipecast::render {
namespace {

constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The digits of |value| rounded to `decimals`, half away from zero, as
// "1234567.89" (no sign, no grouping).  Rounds the shortest decimal that
// reads back as the double, i.e. the number as a person wrote it: 2.675 and
// 1.005 are ties there (-> 2.68, 1.01), though in binary they sit just below
// one, and scaling by 10^d first would round some of them down and others up.
std::string plain_digits(double magnitude, int decimals) {
  std::array<char, 400> buffer{};
  const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), magnitude, std::chars_format::fixed);
  std::string digits(buffer.data(), r.ptr);
  std::size_t dot = digits.find('.');
  if (dot == std::string::npos) {
    dot = digits.size();
    digits += '.';
  }
  const std::size_t keep = dot + 1 + static_cast<std::size_t>(decimals);
  if (digits.size() <= keep) digits.append(keep + 1 - digits.size(), '0');
  const bool up = digits[keep] >= '5';
  digits.resize(keep);
  if (up) {
    std::size_t i = keep;
    while (i-- > 0) {
      if (digits[i] == '.') continue;
      if (digits[i] != '9') {
        ++digits[i];
        break;
      }
      digits[i] = '0';
      if (i == 0) digits.insert(0, "1");
    }
  }
  if (decimals == 0) digits.pop_back();  // the dot
  return digits;
}

std::string grouped(const std::string& digits) {
  const std::size_t whole = std::min(digits.find('.'), digits.size());
  std::string out;
  out.reserve(digits.size() + whole / 3);
  for (std::size_t i = 0; i < whole; ++i) {
    if (i > 0 && (whole - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out.append(digits, whole, std::string::npos);
  return out;
}

bool is_zero(const std::string& digits) { return digits.find_first_not_of("0.") == std::string::npos; }

std::string trim_zeros(std::string digits) {
  if (digits.find('.') == std::string::npos) return digits;
  while (digits.back() == '0') digits.pop_back();
  if (digits.back() == '.') digits.pop_back();
  return digits;
}

// Puts a sign and the currency around an unsigned number text.
std::string with_currency(bool negative, const std::string& number, std::string_view currency) {
  const std::string_view symbol = currency_symbol(currency);
  std::string out = negative ? "-" : "";
  if (!symbol.empty()) return out.append(symbol).append(number);
  out += number;
  if (!currency.empty()) out.append(" ").append(currency);
  return out;
}

}  // namespace

std::string format_number(double value, int decimals) {
  if (std::isnan(value)) return std::string(kMissing);
  if (std::isinf(value)) return value > 0 ? "\u221e" : "-\u221e";
  const std::string digits = plain_digits(std::fabs(value), std::max(decimals, 0));
  const bool negative = value < 0 && !is_zero(digits);
  return (negative ? "-" : "") + grouped(digits);
}

std::string format_count(std::size_t count) { return format_number(static_cast<double>(count)); }

std::string format_percent(double fraction, int decimals) {
  if (std::isnan(fraction)) return std::string(kMissing);
  return format_number(fraction * 100.0, decimals) + "%";
}

std::string format_p_value(double p) {
  if (std::isnan(p)) return std::string(kMissing);
  return p < 0.001 ? "<0.001" : format_number(p, 3);
}

std::string format_points(double difference, int decimals) {
  if (std::isnan(difference)) return std::string(kMissing);
  const std::string text = format_number(difference * 100.0, decimals);
  return (text.front() == '-' || is_zero(text) ? text : "+" + text) + " pts";
}

std::string_view currency_symbol(std::string_view code) {
  if (code == "USD") return "$";
  if (code == "EUR") return "\u20ac";
  if (code == "GBP") return "\u00a3";
  if (code == "JPY" || code == "CNY") return "\u00a5";
  if (code == "INR") return "\u20b9";
  return {};
}

std::string format_money(double value, std::string_view currency, int decimals) {
  if (!std::isfinite(value)) return format_number(value, decimals);
  const std::string text = format_number(std::fabs(value), decimals);
  return with_currency(value < 0 && !is_zero(text), text, currency);
}

std::string format_compact(double value, int decimals) {
  if (!std::isfinite(value)) return format_number(value, decimals);
  struct Unit {
    double scale;
    const char* suffix;
  };
  static constexpr std::array<Unit, 4> kUnits{{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}}};
  const double magnitude = std::fabs(value);
  const double scale = std::pow(10.0, std::max(decimals, 0));
  std::string text;
  for (const Unit& unit : kUnits) {
    // The largest unit in which the rounded figure is at least 1, so that
    // 999,999 reads "1M" rather than "1000K".
    if (std::round(magnitude / unit.scale * scale) >= scale) {
      text = trim_zeros(plain_digits(magnitude / unit.scale, decimals)) + unit.suffix;
      break;
    }
  }
  if (text.empty()) text = trim_zeros(plain_digits(magnitude, decimals));
  const bool negative = value < 0 && !is_zero(text);
  return (negative ? "-" : "") + text;
}

std::string format_money_compact(double value, std::string_view currency, int decimals) {
  if (!std::isfinite(value)) return format_number(value, decimals);
  const std::string text = format_compact(std::fabs(value), decimals);
  return with_currency(value < 0 && !is_zero(text.substr(0, text.find_first_of("KMBT"))), text, currency);
}

std::string format_date(Day day) {
  if (day == kNoDay) return std::string(kMissing);
  const auto date = to_date(day);
  const auto ymd = date.year_month_day();
  return std::to_string(ymd.day.as_number()) + " " + std::string(kMonths[ymd.month.as_number() - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year));
}

std::string format_days(double days, int decimals) {
  if (std::isnan(days)) return std::string(kMissing);
  const std::string text = format_number(days, decimals);
  return text + (text == "1" ? " day" : " days");
}

}  // namespace pipecast::render
