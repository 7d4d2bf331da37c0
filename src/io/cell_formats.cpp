#include "io/cell_formats.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace pipecast::csv {
namespace {

std::optional<double> plain_number(std::string_view text) {
  double parsed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(parsed)) return std::nullopt;
  return parsed;
}

// D<sep>M<sep>YYYY or M<sep>D<sep>YYYY (one or two digits for day and month),
// then nothing, or a time after a space or a T.
std::optional<Day> numeric_date(std::string_view text, bool day_first) {
  int parts[3] = {0, 0, 0};
  std::size_t i = 0;
  char separator = 0;
  for (int p = 0; p < 3; ++p) {
    const std::size_t start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      if (i - start < 4) parts[p] = parts[p] * 10 + (text[i] - '0');  // longer runs are refused below
    const std::size_t digits = i - start;
    if (digits == 0 || digits > (p == 2 ? 4u : 2u) || (p == 2 && digits != 4)) return std::nullopt;
    if (p == 2) break;
    if (i >= text.size() || (text[i] != '/' && text[i] != '.' && text[i] != '-')) return std::nullopt;
    if (separator != 0 && text[i] != separator) return std::nullopt;
    separator = text[i++];
  }
  if (i < text.size() && text[i] != ' ' && text[i] != 'T') return std::nullopt;
  const int day = day_first ? parts[0] : parts[1], month = day_first ? parts[1] : parts[0];
  char iso[11];
  const auto two = [](char* out, int v) {
    out[0] = static_cast<char>('0' + v / 10 % 10);
    out[1] = static_cast<char>('0' + v % 10);
  };
  if (month > 12 || day > 31) return std::nullopt;
  two(iso, parts[2] / 100);
  two(iso + 2, parts[2] % 100);
  iso[4] = '-';
  two(iso + 5, month);
  iso[7] = '-';
  two(iso + 8, day);
  iso[10] = 0;
  return parse_day(std::string_view(iso, 10));
}

std::optional<Day> epoch_date(std::string_view text) {
  std::int64_t ms = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  constexpr std::int64_t kDay = 86'400'000;
  const std::int64_t day = ms >= 0 ? ms / kDay : -((-ms + kDay - 1) / kDay);  // floor
  if (day < kFirstDay || day > kLastDay) return std::nullopt;
  return static_cast<Day>(day);
}

}  // namespace

CellFormats CellFormats::of(const ColumnMapping& mapping, char delimiter) {
  return CellFormats{delimiter, mapping.decimal, mapping.thousands, mapping.date_format};
}

std::optional<double> read_number(std::string_view text, const CellFormats& formats) {
  if (formats.decimal == '.' && formats.thousands == 0) return plain_number(text);
  std::string plain;
  plain.reserve(text.size());
  for (const char c : text) {
    if (c == formats.thousands) continue;
    plain += c == formats.decimal ? '.' : c == '.' ? ',' : c;  // a stray dot must not pass as a decimal mark
  }
  return plain_number(plain);
}

std::optional<Day> read_date(std::string_view text, DateFormat format) {
  switch (format) {
    case DateFormat::iso: return parse_day(text);
    case DateFormat::month_day_year: return numeric_date(text, false);
    case DateFormat::day_month_year: return numeric_date(text, true);
    case DateFormat::epoch_milliseconds: return epoch_date(text);
  }
  return std::nullopt;
}

std::string expected_number(const CellFormats& formats) {
  if (formats.decimal == '.' && formats.thousands == 0)
    return "write digits with a dot for decimals, no thousands separators or currency signs";
  std::string text = std::string("write digits with a ") + (formats.decimal == ',' ? "comma" : "dot") + " for decimals";
  if (formats.thousands != 0) text += std::string(", '") + formats.thousands + "' between thousands";
  return text + ", no currency signs";
}

std::string_view expected_date(DateFormat format) {
  switch (format) {
    case DateFormat::iso: return "YYYY-MM-DD";
    case DateFormat::month_day_year: return "M/D/YYYY";
    case DateFormat::day_month_year: return "D/M/YYYY, D.M.YYYY or D-M-YYYY";
    case DateFormat::epoch_milliseconds: return "milliseconds since 1970-01-01";
  }
  return "";
}

int second_of_day(std::string_view text) {
  const auto at = text.find_first_of(" T", 8);
  if (at == std::string_view::npos || text.size() < at + 6) return -1;
  const auto digits = [&](std::size_t from) {
    const char a = text[from], b = text[from + 1];
    return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
  };
  const int hours = digits(at + 1), minutes = digits(at + 4);
  const int seconds = text.size() >= at + 9 && text[at + 6] == ':' ? digits(at + 7) : 0;
  if (hours < 0 || minutes < 0 || seconds < 0) return -1;
  return hours * 3600 + minutes * 60 + seconds;
}

}  // namespace pipecast::csv
