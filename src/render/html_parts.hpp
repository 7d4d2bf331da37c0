// The building blocks of the HTML report: escaped text, figures with their
// machine-readable markers, tables with right-aligned numbers, sections.
// Internal to src/render.
#pragma once

#include "pipecast/render/table_view.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::render::html {

/// Escaped text for HTML content and attribute values.
std::string text(std::string_view plain);

/// The exact value for a data-value attribute: the shortest text that reads
/// back as the same double, as the JSON has it; "null" for NaN/infinity.
std::string raw_value(double value);

/// <span data-figure="path" data-value="raw">display</span> (display is
/// plain text, escaped here).
std::string figure(std::string_view path, double value, std::string_view display);
std::string figure(std::string_view path, std::size_t value, std::string_view display);
/// The same for a figure the JSON holds as text (a name, a date), `value`
/// exactly as there.
std::string text_figure(std::string_view path, std::string_view value, std::string_view display);

struct Cell {
  std::string html;      // already escaped
  bool numeric = false;  // right-aligned, tabular figures
  bool strong = false;
};
Cell cell(std::string_view plain);         // text, left
Cell number_cell(std::string_view plain);  // a number, right
Cell figure_cell(std::string_view path, double value, std::string_view display);
Cell figure_cell(std::string_view path, std::size_t value, std::string_view display);
Cell html_cell(std::string html, bool numeric = false);

class Table {
 public:
  void column(std::string title, bool numeric = true);
  void row(std::vector<Cell> cells, std::string_view css_class = "");
  bool empty() const { return rows_.empty(); }
  std::string html(std::string_view css_class = "") const;

 private:
  struct Row {
    std::vector<Cell> cells;
    std::string css_class;
  };
  std::vector<std::string> titles_;
  std::vector<bool> numeric_;
  std::vector<Row> rows_;
};

/// A cell's place in the JSON document that holds its table:
/// "<document><table>.<row>.<column>" (`document` is "" or ends with a dot).
std::string row_path(std::string_view document, const ResultTable& table, std::size_t row, std::string_view column);

/// One cell of a result table, written as `view` says, marked as a figure at
/// its row_path.
std::string table_figure(const ResultTable& table, const ColumnView& view, std::size_t row, const CellStyle& style,
                         std::string_view document);

/// The `rows` of a result table as `view` shows them.  Each cell of a column
/// of its own is a figure marked at its row_path; the best value of a
/// column that has one (ColumnView::best_is) is in bold.  `row_class` gives
/// a row its CSS class ("total").
Table result_table(const ResultTable& table, const TableView& view, const std::vector<std::size_t>& rows,
                   const CellStyle& style, std::string_view document,
                   const std::function<std::string(std::size_t row)>& row_class = {});

/// <section id=...><h2>title</h2>body</section>
std::string section(std::string_view id, std::string_view title, const std::string& body);
/// A paragraph of muted explanation (plain text).
std::string note(std::string_view plain);
/// A paragraph saying a part has no data, and how to get it (plain text).
std::string empty_note(std::string_view plain);
/// A chart (an <svg> document) in its frame, with a caption for readers.
std::string chart(const std::string& svg, std::string_view caption = "");

/// "path.i.field" in a few characters at call sites.
std::string path(std::string_view base, std::size_t index, std::string_view rest = "");

}  // namespace pipecast::render::html
