/* A backtest in blocks of origins through the C ABI: the hand book's three
 * origins as a block of two and a block of one, assembled in reverse order,
 * give pipecast_backtest's result (its JSON, every figure, the same text);
 * a damaged blob is PARSE, a missing origin and a range past the last
 * origin INVALID_ARGUMENT. */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "table_cells.h"
#include "hand_book.h"

#include <stdlib.h>
#include <string.h>

int test_backtest_blocks(char** args) {
  pipecast_book* book = hand_book();
  pipecast_backtest_options options = PIPECAST_BACKTEST_OPTIONS_INIT;
  pipecast_result *whole = NULL, *assembled = NULL;
  pipecast_bytes *first = NULL, *second = NULL, *past = NULL;
  const void* blobs[2] = {NULL, NULL};
  size_t sizes[2] = {0, 0};
  size_t origins = 0;
  char *whole_json, *assembled_json, *damaged;
  (void)args;
  if (book == NULL) return 0;

  options.from_day = day_of("2024-01-31");
  options.to_day = day_of("2024-03-31");  /* three origins */
  options.models = "stage, markov";
  options.horizons = 1;
  options.trials = 200;
  options.threads = 1;
  options.group_by = "owner";
  CHECK_CODE(pipecast_backtest_origin_count(&options, &origins), PIPECAST_OK);
  CHECK(origins == 3);
  CHECK_CODE(pipecast_backtest_origin_count(NULL, &origins), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(origins == 0);
  CHECK_CODE(pipecast_backtest_origin_count(&options, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_backtest(book, &options, &whole), PIPECAST_OK);
  CHECK_CODE(pipecast_backtest_origins(book, &options, 0, 2, &first), PIPECAST_OK);
  CHECK_CODE(pipecast_backtest_origins(book, &options, 2, 1, &second), PIPECAST_OK);
  if (whole == NULL || first == NULL || second == NULL) return 0;
  CHECK_CODE(pipecast_bytes_data(second, &blobs[0], &sizes[0]), PIPECAST_OK);
  CHECK_CODE(pipecast_bytes_data(first, &blobs[1], &sizes[1]), PIPECAST_OK);
  CHECK_CODE(pipecast_backtest_from_origins(&options, blobs, sizes, 2, &assembled), PIPECAST_OK);
  if (assembled != NULL) {
    whole_json = result_json(whole, NULL, 2);
    assembled_json = result_json(assembled, NULL, 2);
    CHECK(whole_json && assembled_json && strcmp(whole_json, assembled_json) == 0);
    CHECK(assembled_json && strstr(assembled_json, "\"group_by\": \"owner\"") != NULL);
    free(whole_json);
    free(assembled_json);
    pipecast_result_free(assembled);
    assembled = NULL;
  }

  /* Origin 2 missing; a range past the last origin; a damaged blob. */
  CHECK_CODE(pipecast_backtest_from_origins(&options, &blobs[1], &sizes[1], 1, &assembled),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("no block has origin 2 of 3");
  CHECK(assembled == NULL);
  CHECK_CODE(pipecast_backtest_origins(book, &options, 2, 2, &past), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("run past the backtest's 3 origins");
  CHECK(past == NULL);
  damaged = (char*)malloc(sizes[1]);
  if (damaged != NULL) {
    memcpy(damaged, blobs[1], sizes[1]);
    damaged[sizes[1] / 2] ^= 0x10;
    blobs[0] = damaged;
    sizes[0] = sizes[1];
    CHECK_CODE(pipecast_backtest_from_origins(&options, blobs, sizes, 1, &assembled), PIPECAST_ERROR_PARSE);
    CHECK_ERROR_MENTIONS("blobs[0]: backtest block is damaged");
    free(damaged);
  }
  CHECK_CODE(pipecast_backtest_from_origins(&options, NULL, NULL, 1, &assembled), PIPECAST_ERROR_INVALID_ARGUMENT);

  pipecast_bytes_free(first);
  pipecast_bytes_free(second);
  pipecast_result_free(whole);
  pipecast_book_free(book);
  return 0;
}
