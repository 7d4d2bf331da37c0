/// @file
/// How pipecast writes a text cell of CSV, in every CSV it writes: the
/// canonical export and the command line tool's outputs alike.
///
/// A cell is quoted when it holds a comma, a quote or a line break, or starts
/// or ends with a space (which some readers drop); a quote inside is doubled.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or
/// a carriage return before one) as a formula, so a deal or product named
/// `=HYPERLINK(...)` in a CRM would become a live link, or worse, in the
/// file a user opens in Excel.  With FormulaCells::neutralise such a text
/// gets a leading apostrophe, which spreadsheets show as text, as OWASP's
/// advice on CSV injection recommends.  Only text cells are concerned:
/// numbers are written by their own functions and never touched.
#pragma once

#include <string>
#include <string_view>

namespace pipecast {

/// What a text cell that a spreadsheet would run as a formula becomes.
enum class FormulaCells {
  keep,        ///< written as it is: the canonical export, which reads back to the same book
  neutralise,  ///< prefixed with an apostrophe: outputs meant for people and spreadsheets
};

/// True when a spreadsheet would run `value` as a formula (its first
/// character is `=`, `+`, `-`, `@`, a tab or a carriage return).
bool spreadsheet_would_run(std::string_view value) noexcept;

/// Appends `value` to `out` as one CSV text cell (see the file comment).
void append_csv_text(std::string& out, std::string_view value, FormulaCells formulas);

/// `value` as one CSV text cell (see the file comment).
std::string csv_text(std::string_view value, FormulaCells formulas);

}  // namespace pipecast
