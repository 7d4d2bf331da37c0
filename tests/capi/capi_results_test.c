/* Analytics through the C ABI: the report and the lead plan of the hand
 * book, read as tables and as JSON, against the figures the C++ tests work
 * out by hand (tests/analytics_*_test.cpp). */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "hand_book.h"
#include "table_cells.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pipecast_result* hand_report(const pipecast_book* book, const char* pipeline, const char* owner,
                                    uint32_t sections) {
  static const char* propose[] = {"Propose"};
  static const double thirty[] = {30};
  static const char* owner_field[] = {"owner"};
  const char* owner_value[1];
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_report_options options;
  pipecast_result* result = NULL;
  pipecast_report_options_init(&options, PIPECAST_REPORT_OPTIONS_VERSION);
  scope.as_of_day = day_of(HAND_BOOK_DAY);
  scope.pipeline = pipeline;
  if (owner != NULL) {
    owner_value[0] = owner;
    scope.filter_count = 1;
    scope.filter_fields = owner_field;
    scope.filter_values = owner_value;
  }
  options.sections = sections;
  options.stall_count = 1;
  options.stall_stages = propose;
  options.stall_days = thirty;
  options.stall_min_sample = 3;
  CHECK_CODE(pipecast_report(book, &scope, &options, &result), PIPECAST_OK);
  return result;
}

/* ---- The report ------------------------------------------------------------ */

static void check_funnel(const pipecast_result* report) {
  /* See tests/analytics_funnel_test.cpp for how each figure counts. */
  static const int64_t reached[] = {6, 4, 4, 2};
  static const double values[] = {5800, 4700, 4700, 2200};
  static const int64_t next[][2] = {{4, 5}, {4, 4}, {2, 3}, {0, 0}};
  static const int64_t raw[][2] = {{4, 6}, {4, 4}, {2, 4}, {0, 0}};
  static const int64_t won[][2] = {{2, 4}, {2, 3}, {2, 3}, {2, 2}};
  static const char* names[] = {"Qualify", "Discover", "Propose", "Closed Won"};
  pipecast_table* t = table_of(report, "funnel");
  const double z = 1.959963984540054, z2 = z * z;
  size_t r;
  if (t == NULL) return;
  CHECK(rows_of(t) == 6); /* 4 steps of New Business, 2 of Renewal */
  for (r = 0; r < 4; ++r) {
    CHECK_TEXT(text(t, r, "pipeline"), "New Business");
    CHECK(integer(t, r, "pipeline_deals") == 6);
    CHECK(integer(t, r, "step") == (int64_t)r + 1);
    CHECK_TEXT(text(t, r, "stage"), names[r]);
    CHECK_TEXT(text(t, r, "kind"), r == 3 ? "won" : "open");
    CHECK(integer(t, r, "reached") == reached[r]);
    CHECK_NEAR(number(t, r, "reached_value"), values[r]);
    CHECK(integer(t, r, "to_next_successes") == next[r][0] && integer(t, r, "to_next_trials") == next[r][1]);
    CHECK(integer(t, r, "to_next_raw_successes") == raw[r][0] && integer(t, r, "to_next_raw_trials") == raw[r][1]);
    CHECK(integer(t, r, "to_won_successes") == won[r][0] && integer(t, r, "to_won_trials") == won[r][1]);
  }
  CHECK_NEAR(number(t, 0, "to_next"), 0.8);
  CHECK_NEAR(number(t, 0, "to_next_low"), (0.8 + z2 / 10) / (1 + z2 / 5) - z * sqrt(0.16 / 5 + z2 / 100) / (1 + z2 / 5));
  CHECK(isnan(number(t, 3, "to_next")) && isnan(number(t, 3, "to_next_low")));
  /* Renewal: d7, 100 EUR = 110 USD, still open. */
  CHECK_TEXT(text(t, 4, "pipeline"), "Renewal");
  CHECK(integer(t, 4, "reached") == 1);
  CHECK_NEAR(number(t, 4, "reached_value"), 110);
  CHECK(isnan(number(t, 4, "to_next")));
  pipecast_table_free(t);
}

static void check_stalled(const pipecast_result* report) {
  /* See tests/analytics_stalled_test.cpp: by amount d5 800, d3 500, d7 110. */
  pipecast_table* t = table_of(report, "stalled");
  pipecast_table* thresholds = table_of(report, "stalled_thresholds");
  if (t == NULL || thresholds == NULL) return;
  CHECK(rows_of(t) == 3);
  CHECK_TEXT(text(t, 0, "id"), "d5");
  CHECK_TEXT(text(t, 0, "stage"), "Qualify");
  CHECK_TEXT(text(t, 0, "owner"), "Cat");
  CHECK_NEAR(number(t, 0, "amount"), 800);
  CHECK(integer(t, 0, "days_in_stage") == 50);
  CHECK_NEAR(number(t, 0, "threshold"), 19.5);
  CHECK(integer(t, 0, "stalled") == 1 && integer(t, 0, "overdue") == 1);
  CHECK(day_cell(t, 0, "close_date") == day_of("2024-03-01"));
  CHECK(integer(t, 0, "days_overdue") == 30);
  CHECK_TEXT(text(t, 1, "id"), "d3");
  CHECK(integer(t, 1, "days_in_stage") == 41);
  CHECK_NEAR(number(t, 1, "threshold"), 30);
  CHECK(integer(t, 1, "stalled") == 1 && integer(t, 1, "overdue") == 0);
  CHECK_TEXT(text(t, 2, "id"), "d7");
  CHECK_NEAR(number(t, 2, "amount"), 110);
  CHECK(isnan(number(t, 2, "threshold")));
  CHECK(integer(t, 2, "stalled") == 0 && integer(t, 2, "days_overdue") == 1);

  CHECK(rows_of(thresholds) == 4);
  CHECK_TEXT(text(thresholds, 0, "stage"), "Qualify");
  CHECK_TEXT(text(thresholds, 0, "source"), "p90");
  CHECK_NEAR(number(thresholds, 0, "days"), 19.5);
  CHECK(integer(thresholds, 0, "sample") == 6);
  CHECK_NEAR(number(thresholds, 1, "days"), 19.7);
  CHECK_TEXT(text(thresholds, 2, "source"), "user");
  CHECK_NEAR(number(thresholds, 2, "days"), 30);
  CHECK_TEXT(text(thresholds, 3, "pipeline"), "Renewal");
  CHECK_TEXT(text(thresholds, 3, "source"), "none");
  pipecast_table_free(t);
  pipecast_table_free(thresholds);
}

static void check_velocity(const pipecast_result* report) {
  /* See tests/analytics_velocity_test.cpp. */
  pipecast_table* t = table_of(report, "velocity");
  pipecast_table* trend = table_of(report, "velocity_trend");
  pipecast_table* cycles = table_of(report, "cycles");
  size_t r, qualify = 0;
  if (t == NULL || trend == NULL || cycles == NULL) return;
  CHECK(rows_of(t) == 4);
  CHECK_TEXT(text(t, 0, "stage"), "Qualify");
  CHECK(integer(t, 0, "completed_count") == 6);
  CHECK_NEAR(number(t, 0, "completed_mean"), 65.0 / 6);
  CHECK_NEAR(number(t, 0, "completed_median"), 8.5);
  CHECK_NEAR(number(t, 0, "completed_p75"), 13);
  CHECK_NEAR(number(t, 0, "completed_p90"), 19.5);
  CHECK(integer(t, 0, "current_count") == 1);
  CHECK_NEAR(number(t, 0, "current_mean"), 50);
  CHECK_NEAR(number(t, 1, "completed_p90"), 19.7);
  CHECK(integer(t, 1, "current_count") == 0 && isnan(number(t, 1, "current_median")));
  /* Qualify's stays ended by month: 2023-12 none, 2024-01 three, 2024-02 three, 2024-03 none. */
  for (r = 0; r < rows_of(trend); ++r) {
    if (strcmp(text(trend, r, "measure"), "stage") != 0 || strcmp(text(trend, r, "stage"), "Qualify") != 0) continue;
    CHECK(integer(trend, r, "days_count") == (qualify == 1 || qualify == 2 ? 3 : 0));
    if (qualify == 0) {
      CHECK_TEXT(text(trend, r, "period"), "2023-12");
      CHECK(day_cell(trend, r, "period_first") == day_of("2023-12-01"));
      CHECK(day_cell(trend, r, "period_last") == day_of("2023-12-31"));
    }
    if (qualify == 1) CHECK_NEAR(number(trend, r, "days_median"), 10);
    ++qualify;
  }
  CHECK(qualify == 4);
  CHECK_TEXT(text(cycles, 0, "outcome"), "won");
  CHECK(integer(cycles, 0, "days_count") == 2);
  CHECK_NEAR(number(cycles, 0, "days_median"), 42.5);
  pipecast_table_free(t);
  pipecast_table_free(trend);
  pipecast_table_free(cycles);
}

/* The page's charts: each pipeline's funnel first, each an <svg> element;
 * an index past them is refused and its outputs are left alone. */
static void check_charts(const pipecast_result* report) {
  size_t count = 0, i;
  const char* name = NULL;
  const char* svg = NULL;
  CHECK_CODE(pipecast_result_chart_count(report, &count), PIPECAST_OK);
  CHECK(count >= 4);
  CHECK_CODE(pipecast_result_chart(report, 0, &name, &svg), PIPECAST_OK);
  CHECK_TEXT(name, "funnel/New Business");
  for (i = 0; i < count; ++i) {
    CHECK_CODE(pipecast_result_chart(report, i, &name, &svg), PIPECAST_OK);
    CHECK(svg != NULL && strncmp(svg, "<svg", 4) == 0 && strstr(svg, "</svg>") != NULL);
  }
  CHECK_TEXT(name, "products");
  CHECK_CODE(pipecast_result_chart(report, count, &name, &svg), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("out of range");
  CHECK_TEXT(name, "products");
  CHECK_CODE(pipecast_result_chart(report, 0, NULL, &svg), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("out_name is NULL");
  CHECK_CODE(pipecast_result_chart_count(NULL, &count), PIPECAST_ERROR_INVALID_ARGUMENT);
}

static void check_other_sections(const pipecast_result* report) {
  pipecast_table* summary = table_of(report, "summary");
  pipecast_table* velocity = table_of(report, "sales_velocity");
  pipecast_table* patterns = table_of(report, "patterns");
  pipecast_table* coverage = table_of(report, "coverage");
  pipecast_table* products = table_of(report, "products");
  size_t r, last;
  if (!summary || !velocity || !patterns || !coverage || !products) return;
  CHECK(rows_of(summary) == 1);
  CHECK(day_cell(summary, 0, "as_of") == day_of(HAND_BOOK_DAY));
  CHECK_TEXT(text(summary, 0, "period"), "2024-Q1");
  CHECK(day_cell(summary, 0, "period_first") == day_of("2024-01-01"));
  CHECK(day_cell(summary, 0, "period_last") == day_of("2024-03-31"));
  CHECK_TEXT(text(summary, 0, "currency"), "USD");
  CHECK(integer(summary, 0, "deals") == 7);

  /* Sales velocity, every deal: 3 open x 2/4 won x 1100 average won / 42.5
   * days (d1 60, d6 25). */
  last = rows_of(velocity) - 1;
  CHECK(integer(velocity, last, "total") == 1);
  CHECK(integer(velocity, last, "opportunities") == 3);
  CHECK(integer(velocity, last, "win_rate_successes") == 2 && integer(velocity, last, "win_rate_trials") == 4);
  CHECK_NEAR(number(velocity, last, "average_won_amount"), 1100);
  CHECK_NEAR(number(velocity, last, "average_cycle_days"), 42.5);
  CHECK_NEAR(number(velocity, last, "value_per_day"), 3 * 0.5 * 1100 / 42.5);

  /* Owners: Ann won d1 (open d3, d7), Bob lost d2 and d4, Cat won d6 (open d5). */
  for (r = 0; r < rows_of(patterns); ++r) {
    const char* value = text(patterns, r, "value");
    if (strcmp(text(patterns, r, "field"), "owner") != 0) continue;
    if (strcmp(value, "Ann") == 0) CHECK(integer(patterns, r, "won") == 1 && integer(patterns, r, "open") == 2);
    if (strcmp(value, "Bob") == 0) CHECK(integer(patterns, r, "lost") == 2 && integer(patterns, r, "won") == 0);
    if (strcmp(value, "Cat") == 0) CHECK(integer(patterns, r, "won") == 1 && integer(patterns, r, "lost") == 0);
  }
  /* No quotas: the team row (last) has no quota; 2200 won in Q1. */
  last = rows_of(coverage) - 1;
  CHECK_TEXT(text(coverage, last, "owner"), "*");
  CHECK_TEXT(text(coverage, last, "quota_source"), "none");
  CHECK(isnan(number(coverage, last, "quota")));
  CHECK_NEAR(number(coverage, last, "won"), 2200);
  CHECK(integer(coverage, last, "won_deals") == 2);
  /* One product, Widget: 2 won of 4 closed. */
  CHECK(rows_of(products) == 1);
  CHECK_TEXT(text(products, 0, "name"), "Widget");
  CHECK(integer(products, 0, "rank") == 1);
  CHECK(integer(products, 0, "win_rate_trials") == 4);
  pipecast_table_free(summary);
  pipecast_table_free(velocity);
  pipecast_table_free(patterns);
  pipecast_table_free(coverage);
  pipecast_table_free(products);
}

int test_report(char** args) {
  pipecast_book* book = hand_book();
  pipecast_book* view = NULL;
  pipecast_result* report;
  pipecast_result* from_view = NULL;
  pipecast_table* t;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  const char* kind = NULL;
  char *json, *view_json, *section;
  size_t count = 0, i;
  (void)args;
  if (book == NULL) return 0;
  report = hand_report(book, NULL, NULL, PIPECAST_SECTION_ALL);
  if (report == NULL) return 0;

  CHECK_CODE(pipecast_result_kind(report, &kind), PIPECAST_OK);
  CHECK_TEXT(kind, "report");
  CHECK_CODE(pipecast_result_table_count(report, &count), PIPECAST_OK);
  CHECK(count == 25);
  for (i = 0; i < count; ++i) {
    const char* name = NULL;
    const char* table_name = NULL;
    CHECK_CODE(pipecast_result_table_name(report, i, &name), PIPECAST_OK);
    t = table_of(report, name);
    CHECK_CODE(pipecast_table_name(t, &table_name), PIPECAST_OK);
    CHECK(table_name != NULL && strcmp(table_name, name) == 0);
    pipecast_table_free(t);
  }
  check_funnel(report);
  check_stalled(report);
  check_velocity(report);
  check_other_sections(report);
  check_charts(report);

  /* JSON: the CLI's document, the tables by name; one table alone; a
   * view's report is the book's as of the same day. */
  json = result_json(report, NULL, 2);
  CHECK_CONTAINS(json, "\"summary\": [\n    {\n      \"as_of\": \"2024-03-31\"");
  CHECK_CONTAINS(json, "\"funnel\": [");
  CHECK_CONTAINS(json, "\"cross_sell\": [");
  section = result_json(report, "stalled_summary", -1);
  CHECK_TEXT(section, "[{\"stalled\":2,\"stalled_value\":1300.0,\"overdue\":2,\"overdue_value\":910.0}]");
  free(section);
  CHECK_CODE(pipecast_book_as_of(book, day_of(HAND_BOOK_DAY), &view), PIPECAST_OK);
  {
    static const char* propose[] = {"Propose"};
    static const double thirty[] = {30};
    pipecast_report_options options = PIPECAST_REPORT_OPTIONS_INIT;
    options.stall_count = 1;
    options.stall_stages = propose;
    options.stall_days = thirty;
    options.stall_min_sample = 3;
    CHECK_CODE(pipecast_report(view, NULL, &options, &from_view), PIPECAST_OK);
  }
  view_json = result_json(from_view, NULL, 2);
  CHECK(json != NULL && view_json != NULL && strcmp(json, view_json) == 0);
  free(json);
  free(view_json);
  /* A view refuses days after its own. */
  scope.as_of_day = day_of("2024-04-30");
  pipecast_result_free(from_view);
  CHECK_CODE(pipecast_report(view, &scope, NULL, &from_view), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(from_view == NULL);
  CHECK_ERROR_MENTIONS("after the view's day");

  /* The result outlives its book and view; its tables outlive the result. */
  pipecast_book_free(view);
  pipecast_book_free(book);
  t = table_of(report, "funnel");
  pipecast_result_free(report);
  CHECK(rows_of(t) == 6);
  pipecast_table_free(t);
  return 0;
}

int test_report_sections(char** args) {
  pipecast_book* book = hand_book();
  pipecast_result* report;
  pipecast_table* t;
  size_t count = 0, size = 0;
  char* json;
  (void)args;
  if (book == NULL) return 0;

  /* Only what was asked for: velocity is computed for the stalled deals but
   * not shown. */
  report = hand_report(book, NULL, NULL, PIPECAST_SECTION_FUNNEL | PIPECAST_SECTION_STALLED);
  CHECK_CODE(pipecast_result_table_count(report, &count), PIPECAST_OK);
  CHECK(count == 6);
  CHECK_CODE(pipecast_result_table(report, "velocity", &t), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("summary, funnel, funnel_cohorts, stalled_summary, stalled, stalled_thresholds");
  json = result_json(report, NULL, -1);
  CHECK(json != NULL && strstr(json, "\"velocity\"") == NULL && strstr(json, "\"cross_sell\"") == NULL);
  CHECK_CONTAINS(json, "\"funnel\":[{");
  free(json);
  CHECK_CODE(pipecast_result_json(report, "velocity", -1, NULL, 0, &size), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("sections: summary, funnel, funnel_cohorts, stalled_summary, stalled, stalled_thresholds");
  check_funnel(report);
  check_stalled(report);
  pipecast_result_free(report);

  /* One pipeline, one owner: Bob's two New Business deals, both lost. */
  report = hand_report(book, "New Business", "Bob", PIPECAST_SECTION_FUNNEL);
  t = table_of(report, "funnel");
  if (t != NULL) {
    CHECK(rows_of(t) == 4);
    CHECK(integer(t, 0, "reached") == 2 && integer(t, 1, "reached") == 1 && integer(t, 3, "reached") == 0);
    CHECK(integer(t, 0, "to_won_successes") == 0 && integer(t, 0, "to_won_trials") == 2);
    pipecast_table_free(t);
  }
  t = table_of(report, "summary");
  CHECK_TEXT(text(t, 0, "pipeline"), "New Business");
  CHECK_TEXT(text(t, 0, "filters"), "owner=Bob");
  CHECK(integer(t, 0, "deals") == 2);
  pipecast_table_free(t);
  pipecast_result_free(report);

  /* Cohorts by quarter: one cohort holding the whole funnel. */
  {
    pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
    pipecast_report_options options = PIPECAST_REPORT_OPTIONS_INIT;
    pipecast_result* quarterly = NULL;
    scope.as_of_day = day_of(HAND_BOOK_DAY);
    scope.cohort = PIPECAST_PERIOD_QUARTER;
    scope.period = "2024-03";
    options.sections = PIPECAST_SECTION_FUNNEL;
    CHECK_CODE(pipecast_report(book, &scope, &options, &quarterly), PIPECAST_OK);
    t = table_of(quarterly, "funnel_cohorts");
    if (t != NULL) {
      CHECK(rows_of(t) == 6);
      CHECK_TEXT(text(t, 0, "cohort"), "2024-Q1");
      CHECK(integer(t, 0, "reached") == 6);
      pipecast_table_free(t);
    }
    t = table_of(quarterly, "summary");
    CHECK_TEXT(text(t, 0, "period"), "2024-03");
    pipecast_table_free(t);
    pipecast_result_free(quarterly);
  }
  pipecast_book_free(book);
  return 0;
}

/* Every accessor of a table, and its refusals. */
int test_tables(char** args) {
  pipecast_book* book = hand_book();
  pipecast_result* report;
  pipecast_table* t;
  size_t rows = 0, columns = 0, c;
  const char* name = NULL;
  int32_t type = 0;
  int64_t ints[8];
  double doubles[8];
  int32_t days[8];
  const char* texts[8];
  (void)args;
  if (book == NULL) return 0;
  report = hand_report(book, NULL, NULL, PIPECAST_SECTION_ALL);
  t = table_of(report, "stalled");
  if (t == NULL) return 0;

  CHECK_CODE(pipecast_table_shape(t, &rows, &columns), PIPECAST_OK);
  CHECK(rows == 3 && columns == 11);
  CHECK_CODE(pipecast_table_column_name(t, 0, &name), PIPECAST_OK);
  CHECK_TEXT(name, "id");
  for (c = 0; c < columns; ++c) {
    static const int32_t types[] = {PIPECAST_TYPE_TEXT,   PIPECAST_TYPE_TEXT,  PIPECAST_TYPE_TEXT,
                                    PIPECAST_TYPE_TEXT,   PIPECAST_TYPE_DOUBLE, PIPECAST_TYPE_INT64,
                                    PIPECAST_TYPE_DOUBLE, PIPECAST_TYPE_BOOL,  PIPECAST_TYPE_DAY,
                                    PIPECAST_TYPE_INT64,  PIPECAST_TYPE_BOOL};
    CHECK_CODE(pipecast_table_column_type(t, c, &type), PIPECAST_OK);
    CHECK(type == types[c]);
  }
  CHECK_CODE(pipecast_table_column_type(t, columns, &type), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("column 11 is out of range: table stalled has 11 columns");
  /* What each number measures: the amount in the book's currency, the days
   * in stage and past the close date in days, the rest plain. */
  for (c = 0; c < columns; ++c) {
    static const int32_t units[] = {PIPECAST_UNIT_NONE, PIPECAST_UNIT_NONE, PIPECAST_UNIT_NONE,
                                    PIPECAST_UNIT_NONE, PIPECAST_UNIT_CURRENCY, PIPECAST_UNIT_DAYS,
                                    PIPECAST_UNIT_DAYS, PIPECAST_UNIT_NONE, PIPECAST_UNIT_NONE,
                                    PIPECAST_UNIT_DAYS, PIPECAST_UNIT_NONE};
    int32_t unit = -1;
    CHECK_CODE(pipecast_table_column_unit(t, c, &unit), PIPECAST_OK);
    CHECK(unit == units[c]);
  }
  CHECK_CODE(pipecast_table_column_unit(t, columns, &type), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_column_name(t, 99, &name), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_find_column(t, "nope", &c), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("table stalled has no column 'nope' (columns: id, pipeline, stage, owner, amount");

  /* Whole columns into the caller's arrays, in chunks. */
  CHECK_CODE(pipecast_table_read_text(t, 0, 0, texts, 3), PIPECAST_OK);
  CHECK_TEXT(texts[0], "d5");
  CHECK_TEXT(texts[2], "d7");
  CHECK_CODE(pipecast_table_read_double(t, 4, 1, doubles, 2), PIPECAST_OK);
  CHECK_NEAR(doubles[0], 500);
  CHECK_NEAR(doubles[1], 110);
  CHECK_CODE(pipecast_table_read_int64(t, 5, 0, ints, 3), PIPECAST_OK);
  CHECK(ints[0] == 50 && ints[1] == 41 && ints[2] == 30);
  CHECK_CODE(pipecast_table_read_int64(t, 7, 0, ints, 3), PIPECAST_OK); /* BOOL reads as int64 */
  CHECK(ints[0] == 1 && ints[1] == 1 && ints[2] == 0);
  CHECK_CODE(pipecast_table_read_day(t, 8, 0, days, 3), PIPECAST_OK);
  CHECK(days[0] == day_of("2024-03-01") && days[1] == day_of("2024-04-10") && days[2] == day_of("2024-03-30"));
  CHECK_CODE(pipecast_table_read_day(t, 8, 3, NULL, 0), PIPECAST_OK); /* nothing at the end */
  CHECK_CODE(pipecast_table_read_day(t, 8, 2, days, 2), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("rows 2 + 2 go past the end: table stalled has 3 rows");
  CHECK_CODE(pipecast_table_read_day(t, 8, 4, days, 0), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_read_day(t, 8, 0, NULL, 1), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_read_double(t, 0, 0, doubles, 1), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("column id of table stalled holds TEXT values, not DOUBLE");

  /* Single cells: a getter of another type, a row past the end. */
  doubles[0] = 7;
  CHECK_CODE(pipecast_table_get_double(t, 0, 5, doubles), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("holds INT64 values, not DOUBLE");
  CHECK(doubles[0] == 7);
  CHECK_CODE(pipecast_table_get_int64(t, 0, 8, ints), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_get_day(t, 0, 4, days), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_get_text(t, 0, 4, texts), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_get_text(t, 3, 0, texts), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("row 3 is out of range: table stalled has 3 rows");
  CHECK_CODE(pipecast_table_get_int64(t, 0, 99, ints), PIPECAST_ERROR_INVALID_ARGUMENT);

  pipecast_table_free(t);
  pipecast_result_free(report);
  pipecast_book_free(book);
  return 0;
}

/* The buffer convention of every _json function. */
int test_json_buffers(char** args) {
  pipecast_book* book = hand_book();
  pipecast_result* report;
  pipecast_table* t;
  char small[8];
  char* buf;
  size_t size = 0, again = 0;
  (void)args;
  if (book == NULL) return 0;
  report = hand_report(book, NULL, NULL, PIPECAST_SECTION_STALLED);
  t = table_of(report, "stalled_thresholds");
  if (t == NULL) return 0;

  CHECK_CODE(pipecast_table_json(t, -1, NULL, 0, &size), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK(size > 100);
  CHECK_ERROR_MENTIONS("bytes");
  memset(small, 'x', sizeof small);
  CHECK_CODE(pipecast_table_json(t, -1, small, sizeof small, &again), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK(again == size && small[0] == '\0');
  buf = (char*)malloc(size + 1);
  /* Exactly the text's size is one byte short: the NUL needs a place. */
  CHECK_CODE(pipecast_table_json(t, -1, buf, size, &again), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK_CODE(pipecast_table_json(t, -1, buf, size + 1, &again), PIPECAST_OK);
  CHECK(again == size && strlen(buf) == size);
  CHECK_CONTAINS(buf, "[{\"pipeline\":\"New Business\",\"stage\":\"Qualify\",\"days\":19.5,\"source\":\"p90\",\"sample\":6}");
  CHECK_CONTAINS(buf, "{\"pipeline\":\"Renewal\",\"stage\":\"Due\",\"days\":null,\"source\":\"none\",\"sample\":0}]");
  free(buf);
  /* Indented text is longer; a new indent makes a new text. */
  CHECK_CODE(pipecast_table_json(t, 4, NULL, 0, &again), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK(again > size);
  CHECK_CODE(pipecast_table_json(t, 17, NULL, 0, &again), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("indent is 17");
  CHECK_CODE(pipecast_table_json(t, -2, NULL, 0, &again), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_json(t, 2, NULL, 5, &again), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_table_json(t, 2, small, sizeof small, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_result_json(report, NULL, 2, NULL, 3, &again), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_result_json(report, "stalled", 2, small, sizeof small, &again),
             PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK(small[0] == '\0' && again > sizeof small);
  /* BOOL and DAY cells in JSON. */
  pipecast_table_free(t);
  t = table_of(report, "stalled");
  CHECK_CODE(pipecast_table_json(t, -1, NULL, 0, &size), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  buf = (char*)malloc(size + 1);
  CHECK_CODE(pipecast_table_json(t, -1, buf, size + 1, &size), PIPECAST_OK);
  CHECK_CONTAINS(buf, "\"stalled\":true,\"close_date\":\"2024-03-01\",\"days_overdue\":30,\"overdue\":true}");
  free(buf);
  pipecast_table_free(t);
  pipecast_result_free(report);
  pipecast_book_free(book);
  return 0;
}

/* As of 2024-03-31, period 2024-Q1, target 5000: won in the period d1 + d6 =
 * 2200; expected from the pipeline: d5 (close 03-01) x Qualify's win rate
 * (closed deals that reached it: d1 d2 d4 d6, 2 won: 0.5) + d7 (close 03-30)
 * x the lead-to-won rate (no closed deal reached Due; 2/4 = 0.5) = 455;
 * gap 5000 - 2200 - 455 = 2345; 1100 per won deal: 2345 / 1100 won deals,
 * twice as many leads. */
int test_lead_plan(char** args) {
  pipecast_book* book = hand_book();
  pipecast_result* plan = NULL;
  pipecast_table* t;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_lead_plan_options options = PIPECAST_LEAD_PLAN_OPTIONS_INIT;
  const char* kind = NULL;
  char* json;
  size_t count = 0;
  (void)args;
  if (book == NULL) return 0;
  scope.as_of_day = day_of(HAND_BOOK_DAY);
  options.target = 5000;
  CHECK_CODE(pipecast_lead_plan(book, &scope, &options, &plan), PIPECAST_OK);
  if (plan == NULL) return 0;
  CHECK_CODE(pipecast_result_kind(plan, &kind), PIPECAST_OK);
  CHECK_TEXT(kind, "lead_plan");
  CHECK_CODE(pipecast_result_table_count(plan, &count), PIPECAST_OK);
  CHECK(count == 3);
  t = table_of(plan, "lead_plan");
  CHECK(rows_of(t) == 1);
  CHECK_TEXT(text(t, 0, "status"), "ok");
  CHECK_TEXT(text(t, 0, "period"), "2024-Q1");
  CHECK_NEAR(number(t, 0, "target"), 5000);
  CHECK_NEAR(number(t, 0, "won_in_period"), 2200);
  CHECK(integer(t, 0, "won_in_period_deals") == 2);
  CHECK_NEAR(number(t, 0, "expected_from_pipeline"), 455);
  CHECK(integer(t, 0, "pipeline_deals") == 2);
  CHECK_NEAR(number(t, 0, "gap"), 2345);
  CHECK_NEAR(number(t, 0, "won_amount_mean"), 1100);
  CHECK(integer(t, 0, "lead_conversion_successes") == 2 && integer(t, 0, "lead_conversion_trials") == 4);
  CHECK_NEAR(number(t, 0, "won_needed_p50"), 2345.0 / 1100);
  CHECK_NEAR(number(t, 0, "leads_needed_p50"), 2 * 2345.0 / 1100);
  CHECK(number(t, 0, "leads_needed_p90") >= number(t, 0, "leads_needed_p50"));
  CHECK(day_cell(t, 0, "create_by_p50") != PIPECAST_NO_DAY);
  pipecast_table_free(t);
  t = table_of(plan, "lead_plan_stages");
  CHECK(rows_of(t) == 4); /* Qualify, Discover, Propose; Due */
  CHECK_TEXT(text(t, 0, "stage"), "Qualify");
  CHECK(integer(t, 0, "conversion_successes") == 2 && integer(t, 0, "conversion_trials") == 4);
  pipecast_table_free(t);
  json = result_json(plan, "lead_plan", -1);
  CHECK_CONTAINS(json, "[{\"status\":\"ok\"");
  CHECK_CONTAINS(json, "\"gap\":2345.0");
  free(json);
  pipecast_result_free(plan);

  /* Refusals: no options, a negative target, days out of range. */
  CHECK_CODE(pipecast_lead_plan(book, &scope, NULL, &plan), PIPECAST_ERROR_INVALID_ARGUMENT);
  options.target = -1;
  CHECK_CODE(pipecast_lead_plan(book, &scope, &options, &plan), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("options->target");
  options.target = NAN;
  CHECK_CODE(pipecast_lead_plan(book, &scope, &options, &plan), PIPECAST_ERROR_INVALID_ARGUMENT);
  options.target = 10;
  options.learn_from_day = PIPECAST_DAY_MAX + 1;
  CHECK_CODE(pipecast_lead_plan(book, &scope, &options, &plan), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("learn_from_day");
  CHECK(plan == NULL);
  pipecast_book_free(book);
  return 0;
}

/* What worked on the hand book: its open stages, too few stays for any
 * comparison (the analysis itself is tested in tests/analytics). */
int test_activity_effects(char** args) {
  pipecast_book* book = hand_book();
  pipecast_result* effects = NULL;
  pipecast_table* t;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  const char* kind = NULL;
  size_t count = 0;
  (void)args;
  if (book == NULL) return 0;
  scope.as_of_day = day_of(HAND_BOOK_DAY);
  CHECK_CODE(pipecast_activity_effects(book, &scope, &effects), PIPECAST_OK);
  if (effects == NULL) return 0;
  CHECK_CODE(pipecast_result_kind(effects, &kind), PIPECAST_OK);
  CHECK_TEXT(kind, "activity_effects");
  CHECK_CODE(pipecast_result_table_count(effects, &count), PIPECAST_OK);
  CHECK(count == 3);
  t = table_of(effects, "activity_effects");
  CHECK(rows_of(t) == 1);
  CHECK(integer(t, 0, "window_days") == 14);
  CHECK(integer(t, 0, "comparisons") == 0);
  pipecast_table_free(t);
  t = table_of(effects, "activity_stages");
  CHECK(rows_of(t) == 4); /* Qualify, Discover, Propose; Due */
  CHECK_TEXT(text(t, 0, "stage"), "Qualify");
  pipecast_table_free(t);
  pipecast_result_free(effects);
  effects = NULL;
  CHECK_CODE(pipecast_activity_effects(book, NULL, &effects), PIPECAST_OK); /* the book's latest day */
  pipecast_result_free(effects);
  CHECK_CODE(pipecast_activity_effects(NULL, &scope, &effects), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(effects == NULL);
  CHECK_CODE(pipecast_activity_effects(book, &scope, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_book_free(book);
  return 0;
}

/* Where the next hour goes on the hand book: no activities, so no stage has
 * a playbook and each owner's deals rank by the fallback, the longest
 * silence first (days since created: d3 2024-01-20 is 71 days before
 * 2024-03-31, d7 2024-03-01 is 30). */
int test_worklist(char** args) {
  pipecast_book* book = hand_book();
  pipecast_model* model = NULL;
  pipecast_result* plan = NULL;
  pipecast_table* t;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_worklist_options options = PIPECAST_WORKLIST_OPTIONS_INIT;
  const char* kind = NULL;
  (void)args;
  if (book == NULL) return 0;
  scope.as_of_day = day_of(HAND_BOOK_DAY);
  CHECK_CODE(pipecast_fit(book, NULL, &model), PIPECAST_OK);
  CHECK_CODE(pipecast_worklist(book, &scope, model, NULL, &plan), PIPECAST_OK);
  if (plan == NULL) return 0;
  CHECK_CODE(pipecast_result_kind(plan, &kind), PIPECAST_OK);
  CHECK_TEXT(kind, "activity_plan");
  t = table_of(plan, "worklist");
  CHECK(rows_of(t) == 3);
  CHECK_TEXT(text(t, 0, "owner"), "Ann");
  CHECK_TEXT(text(t, 0, "deal"), "d3");
  CHECK(integer(t, 0, "days_silent") == 71);
  CHECK_TEXT(text(t, 0, "step"), "no_playbook");
  CHECK_TEXT(text(t, 0, "reason"), "no pattern flagged for Propose; no activity in the 71 days since it was created");
  CHECK_TEXT(text(t, 1, "deal"), "d7");
  CHECK(integer(t, 1, "rank") == 2);
  CHECK_TEXT(text(t, 2, "owner"), "Cat");
  CHECK(number(t, 2, "win_probability") >= 0 && number(t, 2, "win_probability") <= 1);
  pipecast_table_free(t);
  t = table_of(plan, "worklist_summary");
  CHECK_TEXT(text(t, 0, "model"), "auto");
  CHECK(integer(t, 0, "rows_per_owner") == 5);
  pipecast_table_free(t);
  pipecast_result_free(plan);
  plan = NULL;
  /* One row per owner; a bad window and a missing model are refused. */
  options.rows_per_owner = 1;
  CHECK_CODE(pipecast_worklist(book, &scope, model, &options, &plan), PIPECAST_OK);
  t = table_of(plan, "worklist");
  CHECK(rows_of(t) == 2);
  pipecast_table_free(t);
  pipecast_result_free(plan);
  plan = NULL;
  options.time_split_days = 0;
  CHECK_CODE(pipecast_worklist(book, &scope, model, &options, &plan), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(plan == NULL);
  CHECK_CODE(pipecast_worklist(book, &scope, NULL, NULL, &plan), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_worklist_options_init(&options, 1), PIPECAST_OK);
  CHECK(options.rows_per_owner == 5 && options.time_split_days == 365);
  pipecast_model_free(model);
  pipecast_book_free(book);
  return 0;
}

/* One result read by several threads at once: tables and texts are made on
 * first request, once, whoever asks. */
typedef struct {
  const pipecast_result* result;
  const char* expected_json;
  int failures;
} reader_job;

static void* read_result(void* arg) {
  reader_job* job = (reader_job*)arg;
  int round;
  for (round = 0; round < 50; ++round) {
    pipecast_table* t = NULL;
    size_t size = 0, rows = 0, columns = 0;
    char* buf;
    const char* name = round % 2 ? "funnel" : "velocity";
    if (pipecast_result_table(job->result, name, &t) != PIPECAST_OK ||
        pipecast_table_shape(t, &rows, &columns) != PIPECAST_OK || rows != (round % 2 ? 6u : 4u))
      ++job->failures;
    pipecast_table_free(t);
    if (pipecast_result_json(job->result, NULL, -1, NULL, 0, &size) != PIPECAST_ERROR_BUFFER_TOO_SMALL) {
      ++job->failures;
      continue;
    }
    buf = (char*)malloc(size + 1);
    if (buf == NULL || pipecast_result_json(job->result, NULL, -1, buf, size + 1, &size) != PIPECAST_OK ||
        strcmp(buf, job->expected_json) != 0)
      ++job->failures;
    free(buf);
  }
  return NULL;
}

int test_result_threads(char** args) {
  enum { kThreads = 4 };
  pipecast_book* book = hand_book();
  pipecast_result* report;
  pthread_t threads[kThreads];
  reader_job jobs[kThreads];
  char* expected;
  int i;
  (void)args;
  if (book == NULL) return 0;
  report = hand_report(book, NULL, NULL, PIPECAST_SECTION_ALL);
  {
    /* The expected text from a result of its own, so that the shared one is
     * first asked on the threads. */
    pipecast_result* twin = hand_report(book, NULL, NULL, PIPECAST_SECTION_ALL);
    expected = result_json(twin, NULL, -1);
    pipecast_result_free(twin);
  }
  for (i = 0; i < kThreads; ++i) {
    jobs[i].result = report;
    jobs[i].expected_json = expected;
    jobs[i].failures = 0;
    CHECK(pthread_create(&threads[i], NULL, read_result, &jobs[i]) == 0);
  }
  for (i = 0; i < kThreads; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(jobs[i].failures == 0);
  }
  free(expected);
  pipecast_result_free(report);
  pipecast_book_free(book);
  return 0;
}

/* The log callback of a load: progress, warnings, and each problem of a
 * failed import. */
typedef struct {
  int info, warning, error;
  char last_warning[512];
  char errors[2048];
} log_record;

static void record_log(void* user_data, int32_t level, const char* message) {
  log_record* r = (log_record*)user_data;
  if (level == PIPECAST_LOG_INFO) ++r->info;
  if (level == PIPECAST_LOG_WARNING) {
    ++r->warning;
    snprintf(r->last_warning, sizeof r->last_warning, "%s", message);
  }
  if (level == PIPECAST_LOG_ERROR) {
    ++r->error;
    strncat(r->errors, message, sizeof r->errors - strlen(r->errors) - 2);
    strcat(r->errors, "\n");
  }
}

int test_load_log(char** args) {
  char dir[512];
  pipecast_book* book = NULL;
  pipecast_load_options options;
  log_record log;
  (void)args;
  memset(&log, 0, sizeof log);
  CHECK(make_temp_dir(dir, sizeof dir));
  /* products.csv with a column nobody reads: a warning, not an error. */
  CHECK(write_file(dir, "stages.csv", "pipeline,stage,order,probability,kind\ns,Open,1,0.5,open\ns,Won,2,1,won\n"));
  CHECK(write_file(dir, "opportunities.csv",
                   "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
                   "D1,s,Acme,ann,Widget,web,smb,100,USD,2024-01-10,2024-03-01,Open\n"));
  CHECK(write_file(dir, "stage_history.csv", "opportunity_id,stage,entered\nD1,Open,2024-01-10\n"));
  CHECK(write_file(dir, "products.csv", "product,family,list_price,colour\nWidget,Hardware,100,red\n"));
  pipecast_load_options_init(&options, PIPECAST_LOAD_OPTIONS_VERSION);
  options.log = record_log;
  options.log_user_data = &log;
  CHECK_CODE(pipecast_book_load(dir, &options, &book), PIPECAST_OK);
  CHECK(log.info == 5); /* four files read, then the totals */
  CHECK(log.warning == 1);
  CHECK_CONTAINS(log.last_warning, "products.csv");
  CHECK_CONTAINS(log.last_warning, "colour");
  CHECK(log.error == 0);
  pipecast_book_free(book);

  /* Two bad rows: both told to the log, both in the message. */
  memset(&log, 0, sizeof log);
  CHECK(write_file(dir, "opportunities.csv",
                   "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
                   "D1,s,Acme,ann,Widget,web,smb,-100,USD,2024-01-10,2024-03-01,Open\n"
                   "D2,s,Acme,ann,Widget,web,smb,100,USD,2024-13-10,2024-03-01,Open\n"));
  CHECK_CODE(pipecast_book_load(dir, &options, &book), PIPECAST_ERROR_PARSE);
  CHECK(book == NULL);
  CHECK(log.error == 2);
  CHECK_CONTAINS(log.errors, "opportunities.csv:2:");
  CHECK_CONTAINS(log.errors, "opportunities.csv:3:");
  CHECK_ERROR_MENTIONS("opportunities.csv:2:");
  CHECK_ERROR_MENTIONS("opportunities.csv:3:");
  /* The error limit. */
  options.max_errors = 1;
  CHECK_CODE(pipecast_book_load(dir, &options, &book), PIPECAST_ERROR_PARSE);
  CHECK(strstr(pipecast_last_error(), "opportunities.csv:3:") == NULL);
  /* Options are optional; the mapping rides along in them. */
  CHECK_CODE(pipecast_book_load(dir, NULL, &book), PIPECAST_ERROR_PARSE);
  options.mapping = "no-such-preset";
  CHECK_CODE(pipecast_book_load(dir, &options, &book), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("maven");
  remove_temp_dir(dir);
  return 0;
}

/* report-json DIR OUT / plan-json DIR OUT: a book directory's report (as of
 * its latest day) or lead plan (target 100000) as JSON, indented by 2, for
 * comparison with the CLI's `report --format json` / `plan --format json`. */
static int write_json(const char* dir, const char* out, int plan) {
  pipecast_book* book = NULL;
  pipecast_result* result = NULL;
  pipecast_lead_plan_options options = PIPECAST_LEAD_PLAN_OPTIONS_INIT;
  char* json;
  FILE* file;
  CHECK_CODE(pipecast_book_load(dir, NULL, &book), PIPECAST_OK);
  if (book == NULL) return 0;
  options.target = 100000;
  if (plan) CHECK_CODE(pipecast_lead_plan(book, NULL, &options, &result), PIPECAST_OK);
  else CHECK_CODE(pipecast_report(book, NULL, NULL, &result), PIPECAST_OK);
  json = result ? result_json(result, NULL, 2) : NULL;
  file = fopen(out, "wb");
  CHECK(file != NULL && json != NULL);
  if (file != NULL && json != NULL) {
    fputs(json, file);
    fputc('\n', file);
  }
  if (file != NULL) fclose(file);
  free(json);
  pipecast_result_free(result);
  pipecast_book_free(book);
  return 0;
}

int write_report_json(char** args) { return write_json(args[0], args[1], 0); }

int write_plan_json(char** args) { return write_json(args[0], args[1], 1); }
