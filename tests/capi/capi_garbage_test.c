/* Garbage in: NULL handles and out-pointers, freed handles, handles of the
 * wrong type, counts that are really negative numbers, structs of unknown
 * versions, invalid UTF-8.  Each call must return an error code with a
 * message, never crash. */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "hand_book.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CHECK_INVALID(call, argument)                      \
  do {                                                     \
    CHECK_CODE((call), PIPECAST_ERROR_INVALID_ARGUMENT);   \
    CHECK_ERROR_MENTIONS(argument);                        \
  } while (0)

/* Every function that takes a handle or an out-pointer, given NULL. */
int test_null_arguments(char** args) {
  pipecast_book* book = hand_book();
  pipecast_builder* builder = NULL;
  pipecast_result* result = NULL;
  pipecast_table* table = NULL;
  pipecast_book* out_book = (pipecast_book*)&book; /* not NULL: must be reset */
  pipecast_result* out_result = (pipecast_result*)&book;
  pipecast_table* out_table = (pipecast_table*)&book;
  pipecast_stage_columns stages = PIPECAST_STAGE_COLUMNS_INIT;
  pipecast_fx_rate_columns fx = PIPECAST_FX_RATE_COLUMNS_INIT;
  pipecast_product_columns products = PIPECAST_PRODUCT_COLUMNS_INIT;
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  pipecast_history_columns history = PIPECAST_HISTORY_COLUMNS_INIT;
  pipecast_line_item_columns items = PIPECAST_LINE_ITEM_COLUMNS_INIT;
  pipecast_quota_columns quotas = PIPECAST_QUOTA_COLUMNS_INIT;
  pipecast_lead_plan_options plan = PIPECAST_LEAD_PLAN_OPTIONS_INIT;
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  const char* text = NULL;
  int32_t day = 0, type = 0;
  int64_t i64 = 0;
  double d = 0;
  size_t n = 0, m = 0;
  char buf[16];
  (void)args;
  if (book == NULL) return 0;
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  result = NULL;
  CHECK_CODE(pipecast_report(book, NULL, NULL, &result), PIPECAST_OK);
  CHECK_CODE(pipecast_result_table(result, "funnel", &table), PIPECAST_OK);

  /* Handles. */
  CHECK_INVALID(pipecast_builder_new(NULL), "pipecast_builder_new: out is NULL");
  CHECK_INVALID(pipecast_builder_add_stages(NULL, &stages, 0), "pipecast_builder_add_stages: builder is NULL");
  CHECK_INVALID(pipecast_builder_add_fx_rates(NULL, &fx, 0), "builder is NULL");
  CHECK_INVALID(pipecast_builder_add_products(NULL, &products, 0), "builder is NULL");
  CHECK_INVALID(pipecast_builder_add_opportunities(NULL, &deals, 0), "builder is NULL");
  CHECK_INVALID(pipecast_builder_add_history(NULL, &history, 0), "builder is NULL");
  CHECK_INVALID(pipecast_builder_add_line_items(NULL, &items, 0), "builder is NULL");
  CHECK_INVALID(pipecast_builder_add_quotas(NULL, &quotas, 0), "builder is NULL");
  CHECK_INVALID(pipecast_builder_finish(NULL, &out_book), "builder is NULL");
  CHECK(out_book == NULL);
  CHECK_INVALID(pipecast_book_save_snapshot(NULL, "x", 0), "book is NULL");
  CHECK_INVALID(pipecast_book_export_csv(NULL, "x"), "book is NULL");
  out_book = (pipecast_book*)&book;
  CHECK_INVALID(pipecast_book_as_of(NULL, 0, &out_book), "pipecast_book_as_of: book is NULL");
  CHECK(out_book == NULL);
  CHECK_INVALID(pipecast_book_view_day(NULL, &day), "book is NULL");
  CHECK_INVALID(pipecast_book_latest_day(NULL, &day), "book is NULL");
  CHECK_INVALID(pipecast_book_currency(NULL, &text), "book is NULL");
  CHECK_INVALID(pipecast_book_count(NULL, PIPECAST_NO_DAY, &counts), "book is NULL");
  CHECK_INVALID(pipecast_report(NULL, NULL, NULL, &out_result), "pipecast_report: book is NULL");
  CHECK(out_result == NULL);
  out_result = (pipecast_result*)&book;
  plan.target = 1;
  CHECK_INVALID(pipecast_lead_plan(NULL, NULL, &plan, &out_result), "book is NULL");
  CHECK(out_result == NULL);
  CHECK_INVALID(pipecast_result_kind(NULL, &text), "result is NULL");
  CHECK_INVALID(pipecast_result_json(NULL, NULL, 2, buf, sizeof buf, &n), "result is NULL");
  CHECK_INVALID(pipecast_result_table_count(NULL, &n), "result is NULL");
  CHECK_INVALID(pipecast_result_table_name(NULL, 0, &text), "result is NULL");
  CHECK_INVALID(pipecast_result_table(NULL, "funnel", &out_table), "result is NULL");
  CHECK(out_table == NULL);
  CHECK_INVALID(pipecast_table_name(NULL, &text), "table is NULL");
  CHECK_INVALID(pipecast_table_shape(NULL, &n, &m), "table is NULL");
  CHECK_INVALID(pipecast_table_column_name(NULL, 0, &text), "table is NULL");
  CHECK_INVALID(pipecast_table_column_type(NULL, 0, &type), "table is NULL");
  CHECK_INVALID(pipecast_table_column_unit(NULL, 0, &type), "table is NULL");
  CHECK_INVALID(pipecast_table_find_column(NULL, "stage", &n), "table is NULL");
  CHECK_INVALID(pipecast_table_get_int64(NULL, 0, 0, &i64), "table is NULL");
  CHECK_INVALID(pipecast_table_get_double(NULL, 0, 0, &d), "table is NULL");
  CHECK_INVALID(pipecast_table_get_day(NULL, 0, 0, &day), "table is NULL");
  CHECK_INVALID(pipecast_table_get_text(NULL, 0, 0, &text), "table is NULL");
  CHECK_INVALID(pipecast_table_read_int64(NULL, 0, 0, &i64, 1), "table is NULL");
  CHECK_INVALID(pipecast_table_read_double(NULL, 0, 0, &d, 1), "table is NULL");
  CHECK_INVALID(pipecast_table_read_day(NULL, 0, 0, &day, 1), "table is NULL");
  CHECK_INVALID(pipecast_table_read_text(NULL, 0, 0, &text, 1), "table is NULL");
  CHECK_INVALID(pipecast_table_json(NULL, 2, buf, sizeof buf, &n), "table is NULL");

  /* Out-pointers and required inputs. */
  CHECK_INVALID(pipecast_builder_add_stages(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_add_fx_rates(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_add_products(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_add_history(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_add_line_items(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_add_quotas(builder, NULL, 0), "columns is NULL");
  CHECK_INVALID(pipecast_builder_finish(builder, NULL), "out is NULL");
  CHECK_INVALID(pipecast_book_load(NULL, NULL, &out_book), "path is NULL");
  CHECK_INVALID(pipecast_book_load(NULL, NULL, &out_book), "path is NULL");
  CHECK_INVALID(pipecast_book_load("x", NULL, NULL), "out is NULL");
  CHECK_INVALID(pipecast_book_save_snapshot(book, NULL, 0), "path is NULL");
  CHECK_INVALID(pipecast_book_export_csv(book, NULL), "directory is NULL");
  CHECK_INVALID(pipecast_book_as_of(book, 0, NULL), "out is NULL");
  CHECK_INVALID(pipecast_book_view_day(book, NULL), "out_day is NULL");
  CHECK_INVALID(pipecast_book_latest_day(book, NULL), "out_day is NULL");
  CHECK_INVALID(pipecast_book_currency(book, NULL), "out is NULL");
  CHECK_INVALID(pipecast_report(book, NULL, NULL, NULL), "out is NULL");
  CHECK_INVALID(pipecast_lead_plan(book, NULL, &plan, NULL), "out is NULL");
  CHECK_INVALID(pipecast_lead_plan(book, NULL, NULL, &out_result), "options is NULL");
  CHECK_INVALID(pipecast_result_kind(result, NULL), "out is NULL");
  CHECK_INVALID(pipecast_result_json(result, NULL, 2, buf, sizeof buf, NULL), "out_size is NULL");
  CHECK_INVALID(pipecast_result_json(result, NULL, 2, NULL, sizeof buf, &n), "buf is NULL");
  CHECK_INVALID(pipecast_result_table_count(result, NULL), "out_count is NULL");
  CHECK_INVALID(pipecast_result_table_name(result, 0, NULL), "out is NULL");
  CHECK_INVALID(pipecast_result_table(result, NULL, &out_table), "name is NULL");
  CHECK_INVALID(pipecast_result_table(result, "funnel", NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_name(table, NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_shape(table, NULL, &m), "out_rows is NULL");
  CHECK_INVALID(pipecast_table_shape(table, &n, NULL), "out_columns is NULL");
  CHECK_INVALID(pipecast_table_column_name(table, 0, NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_column_type(table, 0, NULL), "out_type is NULL");
  CHECK_INVALID(pipecast_table_column_unit(table, 0, NULL), "out_unit is NULL");
  CHECK_INVALID(pipecast_table_find_column(table, NULL, &n), "name is NULL");
  CHECK_INVALID(pipecast_table_find_column(table, "stage", NULL), "out_column is NULL");
  CHECK_INVALID(pipecast_table_get_int64(table, 0, 5, NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_get_double(table, 0, 6, NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_get_day(table, 0, 0, NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_get_text(table, 0, 0, NULL), "out is NULL");
  CHECK_INVALID(pipecast_table_read_int64(table, 5, 0, NULL, 1), "out is NULL");
  CHECK_INVALID(pipecast_table_read_double(table, 6, 0, NULL, 1), "out is NULL");
  CHECK_INVALID(pipecast_table_read_day(table, 0, 0, NULL, 1), "out is NULL");
  CHECK_INVALID(pipecast_table_read_text(table, 0, 0, NULL, 1), "out is NULL");
  CHECK_INVALID(pipecast_table_json(table, 2, NULL, sizeof buf, &n), "buf is NULL");
  CHECK_INVALID(pipecast_table_json(table, 2, buf, sizeof buf, NULL), "out_size is NULL");

  /* Free functions accept NULL; _init functions refuse it. */
  pipecast_builder_free(NULL);
  pipecast_book_free(NULL);
  pipecast_result_free(NULL);
  pipecast_table_free(NULL);
  CHECK_CODE(pipecast_load_options_init(NULL, PIPECAST_LOAD_OPTIONS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_stage_columns_init(NULL, PIPECAST_STAGE_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_fx_rate_columns_init(NULL, PIPECAST_FX_RATE_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_product_columns_init(NULL, PIPECAST_PRODUCT_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_opportunity_columns_init(NULL, PIPECAST_OPPORTUNITY_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_history_columns_init(NULL, PIPECAST_HISTORY_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_line_item_columns_init(NULL, PIPECAST_LINE_ITEM_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_quota_columns_init(NULL, PIPECAST_QUOTA_COLUMNS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_scope_options_init(NULL, PIPECAST_SCOPE_OPTIONS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_report_options_init(NULL, PIPECAST_REPORT_OPTIONS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_lead_plan_options_init(NULL, PIPECAST_LEAD_PLAN_OPTIONS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);

  pipecast_table_free(table);
  pipecast_result_free(result);
  pipecast_builder_free(builder);
  pipecast_book_free(book);
  return 0;
}

/* Handles of the wrong type are refused by their tag; freed ones too, where
 * their memory has not been reused. */
int test_dead_handles(char** args) {
  pipecast_book* book = hand_book();
  pipecast_result* result = NULL;
  pipecast_table* table = NULL;
  pipecast_builder* builder = NULL;
  pipecast_book* out = NULL;
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  size_t n = 0;
  const char* text = NULL;
  (void)args;
  if (book == NULL) return 0;
  CHECK_CODE(pipecast_report(book, NULL, NULL, &result), PIPECAST_OK);
  CHECK_CODE(pipecast_result_table(result, "funnel", &table), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);

  /* A host that mixes up its pointers (C lets a cast through). */
  CHECK_CODE(pipecast_book_count((const pipecast_book*)(const void*)table, PIPECAST_NO_DAY, &counts),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("book is not a live pipecast_book");
  CHECK_CODE(pipecast_table_shape((const pipecast_table*)(const void*)result, &n, &n),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("table is not a live pipecast_table");
  CHECK_CODE(pipecast_result_kind((const pipecast_result*)(const void*)book, &text),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("result is not a live pipecast_result");
  CHECK_CODE(pipecast_builder_finish((pipecast_builder*)(void*)book, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("builder is not a live pipecast_builder");
  /* A free of the wrong type is ignored, not a crash. */
  pipecast_book_free((pipecast_book*)(void*)table);
  pipecast_table_free((pipecast_table*)(void*)builder);
  CHECK_CODE(pipecast_table_shape(table, &n, &n), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_finish(builder, &out), PIPECAST_ERROR_INVALID_DATA);

#ifndef PIPECAST_TEST_ASAN
  /* Freed: use and double free are caught while the memory is not reused
   * (nothing is allocated in between here). */
  pipecast_table_free(table);
  CHECK_CODE(pipecast_table_shape(table, &n, &n), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("already freed");
  pipecast_table_free(table);
  pipecast_result_free(result);
  CHECK_CODE(pipecast_result_table_count(result, &n), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_result_free(result);
  pipecast_builder_free(builder);
  CHECK_CODE(pipecast_builder_finish(builder, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_builder_free(builder);
  pipecast_book_free(book);
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &counts), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_book_free(book);
#else
  printf("AddressSanitizer build: use-after-free checks left out\n");
  pipecast_table_free(table);
  pipecast_result_free(result);
  pipecast_builder_free(builder);
  pipecast_book_free(book);
#endif
  return 0;
}

/* Counts that are really negative numbers, lengths and indices out of range. */
int test_bad_sizes(char** args) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = hand_book();
  pipecast_result* result = NULL;
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  pipecast_stage_columns stages = PIPECAST_STAGE_COLUMNS_INIT;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_report_options options = PIPECAST_REPORT_OPTIONS_INIT;
  const char* ids[] = {"a"};
  const char* text = NULL;
  size_t n = 0;
  (void)args;
  if (book == NULL) return 0;
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);

  deals.id = ids;
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, &deals, (size_t)-1), "count is 18446744073709551615");
  CHECK_ERROR_MENTIONS("negative");
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, &deals, PIPECAST_MAX_BATCH_ROWS + 1), "count");
  /* Rows announced, a required column missing. */
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, &deals, 1), "columns->created is NULL");
  CHECK_INVALID(pipecast_builder_add_stages(builder, &stages, 2), "columns->pipeline is NULL");
  deals.attribute_count = (size_t)-3;
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, &deals, 0), "attribute_count");
  deals.attribute_count = 1;
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, &deals, 0), "columns->attribute_names is NULL");

  scope.filter_count = (size_t)-1;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->filter_count");
  scope.filter_count = 2;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->filter_fields is NULL");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  scope.trend_periods = 0;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->trend_periods is 0");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  scope.fiscal_start_month = 13;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "fiscal_start_month");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  scope.cohort = 5;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->cohort");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  scope.as_of_day = PIPECAST_DAY_MIN - 1;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->as_of_day");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  scope.period = "2024-Q5";
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->period");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);

  options.sections = 0;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->sections is 0");
  options.sections = 0x100;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->sections");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.stall_count = 1;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->stall_stages is NULL");
  options.group_by_count = (size_t)-1;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->group_by_count");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.product_prior_deals = -1;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->product_prior_deals");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.cross_sell_blend = NAN;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->cross_sell_blend");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.stall_min_sample = 0;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->stall_min_sample");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.pattern_top = (uint64_t)-1;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->pattern_top");
  CHECK(result == NULL);

  CHECK_CODE(pipecast_report(book, NULL, NULL, &result), PIPECAST_OK);
  CHECK_INVALID(pipecast_result_table_name(result, 25, &text), "index 25 is out of range: the report has 25 tables");
  CHECK_INVALID(pipecast_result_table_name(result, (size_t)-1, &text), "out of range");
  CHECK_INVALID(pipecast_result_json(result, NULL, 99, NULL, 0, &n), "indent is 99");
  pipecast_result_free(result);
  pipecast_builder_free(builder);
  pipecast_book_free(book);
  return 0;
}

/* Unknown names, and text that is not UTF-8, wherever text comes in. */
int test_bad_text(char** args) {
  pipecast_book* book = hand_book();
  pipecast_book* out = NULL;
  pipecast_result* result = NULL;
  pipecast_table* table = NULL;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_report_options options = PIPECAST_REPORT_OPTIONS_INIT;
  pipecast_load_options load = PIPECAST_LOAD_OPTIONS_INIT;
  const char* fields[] = {"owner"};
  const char* values[] = {"Ann"};
  const char* bad_fields[] = {"shoe_size"};
  const char* stages[] = {"Closed Won"};
  double days[] = {10};
  const char* utf8_cases[] = {"\xff", "a\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"};
  size_t i, n = 0;
  (void)args;
  if (book == NULL) return 0;

  /* Invalid UTF-8 (a stray byte, an overlong '/', a surrogate, past U+10FFFF,
   * a truncated sequence, a lone continuation byte). */
  for (i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; ++i) {
    CHECK_INVALID(pipecast_book_load(utf8_cases[i], NULL, &out), "path is not valid UTF-8");
    CHECK(out == NULL);
  }
  load.mapping = "ma\xffven";
  CHECK_INVALID(pipecast_book_load(".", &load, &out), "mapping is not valid UTF-8");
  CHECK_INVALID(pipecast_book_save_snapshot(book, "x\xff", 0), "path is not valid UTF-8 (byte 1)");
  CHECK_INVALID(pipecast_book_export_csv(book, "\xc3"), "directory is not valid UTF-8");
  scope.pipeline = "\xff";
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->pipeline is not valid UTF-8");
  scope.pipeline = NULL;
  scope.period = "2024-\xe9";
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->period is not valid UTF-8");
  scope.period = NULL;
  values[0] = "\xfe";
  scope.filter_count = 1;
  scope.filter_fields = fields;
  scope.filter_values = values;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->filter_values[0] is not valid UTF-8");
  values[0] = "Ann";

  /* Unknown names: NOT_FOUND with what is known. */
  scope.filter_fields = bad_fields;
  CHECK_CODE(pipecast_report(book, &scope, NULL, &result), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("unknown filter field 'shoe_size' (known: account, owner, product, source, segment)");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  scope.pipeline = "Upsell";
  CHECK_CODE(pipecast_report(book, &scope, NULL, &result), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("unknown pipeline 'Upsell' (known: New Business, Renewal)");
  pipecast_scope_options_init(&scope, PIPECAST_SCOPE_OPTIONS_VERSION);
  options.group_by_count = 1;
  options.group_by = bad_fields;
  CHECK_CODE(pipecast_report(book, NULL, &options, &result), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("unknown pattern field 'shoe_size'");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.stall_count = 1;
  options.stall_stages = stages;
  options.stall_days = days;
  CHECK_CODE(pipecast_report(book, NULL, &options, &result), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("stall stage 'Closed Won' is not an open stage of the book (open stages: 'Qualify', 'Discover', 'Propose', 'Due')");
  days[0] = -1;
  stages[0] = "Propose";
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->stall_days[0]");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.cross_sell_deal = "d99";
  CHECK_CODE(pipecast_report(book, NULL, &options, &result), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("no deal has the id 'd99'");
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  options.cross_sell_account = "Nobody Inc";
  CHECK_CODE(pipecast_report(book, NULL, &options, &result), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("Nobody Inc");
  options.cross_sell_account = "Acme";
  options.cross_sell_deal = "d1";
  CHECK_CODE(pipecast_report(book, NULL, &options, &result), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(result == NULL);

  CHECK_CODE(pipecast_report(book, NULL, NULL, &result), PIPECAST_OK);
  CHECK_CODE(pipecast_result_table(result, "funnels", &table), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("a report result has no table 'funnels' (tables: summary, funnel, funnel_cohorts");
  CHECK_INVALID(pipecast_result_table(result, "fun\xffnel", &table), "name is not valid UTF-8");
  CHECK_CODE(pipecast_result_json(result, "funnels", -1, NULL, 0, &n), PIPECAST_ERROR_NOT_FOUND);
  CHECK_INVALID(pipecast_result_json(result, "\xff", -1, NULL, 0, &n), "section is not valid UTF-8");
  CHECK_CODE(pipecast_result_table(result, "funnel", &table), PIPECAST_OK);
  CHECK_INVALID(pipecast_table_find_column(table, "st\xffge", &n), "name is not valid UTF-8");
  pipecast_table_free(table);
  pipecast_result_free(result);
  pipecast_book_free(book);
  return 0;
}

/* Structs whose version is 0 (never initialised) or newer than the library. */
int test_versions(char** args) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = hand_book();
  pipecast_book* out = NULL;
  pipecast_result* result = NULL;
  pipecast_stage_columns stages;
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_report_options options = PIPECAST_REPORT_OPTIONS_INIT;
  pipecast_lead_plan_options plan = PIPECAST_LEAD_PLAN_OPTIONS_INIT;
  pipecast_load_options load = PIPECAST_LOAD_OPTIONS_INIT;
  (void)args;
  if (book == NULL) return 0;
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);

  memset(&stages, 0, sizeof stages);
  CHECK_INVALID(pipecast_builder_add_stages(builder, &stages, 0), "columns->version is 0");
  CHECK_ERROR_MENTIONS("_INIT");
  pipecast_stage_columns_init(&stages, PIPECAST_STAGE_COLUMNS_VERSION);
  CHECK(stages.version == PIPECAST_STAGE_COLUMNS_VERSION && stages.pipeline == NULL);
  CHECK_CODE(pipecast_builder_add_stages(builder, &stages, 0), PIPECAST_OK);
  deals.version = PIPECAST_OPPORTUNITY_COLUMNS_VERSION + 1;
  CHECK_INVALID(pipecast_builder_add_opportunities(builder, &deals, 0), "columns->version is 2, newer than this library's 1");
  scope.version = 0;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->version is 0");
  scope.version = 77;
  CHECK_INVALID(pipecast_report(book, &scope, NULL, &result), "scope->version is 77");
  options.version = 0;
  CHECK_INVALID(pipecast_report(book, NULL, &options, &result), "options->version is 0");
  plan.version = 0;
  CHECK_INVALID(pipecast_lead_plan(book, NULL, &plan, &result), "options->version is 0");
  load.version = 9;
  CHECK_INVALID(pipecast_book_load(".", &load, &out), "options->version is 9");
  CHECK(result == NULL && out == NULL);

  /* The _init functions and _INIT macros agree. */
  {
    pipecast_scope_options a = PIPECAST_SCOPE_OPTIONS_INIT, b;
    pipecast_report_options c = PIPECAST_REPORT_OPTIONS_INIT, d;
    pipecast_lead_plan_options e = PIPECAST_LEAD_PLAN_OPTIONS_INIT, f;
    pipecast_load_options g = PIPECAST_LOAD_OPTIONS_INIT, h;
    pipecast_scope_options_init(&b, PIPECAST_SCOPE_OPTIONS_VERSION);
    pipecast_report_options_init(&d, PIPECAST_REPORT_OPTIONS_VERSION);
    pipecast_lead_plan_options_init(&f, PIPECAST_LEAD_PLAN_OPTIONS_VERSION);
    pipecast_load_options_init(&h, PIPECAST_LOAD_OPTIONS_VERSION);
    CHECK(a.version == b.version && a.as_of_day == b.as_of_day && a.trend_periods == b.trend_periods &&
          a.fiscal_start_month == b.fiscal_start_month && a.cohort == b.cohort);
    CHECK(c.sections == d.sections && c.stall_min_sample == d.stall_min_sample &&
          c.pattern_min_closed == d.pattern_min_closed && c.cross_sell_top_k == d.cross_sell_top_k &&
          c.cross_sell_blend == d.cross_sell_blend && c.cross_sell_max_pairs == d.cross_sell_max_pairs &&
          c.product_prior_deals == d.product_prior_deals);
    CHECK(e.version == f.version && e.learn_from_day == f.learn_from_day && e.target == f.target);
    CHECK(g.version == h.version && g.max_errors == h.max_errors && h.log == NULL);
  }
  pipecast_builder_free(builder);
  pipecast_book_free(book);
  return 0;
}
