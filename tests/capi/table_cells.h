/* Reading result tables by column name in the C tests: one definition for
 * every test module (each checks the calls it makes and returns a value
 * that fails the test's own assertion when a call failed). */
#ifndef PIPECAST_TEST_TABLE_CELLS_H
#define PIPECAST_TEST_TABLE_CELLS_H

#include "pipecast.h"

#include <stddef.h>
#include <stdint.h>

/* The table `name` of `result` (NULL when it has none, checked). */
pipecast_table* table_of(const pipecast_result* result, const char* name);
size_t rows_of(const pipecast_table* t);
size_t column(const pipecast_table* t, const char* name);
double number(const pipecast_table* t, size_t row, const char* name);
int64_t integer(const pipecast_table* t, size_t row, const char* name);
int32_t day_cell(const pipecast_table* t, size_t row, const char* name);
/* "(null)" when the call failed. */
const char* text(const pipecast_table* t, size_t row, const char* name);

/* The JSON text of a result (section NULL: every table) in a new buffer the
 * caller frees; NULL when it could not be had (checked). */
char* result_json(const pipecast_result* result, const char* section, int32_t indent);

#define CHECK_TEXT(got, want) CHECK(strcmp((got), (want)) == 0)

#endif
