#include "pipecast/render/table_view.hpp"

#include "pipecast/render/human_format.hpp"
#include "render/html_parts.hpp"

#include <cmath>
#include <stdexcept>

namespace pipecast::render {
namespace {

Shown automatic(const ResultColumn& c) {
  switch (c.type) {
    case ColumnType::text: return Shown::text;
    case ColumnType::day: return Shown::date;
    case ColumnType::flag: return Shown::yes_no;
    case ColumnType::integer: return Shown::count;
    case ColumnType::number: break;
  }
  switch (c.unit) {
    case Unit::currency: return Shown::amount;
    case Unit::fraction: return Shown::percent;
    case Unit::days: return Shown::days;
    case Unit::count: return Shown::count;
    case Unit::none: break;
  }
  return Shown::decimal;
}

double number_at(const ResultColumn& c, std::size_t row) {
  switch (c.type) {
    case ColumnType::number: return c.numbers[row];
    case ColumnType::integer:
    case ColumnType::flag: return static_cast<double>(c.integers[row]);
    case ColumnType::day: return c.days[row] == kNoDay ? std::nan("") : static_cast<double>(c.days[row]);
    case ColumnType::text: break;
  }
  return std::nan("");
}

std::string interval_text(const ResultTable& table, const std::string& rate, std::size_t row) {
  const double low = table.column(rate + "_low").numbers[row];
  const double high = table.column(rate + "_high").numbers[row];
  if (std::isnan(low) || std::isnan(high)) return std::string(kMissing);
  return format_percent(low) + " \u2013 " + format_percent(high);
}

std::string written(const ResultColumn& c, Shown shown, std::size_t row, const CellStyle& style) {
  if (shown == Shown::automatic) shown = automatic(c);
  if (c.type == ColumnType::text) return c.texts[row].empty() ? "(blank)" : c.texts[row];
  if (c.type == ColumnType::day) return format_date(c.days[row]);
  if (shown == Shown::yes_no) return number_at(c, row) != 0 ? "yes" : "no";
  const double value = number_at(c, row);
  switch (shown) {
    case Shown::count:
    case Shown::amount: return format_number(value);
    case Shown::money: return format_money(value, style.currency);
    case Shown::decimal: return format_number(value, 2);
    case Shown::percent: return format_percent(value);
    case Shown::points: return format_points(value);
    case Shown::days: return format_number(value, 1);
    case Shown::ratio: return std::isnan(value) ? std::string(kMissing) : format_number(value, 2) + "\u00d7";
    default: break;
  }
  return format_number(value, 2);
}

}  // namespace

TableView default_view(const ResultTable& table) {
  TableView view;
  for (const ResultColumn& c : table.columns) view.emplace_back(c.name);
  return view;
}

std::string heading(const ColumnView& view, const CellStyle& style) {
  std::string label = view.label;
  if (label.empty())
    for (const char ch : view.column) label += ch == '_' ? ' ' : ch;
  if (view.currency_heading && !style.currency.empty()) label += " (" + style.currency + ")";
  return label;
}

bool numeric(const ResultTable& table, const ColumnView& view) {
  if (view.shown == Shown::interval) return true;
  const ResultColumn& c = table.column(view.column);
  const Shown shown = view.shown == Shown::automatic ? automatic(c) : view.shown;
  return shown != Shown::text && shown != Shown::yes_no && shown != Shown::date;
}

std::string cell_text(const ResultTable& table, const ColumnView& view, std::size_t row, const CellStyle& style) {
  std::string text = view.wording                      ? view.wording(table, row)
                     : view.shown == Shown::interval ? interval_text(table, view.column, row)
                                                       : written(table.column(view.column), view.shown, row, style);
  return text == kMissing ? style.missing : text;
}

std::string json_value(const ResultTable& table, const ColumnView& view, std::size_t row) {
  if (view.shown == Shown::interval) return "";
  const ResultColumn& c = table.column(view.column);
  switch (c.type) {
    case ColumnType::text: return c.texts[row];
    case ColumnType::integer: return std::to_string(c.integers[row]);
    case ColumnType::flag: return c.integers[row] != 0 ? "true" : "false";
    case ColumnType::day: return c.days[row] == kNoDay ? "null" : format_day(c.days[row]);
    case ColumnType::number: break;
  }
  return html::raw_value(c.numbers[row]);
}

std::size_t best_row(const ResultTable& table, const ColumnView& view, const std::vector<std::size_t>& rows) {
  std::size_t best = rows.size();
  if (view.best == Best::none || view.shown == Shown::interval) return best;
  const ResultColumn& c = table.column(view.column);
  if (c.type == ColumnType::text || c.type == ColumnType::day) return best;
  double best_goodness = -INFINITY;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double v = number_at(c, rows[i]);
    // How good the value is, larger is better.
    const double goodness = view.best == Best::lowest ? -v : view.best == Best::highest ? v : -std::fabs(v);
    if (std::isfinite(goodness) && goodness > best_goodness) best_goodness = goodness, best = i;
  }
  return best;
}

std::vector<std::size_t> rows_where(const ResultTable& table, std::string_view column, std::string_view value) {
  const ResultColumn& c = table.column(column);
  if (c.type != ColumnType::text)
    throw std::invalid_argument("column '" + c.name + "' of table '" + table.name + "' is not text");
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < table.rows; ++r)
    if (c.texts[r] == value) rows.push_back(r);
  return rows;
}

std::vector<std::size_t> all_rows(const ResultTable& table) {
  std::vector<std::size_t> rows(table.rows);
  for (std::size_t r = 0; r < table.rows; ++r) rows[r] = r;
  return rows;
}

}  // namespace pipecast::render
