#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render::sections {
namespace {

std::string formatted(const BacktestColumn& c, double v, const std::string& currency) {
  switch (c.format) {
    case BacktestColumn::Format::percent: return format_percent(v, c.decimals);
    case BacktestColumn::Format::money: return format_money(v, currency, c.decimals);
    case BacktestColumn::Format::number: break;
  }
  return format_number(v, c.decimals);
}

// How good a value is, larger is better; NaN when the column has no order.
double goodness(const BacktestColumn& c, double v) {
  switch (c.better) {
    case BacktestColumn::Better::lower: return -v;
    case BacktestColumn::Better::higher: return v;
    case BacktestColumn::Better::closer_to_zero: return -std::fabs(v);
    case BacktestColumn::Better::none: break;
  }
  return std::nan("");
}

// The row holding the best value of column c, or rows.size() for none.
std::size_t best_row(const BacktestTable& table, std::size_t c) {
  std::size_t best = table.rows.size();
  double best_value = -INFINITY;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (c >= table.rows[r].values.size()) continue;
    const double g = goodness(table.columns[c], table.rows[r].values[c]);
    if (std::isfinite(g) && g > best_value) best_value = g, best = r;
  }
  return best;
}

// The figure's path: where `pipecast backtest --format json` has the value
// when the column names it, else its place in the table.
std::string figure_path(const BacktestTable& table, std::size_t r, std::size_t c) {
  const std::string& key = table.columns[c].key;
  if (key.empty()) return html::path(html::path("backtest.rows", r, "values"), c);
  return "backtest.summary." + table.rows[r].model + "." + key;
}

}  // namespace

std::string backtest(const HtmlReportInput& input) {
  if (!input.backtest || input.backtest->rows.empty())
    return html::section("backtest", "Backtest", html::empty_note(input.no_backtest_hint));
  const BacktestTable& b = *input.backtest;
  std::string body = whole_book_note(input.report, b.whole_book, "backtest");
  if (!b.description.empty()) body += html::note(b.description);
  html::Table t;
  t.column("model", false);
  for (const BacktestColumn& c : b.columns) t.column(c.name);
  std::vector<std::size_t> best(b.columns.size());
  for (std::size_t c = 0; c < b.columns.size(); ++c) best[c] = best_row(b, c);
  for (std::size_t r = 0; r < b.rows.size(); ++r) {
    std::vector<html::Cell> row{html::cell(b.rows[r].model)};
    for (std::size_t c = 0; c < b.columns.size(); ++c) {
      const double v = c < b.rows[r].values.size() ? b.rows[r].values[c] : std::nan("");
      html::Cell cell = html::figure_cell(figure_path(b, r, c), v,
                                          formatted(b.columns[c], v, input.report.currency));
      cell.strong = best[c] == r;
      row.push_back(std::move(cell));
    }
    t.row(std::move(row));
  }
  body += t.html();
  body += html::note("Bold: the best value of each column where one direction is better.");
  if (!b.verdict.empty()) body += "<p class=\"verdict\">" + html::text(b.verdict) + "</p>\n";
  return html::section("backtest", "Backtest", body);
}

}  // namespace pipecast::render::sections
