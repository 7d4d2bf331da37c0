#include "result_tables_csv.hpp"

#include "pipecast/core/calendar.hpp"
#include "pipecast/io/csv_text.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pipecast::cli {
namespace {

void append_number(std::string& out, double value, Unit unit, CsvNumbers numbers) {
  if (std::isnan(value)) return;  // not known: an empty cell
  char buffer[400];  // a fixed-notation double may have 309 digits
  const int decimals = numbers == CsvNumbers::exact ? -1
                       : unit == Unit::currency     ? 2
                       : unit == Unit::fraction     ? 4
                                                    : -1;
  const auto written = decimals < 0
                           ? std::to_chars(buffer, buffer + sizeof buffer, value)
                           : std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  out.append(buffer, written.ptr);
}

void append_cell(std::string& out, const ResultColumn& column, std::size_t row, CsvNumbers numbers) {
  switch (column.type) {
    case ColumnType::integer: out += std::to_string(column.integers[row]); break;
    case ColumnType::flag: out += column.integers[row] != 0 ? "true" : "false"; break;
    case ColumnType::number: append_number(out, column.numbers[row], column.unit, numbers); break;
    case ColumnType::day:
      if (column.days[row] != kNoDay) out += format_day(column.days[row]);
      break;
    case ColumnType::text: append_csv_text(out, column.texts[row], FormulaCells::neutralise); break;
  }
}

std::string known_names(const std::vector<std::string_view>& names) {
  std::string known;
  for (const std::string_view name : names) known += (known.empty() ? "" : ", ") + std::string(name);
  return known;
}

}  // namespace

std::string result_table_csv(const ResultTable& table, CsvNumbers numbers) {
  std::string out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) out += ',';
    append_csv_text(out, table.columns[c].name, FormulaCells::neutralise);
  }
  out += '\n';
  for (std::size_t row = 0; row < table.rows; ++row) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out += ',';
      append_cell(out, table.columns[c], row, numbers);
    }
    out += '\n';
  }
  return out;
}

void TableOutput::add_options(CLI::App& command) {
  command.add_option("--out", out,
                     "With --format csv: write each table to DIR/NAME.csv (the folder is made if needed)");
  command.add_option("--table", table,
                     "With --format csv: only this table (to standard output without --out); "
                     "an unknown name lists the tables");
}

void TableOutput::check(const std::string& format) const {
  if (format != "csv" && (!out.empty() || !table.empty()))
    throw CLI::ValidationError(out.empty() ? "--table" : "--out", "writes tables: use it with --format csv");
}

void TableOutput::write(const std::vector<std::string_view>& names,
                        const std::function<ResultTable(std::string_view)>& make,
                        std::ostream& standard_output) const {
  if (out.empty() && table.empty())
    throw std::invalid_argument("--format csv writes one file per table: give --out DIR (or --table NAME "
                                "for one table on standard output); tables: " +
                                known_names(names));
  std::vector<std::string_view> wanted = names;
  if (!table.empty()) {
    bool known = false;
    for (const std::string_view name : names) known = known || name == table;
    if (!known) throw std::invalid_argument("--table " + table + ": no such table (tables: " + known_names(names) + ")");
    wanted = {table};
  }
  if (out.empty()) {
    standard_output << result_table_csv(make(table));
    return;
  }
  // Every table is made before any file is written: a table that cannot be
  // made leaves the folder as it was.
  std::vector<ResultTable> tables;
  for (const std::string_view name : wanted) tables.push_back(make(name));
  std::filesystem::create_directories(out);
  for (const ResultTable& t : tables) {
    const std::filesystem::path path = std::filesystem::path(out) / (t.name + ".csv");
    std::ofstream file(path, std::ios::binary);
    file << result_table_csv(t);
    if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
  }
}

}  // namespace pipecast::cli
