#include "io/csv_writer.hpp"

#include "pipecast/io/csv_text.hpp"

#include <charconv>
#include <cmath>

namespace pipecast::csv {

void append_field(std::string& out, std::string_view value) { append_csv_text(out, value, FormulaCells::keep); }

void append_number(std::string& out, double value) {
  if (std::isnan(value)) return;
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_integer(std::string& out, long long value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_day(std::string& out, Day day) {
  if (day == kNoDay) return;
  char buffer[10];
  write_day(day, buffer);
  out.append(buffer, 10);
}

}  // namespace pipecast::csv

namespace pipecast {

bool spreadsheet_would_run(std::string_view value) noexcept {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
      return true;
    default:
      return false;
  }
}

void append_csv_text(std::string& out, std::string_view value, FormulaCells formulas) {
  const bool neutralised = formulas == FormulaCells::neutralise && spreadsheet_would_run(value);
  const bool needs_quotes = neutralised || value.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) {
    out.append(value);
    return;
  }
  out.push_back('"');
  if (neutralised) out.push_back('\'');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string csv_text(std::string_view value, FormulaCells formulas) {
  std::string out;
  append_csv_text(out, value, formulas);
  return out;
}

}  // namespace pipecast
