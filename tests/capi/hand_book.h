/* The hand-made book of the analytics tests (tests/analytics_pipeline_book.hpp),
 * built through the C ABI's columnar calls, so that the figures the C++ tests
 * work out by hand can be checked through the C ABI too. */
#ifndef PIPECAST_CAPI_HAND_BOOK_H
#define PIPECAST_CAPI_HAND_BOOK_H

#include "pipecast.h"

/* Pipeline "New Business": Qualify(1), Discover(2), Propose(3) open, Closed
 * Won(4), Closed Lost(5).  Pipeline "Renewal": Due(1) open, Renewed(2) won,
 * Churned(3) lost.  Every stage has probability 0.5.  USD base, EUR at 1.1.
 *
 * deal owner amount  created     history (stage entered)                  at 2024-03-31
 * d1   Ann   1000    2024-01-02  Q 01-02, D 01-12, P 02-01, Won 03-02     won
 * d2   Bob   2000    2024-01-10  Q 01-10, P 01-24, Lost 02-23              lost
 * d3   Ann    500    2024-01-20  Q 01-20, D 01-23, Q 02-04, D 02-11,       open in P
 *                                P 02-19, Won 04-10
 * d4   Bob    300    2024-02-03  Q 02-03, Lost 02-28                       lost
 * d5   Cat    800    2024-02-10  Q 02-10, Q 02-20; close 03-01             open in Q
 * d6   Cat   1200    2024-02-15  Q 02-15, D 02-21, Won 03-11               won
 * d7   Ann 100 EUR   2024-03-01  Due 03-01; close 03-30                    open in Due
 * d8   Bob    999    2024-04-05  Q 04-05                                   not yet created
 */
#define HAND_BOOK_DAY "2024-03-31"
#define HAND_BOOK_DEALS 8
#define HAND_BOOK_HISTORY_ROWS 22

extern const char* const kHandIds[HAND_BOOK_DEALS];

/* Adds the hand book's stages, FX rates, deals and history to `builder`,
 * the deals in `batches` calls (1..HAND_BOOK_DEALS); PIPECAST_OK or the first
 * failing call's code. */
int hand_book_add(pipecast_builder* builder, int batches);

/* The hand book, built and finished; NULL on failure (checked). */
pipecast_book* hand_book(void);

/* Part `part` (0..parts-1) of the hand book: its stages and FX rates, and the
 * deals i (0-based) with i % parts == part with their history, as
 * `pipecast split` would cut it; NULL on failure (checked). */
pipecast_book* hand_book_part(int part, int parts);

#endif
