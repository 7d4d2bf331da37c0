/* Fitting from parts through the C ABI: the hand book cut in parts, each
 * part answering every request, the answers merged in two orders (the same
 * bytes), and the model equal to pipecast_fit's on the whole book (crm,
 * stage and markov: their model files byte for byte; logistic and auto: the
 * same kind, and every win probability within 1e-12); and every way the
 * calls refuse what they must.  One part is answered by a worker that reads
 * it from its folder round by round (pipecast_part_worker_open). */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "hand_book.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARTS 3

/* A file's bytes (caller frees); *size its length; NULL when unreadable. */
static char* file_bytes(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  long length;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (length = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    data = (char*)malloc((size_t)length + 1);
    if (data != NULL && fread(data, 1, (size_t)length, f) != (size_t)length) {
      free(data);
      data = NULL;
    }
    *size = (size_t)length;
  }
  fclose(f);
  return data;
}

/* Whether two models' files are the same bytes. */
static int same_model_files(const pipecast_model* a, const pipecast_model* b, const char* dir) {
  char path_a[1024], path_b[1024];
  size_t size_a = 0, size_b = 0;
  char *bytes_a, *bytes_b;
  int same;
  join_path(path_a, sizeof path_a, dir, "whole.model");
  join_path(path_b, sizeof path_b, dir, "parts.model");
  CHECK_CODE(pipecast_model_save(a, path_a), PIPECAST_OK);
  CHECK_CODE(pipecast_model_save(b, path_b), PIPECAST_OK);
  bytes_a = file_bytes(path_a, &size_a);
  bytes_b = file_bytes(path_b, &size_b);
  same = bytes_a != NULL && bytes_b != NULL && size_a == size_b && memcmp(bytes_a, bytes_b, size_a) == 0;
  free(bytes_a);
  free(bytes_b);
  return same;
}

/* Whether two models give every deal of `book` the same win probability
 * (within 1e-12) and are of the same kind. */
static int same_scores(const pipecast_model* a, const pipecast_model* b, const pipecast_book* book, int32_t as_of) {
  pipecast_score_options options = PIPECAST_SCORE_OPTIONS_INIT;
  pipecast_result *x = NULL, *y = NULL;
  const char *kind_a = "", *kind_b = "";
  size_t n = 0, m = 0, i;
  double p[HAND_BOOK_DEALS], q[HAND_BOOK_DEALS];
  int same;
  options.as_of_day = as_of;
  CHECK_CODE(pipecast_model_kind(a, &kind_a), PIPECAST_OK);
  CHECK_CODE(pipecast_model_kind(b, &kind_b), PIPECAST_OK);
  CHECK_CODE(pipecast_score(a, book, &options, &x), PIPECAST_OK);
  CHECK_CODE(pipecast_score(b, book, &options, &y), PIPECAST_OK);
  CHECK_CODE(pipecast_score_count(x, &n), PIPECAST_OK);
  CHECK_CODE(pipecast_score_count(y, &m), PIPECAST_OK);
  same = strcmp(kind_a, kind_b) == 0 && n == m && n <= HAND_BOOK_DEALS && n > 0 &&
         pipecast_score_read(x, p, NULL, NULL, n) == PIPECAST_OK && pipecast_score_read(y, q, NULL, NULL, m) == PIPECAST_OK;
  for (i = 0; same && i < n; ++i) same = fabs(p[i] - q[i]) <= 1e-12;
  pipecast_result_free(x);
  pipecast_result_free(y);
  return same;
}

/* Every part's answer to `request` (from its worker when `workers` is not
 * NULL), merged from the first part on (forward != 0) or from the last; the
 * caller frees the result. */
static pipecast_bytes* merged_answers(pipecast_book* const* parts, pipecast_part_worker* const* workers,
                                      const pipecast_bytes* request, int forward) {
  const void* data = NULL;
  size_t size = 0;
  pipecast_bytes* merged = NULL;
  int k;
  CHECK_CODE(pipecast_bytes_data(request, &data, &size), PIPECAST_OK);
  for (k = 0; k < PARTS; ++k) {
    const int p = forward ? k : PARTS - 1 - k;
    pipecast_bytes* answer = NULL;
    if (workers != NULL)
      CHECK_CODE(pipecast_part_worker_answer(workers[p], data, size, &answer), PIPECAST_OK);
    else
      CHECK_CODE(pipecast_part_answer(parts[p], data, size, &answer), PIPECAST_OK);
    if (merged == NULL) {
      merged = answer;
    } else {
      const void *a = NULL, *b = NULL;
      size_t a_size = 0, b_size = 0;
      pipecast_bytes* both = NULL;
      CHECK_CODE(pipecast_bytes_data(merged, &a, &a_size), PIPECAST_OK);
      CHECK_CODE(pipecast_bytes_data(answer, &b, &b_size), PIPECAST_OK);
      CHECK_CODE(pipecast_part_stats_merge(a, a_size, b, b_size, &both), PIPECAST_OK);
      pipecast_bytes_free(merged);
      pipecast_bytes_free(answer);
      merged = both;
    }
  }
  return merged;
}

static int same_bytes(const pipecast_bytes* a, const pipecast_bytes* b) {
  const void *x = NULL, *y = NULL;
  size_t x_size = 0, y_size = 0;
  CHECK_CODE(pipecast_bytes_data(a, &x, &x_size), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(b, &y, &y_size), PIPECAST_OK);
  return x_size == y_size && memcmp(x, y, x_size) == 0;
}

/* The model `name` fitted from the parts; NULL on failure (checked).  The
 * first part's worker reads it from `first_part_dir` (its export) round by
 * round, the others hold their part. */
static pipecast_model* fit_from_parts(pipecast_book* const* parts, const char* name, int32_t as_of,
                                      const char* first_part_dir) {
  pipecast_fit_options options = PIPECAST_FIT_OPTIONS_INIT;
  pipecast_parts_fit* fit = NULL;
  pipecast_model* model = NULL;
  pipecast_part_worker* workers[PARTS];
  int done = 0, rounds = 0, p;
  options.model = name;
  options.as_of_day = as_of;
  CHECK_CODE(pipecast_part_worker_open(first_part_dir, NULL, &workers[0]), PIPECAST_OK);
  for (p = 1; p < PARTS; ++p) CHECK_CODE(pipecast_part_worker_new(parts[p], &workers[p]), PIPECAST_OK);
  CHECK_CODE(pipecast_parts_fit_begin(&options, &fit), PIPECAST_OK);
  while (fit != NULL && pipecast_parts_fit_done(fit, &done) == PIPECAST_OK && !done && rounds++ < 500) {
    pipecast_bytes *request = NULL, *forward, *backward;
    const void* data = NULL;
    size_t size = 0;
    CHECK_CODE(pipecast_parts_fit_request(fit, &request), PIPECAST_OK);
    forward = merged_answers(parts, workers, request, 1);
    backward = merged_answers(parts, NULL, request, 0);
    CHECK(same_bytes(forward, backward));
    CHECK_CODE(pipecast_bytes_data(forward, &data, &size), PIPECAST_OK);
    CHECK_CODE(pipecast_parts_fit_receive(fit, data, size), PIPECAST_OK);
    pipecast_bytes_free(request);
    pipecast_bytes_free(forward);
    pipecast_bytes_free(backward);
  }
  CHECK(done);
  CHECK_CODE(pipecast_parts_fit_model(fit, &model), PIPECAST_OK);
  pipecast_parts_fit_free(fit);
  for (p = 0; p < PARTS; ++p) pipecast_part_worker_free(workers[p]);
  return model;
}

/* What the calls refuse: a blob of another kind, a damaged one, parts of
 * another book, calls out of turn, NULL arguments. */
static void check_refusals(pipecast_book* const* parts, int32_t as_of) {
  pipecast_fit_options options = PIPECAST_FIT_OPTIONS_INIT;
  pipecast_parts_fit* fit = NULL;
  pipecast_bytes *request = NULL, *answer = NULL, *out = NULL;
  pipecast_model* model = NULL;
  pipecast_part_worker* worker = NULL;
  const void *request_data = NULL, *answer_data = NULL;
  size_t request_size = 0, answer_size = 0;
  char* damaged;
  int done = 1;

  options.model = "logistic-from-nowhere";
  options.as_of_day = as_of;
  CHECK_CODE(pipecast_parts_fit_begin(&options, &fit), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("markov");
  options.model = "markov";
  options.as_of_day = PIPECAST_NO_DAY;
  CHECK_CODE(pipecast_parts_fit_begin(&options, &fit), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("as_of_day");
  CHECK_CODE(pipecast_parts_fit_begin(NULL, &fit), PIPECAST_ERROR_INVALID_ARGUMENT);
  options.as_of_day = as_of;
  CHECK_CODE(pipecast_parts_fit_begin(&options, &fit), PIPECAST_OK);
  CHECK_CODE(pipecast_parts_fit_done(fit, &done), PIPECAST_OK);
  CHECK(!done);
  CHECK_CODE(pipecast_parts_fit_model(fit, &model), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("not done");
  CHECK_CODE(pipecast_parts_fit_request(fit, &request), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(request, &request_data, &request_size), PIPECAST_OK);
  CHECK_CODE(pipecast_part_answer(parts[0], request_data, request_size, &answer), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(answer, &answer_data, &answer_size), PIPECAST_OK);

  /* A blob of the other kind, a truncated one, a flipped byte, nothing. */
  CHECK_CODE(pipecast_parts_fit_receive(fit, request_data, request_size), PIPECAST_ERROR_PARSE);
  CHECK_ERROR_MENTIONS("stats");
  CHECK_CODE(pipecast_part_answer(parts[0], answer_data, answer_size, &out), PIPECAST_ERROR_PARSE);
  CHECK(out == NULL);
  CHECK_CODE(pipecast_part_stats_merge(answer_data, answer_size / 2, answer_data, answer_size, &out),
             PIPECAST_ERROR_PARSE);
  damaged = (char*)malloc(answer_size);
  if (damaged != NULL) {
    memcpy(damaged, answer_data, answer_size);
    damaged[answer_size - 1] ^= 0x20;
    CHECK_CODE(pipecast_parts_fit_receive(fit, damaged, answer_size), PIPECAST_ERROR_PARSE);
    free(damaged);
  }
  CHECK_CODE(pipecast_parts_fit_receive(fit, NULL, 0), PIPECAST_ERROR_PARSE);
  CHECK_CODE(pipecast_parts_fit_receive(fit, NULL, 5), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_part_answer(NULL, request_data, request_size, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_bytes_data(NULL, &request_data, &request_size), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_part_worker_new(NULL, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_part_worker_open(NULL, NULL, &worker), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_part_worker_open("/nonexistent/pipecast-part", NULL, &worker), PIPECAST_ERROR_NOT_FOUND);
  CHECK(worker == NULL);
  CHECK_CODE(pipecast_part_worker_answer(NULL, request_data, request_size, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("worker");

  /* The fit is still where it was: the good answer of one part is taken. */
  CHECK_CODE(pipecast_parts_fit_receive(fit, answer_data, answer_size), PIPECAST_OK);
  CHECK_CODE(pipecast_parts_fit_receive(fit, answer_data, answer_size), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("another request");

  pipecast_bytes_free(request);
  pipecast_bytes_free(answer);
  pipecast_parts_fit_free(fit);
  pipecast_bytes_free(NULL);
  pipecast_parts_fit_free(NULL);
  pipecast_part_worker_free(NULL);
}

/* pipecast_book_load_parts: a part read back from its folder is the part
 * (no order file: itself); a part given twice, nothing, NULL are refused. */
static void check_load_parts(const pipecast_book* part, const char* part_dir) {
  const char* once[1];
  const char* twice[2];
  pipecast_book* loaded = NULL;
  pipecast_counts expected = PIPECAST_COUNTS_INIT, got = PIPECAST_COUNTS_INIT;
  once[0] = part_dir;
  twice[0] = part_dir;
  twice[1] = part_dir;
  CHECK_CODE(pipecast_book_load_parts(once, 1, NULL, &loaded), PIPECAST_OK);
  CHECK_CODE(pipecast_book_count(part, PIPECAST_NO_DAY, &expected), PIPECAST_OK);
  CHECK_CODE(pipecast_book_count(loaded, PIPECAST_NO_DAY, &got), PIPECAST_OK);
  CHECK(got.opportunities == expected.opportunities && got.opportunities > 0);
  CHECK(got.won_amount == expected.won_amount && got.open == expected.open);
  pipecast_book_free(loaded);
  loaded = NULL;
  CHECK_CODE(pipecast_book_load_parts(twice, 2, NULL, &loaded), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS(part_dir);
  CHECK(loaded == NULL);
  CHECK_CODE(pipecast_book_load_parts(once, 0, NULL, &loaded), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_book_load_parts(NULL, 1, NULL, &loaded), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_book_load_parts(once, 1, NULL, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
}

int test_parts_fit(char** args) {
  static const char* const kModels[] = {"crm", "stage", "markov", "logistic", "auto"};
  pipecast_book* parts[PARTS];
  pipecast_book* whole = hand_book();
  const int32_t as_of = day_of(HAND_BOOK_DAY);
  char dir[1024], part_dir[1024];
  size_t m;
  int p;
  (void)args;
  for (p = 0; p < PARTS; ++p) parts[p] = hand_book_part(p, PARTS);
  if (whole == NULL || !make_temp_dir(dir, sizeof dir) || !make_temp_dir(part_dir, sizeof part_dir)) return 0;
  CHECK_CODE(pipecast_book_export_csv(parts[0], part_dir), PIPECAST_OK);
  for (m = 0; m < sizeof kModels / sizeof kModels[0]; ++m) {
    pipecast_fit_options options = PIPECAST_FIT_OPTIONS_INIT;
    pipecast_model *expected = NULL, *model;
    options.model = kModels[m];
    options.as_of_day = as_of;
    CHECK_CODE(pipecast_fit(whole, &options, &expected), PIPECAST_OK);
    model = fit_from_parts(parts, kModels[m], as_of, part_dir);
    if (m < 3)
      CHECK(model != NULL && expected != NULL && same_model_files(expected, model, dir));
    else
      CHECK(model != NULL && expected != NULL && same_scores(expected, model, whole, as_of));
    pipecast_model_free(expected);
    pipecast_model_free(model);
  }
  check_refusals(parts, as_of);
  check_load_parts(parts[0], part_dir);
  remove_temp_dir(dir);
  remove_temp_dir(part_dir);
  for (p = 0; p < PARTS; ++p) pipecast_book_free(parts[p]);
  pipecast_book_free(whole);
  return 0;
}
