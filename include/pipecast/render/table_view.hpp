/// @file
/// How a result table (pipecast/analytics/result_table.hpp) reads to a
/// person: which of its columns are shown, under which heading, and how each
/// cell is written.  One view serves both the HTML page and the CLI's text
/// tables, so the two never disagree; the values themselves come from the
/// table, the one definition every renderer shares.
#pragma once

#include "pipecast/analytics/result_table.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipecast::render {

/// How a column's cells are written.
enum class Shown {
  automatic,  ///< by the column's type and unit (see cell_text)
  text,       ///< as it is; "(blank)" when empty
  count,      ///< a whole number with thousands separators
  amount,     ///< a number with thousands separators, no decimals (the heading names the currency)
  money,      ///< an amount with its currency: "$1,234", "1,234 CHF"
  decimal,    ///< a number with two decimals
  percent,    ///< a fraction as a percentage with one decimal
  points,     ///< a difference of fractions in signed percentage points
  days,       ///< a number of days with one decimal
  date,       ///< a day as "30 Jun 2024"
  interval,   ///< the 95% interval of the Rate named by the column (its _low and _high columns)
  ratio,      ///< "1.25×"
  yes_no,     ///< a flag as "yes" or "no"
};

/// Which value of a column is its best one, for a medium that marks it (the
/// HTML page shows it in bold; text leaves it unmarked).
enum class Best {
  none,     ///< no value is better than another
  lowest,   ///< the lowest (an error, a loss)
  highest,  ///< the highest (an AUC)
  nearest_zero,  ///< the one of the smallest magnitude (a bias)
};

/// One shown column.
struct ColumnView {
  /// Column `column`, headed `label` ("" = its name with spaces), written as `shown`.
  ColumnView(std::string column_name, std::string heading_label = "", Shown how = Shown::automatic)
      : column(std::move(column_name)), label(std::move(heading_label)), shown(how) {}

  /// The heading takes the currency: "won" becomes "won (USD)".
  ColumnView& in_currency() & {
    currency_heading = true;
    return *this;
  }
  /// The same, on a temporary.
  ColumnView&& in_currency() && { return std::move(in_currency()); }
  /// Marks the best value of the rows shown (see Best).
  ColumnView&& best_is(Best which) && {
    best = which;
    return std::move(*this);
  }
  /// A section's own wording of each cell (e.g. "quota met" instead of a ratio).
  ColumnView&& worded(std::function<std::string(const ResultTable&, std::size_t row)> f) && {
    wording = std::move(f);
    return std::move(*this);
  }

  std::string column;  ///< the table's column (for interval: the rate's name)
  std::string label;   ///< its heading; "" = the column's name with spaces
  Shown shown;         ///< how cells are written, unless `wording` is set
  /// When set, writes each cell instead of `shown`.
  std::function<std::string(const ResultTable&, std::size_t row)> wording;
  bool currency_heading = false;  ///< see in_currency()
  Best best = Best::none;         ///< see best_is()
};

/// The shown columns, in order.
using TableView = std::vector<ColumnView>;

/// What the medium writes for what cannot be known, and the currency.
struct CellStyle {
  std::string currency;                ///< the book's base currency code, or ""
  std::string missing = "\u2013";      ///< for NaN, no day, a rate without trials
};

/// Every column of `table`, each written by its type and unit: the view of a
/// table that has no view of its own.
TableView default_view(const ResultTable& table);

/// A column's heading as `view` says it, with the currency when it takes one.
std::string heading(const ColumnView& view, const CellStyle& style);

/// Whether a column's cells are numbers, aligned right.
bool numeric(const ResultTable& table, const ColumnView& view);

/// The text of one cell.  Throws std::invalid_argument when the view names
/// a column the table does not have (a programming error in a view).
std::string cell_text(const ResultTable& table, const ColumnView& view, std::size_t row, const CellStyle& style);

/// The cell's value exactly as the table's JSON writes it (a number as its
/// shortest exact text, a day as YYYY-MM-DD, a flag as true/false, "null"
/// for an unknown), for a page's machine-readable figure markers; "" for a
/// view with no column of its own (an interval).
std::string json_value(const ResultTable& table, const ColumnView& view, std::size_t row);

/// The row among `rows` whose value of the view's column is the best, as
/// its `best` says (the first of equal ones; NaN never is), or rows.size()
/// when none is (Best::none, no number).
std::size_t best_row(const ResultTable& table, const ColumnView& view, const std::vector<std::size_t>& rows);

/// The rows, in order, whose text column `column` equals `value`.
std::vector<std::size_t> rows_where(const ResultTable& table, std::string_view column, std::string_view value);

/// Every row, in order.
std::vector<std::size_t> all_rows(const ResultTable& table);

}  // namespace pipecast::render
