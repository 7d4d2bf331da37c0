// Reading what a host hands over: versioned structs, text arguments, and
// batches of rows in columnar arrays, each checked before the library sees it.
#pragma once

#include "error.hpp"
#include "pipecast.h"

#include "pipecast/core/calendar.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace pipecast::capi {

/// Bytes of a struct up to and including `field`: the size of a released
/// layout (sizeof would include trailing padding a later version may use).
#define PIPECAST_LAYOUT_END(type, field) (offsetof(type, field) + sizeof(type::field))

/// Throws INVALID_ARGUMENT unless `version` is a layout this library knows:
/// 1..newest.  `what` names it in the message ("options->version").
void require_known_version(std::uint32_t version, std::uint32_t newest, const std::string& what);

/// Copies a host's struct of any known version over `defaults`: fields a
/// host built with an older header does not know keep their defaults.
/// `ends[v]` is the size of version v's layout (ends[0] unused).  Throws
/// INVALID_ARGUMENT for version 0 and for a version newer than this library's.
template <class T, std::size_t N>
T read_versioned(const T& in, const T& defaults, const std::size_t (&ends)[N], const char* argument) {
  require_known_version(in.version, N - 1, std::string(argument) + "->version");
  T out = defaults;
  std::memcpy(static_cast<void*>(&out), &in, ends[in.version]);
  out.version = static_cast<std::uint32_t>(N - 1);
  return out;
}

/// The whole of every _init(struct, version) function (`function` is its
/// __func__): writes the defaults of layout `version` (the one the caller's
/// header describes) into `out`, and only that layout's bytes, so that a
/// host built with an older header, whose struct is shorter, gets nothing
/// written past its end.
template <class T, std::size_t N>
int init_versioned(const char* function, T* out, std::uint32_t version, const T& defaults,
                   const std::size_t (&ends)[N], const char* argument) noexcept {
  return guard(function, [&] {
    require(out, argument);
    require_known_version(version, N - 1, "version");
    std::memcpy(static_cast<void*>(out), &defaults, ends[version]);
    out->version = version;
    return PIPECAST_OK;
  });
}

/// Byte offset of the first byte that is not part of valid UTF-8 (overlong
/// forms, surrogates and code points past U+10FFFF are invalid), or npos.
std::size_t invalid_utf8_at(std::string_view text) noexcept;

/// A text argument: NULL is "" when `optional`, else INVALID_ARGUMENT; text
/// that is not UTF-8 is INVALID_ARGUMENT naming the argument.
std::string_view text_argument(const char* text, const char* argument, bool optional = false);

/// A day argument: must be in range (PIPECAST_NO_DAY only when `blank_ok`).
Day day_argument(std::int32_t day, const char* argument, bool blank_ok);

/// A switch from the host: 0 is false, 1 true, anything else
/// INVALID_ARGUMENT naming the argument (a stray value is a host's bug, not
/// a wish).
bool flag_argument(std::uint32_t value, const char* argument);

/// A count of rows or items from the host: refused above PIPECAST_MAX_BATCH_ROWS.
void check_count(std::size_t count, const char* argument);

/// An array the host must give when `count` > 0.
inline void require_array(const void* array, std::size_t count, const char* argument) {
  if (count > 0 && array == nullptr)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " is NULL but " + std::to_string(count) + " values were announced");
}

/// One batch of rows of a table, read column by column.  Problems in a row
/// throw INVALID_DATA as "TABLE row N, field F: message".
class Rows {
 public:
  Rows(const char* table, std::size_t count) : table_(table), count_(count) {}
  std::size_t size() const { return count_; }

  /// A required column: INVALID_ARGUMENT when NULL and rows were announced.
  void require(const void* column, const char* name) const;

  /// A text cell: NULL column or NULL element is blank; UTF-8 checked.
  std::string_view text(const char* const* column, std::size_t row, const char* field) const;
  /// An amount: NULL column is blank (NaN).
  static double number(const double* column, std::size_t row) {
    return column == nullptr ? std::numeric_limits<double>::quiet_NaN() : column[row];
  }
  /// A day: NULL column is blank; out-of-range days refused.
  Day day(const std::int32_t* column, std::size_t row, const char* field) const;

  [[noreturn]] void fail(std::size_t row, std::string_view field, std::string_view message) const;

 private:
  const char* table_;
  std::size_t count_;
};

}  // namespace pipecast::capi
