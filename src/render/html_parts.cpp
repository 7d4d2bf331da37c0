#include "render/html_parts.hpp"

#include "pipecast/render/svg.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace pipecast::render::html {

std::string text(std::string_view plain) { return svg::escape(plain); }

std::string raw_value(double value) {
  if (!std::isfinite(value)) return "null";
  // Room for any double in fixed notation (up to 309 integer digits, or
  // 0. and 340 decimals for the smallest denormal).
  std::array<char, 400> buffer{};
  // Without a precision, to_chars writes the shortest text that reads back
  // as the same double, as nlohmann::json does, so the two compare exactly;
  // fixed notation keeps 5000000 from becoming "5e+06" for a human reader.
  const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  return std::string(buffer.data(), r.ptr);
}

std::string figure(std::string_view path, double value, std::string_view display) {
  return "<span data-figure=\"" + text(path) + "\" data-value=\"" + raw_value(value) + "\">" + text(display) +
         "</span>";
}

std::string figure(std::string_view path, std::size_t value, std::string_view display) {
  return "<span data-figure=\"" + text(path) + "\" data-value=\"" + std::to_string(value) + "\">" + text(display) +
         "</span>";
}

std::string text_figure(std::string_view path, std::string_view value, std::string_view display) {
  return "<span data-figure=\"" + text(path) + "\" data-value=\"" + text(value) + "\">" + text(display) + "</span>";
}

Cell cell(std::string_view plain) { return {text(plain), false, false}; }
Cell number_cell(std::string_view plain) { return {text(plain), true, false}; }
Cell figure_cell(std::string_view path, double value, std::string_view display) {
  return {figure(path, value, display), true, false};
}
Cell figure_cell(std::string_view path, std::size_t value, std::string_view display) {
  return {figure(path, value, display), true, false};
}
Cell html_cell(std::string html, bool numeric) { return {std::move(html), numeric, false}; }

void Table::column(std::string title, bool numeric) {
  titles_.push_back(std::move(title));
  numeric_.push_back(numeric);
}

void Table::row(std::vector<Cell> cells, std::string_view css_class) {
  cells.resize(titles_.size());
  rows_.push_back({std::move(cells), std::string(css_class)});
}

std::string Table::html(std::string_view css_class) const {
  // The wrapper scrolls a wide table sideways on a narrow screen instead of
  // squeezing its numbers onto two lines.
  std::string out = css_class.empty() ? "<div class=\"table-wrap\"><table>"
                                      : "<div class=\"table-wrap\"><table class=\"" + text(css_class) + "\">";
  out += "<thead><tr>";
  for (std::size_t c = 0; c < titles_.size(); ++c)
    out += (numeric_[c] ? "<th class=\"num\">" : "<th>") + text(titles_[c]) + "</th>";
  out += "</tr></thead><tbody>";
  for (const Row& row : rows_) {
    out += row.css_class.empty() ? "<tr>" : "<tr class=\"" + text(row.css_class) + "\">";
    for (const Cell& c : row.cells) {
      out += c.numeric ? "<td class=\"num\">" : "<td>";
      out += c.strong ? "<strong>" + c.html + "</strong>" : c.html;
      out += "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table></div>\n";
}

std::string row_path(std::string_view document, const ResultTable& table, std::size_t row, std::string_view column) {
  return std::string(document) + table.name + "." + std::to_string(row) + "." + std::string(column);
}

std::string table_figure(const ResultTable& table, const ColumnView& view, std::size_t row, const CellStyle& style,
                         std::string_view document) {
  return text_figure(row_path(document, table, row, view.column), json_value(table, view, row),
                     cell_text(table, view, row, style));
}

Table result_table(const ResultTable& table, const TableView& view, const std::vector<std::size_t>& rows,
                   const CellStyle& style, std::string_view document,
                   const std::function<std::string(std::size_t row)>& row_class) {
  Table out;
  std::vector<std::size_t> best;  // per column, the index in `rows` of its best value
  for (const ColumnView& c : view) {
    out.column(heading(c, style), numeric(table, c));
    best.push_back(best_row(table, c, rows));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t r = rows[i];
    std::vector<Cell> cells;
    for (std::size_t k = 0; k < view.size(); ++k) {
      const ColumnView& c = view[k];
      // An interval is two columns, so not one place in the JSON; names and
      // labels are read, not checked.
      const bool is_figure = c.shown != Shown::interval && table.column(c.column).type != ColumnType::text;
      const bool strong = best[k] == i;
      if (is_figure)
        cells.push_back({table_figure(table, c, r, style, document), numeric(table, c), strong});
      else
        cells.push_back({text(cell_text(table, c, r, style)), numeric(table, c), strong});
    }
    out.row(std::move(cells), row_class ? row_class(r) : std::string());
  }
  return out;
}

std::string section(std::string_view id, std::string_view title, const std::string& body) {
  return "<section id=\"" + text(id) + "\"><h2>" + text(title) + "</h2>\n" + body + "</section>\n";
}

std::string note(std::string_view plain) { return "<p class=\"note\">" + text(plain) + "</p>\n"; }

std::string empty_note(std::string_view plain) { return "<p class=\"empty\">" + text(plain) + "</p>\n"; }

std::string chart(const std::string& svg, std::string_view caption) {
  std::string out = "<figure class=\"chart\">" + svg;
  if (!caption.empty()) out += "<figcaption>" + text(caption) + "</figcaption>";
  return out + "</figure>\n";
}

std::string path(std::string_view base, std::size_t index, std::string_view rest) {
  std::string out(base);
  out += '.';
  out += std::to_string(index);
  if (!rest.empty()) {
    out += '.';
    out += rest;
  }
  return out;
}

}  // namespace pipecast::render::html
