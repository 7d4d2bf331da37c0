// Readable terminal output: aligned columns, numbers with thousands separators.
#pragma once

#include "pipecast/render/table_view.hpp"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace pipecast::cli {

/// 1234567.8 -> "1,234,568" (decimals = 0) or "1,234,567.80" (decimals = 2).
std::string thousands(double value, int decimals = 0);
/// A count with thousands separators: 12345 -> "12,345".
std::string count(std::size_t n);
/// 0.256 -> "25.6%".
std::string percent(double fraction);

class TextTable {
 public:
  enum class Align { left, right };
  void add_column(std::string title, Align align = Align::right);
  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out, const std::string& indent = "") const;

 private:
  std::vector<std::string> titles_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

/// What a terminal writes for what cannot be known, and the currency.
render::CellStyle text_style(const std::string& currency);

/// The `rows` of a result table as `view` shows them (numbers right-aligned).
TextTable view_table(const ResultTable& table, const render::TableView& view, const std::vector<std::size_t>& rows,
                     const render::CellStyle& style);

}  // namespace pipecast::cli
