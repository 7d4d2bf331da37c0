#include "error.hpp"
#include "pipecast.h"

#include "pipecast/core/calendar.hpp"

#include <string>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::require;

static_assert(PIPECAST_DAY_MIN == pipecast::kFirstDay && PIPECAST_DAY_MAX == pipecast::kLastDay,
              "pipecast.h's date range must be the calendar's");

namespace {

// Enough of untrusted text to recognise it in a message without flooding it.
std::string excerpt(const char* text) {
  constexpr std::size_t kMax = 40;
  const std::string_view view(text);
  if (view.size() <= kMax) return std::string(view);
  return std::string(view.substr(0, kMax)) + "...";
}

}  // namespace

extern "C" {

int pipecast_date_parse(const char* text, int32_t* out_day) {
  return guard(__func__, [&] {
    if (out_day != nullptr) *out_day = PIPECAST_NO_DAY;
    require(text, "text");
    require(out_day, "out_day");
    const auto day = pipecast::parse_day(text);
    if (!day)
      throw Error(PIPECAST_ERROR_PARSE,
                  "not a date: '" + excerpt(text) + "' (expected YYYY-MM-DD, years 1400..9999)");
    *out_day = *day;
    return PIPECAST_OK;
  });
}

int pipecast_date_format(int32_t day, char* buf, size_t buf_size) {
  return guard(__func__, [&] {
    if (buf_size > 0) {
      require(buf, "buf");
      buf[0] = '\0';  // what the caller reads if this fails
    }
    if (buf_size < PIPECAST_DATE_BUFFER_SIZE)
      throw Error(PIPECAST_ERROR_BUFFER_TOO_SMALL,
                  "a date needs a buffer of " + std::to_string(PIPECAST_DATE_BUFFER_SIZE) +
                      " bytes, got " + std::to_string(buf_size));
    if (day == PIPECAST_NO_DAY) return PIPECAST_OK;
    if (day < PIPECAST_DAY_MIN || day > PIPECAST_DAY_MAX)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "day " + std::to_string(day) + " is outside 1400-01-01..9999-12-31 (" +
                      std::to_string(PIPECAST_DAY_MIN) + ".." + std::to_string(PIPECAST_DAY_MAX) + ")");
    pipecast::write_day(day, buf);
    buf[10] = '\0';
    return PIPECAST_OK;
  });
}

}  // extern "C"
