#include "table.hpp"

#include "error.hpp"
#include "handles.hpp"
#include "input.hpp"

#include <cmath>
#include <stdexcept>

using pipecast::capi::Column;
using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

const char* type_name(std::int32_t type) {
  switch (type) {
    case PIPECAST_TYPE_INT64: return "INT64";
    case PIPECAST_TYPE_DOUBLE: return "DOUBLE";
    case PIPECAST_TYPE_TEXT: return "TEXT";
    case PIPECAST_TYPE_DAY: return "DAY";
    case PIPECAST_TYPE_BOOL: return "BOOL";
    default: return "?";
  }
}

}  // namespace

TableBuilder& TableBuilder::declare(std::string name, std::int32_t type) {
  Column column;
  column.name = std::move(name);
  column.type = type;
  table_.columns.push_back(std::move(column));
  return *this;
}

TableBuilder& TableBuilder::rate(const std::string& name) {
  return number(name).number(name + "_low").number(name + "_high").integer(name + "_successes").integer(
      name + "_trials");
}

TableBuilder& TableBuilder::distribution(const std::string& name) {
  return integer(name + "_count")
      .number(name + "_mean")
      .number(name + "_median")
      .number(name + "_p75")
      .number(name + "_p90");
}

TableBuilder& TableBuilder::period(const std::string& name) {
  return text(name).day(name + "_first").day(name + "_last");
}

Column& TableBuilder::next(std::int32_t type_family) {
  if (table_.columns.empty()) throw std::logic_error("table " + table_.name + " has no columns");
  Column& column = table_.columns[cursor_];
  const bool integral = type_family == PIPECAST_TYPE_INT64;
  const bool fits = integral ? column.type == PIPECAST_TYPE_INT64 || column.type == PIPECAST_TYPE_BOOL ||
                                   column.type == PIPECAST_TYPE_DAY
                             : column.type == type_family;
  if (!fits)
    throw std::logic_error("table " + table_.name + ", column " + column.name + ": a " +
                           type_name(type_family) + " value for a " + type_name(column.type) + " column");
  return column;
}

void TableBuilder::advance() {
  if (++cursor_ == table_.columns.size()) {
    cursor_ = 0;
    ++table_.rows;
  }
}

TableBuilder& TableBuilder::add(std::string_view value) {
  next(PIPECAST_TYPE_TEXT).texts.emplace_back(value);
  advance();
  return *this;
}

TableBuilder& TableBuilder::add(double value) {
  next(PIPECAST_TYPE_DOUBLE).doubles.push_back(value);
  advance();
  return *this;
}

TableBuilder& TableBuilder::add_integer(std::int64_t value) {
  Column& column = next(PIPECAST_TYPE_INT64);
  if (column.type == PIPECAST_TYPE_DAY) column.days.push_back(static_cast<std::int32_t>(value));
  else column.ints.push_back(column.type == PIPECAST_TYPE_BOOL ? (value != 0) : value);
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

TableData TableBuilder::finish() && {
  if (cursor_ != 0) throw std::logic_error("table " + table_.name + ": a row is unfinished");
  return std::move(table_);
}

nlohmann::ordered_json TableData::to_json() const {
  using Json = nlohmann::ordered_json;
  Json out = Json::array();
  for (std::size_t r = 0; r < rows; ++r) {
    Json row = Json::object();
    for (const Column& c : columns) {
      switch (c.type) {
        case PIPECAST_TYPE_INT64: row[c.name] = c.ints[r]; break;
        case PIPECAST_TYPE_BOOL: row[c.name] = c.ints[r] != 0; break;
        case PIPECAST_TYPE_DOUBLE:
          row[c.name] = std::isfinite(c.doubles[r]) ? Json(c.doubles[r]) : Json(nullptr);
          break;
        case PIPECAST_TYPE_DAY:
          row[c.name] = c.days[r] == kNoDay ? Json(nullptr) : Json(format_day(c.days[r]));
          break;
        default: row[c.name] = c.texts[r]; break;
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

int JsonCache::deliver(const std::string& text, char* buf, std::size_t buf_size, std::size_t* out_size) {
  *out_size = text.size();
  if (buf_size <= text.size()) {
    if (buf_size > 0) buf[0] = '\0';
    throw Error(PIPECAST_ERROR_BUFFER_TOO_SMALL,
                "the JSON text needs a buffer of " + std::to_string(text.size() + 1) + " bytes, got " +
                    std::to_string(buf_size));
  }
  text.copy(buf, text.size());
  buf[text.size()] = '\0';
  return PIPECAST_OK;
}

int json_indent(std::int32_t indent) {
  if (indent < -1 || indent > PIPECAST_JSON_MAX_INDENT)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "indent is " + std::to_string(indent) + ", expected -1 (one line) to " +
                    std::to_string(PIPECAST_JSON_MAX_INDENT));
  return indent;
}

std::string dump(const nlohmann::ordered_json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pipecast::capi

namespace {

using pipecast::capi::TableData;

const TableData& table_data(const pipecast_table* table) { return *live(table, "table").data; }

const Column& column_at(const TableData& t, std::size_t column) {
  if (column >= t.columns.size())
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "column " + std::to_string(column) + " is out of range: table " +
                                                     t.name + " has " + std::to_string(t.columns.size()) +
                                                     " columns");
  return t.columns[column];
}

// The column, checked to hold values the caller's getter reads.
const Column& typed_column(const TableData& t, std::size_t column, std::int32_t wanted) {
  const Column& c = column_at(t, column);
  const bool ok = wanted == PIPECAST_TYPE_INT64 ? c.type == PIPECAST_TYPE_INT64 || c.type == PIPECAST_TYPE_BOOL
                                                : c.type == wanted;
  if (!ok)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "column " + c.name + " of table " + t.name + " holds " + pipecast::capi::type_name(c.type) +
                    " values, not " + pipecast::capi::type_name(wanted));
  return c;
}

void check_row(const TableData& t, std::size_t row) {
  if (row >= t.rows)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "row " + std::to_string(row) + " is out of range: table " +
                                                     t.name + " has " + std::to_string(t.rows) + " rows");
}

void check_range(const TableData& t, std::size_t first, std::size_t count) {
  if (first > t.rows || count > t.rows - first)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "rows " + std::to_string(first) + " + " + std::to_string(count) + " go past the end: table " +
                    t.name + " has " + std::to_string(t.rows) + " rows");
}

template <class T, class Get>
int get_cell(const pipecast_table* table, std::size_t row, std::size_t column, T* out, std::int32_t type,
             Get&& get) {
  const TableData& t = table_data(table);
  require(out, "out");
  const Column& c = typed_column(t, column, type);
  check_row(t, row);
  *out = get(c, row);
  return PIPECAST_OK;
}

template <class T, class Get>
int read_cells(const pipecast_table* table, std::size_t column, std::size_t first, T* out, std::size_t count,
               std::int32_t type, Get&& get) {
  const TableData& t = table_data(table);
  pipecast::capi::require_array(out, count, "out");
  const Column& c = typed_column(t, column, type);
  check_range(t, first, count);
  for (std::size_t k = 0; k < count; ++k) out[k] = get(c, first + k);
  return PIPECAST_OK;
}

}  // namespace

extern "C" {

void pipecast_table_free(pipecast_table* table) { pipecast::capi::destroy(table); }

int pipecast_table_name(const pipecast_table* table, const char** out) {
  return guard(__func__, [&] {
    const TableData& t = table_data(table);
    require(out, "out");
    *out = t.name.c_str();
    return PIPECAST_OK;
  });
}

int pipecast_table_shape(const pipecast_table* table, size_t* out_rows, size_t* out_columns) {
  return guard(__func__, [&] {
    const TableData& t = table_data(table);
    require(out_rows, "out_rows");
    require(out_columns, "out_columns");
    *out_rows = t.rows;
    *out_columns = t.columns.size();
    return PIPECAST_OK;
  });
}

int pipecast_table_column_name(const pipecast_table* table, size_t column, const char** out) {
  return guard(__func__, [&] {
    const TableData& t = table_data(table);
    require(out, "out");
    *out = column_at(t, column).name.c_str();
    return PIPECAST_OK;
  });
}

int pipecast_table_column_type(const pipecast_table* table, size_t column, int32_t* out_type) {
  return guard(__func__, [&] {
    const TableData& t = table_data(table);
    require(out_type, "out_type");
    *out_type = column_at(t, column).type;
    return PIPECAST_OK;
  });
}

int pipecast_table_find_column(const pipecast_table* table, const char* name, size_t* out_column) {
  return guard(__func__, [&] {
    const TableData& t = table_data(table);
    const std::string_view wanted = pipecast::capi::text_argument(name, "name");
    require(out_column, "out_column");
    std::string known;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (t.columns[c].name == wanted) {
        *out_column = c;
        return PIPECAST_OK;
      }
      known += (c ? ", " : "") + t.columns[c].name;
    }
    throw Error(PIPECAST_ERROR_NOT_FOUND,
                "table " + t.name + " has no column '" + std::string(wanted) + "' (columns: " + known + ")");
  });
}

int pipecast_table_get_int64(const pipecast_table* table, size_t row, size_t column, int64_t* out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, PIPECAST_TYPE_INT64,
                    [](const Column& c, std::size_t r) { return c.ints[r]; });
  });
}

int pipecast_table_get_double(const pipecast_table* table, size_t row, size_t column, double* out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, PIPECAST_TYPE_DOUBLE,
                    [](const Column& c, std::size_t r) { return c.doubles[r]; });
  });
}

int pipecast_table_get_day(const pipecast_table* table, size_t row, size_t column, int32_t* out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, PIPECAST_TYPE_DAY,
                    [](const Column& c, std::size_t r) { return c.days[r]; });
  });
}

int pipecast_table_get_text(const pipecast_table* table, size_t row, size_t column, const char** out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, PIPECAST_TYPE_TEXT,
                    [](const Column& c, std::size_t r) { return c.texts[r].c_str(); });
  });
}

int pipecast_table_read_int64(const pipecast_table* table, size_t column, size_t first_row, int64_t* out,
                              size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, PIPECAST_TYPE_INT64,
                      [](const Column& c, std::size_t r) { return c.ints[r]; });
  });
}

int pipecast_table_read_double(const pipecast_table* table, size_t column, size_t first_row, double* out,
                               size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, PIPECAST_TYPE_DOUBLE,
                      [](const Column& c, std::size_t r) { return c.doubles[r]; });
  });
}

int pipecast_table_read_day(const pipecast_table* table, size_t column, size_t first_row, int32_t* out,
                            size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, PIPECAST_TYPE_DAY,
                      [](const Column& c, std::size_t r) { return c.days[r]; });
  });
}

int pipecast_table_read_text(const pipecast_table* table, size_t column, size_t first_row, const char** out,
                             size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, PIPECAST_TYPE_TEXT,
                      [](const Column& c, std::size_t r) { return c.texts[r].c_str(); });
  });
}

int pipecast_table_json(const pipecast_table* table, int32_t indent, char* buf, size_t buf_size,
                        size_t* out_size) {
  return guard(__func__, [&] {
    const pipecast_table& t = live(table, "table");
    require(out_size, "out_size");
    if (buf_size > 0) require(buf, "buf");
    const int spaces = pipecast::capi::json_indent(indent);
    return t.json.write(std::to_string(spaces), buf, buf_size, out_size,
                        [&] { return pipecast::capi::dump(t.data->to_json(), spaces); });
  });
}

}  // extern "C"
