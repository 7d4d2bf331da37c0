/*
 * pipecast.h: the C ABI of pipecast, the only header a C host needs.
 *
 * C99, usable from C++ as is.  Every name starts with pipecast_ (functions,
 * types) or PIPECAST_ (macros, constants).
 *
 * Conventions that hold for every function below unless it says otherwise:
 *
 * Return codes.  A function that can fail returns int: PIPECAST_OK (0) or one
 *   of the negative PIPECAST_ERROR_* codes.  On failure it records a message
 *   for pipecast_last_error() and leaves its out-parameters as documented
 *   (handle out-parameters are set to NULL).  Functions returning something
 *   other than int cannot fail.
 *
 * Errors.  The message of the last failing call is thread-local: a failure on
 *   one thread never overwrites another thread's message.  Successful calls do
 *   not clear it, so a host may free handles before reading it; read it right
 *   after a call returned a negative code, as it says nothing about successes.
 *   Messages for PIPECAST_ERROR_INVALID_ARGUMENT name the function and the
 *   argument; messages about input name the file (or text) and, for CSV,
 *   give every problem found as `file:line:column: what is wrong`, one a line.
 *
 * Ownership.  Strings and arrays passed in are only read during the call: the
 *   caller keeps them and may free them as soon as the call returns.  A handle
 *   returned through `**out` belongs to the caller, who passes it to its _free
 *   function exactly once.  A `const char*` returned by the library belongs to
 *   the library; each function says how long it stays valid.
 *
 * Text.  Strings are NUL-terminated UTF-8; paths are UTF-8 too.
 *
 * Dates.  A date is an int32_t day number: days since 1970-01-01, negative
 *   before it.  PIPECAST_NO_DAY stands for "no date".
 *
 * Threads.  Every function may be called from any thread.  A handle is
 *   immutable once made: any number of threads may use the same handle at once
 *   through functions taking a const pointer.  Freeing a handle must not race
 *   with any other use of it.
 *
 * ABI evolution.  Released functions and struct layouts never change: a
 *   change of behaviour comes as a new function and the old one stays.  Structs
 *   start with a `uint32_t version` field and only ever gain fields at their
 *   end; initialise them with their _INIT macro or _init() function.
 */
#ifndef PIPECAST_H
#define PIPECAST_H

#include <stddef.h>
#include <stdint.h>

/* Version of this header.  Compare with pipecast_version() and
 * pipecast_abi_version() at run time to detect a mismatched library. */
#define PIPECAST_VERSION_MAJOR 0
#define PIPECAST_VERSION_MINOR 1
#define PIPECAST_VERSION_PATCH 0
#define PIPECAST_VERSION_STRING "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons. */
#define PIPECAST_VERSION_NUMBER                                               \
  (PIPECAST_VERSION_MAJOR * 10000 + PIPECAST_VERSION_MINOR * 100 +           \
   PIPECAST_VERSION_PATCH)
/* Bumped only by an incompatible change; the shared library's SOVERSION. */
#define PIPECAST_ABI_VERSION 0

#if defined(_WIN32)
#  if defined(PIPECAST_BUILDING_LIBRARY)
#    define PIPECAST_API __declspec(dllexport)
#  else
#    define PIPECAST_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define PIPECAST_API __attribute__((visibility("default")))
#else
#  define PIPECAST_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Return codes.  Values are part of the ABI; new codes are only added.      */

#define PIPECAST_OK 0
/* NULL where a pointer is required, a value out of its range, an
 * uninitialised struct: a mistake in the calling code. */
#define PIPECAST_ERROR_INVALID_ARGUMENT (-1)
/* Input that could not be understood: CSV, a mapping, a snapshot, a date. */
#define PIPECAST_ERROR_PARSE (-2)
/* The operating system refused a read or a write. */
#define PIPECAST_ERROR_IO (-3)
/* A file, directory or named item that does not exist. */
#define PIPECAST_ERROR_NOT_FOUND (-4)
/* A caller-owned buffer is too small; the function says what it needs. */
#define PIPECAST_ERROR_BUFFER_TOO_SMALL (-5)
#define PIPECAST_ERROR_OUT_OF_MEMORY (-6)
/* A bug in pipecast: please report it with the message. */
#define PIPECAST_ERROR_INTERNAL (-7)

/* The message of the last call that failed on this thread; "" when none has.
 * Never NULL.  Owned by the library; valid until the next failing pipecast
 * call on the same thread, or until the thread ends. */
PIPECAST_API const char* pipecast_last_error(void);

/* A short fixed description of a return code ("invalid argument"), or
 * "unknown error code".  Never NULL; a static string, valid forever. */
PIPECAST_API const char* pipecast_error_string(int code);

/* ------------------------------------------------------------------------ */
/* Version.                                                                 */

/* "MAJOR.MINOR.PATCH" of the library actually loaded.  Static string. */
PIPECAST_API const char* pipecast_version(void);

/* PIPECAST_ABI_VERSION of the library actually loaded.  A host built against
 * another ABI version must not use the library. */
PIPECAST_API int pipecast_abi_version(void);

/* ------------------------------------------------------------------------ */
/* Dates.                                                                   */

/* "No date": a blank cell, an unknown close date. */
#define PIPECAST_NO_DAY (-2147483647 - 1)
/* The range of dates pipecast reads and writes: 1400-01-01 .. 9999-12-31. */
#define PIPECAST_DAY_MIN (-208188)
#define PIPECAST_DAY_MAX 2932896
/* Bytes pipecast_date_format needs: "YYYY-MM-DD" and its NUL. */
#define PIPECAST_DATE_BUFFER_SIZE 11

/* Parses "YYYY-MM-DD" (also "YYYY-MM-DDTHH:MM[:SS]" or with a space before
 * the time, taken at its date) into *out_day.
 * Errors: INVALID_ARGUMENT (a NULL pointer), PARSE (anything else, including
 * impossible dates such as 2023-02-29 and years outside 1400..9999); on
 * failure *out_day is PIPECAST_NO_DAY. */
PIPECAST_API int pipecast_date_parse(const char* text, int32_t* out_day);

/* Writes `day` as "YYYY-MM-DD" and a NUL into buf[0..buf_size); writes "" for
 * PIPECAST_NO_DAY.  buf_size must be at least PIPECAST_DATE_BUFFER_SIZE (a
 * fixed size, so there is no size query: buf may be NULL only with
 * buf_size 0).
 * Errors: BUFFER_TOO_SMALL (buf_size < PIPECAST_DATE_BUFFER_SIZE),
 * INVALID_ARGUMENT (buf NULL with buf_size > 0, or day outside
 * PIPECAST_DAY_MIN..PIPECAST_DAY_MAX); on failure buf, when buf_size > 0,
 * holds "". */
PIPECAST_API int pipecast_date_format(int32_t day, char* buf, size_t buf_size);

/* ------------------------------------------------------------------------ */
/* Books.                                                                   */

/* A book: every opportunity, its stage history, the pipelines and stages.
 * Immutable once loaded (see Threads above). */
typedef struct pipecast_book pipecast_book;

/* Loads a book into a new handle *out.
 *
 * path: a directory in the CSV interchange format (stages.csv,
 *   opportunities.csv, stage_history.csv, optional products.csv, ...), or a
 *   snapshot file written by pipecast.
 * mapping: how a CRM's own export maps onto the interchange format, for a CSV
 *   directory only.  NULL or "" for the interchange format itself; otherwise
 *   the path of a JSON mapping file or, when no such file exists, the name of
 *   a built-in preset (such as "maven"), as with the CLI's --map.
 *
 * Import is all or nothing: on failure no book is made, *out is NULL and the
 * message lists every problem found.
 * Errors: INVALID_ARGUMENT (NULL path or out; a mapping with a file path),
 * NOT_FOUND (path does not exist; mapping is neither a preset nor a file),
 * PARSE (bad CSV, mapping or snapshot), IO, OUT_OF_MEMORY. */
PIPECAST_API int pipecast_book_load(const char* path, const char* mapping,
                                    pipecast_book** out);

/* Frees a book and everything it owns.  Accepts NULL. */
PIPECAST_API void pipecast_book_free(pipecast_book* book);

/* Headline counts of a book as it was known at the end of a day. */
typedef struct pipecast_counts {
  uint32_t version;          /* in: layout wanted; out: layout filled */
  int32_t as_of_day;         /* the day the counts are as of */
  uint64_t opportunities;    /* deals created on or before as_of_day */
  uint64_t open;             /* ... by the kind of their stage at that day */
  uint64_t won;
  uint64_t lost;
  uint64_t missing_amount;   /* deals with a blank amount, counted as 0 */
  uint64_t history_rows;     /* stage-history rows entered on or before it */
  uint64_t pipelines;        /* configured, whatever the day */
  uint64_t stages;
  double open_amount;        /* amounts in the book's base currency */
  double weighted_amount;    /* open deals x their stage's configured probability */
  double won_amount;
  double lost_amount;
} pipecast_counts;

#define PIPECAST_COUNTS_VERSION 1
#define PIPECAST_COUNTS_INIT                                                  \
  { PIPECAST_COUNTS_VERSION, PIPECAST_NO_DAY, 0, 0, 0, 0, 0, 0, 0, 0,         \
    0.0, 0.0, 0.0, 0.0 }

/* Sets *counts to PIPECAST_COUNTS_INIT.  Accepts NULL (does nothing). */
PIPECAST_API void pipecast_counts_init(pipecast_counts* counts);

/* Fills *out with the counts of `book` as of the end of `as_of_day`, or as of
 * the latest day the book knows of (creations, stage changes, closings) when
 * as_of_day is PIPECAST_NO_DAY (an empty book knows of none: its counts are
 * all 0 and out->as_of_day stays PIPECAST_NO_DAY).
 *
 * out->version must be set (by PIPECAST_COUNTS_INIT or pipecast_counts_init)
 * to the layout the caller was compiled with.  The library fills the fields of
 * the older of that layout and its own, never writes past them, and sets
 * out->version to the layout it filled: a host built with a newer header
 * still works with an older library and can tell which fields it got.
 * Errors: INVALID_ARGUMENT (NULL book or out, out->version 0); on failure *out
 * is left unchanged. */
PIPECAST_API int pipecast_book_count(const pipecast_book* book, int32_t as_of_day,
                                     pipecast_counts* out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PIPECAST_H */
