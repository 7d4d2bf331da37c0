/* Reading result tables by column name (table_cells.h). */
#include "table_cells.h"

#include "check.h"

#include <stdlib.h>
#include <string.h>

pipecast_table* table_of(const pipecast_result* result, const char* name) {
  pipecast_table* table = NULL;
  CHECK_CODE(pipecast_result_table(result, name, &table), PIPECAST_OK);
  return table;
}

size_t rows_of(const pipecast_table* t) {
  size_t rows = 0, columns = 0;
  CHECK_CODE(pipecast_table_shape(t, &rows, &columns), PIPECAST_OK);
  return rows;
}

size_t column(const pipecast_table* t, const char* name) {
  size_t c = (size_t)-1;
  CHECK_CODE(pipecast_table_find_column(t, name, &c), PIPECAST_OK);
  return c;
}

double number(const pipecast_table* t, size_t row, const char* name) {
  double v = -12345;
  CHECK_CODE(pipecast_table_get_double(t, row, column(t, name), &v), PIPECAST_OK);
  return v;
}

int64_t integer(const pipecast_table* t, size_t row, const char* name) {
  int64_t v = -12345;
  CHECK_CODE(pipecast_table_get_int64(t, row, column(t, name), &v), PIPECAST_OK);
  return v;
}

int32_t day_cell(const pipecast_table* t, size_t row, const char* name) {
  int32_t v = -12345;
  CHECK_CODE(pipecast_table_get_day(t, row, column(t, name), &v), PIPECAST_OK);
  return v;
}

const char* text(const pipecast_table* t, size_t row, const char* name) {
  const char* v = NULL;
  CHECK_CODE(pipecast_table_get_text(t, row, column(t, name), &v), PIPECAST_OK);
  return v ? v : "(null)";
}

char* result_json(const pipecast_result* result, const char* section, int32_t indent) {
  size_t size = 0;
  char* buf;
  CHECK_CODE(pipecast_result_json(result, section, indent, NULL, 0, &size), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  buf = (char*)malloc(size + 1);
  if (buf == NULL) return NULL;
  CHECK_CODE(pipecast_result_json(result, section, indent, buf, size + 1, &size), PIPECAST_OK);
  CHECK(strlen(buf) == size);
  return buf;
}
