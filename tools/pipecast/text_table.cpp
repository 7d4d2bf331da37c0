#include "text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pipecast::cli {
namespace {

// Display width of UTF-8 text: one per character (continuation bytes skipped).
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string thousands(double value, int decimals) {
  if (std::isnan(value)) return "-";
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t whole = std::min(digits.find('.'), digits.size());
  std::string grouped;
  if (value < 0 && digits.find_first_not_of("0.") != std::string::npos) grouped += '-';
  for (std::size_t i = 0; i < whole; ++i) {
    if (i > 0 && (whole - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  grouped.append(digits, whole, std::string::npos);
  return grouped;
}

std::string count(std::size_t n) { return thousands(static_cast<double>(n)); }

std::string percent(double fraction) {
  if (std::isnan(fraction)) return "-";
  return fmt::format("{:.1f}%", fraction * 100.0);
}

void TextTable::add_column(std::string title, Align align) {
  titles_.push_back(std::move(title));
  aligns_.push_back(align);
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(titles_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out, const std::string& indent) const {
  std::vector<std::size_t> widths(titles_.size());
  for (std::size_t c = 0; c < titles_.size(); ++c) {
    widths[c] = width(titles_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], width(row[c]));
  }
  const auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line = indent;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(widths[c] - width(cells[c]), ' ');
      if (c > 0) line += "  ";
      line += aligns_[c] == Align::right ? pad + cells[c] : cells[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(titles_);
  for (const auto& row : rows_) print_row(row);
}

render::CellStyle text_style(const std::string& currency) { return {currency, "-"}; }

TextTable view_table(const ResultTable& table, const render::TableView& view, const std::vector<std::size_t>& rows,
                     const render::CellStyle& style) {
  TextTable out;
  for (const render::ColumnView& c : view)
    out.add_column(render::heading(c, style), render::numeric(table, c) ? TextTable::Align::right : TextTable::Align::left);
  for (const std::size_t r : rows) {
    std::vector<std::string> cells;
    for (const render::ColumnView& c : view) cells.push_back(render::cell_text(table, c, r, style));
    out.add_row(std::move(cells));
  }
  return out;
}

}  // namespace pipecast::cli
