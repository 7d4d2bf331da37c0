/* A forecast from parts through the C ABI: the hand book cut in parts, each
 * part's partial, the partials merged in two orders (the same bytes), and
 * the forecast made from the merge equal to pipecast_forecast's on the whole
 * book (its JSON, every figure, the same text); and what the calls refuse. */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "table_cells.h"
#include "hand_book.h"

#include <stdlib.h>
#include <string.h>

#define FORECAST_PARTS 3

/* `merged` and `partial` merged into a new blob (both freed). */
static pipecast_bytes* merged_with(pipecast_bytes* merged, pipecast_bytes* partial) {
  const void *a = NULL, *b = NULL;
  size_t a_size = 0, b_size = 0;
  pipecast_bytes* both = NULL;
  if (merged == NULL) return partial;
  CHECK_CODE(pipecast_bytes_data(merged, &a, &a_size), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(partial, &b, &b_size), PIPECAST_OK);
  CHECK_CODE(pipecast_forecast_partial_merge(a, a_size, b, b_size, &both), PIPECAST_OK);
  pipecast_bytes_free(merged);
  pipecast_bytes_free(partial);
  return both;
}

/* Every part's partial, merged from the first part on (forward != 0) or from the last. */
static pipecast_bytes* merged_partials(const pipecast_model* model, pipecast_book* const* parts,
                                       const pipecast_forecast_options* options, int forward) {
  pipecast_bytes* merged = NULL;
  int k;
  for (k = 0; k < FORECAST_PARTS; ++k) {
    pipecast_bytes* partial = NULL;
    CHECK_CODE(pipecast_part_forecast(model, parts[forward ? k : FORECAST_PARTS - 1 - k], options, &partial),
               PIPECAST_OK);
    merged = merged_with(merged, partial);
  }
  return merged;
}

static int same_blobs(const pipecast_bytes* a, const pipecast_bytes* b) {
  const void *x = NULL, *y = NULL;
  size_t x_size = 0, y_size = 0;
  CHECK_CODE(pipecast_bytes_data(a, &x, &x_size), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(b, &y, &y_size), PIPECAST_OK);
  return x_size == y_size && memcmp(x, y, x_size) == 0;
}

static void check_refusals(const pipecast_model* model, pipecast_book* const* parts,
                           const pipecast_forecast_options* options, const pipecast_bytes* merged) {
  pipecast_forecast_options no_day = *options, other_seed = *options;
  pipecast_bytes *out = NULL, *other = NULL;
  pipecast_result* result = NULL;
  const void *data = NULL, *other_data = NULL;
  size_t size = 0, other_size = 0;
  char* damaged;
  no_day.as_of_day = PIPECAST_NO_DAY;
  CHECK_CODE(pipecast_part_forecast(model, parts[0], &no_day, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("as_of_day");
  CHECK(out == NULL);
  CHECK_CODE(pipecast_part_forecast(NULL, parts[0], options, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_part_forecast(model, parts[0], options, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_bytes_data(merged, &data, &size), PIPECAST_OK);
  CHECK_CODE(pipecast_forecast_from_partial(model, data, size, &no_day, &result), PIPECAST_ERROR_INVALID_ARGUMENT);
  /* A partial of another seed: neither merged with this one nor finished with these options. */
  other_seed.seed = options->seed + 1;
  CHECK_CODE(pipecast_part_forecast(model, parts[1], &other_seed, &other), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(other, &other_data, &other_size), PIPECAST_OK);
  CHECK_CODE(pipecast_forecast_partial_merge(data, size, other_data, other_size, &out), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("different forecasts");
  CHECK_CODE(pipecast_forecast_from_partial(model, other_data, other_size, options, &result),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("another forecast");
  /* Damaged, truncated, empty: not a partial. */
  damaged = (char*)malloc(size);
  if (damaged != NULL) {
    memcpy(damaged, data, size);
    damaged[size / 2] ^= 0x04;
    CHECK_CODE(pipecast_forecast_from_partial(model, damaged, size, options, &result), PIPECAST_ERROR_PARSE);
    CHECK_ERROR_MENTIONS("partial");
    CHECK_CODE(pipecast_forecast_partial_merge(damaged, size, data, size, &out), PIPECAST_ERROR_PARSE);
    free(damaged);
  }
  CHECK_CODE(pipecast_forecast_partial_merge(data, size / 2, data, size, &out), PIPECAST_ERROR_PARSE);
  CHECK_CODE(pipecast_forecast_from_partial(model, NULL, 0, options, &result), PIPECAST_ERROR_PARSE);
  CHECK_CODE(pipecast_forecast_from_partial(model, NULL, 3, options, &result), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(result == NULL && out == NULL);
  pipecast_bytes_free(other);
}

int test_forecast_parts(char** args) {
  pipecast_book* parts[FORECAST_PARTS];
  pipecast_book* whole = hand_book();
  pipecast_fit_options fit = PIPECAST_FIT_OPTIONS_INIT;
  pipecast_forecast_options options = PIPECAST_FORECAST_OPTIONS_INIT;
  pipecast_model* model = NULL;
  pipecast_bytes *forward, *backward;
  pipecast_result *expected = NULL, *from_parts = NULL;
  const void* data = NULL;
  size_t size = 0;
  char *a, *b;
  int p;
  (void)args;
  for (p = 0; p < FORECAST_PARTS; ++p) parts[p] = hand_book_part(p, FORECAST_PARTS);
  if (whole == NULL) return 0;
  fit.model = "markov";
  fit.as_of_day = day_of(HAND_BOOK_DAY);
  CHECK_CODE(pipecast_fit(whole, &fit, &model), PIPECAST_OK);
  options.as_of_day = day_of(HAND_BOOK_DAY);
  options.periods = 2;
  options.trials = 700;
  options.seed = 42;
  CHECK_CODE(pipecast_forecast(model, whole, &options, &expected), PIPECAST_OK);
  forward = merged_partials(model, parts, &options, 1);
  backward = merged_partials(model, parts, &options, 0);
  CHECK(forward != NULL && backward != NULL && same_blobs(forward, backward));
  CHECK_CODE(pipecast_bytes_data(forward, &data, &size), PIPECAST_OK);
  CHECK_CODE(pipecast_forecast_from_partial(model, data, size, &options, &from_parts), PIPECAST_OK);
  a = result_json(expected, NULL, 2);
  b = result_json(from_parts, NULL, 2);
  CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
  CHECK_CONTAINS(b, "\"open_deals\"");
  free(a);
  free(b);
  check_refusals(model, parts, &options, forward);
  pipecast_result_free(expected);
  pipecast_result_free(from_parts);
  pipecast_bytes_free(forward);
  pipecast_bytes_free(backward);
  pipecast_model_free(model);
  for (p = 0; p < FORECAST_PARTS; ++p) pipecast_book_free(parts[p]);
  pipecast_book_free(whole);
  return 0;
}
