#include "pipecast/analytics/result_table.hpp"

#include "analytics/result_table_json.hpp"

#include "pipecast/core/calendar.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace pipecast {

nlohmann::ordered_json result_table_json_value(const ResultTable& table) {
  using Json = nlohmann::ordered_json;
  Json out = Json::array();
  for (std::size_t r = 0; r < table.rows; ++r) {
    Json row = Json::object();
    for (const ResultColumn& c : table.columns) {
      switch (c.type) {
        case ColumnType::integer: row[c.name] = c.integers[r]; break;
        case ColumnType::flag: row[c.name] = c.integers[r] != 0; break;
        case ColumnType::number:
          row[c.name] = std::isfinite(c.numbers[r]) ? Json(c.numbers[r]) : Json(nullptr);
          break;
        case ColumnType::day: row[c.name] = c.days[r] == kNoDay ? Json(nullptr) : Json(format_day(c.days[r])); break;
        case ColumnType::text: row[c.name] = c.texts[r]; break;
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

nlohmann::ordered_json result_tables_json_value(const std::vector<ResultTable>& tables) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const ResultTable& t : tables) out[t.name] = result_table_json_value(t);
  return out;
}

std::string result_tables_json(const std::vector<ResultTable>& tables, int indent) {
  return result_tables_json_value(tables).dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string result_table_json(const ResultTable& table, int indent) {
  // Text that is not UTF-8 (a custom attribute in a mislabelled export)
  // becomes U+FFFD rather than an exception.
  return result_table_json_value(table).dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string_view to_string(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return "integer";
    case ColumnType::number: return "number";
    case ColumnType::text: return "text";
    case ColumnType::day: return "day";
    case ColumnType::flag: return "flag";
  }
  return "?";
}

std::string_view to_string(Unit unit) {
  switch (unit) {
    case Unit::none: return "none";
    case Unit::count: return "count";
    case Unit::currency: return "currency";
    case Unit::days: return "days";
    case Unit::fraction: return "fraction";
  }
  return "?";
}

const ResultColumn* ResultTable::find(std::string_view column) const {
  for (const ResultColumn& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

const ResultColumn& ResultTable::column(std::string_view wanted) const {
  const ResultColumn* c = find(wanted);
  if (!c) throw std::invalid_argument("table '" + name + "' has no column '" + std::string(wanted) + "'");
  return *c;
}

TableBuilder& TableBuilder::declare(std::string name, ColumnType type, Unit unit) {
  ResultColumn column;
  column.name = std::move(name);
  column.type = type;
  column.unit = unit;
  table_.columns.push_back(std::move(column));
  return *this;
}

TableBuilder& TableBuilder::rate(const std::string& name) {
  return number(name, Unit::fraction)
      .number(name + "_low", Unit::fraction)
      .number(name + "_high", Unit::fraction)
      .integer(name + "_successes")
      .integer(name + "_trials");
}

TableBuilder& TableBuilder::distribution(const std::string& name) {
  return integer(name + "_count")
      .number(name + "_mean", Unit::days)
      .number(name + "_median", Unit::days)
      .number(name + "_p75", Unit::days)
      .number(name + "_p90", Unit::days);
}

TableBuilder& TableBuilder::period(const std::string& name) {
  return text(name).day(name + "_first").day(name + "_last");
}

// Integers feed integer, flag and day columns; the others only their own.
ResultColumn& TableBuilder::next(ColumnType family) {
  if (table_.columns.empty()) throw std::logic_error("table " + table_.name + " has no columns");
  ResultColumn& column = table_.columns[cursor_];
  const bool fits = family == ColumnType::integer
                        ? column.type == ColumnType::integer || column.type == ColumnType::flag ||
                              column.type == ColumnType::day
                        : column.type == family;
  if (!fits)
    throw std::logic_error("table " + table_.name + ", column " + column.name + ": a " +
                           std::string(to_string(family)) + " value for a " + std::string(to_string(column.type)) +
                           " column");
  return column;
}

void TableBuilder::advance() {
  if (++cursor_ == table_.columns.size()) {
    cursor_ = 0;
    ++table_.rows;
  }
}

TableBuilder& TableBuilder::add(std::string_view value) {
  next(ColumnType::text).texts.emplace_back(value);
  advance();
  return *this;
}

TableBuilder& TableBuilder::add(double value) {
  next(ColumnType::number).numbers.push_back(value);
  advance();
  return *this;
}

TableBuilder& TableBuilder::add_integer(std::int64_t value) {
  ResultColumn& column = next(ColumnType::integer);
  if (column.type == ColumnType::day) column.days.push_back(static_cast<Day>(value));
  else column.integers.push_back(column.type == ColumnType::flag ? (value != 0) : value);
  advance();
  return *this;
}

TableBuilder& TableBuilder::add(const Rate& r) {
  const bool known = r.trials > 0;
  const Interval i = r.interval();
  const double nan = std::nan("");
  return add(r.value()).add(known ? i.low : nan).add(known ? i.high : nan).add(r.successes).add(r.trials);
}

TableBuilder& TableBuilder::add(const Distribution& d) {
  return add(d.count).add(d.mean).add(d.median).add(d.p75).add(d.p90);
}

TableBuilder& TableBuilder::add(const Period& p) { return add(p.label).add(p.first).add(p.last); }

ResultTable TableBuilder::finish() && {
  if (cursor_ != 0) throw std::logic_error("table " + table_.name + ": a row is unfinished");
  return std::move(table_);
}

}  // namespace pipecast
