/// @file
/// A result table: a name and typed columns of equal length, each with a
/// unit.  The library defines each result's tables once (report_tables.hpp,
/// ...); the C ABI, the CLI's CSV and the bindings render them, so a column
/// added here shows up in every one of them.
///
/// Composite values take several columns with derived names: a Rate `r` is
/// r, r_low, r_high (its Wilson interval; NaN without trials), r_successes
/// and r_trials; a Distribution `d` is d_count, d_mean, d_median, d_p75 and
/// d_p90; a Period `p` is p (its label), p_first and p_last.
#pragma once

#include "pipecast/analytics/statistics.hpp"
#include "pipecast/core/calendar.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pipecast {

/// What a column holds (the values match the C ABI's PIPECAST_TYPE_*).
enum class ColumnType : std::uint8_t {
  integer = 1,  ///< std::int64_t
  number = 2,   ///< double; NaN: not known
  text = 3,     ///< UTF-8
  day = 4,      ///< a day number; kNoDay: none
  flag = 5,     ///< true or false
};

/// What a column's numbers measure (the values match the C ABI's PIPECAST_UNIT_*).
enum class Unit : std::uint8_t {
  none = 0,      ///< text, a name, a label, a plain number or a statistic
  count = 1,     ///< deals, rows, steps: a whole number of things
  currency = 2,  ///< an amount in the book's base currency
  days = 3,      ///< a duration in days
  fraction = 4,  ///< a rate or share between 0 and 1
};

/// "integer", "number", "text", "day" or "flag".
std::string_view to_string(ColumnType type);
/// "none", "count", "currency", "days" or "fraction".
std::string_view to_string(Unit unit);

/// One column: its values live in the vector of its type.
struct ResultColumn {
  std::string name;                      ///< unique within its table
  ColumnType type = ColumnType::integer;  ///< which vector below holds the values
  Unit unit = Unit::none;                ///< what the values measure
  std::vector<std::int64_t> integers;    ///< integer and flag (0 or 1) columns
  std::vector<double> numbers;           ///< number columns (NaN: not known)
  std::vector<Day> days;                 ///< day columns (kNoDay: none)
  std::vector<std::string> texts;        ///< text columns
};

/// A named table of equal-length columns.
struct ResultTable {
  std::string name;                   ///< e.g. "funnel"
  std::size_t rows = 0;               ///< the length of every column
  std::vector<ResultColumn> columns;  ///< in the order renderers show them

  /// The column called `name`, or nullptr.
  const ResultColumn* find(std::string_view column) const;
  /// The column called `wanted`; throws std::invalid_argument naming the
  /// table and the column when there is none.
  const ResultColumn& column(std::string_view wanted) const;
};

/// The table as JSON text: an array of one object per row, keyed by column
/// name in the columns' order; a NaN or a missing day is null, a day is
/// "YYYY-MM-DD", a flag true or false.  indent < 0 gives one line.  The C
/// ABI's pipecast_table_json and the CLI's --format json write this.
std::string result_table_json(const ResultTable& table, int indent = 2);

/// A result's tables as one JSON document: an object holding each table's
/// rows (as result_table_json) under the table's name, in the given order.
/// The JSON of every result made of tables alone (the lead plan, a report)
/// is this.
std::string result_tables_json(const std::vector<ResultTable>& tables, int indent = 2);

/// Declares a table's columns, then takes its cells row by row, in the order
/// the columns were declared.  A value of the wrong type for its column, or a
/// row left unfinished, is a programming error (std::logic_error).
class TableBuilder {
 public:
  /// An empty table called `name`.
  explicit TableBuilder(std::string name) { table_.name = std::move(name); }

  /// Declares a text column.
  TableBuilder& text(std::string name) { return declare(std::move(name), ColumnType::text, Unit::none); }
  /// Declares an integer column (a count unless said otherwise).
  TableBuilder& integer(std::string name, Unit unit = Unit::count) {
    return declare(std::move(name), ColumnType::integer, unit);
  }
  /// Declares a number column.
  TableBuilder& number(std::string name, Unit unit = Unit::none) {
    return declare(std::move(name), ColumnType::number, unit);
  }
  /// Declares a day column.
  TableBuilder& day(std::string name) { return declare(std::move(name), ColumnType::day, Unit::none); }
  /// Declares a flag column.
  TableBuilder& flag(std::string name) { return declare(std::move(name), ColumnType::flag, Unit::none); }
  /// The five columns of a Rate (see the file's comment).
  TableBuilder& rate(const std::string& name);
  /// The five columns of a Distribution of days.
  TableBuilder& distribution(const std::string& name);
  /// The three columns of a Period.
  TableBuilder& period(const std::string& name);

  /// The next cell, of a text column.
  TableBuilder& add(std::string_view value);
  /// The next cell, of a text column.
  TableBuilder& add(const std::string& value) { return add(std::string_view(value)); }
  /// The next cell, of a text column.
  TableBuilder& add(const char* value) { return add(std::string_view(value)); }
  /// The next cell, of a number column.
  TableBuilder& add(double value);
  /// An integer, a flag (bool) or a day, as its column says.
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer>, int> = 0>
  TableBuilder& add(Integer value) {
    return add_integer(static_cast<std::int64_t>(value));
  }
  /// The next five cells, of rate() columns.
  TableBuilder& add(const Rate& rate);
  /// The next five cells, of distribution() columns.
  TableBuilder& add(const Distribution& distribution);
  /// The next three cells, of period() columns.
  TableBuilder& add(const Period& period);

  /// The table; throws std::logic_error when a row was left unfinished.
  ResultTable finish() &&;

 private:
  TableBuilder& declare(std::string name, ColumnType type, Unit unit);
  TableBuilder& add_integer(std::int64_t value);
  ResultColumn& next(ColumnType family);
  void advance();

  ResultTable table_;
  std::size_t cursor_ = 0;
};

}  // namespace pipecast
