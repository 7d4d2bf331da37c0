// Writing CSV text: fields quoted only when they must be, numbers in their
// shortest exact form, so that export is canonical and byte-stable.
#pragma once

#include "pipecast/core/calendar.hpp"

#include <string>
#include <string_view>

namespace pipecast::csv {

/// Appends `value`, quoted when it holds a comma, quote or line break, or
/// starts or ends with a space (which some readers would drop).
void append_field(std::string& out, std::string_view value);

/// Appends the shortest text that reads back as exactly `value`; nothing for a
/// blank (NaN) value.
void append_number(std::string& out, double value);
void append_integer(std::string& out, long long value);

/// Appends YYYY-MM-DD; nothing for kNoDay.
void append_day(std::string& out, Day day);

}  // namespace pipecast::csv
