// Every CSV the command line tool writes of a result: the library's result
// tables (pipecast/analytics/result_table.hpp) through one writer.
//
// Days are written as YYYY-MM-DD, flags as true or false, and a NaN or a
// missing day as an empty cell; text cells go through the one CSV text rule
// (pipecast/io/csv_text.hpp), formulas neutralised.  Numbers are exact (their
// shortest round-trip form: report, plan, backtest), or rounded for reading
// by their unit (score, forecast: amounts to cents, fractions to 4 decimals).
#pragma once

#include "pipecast/analytics/result_table.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::cli {

/// How numbers are written.
enum class CsvNumbers {
  exact,    ///< shortest round-trip form: reads back to the same double
  rounded,  ///< currency to 2 decimals, fractions to 4, the others exact
};

/// One table as CSV text: a header of column names, then one line per row.
std::string result_table_csv(const ResultTable& table, CsvNumbers numbers = CsvNumbers::exact);

/// Where `--format csv` writes: every table into a folder, or one table.
struct TableOutput {
  std::string out;    ///< --out DIR: each table into DIR/NAME.csv
  std::string table;  ///< --table NAME: only this one (to stdout without --out)

  /// Adds --out and --table to `command`.
  void add_options(CLI::App& command);
  /// A usage error (CLI::ValidationError) when --out or --table is given
  /// with another format than csv.
  void check(const std::string& format) const;
  /// Writes the tables `make` makes from `names`, as the options say.
  /// Throws std::invalid_argument for an unknown table name or neither
  /// option; std::system_error when a file cannot be written.
  void write(const std::vector<std::string_view>& names, const std::function<ResultTable(std::string_view)>& make,
             std::ostream& standard_output) const;
};

}  // namespace pipecast::cli
