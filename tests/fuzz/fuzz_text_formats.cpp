// The forms an export's text may take (src/io/text_decoding.cpp,
// cell_formats.cpp), on any bytes: the first byte picks an encoding, a
// decimal mark and a date format, the rest is the file.  Decoding either
// throws std::runtime_error or gives valid UTF-8 (which the reader then
// requires; a NUL stays a NUL, which the reader refuses); the sniffed separator is one of the four; a number cell is
// finite or refused; a date cell is a day the calendar holds or refused.
#include "pipecast/core/calendar.hpp"
#include "pipecast/io/column_mapping.hpp"

#include "core/utf8.hpp"
#include "io/cell_formats.hpp"
#include "io/text_decoding.hpp"

#include "fuzz_support.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>


PIPECAST_FUZZ_TARGET(fuzz_text_formats, data, size) {
  using namespace pipecast;
  if (size == 0) return 0;
  const std::uint8_t choice = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr TextEncoding kEncodings[] = {TextEncoding::automatic, TextEncoding::utf8, TextEncoding::utf16,
                                         TextEncoding::windows1252, TextEncoding::latin1};
  constexpr DateFormat kDates[] = {DateFormat::iso, DateFormat::month_day_year, DateFormat::day_month_year,
                                   DateFormat::epoch_milliseconds};
  const TextEncoding encoding = kEncodings[choice % 5];
  std::string text(bytes);
  try {
    if (auto decoded = csv::decode_to_utf8(bytes, encoding)) {
      text = std::move(*decoded);
      // NUL decodes to NUL, which the reader then refuses as no text.
      const std::size_t bad = first_bad_byte(text);
      FUZZ_CHECK(bad == kAllGood || text[bad] == '\0', "decoding gave bytes that are not UTF-8");
    }
  } catch (const std::runtime_error&) {
    return 0;
  }
  const char separator = csv::sniff_delimiter(text);
  FUZZ_CHECK(separator == ',' || separator == ';' || separator == '\t' || separator == '|', "an odd separator");
  csv::CellFormats formats{separator, (choice & 0x08) != 0 ? ',' : '.', (choice & 0x10) != 0 ? ' ' : '\0',
                           kDates[(choice >> 5) % 4]};
  if (formats.thousands == formats.decimal) formats.thousands = 0;
  // Every line of the text as one cell: a number, then a date.
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view cell = std::string_view(text).substr(start, end - start);
    if (const auto number = csv::read_number(cell, formats)) FUZZ_CHECK(std::isfinite(*number), "a number not finite");
    if (const auto day = csv::read_date(cell, formats.dates))
      FUZZ_CHECK(*day >= kFirstDay && *day <= kLastDay && !format_day(*day).empty(), "a day out of the calendar");
    start = end + 1;
  }
  return 0;
}
