// How an export writes its cells, as the mapping declares (decimal mark,
// thousands separator, date format) and the file shows (field separator),
// and the reading of a number or a date cell in that form.
//
// The interchange format's own form (a dot, no separators, ISO dates) takes
// the fast path: std::from_chars and parse_day on the text as it is.
#pragma once

#include "pipecast/core/calendar.hpp"
#include "pipecast/io/column_mapping.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pipecast::csv {

struct CellFormats {
  char delimiter = ',';
  char decimal = '.';
  char thousands = 0;  // 0: none
  DateFormat dates = DateFormat::iso;

  /// The mapping's forms, with the file's field separator.
  static CellFormats of(const ColumnMapping& mapping, char delimiter);
};

/// A trimmed, non-blank number cell; nullopt when it is no finite number in
/// this form.
std::optional<double> read_number(std::string_view text, const CellFormats& formats);
/// A trimmed, non-blank date cell; nullopt when it is no date in this form.
std::optional<Day> read_date(std::string_view text, DateFormat format);

/// The second of the day of a datetime cell ("2024-07-19 15:28:02",
/// "2024-07-19T15:28"), to order moves made on one day; -1 without a time.
int second_of_day(std::string_view text);

/// What a number cell should look like, for messages: "write digits with a
/// dot for decimals, no thousands separators or currency signs".
std::string expected_number(const CellFormats& formats);
/// The date format's name, for messages: "YYYY-MM-DD".
std::string_view expected_date(DateFormat format);

}  // namespace pipecast::csv
