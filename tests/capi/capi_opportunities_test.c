/* A book's deals as a table (pipecast_book_opportunities): the hand book
 * (hand_book.h) as known at its day and as a whole, and bad arguments. */
#include "capi_sections.h"
#include "check.h"
#include "hand_book.h"
#include "table_cells.h"

#include <stdio.h>
#include <string.h>

/* The table of `book`, NULL on failure (checked). */
static pipecast_table* opportunities(const pipecast_book* book) {
  pipecast_table* t = NULL;
  const char* name = NULL;
  CHECK_CODE(pipecast_book_opportunities(book, &t), PIPECAST_OK);
  if (t == NULL) return NULL;
  CHECK_CODE(pipecast_table_name(t, &name), PIPECAST_OK);
  CHECK_TEXT(name ? name : "(null)", "opportunities");
  return t;
}

/* At HAND_BOOK_DAY: d8 is not created yet, d3 is open in Propose (won on
 * 04-10), d1 won on 03-02, d7 is 100 EUR. */
static void check_view(const pipecast_book* book) {
  pipecast_book* view = NULL;
  pipecast_table* t;
  int32_t unit = -1;
  CHECK_CODE(pipecast_book_as_of(book, day_of(HAND_BOOK_DAY), &view), PIPECAST_OK);
  t = opportunities(view);
  pipecast_book_free(view); /* the table outlives the view */
  if (t == NULL) return;
  CHECK(rows_of(t) == HAND_BOOK_DEALS - 1);
  CHECK_TEXT(text(t, 2, "id"), "d3");
  CHECK_TEXT(text(t, 2, "stage"), "Propose");
  CHECK_TEXT(text(t, 2, "status"), "open");
  CHECK(day_cell(t, 2, "closed_on") == PIPECAST_NO_DAY);
  CHECK(day_cell(t, 2, "close_date") == day_of("2024-04-10"));
  CHECK_TEXT(text(t, 0, "status"), "won");
  CHECK(day_cell(t, 0, "closed_on") == day_of("2024-03-02"));
  CHECK(day_cell(t, 0, "created") == day_of("2024-01-02"));
  CHECK_NEAR(number(t, 0, "amount"), 1000);
  CHECK_TEXT(text(t, 1, "status"), "lost");
  CHECK_TEXT(text(t, 1, "owner"), "Bob");
  CHECK_TEXT(text(t, 6, "pipeline"), "Renewal");
  CHECK_TEXT(text(t, 6, "currency"), "EUR");
  CHECK_NEAR(number(t, 6, "amount"), 100);
  CHECK_NEAR(number(t, 6, "amount_in_base"), 110);
  CHECK_CODE(pipecast_table_column_unit(t, column(t, "amount_in_base"), &unit), PIPECAST_OK);
  CHECK(unit == PIPECAST_UNIT_CURRENCY);
  pipecast_table_free(t);
}

/* The whole book: its latest day, 04-10, when d3 won and d8 exists. */
static void check_whole_book(const pipecast_book* book) {
  pipecast_table* t = opportunities(book);
  if (t == NULL) return;
  CHECK(rows_of(t) == HAND_BOOK_DEALS);
  CHECK_TEXT(text(t, 2, "stage"), "Closed Won");
  CHECK_TEXT(text(t, 2, "status"), "won");
  CHECK(day_cell(t, 2, "closed_on") == day_of("2024-04-10"));
  CHECK_TEXT(text(t, 7, "id"), "d8");
  CHECK_TEXT(text(t, 7, "status"), "open");
  CHECK_NEAR(number(t, 7, "amount"), 999);
  pipecast_table_free(t);
}

static void check_bad_arguments(pipecast_book* book) {
  pipecast_table* t = (pipecast_table*)(void*)&t; /* not NULL: must be reset */
  CHECK_CODE(pipecast_book_opportunities(book, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("out");
  CHECK_CODE(pipecast_book_opportunities(NULL, &t), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(t == NULL);
  CHECK_ERROR_MENTIONS("book");
#ifndef PIPECAST_TEST_ASAN
  /* Freed: refused while the memory is not reused (nothing is allocated in
   * between here). */
  pipecast_book_free(book);
  CHECK_CODE(pipecast_book_opportunities(book, &t), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("already freed");
  CHECK(t == NULL);
#else
  printf("AddressSanitizer build: use-after-free check left out\n");
  pipecast_book_free(book);
#endif
}

int test_opportunities(char** args) {
  pipecast_book* book = hand_book();
  (void)args;
  if (book == NULL) return 0;
  check_view(book);
  check_whole_book(book);
  check_bad_arguments(book); /* frees the book */
  return 0;
}
