/* The activities switch of pipecast_fit_options (version 2) and
 * pipecast_backtest_options (version 3), on a synthetic book with activities
 * (`fit_activities BOOK`).  Off, logistic's win probabilities and its
 * backtest's Brier score differ from the default's (the activity features
 * move them); a struct of an older layout, which has no switch, fits with the
 * activities: its probabilities are the default's bit for bit, whatever lies
 * in the bytes past its end; a fit from the book as its only part, and a
 * backtest in blocks, follow the switch (a block fitted otherwise is
 * refused on assembly); a value other than 0 or 1 is INVALID_ARGUMENT
 * naming the field.
 * That off equals the CLI's --no-activities is capi.same_forecast_as_cli's
 * (score-no-activities and backtest-no-activities). */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "table_cells.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_INVALID(call, part)                           \
  do {                                                      \
    CHECK_CODE((call), PIPECAST_ERROR_INVALID_ARGUMENT);    \
    CHECK_ERROR_MENTIONS(part);                             \
  } while (0)

#define MAX_DEALS 4096

/* The win probabilities `options` fits logistic to, scored on `book` at its
 * latest day, in p (at most MAX_DEALS); their count, 0 when a call failed. */
static size_t probabilities(const pipecast_book* book, const pipecast_fit_options* options, double* p) {
  pipecast_model* model = NULL;
  pipecast_result* scores = NULL;
  size_t n = 0;
  CHECK_CODE(pipecast_fit(book, options, &model), PIPECAST_OK);
  if (model != NULL) CHECK_CODE(pipecast_score(model, book, NULL, &scores), PIPECAST_OK);
  if (scores != NULL) CHECK_CODE(pipecast_score_count(scores, &n), PIPECAST_OK);
  if (n > MAX_DEALS || (n > 0 && pipecast_score_read(scores, p, NULL, NULL, n) != PIPECAST_OK)) n = 0;
  pipecast_result_free(scores);
  pipecast_model_free(model);
  return n;
}

/* The largest |p[i] - q[i]| over n deals. */
static double largest_difference(const double* p, const double* q, size_t n) {
  double most = 0;
  size_t i;
  for (i = 0; i < n; ++i)
    if (fabs(p[i] - q[i]) > most) most = fabs(p[i] - q[i]);
  return most;
}

/* `model` fitted from `book` as its only part with `options` (model, as_of_day
 * and activities); NULL when a call failed. */
static pipecast_model* fit_from_one_part(const pipecast_book* book, const pipecast_fit_options* options) {
  pipecast_parts_fit* fit = NULL;
  pipecast_model* model = NULL;
  int done = 0;
  CHECK_CODE(pipecast_parts_fit_begin(options, &fit), PIPECAST_OK);
  while (fit != NULL && pipecast_parts_fit_done(fit, &done) == PIPECAST_OK && !done) {
    pipecast_bytes *request = NULL, *answer = NULL;
    const void *request_data = NULL, *answer_data = NULL;
    size_t request_size = 0, answer_size = 0;
    int ok = pipecast_parts_fit_request(fit, &request) == PIPECAST_OK &&
             pipecast_bytes_data(request, &request_data, &request_size) == PIPECAST_OK &&
             pipecast_part_answer(book, request_data, request_size, &answer) == PIPECAST_OK &&
             pipecast_bytes_data(answer, &answer_data, &answer_size) == PIPECAST_OK &&
             pipecast_parts_fit_receive(fit, answer_data, answer_size) == PIPECAST_OK;
    CHECK(ok);
    pipecast_bytes_free(request);
    pipecast_bytes_free(answer);
    if (!ok) break;
  }
  if (done) CHECK_CODE(pipecast_parts_fit_model(fit, &model), PIPECAST_OK);
  pipecast_parts_fit_free(fit);
  return model;
}

/* The win probabilities of `model` on `book` at `as_of` in p; their count. */
static size_t model_probabilities(const pipecast_model* model, const pipecast_book* book, int32_t as_of, double* p) {
  pipecast_score_options options = PIPECAST_SCORE_OPTIONS_INIT;
  pipecast_result* scores = NULL;
  size_t n = 0;
  options.as_of_day = as_of;
  if (model != NULL) CHECK_CODE(pipecast_score(model, book, &options, &scores), PIPECAST_OK);
  if (scores != NULL) CHECK_CODE(pipecast_score_count(scores, &n), PIPECAST_OK);
  if (n > MAX_DEALS || (n > 0 && pipecast_score_read(scores, p, NULL, NULL, n) != PIPECAST_OK)) n = 0;
  pipecast_result_free(scores);
  return n;
}

static void check_fit(const pipecast_book* book) {
  static double on[MAX_DEALS], off[MAX_DEALS], old[MAX_DEALS], parts[MAX_DEALS];
  pipecast_fit_options options = PIPECAST_FIT_OPTIONS_INIT;
  pipecast_model* model = NULL;
  pipecast_parts_fit* refused = NULL;
  size_t n_on, n_off, n_old, n_parts;
  int32_t latest = 0;

  CHECK(options.activities == 1);
  options.model = "logistic";
  n_on = probabilities(book, &options, on);
  options.activities = 0;
  n_off = probabilities(book, &options, off);
  CHECK(n_on == 66 && n_off == n_on); /* the deals open at the latest day */
  /* The activity features move the probabilities (by 0.03 to 0.05 on this
   * book's first deals: `pipecast score --no-activities`). */
  CHECK(largest_difference(on, off, n_on) > 0.01);

  /* Version 1 has no switch: the library reads none of the bytes past
   * log_user_data, and fits with the activities. */
  options.activities = 77;
  CHECK_CODE(pipecast_fit_options_init(&options, 1), PIPECAST_OK);
  CHECK(options.version == 1 && options.activities == 77); /* only version 1's bytes written */
  options.model = "logistic";
  options.activities = 0;
  n_old = probabilities(book, &options, old);
  CHECK(n_old == n_on && largest_difference(on, old, n_on) == 0);
  CHECK_CODE(pipecast_fit_options_init(&options, PIPECAST_FIT_OPTIONS_VERSION), PIPECAST_OK);
  CHECK(options.version == 2 && options.activities == 1);

  /* Neither 0 nor 1: refused, naming the field and the value. */
  options.model = "logistic";
  options.activities = 2;
  model = (pipecast_model*)&options;
  CHECK_INVALID(pipecast_fit(book, &options, &model), "options->activities is 2, expected 0 (off) or 1 (on)");
  CHECK(model == NULL);

  /* A fit from parts follows the switch: the book as its only part gives
   * pipecast_fit's probabilities, off as off (within 1e-12, as for any
   * logistic fit from parts). */
  CHECK_CODE(pipecast_book_latest_day(book, &latest), PIPECAST_OK);
  options.as_of_day = latest;
  CHECK_INVALID(pipecast_parts_fit_begin(&options, &refused), "options->activities is 2");
  CHECK(refused == NULL);
  options.activities = 0;
  model = fit_from_one_part(book, &options);
  n_parts = model_probabilities(model, book, latest, parts);
  CHECK(n_parts == n_off && largest_difference(parts, off, n_off) <= 1e-12);
  pipecast_model_free(model);
  options.activities = 1;
  model = fit_from_one_part(book, &options);
  n_parts = model_probabilities(model, book, latest, parts);
  CHECK(n_parts == n_on && largest_difference(parts, on, n_on) <= 1e-12);
  pipecast_model_free(model);
}

/* logistic's Brier score (eventual) in a backtest's result, which it frees;
 * -1 without one. */
static double brier_of(pipecast_result* result) {
  pipecast_table* table = NULL;
  double brier = -1;
  size_t r, rows;
  if (result != NULL) table = table_of(result, "deal_summary");
  rows = table != NULL ? rows_of(table) : 0;
  for (r = 0; r < rows; ++r)
    if (strcmp(text(table, r, "model"), "logistic") == 0 && strcmp(text(table, r, "target"), "eventual") == 0)
      brier = number(table, r, "brier");
  pipecast_table_free(table);
  pipecast_result_free(result);
  return brier;
}

/* logistic's Brier score (eventual) in the backtest of `options`. */
static double logistic_brier(const pipecast_book* book, const pipecast_backtest_options* options) {
  pipecast_result* result = NULL;
  CHECK_CODE(pipecast_backtest(book, options, &result), PIPECAST_OK);
  return brier_of(result);
}

/* The same, from one block of every origin assembled. */
static double logistic_brier_in_blocks(const pipecast_book* book, const pipecast_backtest_options* options) {
  pipecast_result* result = NULL;
  pipecast_bytes* block = NULL;
  const void* data = NULL;
  size_t size = 0, origins = 0;
  CHECK_CODE(pipecast_backtest_origin_count(options, &origins), PIPECAST_OK);
  CHECK_CODE(pipecast_backtest_origins(book, options, 0, origins, &block), PIPECAST_OK);
  if (block != NULL && pipecast_bytes_data(block, &data, &size) == PIPECAST_OK)
    CHECK_CODE(pipecast_backtest_from_origins(options, &data, &size, 1, &result), PIPECAST_OK);
  pipecast_bytes_free(block);
  return brier_of(result);
}

/* One origin (2024-10-31), one monthly horizon, logistic, 100 trials. */
static void one_origin(pipecast_backtest_options* options) {
  options->from_day = day_of("2024-10-31");
  options->to_day = day_of("2024-10-31");
  options->models = "logistic";
  options->horizons = 1;
  options->trials = 100;
  options->threads = 1;
}

static void check_backtest(const pipecast_book* book) {
  pipecast_backtest_options options = PIPECAST_BACKTEST_OPTIONS_INIT;
  pipecast_result* result = NULL;
  pipecast_bytes* block = NULL;
  size_t count = 0;
  double on, off, old;

  CHECK(options.activities == 1);
  one_origin(&options);
  on = logistic_brier(book, &options);
  options.activities = 0;
  off = logistic_brier(book, &options);
  /* `pipecast backtest BOOK --from 2024-10-31 --to 2024-10-31 --models
   * logistic --horizons 1 --trials 100` on this book (one origin, 57 deals
   * decided since): 0.1130 with the activities, 0.1453 with --no-activities. */
  CHECK(on >= 0 && off >= 0);
  CHECK(off - on > 0.01);
  CHECK(logistic_brier_in_blocks(book, &options) == off);

  /* A block fitted without the activities does not join a backtest with them. */
  CHECK_CODE(pipecast_backtest_origins(book, &options, 0, 1, &block), PIPECAST_OK);
  if (block != NULL) {
    const void* data = NULL;
    size_t size = 0;
    CHECK_CODE(pipecast_bytes_data(block, &data, &size), PIPECAST_OK);
    options.activities = 1;
    CHECK_INVALID(pipecast_backtest_from_origins(&options, &data, &size, 1, &result),
                  "block 1 of 1 was fitted without the deals' activities, and these options fit with them");
    CHECK(result == NULL);
    pipecast_bytes_free(block);
    block = NULL;
  }

  /* Version 2 has no switch: the activities are read. */
  options.activities = 77;
  CHECK_CODE(pipecast_backtest_options_init(&options, 2), PIPECAST_OK);
  CHECK(options.version == 2 && options.activities == 77); /* untouched past version 2's end */
  one_origin(&options);
  old = logistic_brier(book, &options);
  CHECK(old == on);

  /* Every call that reads the options refuses a stray value. */
  options.version = PIPECAST_BACKTEST_OPTIONS_VERSION;
  options.activities = 2;
  CHECK_INVALID(pipecast_backtest(book, &options, &result), "options->activities is 2");
  CHECK_INVALID(pipecast_backtest_origins(book, &options, 0, 1, &block), "options->activities is 2");
  CHECK_INVALID(pipecast_backtest_origin_count(&options, &count), "options->activities is 2");
  CHECK_INVALID(pipecast_backtest_from_origins(&options, NULL, NULL, 0, &result), "options->activities is 2");
  CHECK(result == NULL && block == NULL && count == 0);
}

int test_fit_activities(char** args) {
  pipecast_book* book = NULL;
  CHECK_CODE(pipecast_book_load(args[0], NULL, &book), PIPECAST_OK);
  if (book == NULL) return 0;
  check_fit(book);
  check_backtest(book);
  pipecast_book_free(book);
  return 0;
}
