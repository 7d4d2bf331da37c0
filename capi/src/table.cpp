#include "table.hpp"

#include "error.hpp"
#include "handles.hpp"
#include "input.hpp"

#include <cmath>
#include <stdexcept>

using pipecast::ColumnType;
using pipecast::ResultColumn;
using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

// The type names C callers know (the PIPECAST_TYPE_ suffixes).
const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return "INT64";
    case ColumnType::number: return "DOUBLE";
    case ColumnType::text: return "TEXT";
    case ColumnType::day: return "DAY";
    case ColumnType::flag: return "BOOL";
  }
  return "?";
}

}  // namespace

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

using pipecast::ResultTable;

const ResultTable& table_data(const pipecast_table* table) { return *live(table, "table").data; }

const ResultColumn& column_at(const ResultTable& t, std::size_t column) {
  if (column >= t.columns.size())
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "column " + std::to_string(column) + " is out of range: table " +
                                                     t.name + " has " + std::to_string(t.columns.size()) +
                                                     " columns");
  return t.columns[column];
}

// The column, checked to hold values the caller's getter reads.
const ResultColumn& typed_column(const ResultTable& t, std::size_t column, ColumnType wanted) {
  const ResultColumn& c = column_at(t, column);
  const bool ok = wanted == ColumnType::integer ? c.type == ColumnType::integer || c.type == ColumnType::flag
                                                : c.type == wanted;
  if (!ok)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "column " + c.name + " of table " + t.name + " holds " + pipecast::capi::type_name(c.type) +
                    " values, not " + pipecast::capi::type_name(wanted));
  return c;
}

void check_row(const ResultTable& t, std::size_t row) {
  if (row >= t.rows)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "row " + std::to_string(row) + " is out of range: table " +
                                                     t.name + " has " + std::to_string(t.rows) + " rows");
}

void check_range(const ResultTable& t, std::size_t first, std::size_t count) {
  if (first > t.rows || count > t.rows - first)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "rows " + std::to_string(first) + " + " + std::to_string(count) + " go past the end: table " +
                    t.name + " has " + std::to_string(t.rows) + " rows");
}

template <class T, class Get>
int get_cell(const pipecast_table* table, std::size_t row, std::size_t column, T* out, ColumnType type,
             Get&& get) {
  const ResultTable& t = table_data(table);
  require(out, "out");
  const ResultColumn& c = typed_column(t, column, type);
  check_row(t, row);
  *out = get(c, row);
  return PIPECAST_OK;
}

template <class T, class Get>
int read_cells(const pipecast_table* table, std::size_t column, std::size_t first, T* out, std::size_t count,
               ColumnType type, Get&& get) {
  const ResultTable& t = table_data(table);
  pipecast::capi::require_array(out, count, "out");
  const ResultColumn& c = typed_column(t, column, type);
  check_range(t, first, count);
  for (std::size_t k = 0; k < count; ++k) out[k] = get(c, first + k);
  return PIPECAST_OK;
}

}  // namespace

extern "C" {

void pipecast_table_free(pipecast_table* table) { pipecast::capi::destroy(table); }

int pipecast_table_name(const pipecast_table* table, const char** out) {
  return guard(__func__, [&] {
    const ResultTable& t = table_data(table);
    require(out, "out");
    *out = t.name.c_str();
    return PIPECAST_OK;
  });
}

int pipecast_table_shape(const pipecast_table* table, size_t* out_rows, size_t* out_columns) {
  return guard(__func__, [&] {
    const ResultTable& t = table_data(table);
    require(out_rows, "out_rows");
    require(out_columns, "out_columns");
    *out_rows = t.rows;
    *out_columns = t.columns.size();
    return PIPECAST_OK;
  });
}

int pipecast_table_column_name(const pipecast_table* table, size_t column, const char** out) {
  return guard(__func__, [&] {
    const ResultTable& t = table_data(table);
    require(out, "out");
    *out = column_at(t, column).name.c_str();
    return PIPECAST_OK;
  });
}

int pipecast_table_column_type(const pipecast_table* table, size_t column, int32_t* out_type) {
  return guard(__func__, [&] {
    const ResultTable& t = table_data(table);
    require(out_type, "out_type");
    *out_type = static_cast<int32_t>(column_at(t, column).type);
    return PIPECAST_OK;
  });
}

int pipecast_table_column_unit(const pipecast_table* table, size_t column, int32_t* out_unit) {
  return guard(__func__, [&] {
    const ResultTable& t = table_data(table);
    require(out_unit, "out_unit");
    *out_unit = static_cast<int32_t>(column_at(t, column).unit);
    return PIPECAST_OK;
  });
}

int pipecast_table_find_column(const pipecast_table* table, const char* name, size_t* out_column) {
  return guard(__func__, [&] {
    const ResultTable& t = table_data(table);
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
    return get_cell(table, row, column, out, ColumnType::integer,
                    [](const ResultColumn& c, std::size_t r) { return c.integers[r]; });
  });
}

int pipecast_table_get_double(const pipecast_table* table, size_t row, size_t column, double* out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, ColumnType::number,
                    [](const ResultColumn& c, std::size_t r) { return c.numbers[r]; });
  });
}

int pipecast_table_get_day(const pipecast_table* table, size_t row, size_t column, int32_t* out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, ColumnType::day,
                    [](const ResultColumn& c, std::size_t r) { return c.days[r]; });
  });
}

int pipecast_table_get_text(const pipecast_table* table, size_t row, size_t column, const char** out) {
  return guard(__func__, [&] {
    return get_cell(table, row, column, out, ColumnType::text,
                    [](const ResultColumn& c, std::size_t r) { return c.texts[r].c_str(); });
  });
}

int pipecast_table_read_int64(const pipecast_table* table, size_t column, size_t first_row, int64_t* out,
                              size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, ColumnType::integer,
                      [](const ResultColumn& c, std::size_t r) { return c.integers[r]; });
  });
}

int pipecast_table_read_double(const pipecast_table* table, size_t column, size_t first_row, double* out,
                               size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, ColumnType::number,
                      [](const ResultColumn& c, std::size_t r) { return c.numbers[r]; });
  });
}

int pipecast_table_read_day(const pipecast_table* table, size_t column, size_t first_row, int32_t* out,
                            size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, ColumnType::day,
                      [](const ResultColumn& c, std::size_t r) { return c.days[r]; });
  });
}

int pipecast_table_read_text(const pipecast_table* table, size_t column, size_t first_row, const char** out,
                             size_t count) {
  return guard(__func__, [&] {
    return read_cells(table, column, first_row, out, count, ColumnType::text,
                      [](const ResultColumn& c, std::size_t r) { return c.texts[r].c_str(); });
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
                        [&] { return pipecast::result_table_json(*t.data, spaces); });
  });
}

}  // extern "C"
