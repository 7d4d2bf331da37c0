#include "input.hpp"

#include <string>

namespace pipecast::capi {
namespace {

std::string day_range_message(std::int32_t day) {
  return "day " + std::to_string(day) + " is outside 1400-01-01..9999-12-31 (" +
         std::to_string(PIPECAST_DAY_MIN) + ".." + std::to_string(PIPECAST_DAY_MAX) + ")";
}

}  // namespace

void require_known_version(std::uint32_t version, std::uint32_t newest, const std::string& what) {
  if (version == 0)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                what + " is 0: initialise the struct with its _INIT macro, or its _init() function and the "
                       "header's _VERSION");
  if (version > newest)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                what + " is " + std::to_string(version) + ", newer than this library's " + std::to_string(newest) +
                    " (pipecast " + PIPECAST_VERSION_STRING + "): build against the header of the library in use");
}

std::size_t invalid_utf8_at(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Most text is ASCII: skip it eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    std::uint32_t code;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      code = c & 0x07;
    } else {
      return i;  // a continuation byte, an overlong lead (C0, C1) or past F4
    }
    if (i + length > n) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10FFFF)) ||
        (code >= 0xD800 && code <= 0xDFFF))
      return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string_view text_argument(const char* text, const char* argument, bool optional) {
  if (text == nullptr) {
    if (optional) return {};
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string(argument) + " is NULL");
  }
  const std::string_view view(text);
  if (const auto at = invalid_utf8_at(view); at != std::string_view::npos)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " is not valid UTF-8 (byte " + std::to_string(at) + ")");
  return view;
}

Day day_argument(std::int32_t day, const char* argument, bool blank_ok) {
  if (day == PIPECAST_NO_DAY) {
    if (blank_ok) return kNoDay;
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string(argument) + " is PIPECAST_NO_DAY");
  }
  if (day < PIPECAST_DAY_MIN || day > PIPECAST_DAY_MAX)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string(argument) + ": " + day_range_message(day));
  return day;
}

bool flag_argument(std::uint32_t value, const char* argument) {
  if (value > 1)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " is " + std::to_string(value) + ", expected 0 (off) or 1 (on)");
  return value == 1;
}

void check_count(std::size_t count, const char* argument) {
  if (count > PIPECAST_MAX_BATCH_ROWS)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " is " + std::to_string(count) +
                    ", more than PIPECAST_MAX_BATCH_ROWS (a negative number converted to size_t?)");
}

void Rows::require(const void* column, const char* name) const {
  if (count_ > 0 && column == nullptr)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string("columns->") + name + " is NULL, and the " + table_ + " need it");
}

std::string_view Rows::text(const char* const* column, std::size_t row, const char* field) const {
  if (column == nullptr || column[row] == nullptr) return {};
  const std::string_view view(column[row]);
  if (const auto at = invalid_utf8_at(view); at != std::string_view::npos)
    fail(row, field, "not valid UTF-8 (byte " + std::to_string(at) + ")");
  return view;
}

Day Rows::day(const std::int32_t* column, std::size_t row, const char* field) const {
  if (column == nullptr) return kNoDay;
  const std::int32_t value = column[row];
  if (value == PIPECAST_NO_DAY) return kNoDay;
  if (value < PIPECAST_DAY_MIN || value > PIPECAST_DAY_MAX) fail(row, field, day_range_message(value));
  return value;
}

void Rows::fail(std::size_t row, std::string_view field, std::string_view message) const {
  throw Error(PIPECAST_ERROR_INVALID_DATA, std::string(table_) + " row " + std::to_string(row) +
                                               ", field " + std::string(field) + ": " + std::string(message));
}

}  // namespace pipecast::capi
