/**
 * @file
 * pipecast.h: the C ABI of pipecast, the only header a C host needs.
 *
 * C99, usable from C++ as is.  Every name starts with pipecast_ (functions,
 * types) or PIPECAST_ (macros, constants).
 *
 * A host's path through it:
 *
 *   pipecast_builder_new -> pipecast_builder_add_stages/_opportunities/
 *   _history/... (columnar arrays) -> pipecast_builder_finish -> a book;
 *   or pipecast_book_load (a CSV directory or a snapshot) -> a book;
 *   pipecast_book_as_of -> the book as known at the end of a day;
 *   pipecast_report / pipecast_lead_plan -> a result: JSON text, and tables
 *   read cell by cell or column by column into the host's arrays;
 *   pipecast_fit (or pipecast_model_load, or pipecast_model_from_callback for
 *   a model of the host's own) -> a model; pipecast_score / pipecast_forecast
 *   with a model and a book, pipecast_backtest with a book -> results too.
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
 *   give every problem found as `file:line:column: what is wrong`, one a line;
 *   messages about rows handed over in arrays name the table, the row (its
 *   0-based index in the arrays of that call) and the field:
 *   `opportunities row 17, field close_date: ...`.
 *
 * Ownership.  Strings and arrays passed in are only read during the call: the
 *   caller keeps them and may free them as soon as the call returns.  A handle
 *   returned through `**out` belongs to the caller, who passes it to its _free
 *   function exactly once.  A `const char*` returned by the library belongs to
 *   the library; each function says how long it stays valid.  Bulk numbers
 *   come out through arrays the caller owns (the library says the size needed).
 *
 * Handles.  Each handle type is a distinct opaque struct, so passing one kind
 *   where another is expected does not compile.  Every call checks that a
 *   handle is live: a NULL handle is refused, and so is a handle already freed
 *   or of another type as long as its memory has not been reused (freeing
 *   clears a tag the calls check).  Using a freed handle is still a bug in the
 *   host: the check is a safety net, not a guarantee.  The _free functions
 *   accept NULL and ignore a handle they can tell is not live.
 *
 * Text.  Strings are NUL-terminated UTF-8; paths are UTF-8 too.  Text that is
 *   not valid UTF-8 is refused (INVALID_DATA for rows, INVALID_ARGUMENT for
 *   other arguments).  In an array of strings, a NULL element is a blank value.
 *
 * Dates.  A date is an int32_t day number: days since 1970-01-01, negative
 *   before it.  PIPECAST_NO_DAY stands for "no date".  Days outside
 *   PIPECAST_DAY_MIN..PIPECAST_DAY_MAX are refused.
 *
 * Numbers.  A blank amount is NaN (the NAN macro of <math.h>); figures that
 *   cannot be computed come out as NaN in tables and null in JSON.
 *
 * Threads.  Every function may be called from any thread.  What may be shared:
 *   - pipecast_builder: mutable; one thread at a time (the host serialises
 *     its calls); it is not touched by the library between calls.
 *   - pipecast_book (a book, or an as-of view of one), pipecast_result and
 *     pipecast_table: immutable once made; any number of threads may use one
 *     at once through the functions taking a const pointer.  A view keeps its
 *     book's data alive: the book may be freed before its views.
 *   - pipecast_model: immutable once made (fitted, loaded or wrapped around a
 *     callback); any number of threads may score and forecast with one at
 *     once.  A callback model calls its callback on each of those threads.
 *   Freeing a handle must not race with any other use of it.  Callbacks are
 *   called on the thread that made the call, before it returns, except the
 *   backtest's log (see pipecast_backtest_options).
 *
 * ABI evolution.  Released functions and struct layouts never change: a
 *   change of behaviour comes as a new function and the old one stays.  Structs
 *   start with a `uint32_t version` field and only ever gain fields at their
 *   end; initialise them with their _INIT macro or _init() function, which set
 *   the version this header describes.  A struct the host fills in (options,
 *   columns) is read up to the fields of its version: a host built with an
 *   older header gets the defaults for the fields it does not know, and a
 *   version newer than the library's is refused (INVALID_ARGUMENT), since
 *   ignoring fields the host set could silently change results.  A struct the
 *   library fills in (pipecast_counts) is filled up to the older of the two
 *   versions, and its version says which.
 *   The _init(struct, version) functions take the version of the caller's
 *   header (its PIPECAST_..._VERSION) and write that layout only: a host
 *   built with an older header, whose struct is shorter, gets nothing written
 *   past its end.  Bindings that cannot compile the _INIT macros (Python's
 *   ctypes) use them.  What may change within a major version is written in
 *   docs/c-api.md, "ABI rules".
 */
#ifndef PIPECAST_H
#define PIPECAST_H

#include <stddef.h>
#include <stdint.h>

/** @name Version of this header
 * Compare with pipecast_version() and pipecast_abi_version() at run time to
 * detect a mismatched library. */
/** @{ */
/** major version of this header */
#define PIPECAST_VERSION_MAJOR 0
/** minor version of this header */
#define PIPECAST_VERSION_MINOR 1
/** patch version of this header */
#define PIPECAST_VERSION_PATCH 0
/** "MAJOR.MINOR.PATCH" of this header */
#define PIPECAST_VERSION_STRING "0.1.0"
/** MAJOR * 10000 + MINOR * 100 + PATCH, for \#if comparisons. */
#define PIPECAST_VERSION_NUMBER                                               \
  (PIPECAST_VERSION_MAJOR * 10000 + PIPECAST_VERSION_MINOR * 100 +           \
   PIPECAST_VERSION_PATCH)
/** Bumped only by an incompatible change; the shared library's SOVERSION. */
#define PIPECAST_ABI_VERSION 0
/** @} */

/** Marks the functions the shared library exports (dllexport/dllimport on
 * Windows, default visibility with GCC and Clang).  Define
 * PIPECAST_BUILDING_LIBRARY only when building pipecast itself. */

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
/** @name Return codes
 * Values are part of the ABI; new codes are only added.  Every error but OK
 * is negative. */
/** @{ */

/** What a call returns: PIPECAST_OK, or a negative error code.  Functions
 * return it as an int (the ABI fixes its size). */
typedef enum pipecast_error {
  /** Success. */
  PIPECAST_OK = 0,
  /** NULL where a pointer is required, a value out of its range, an
   * uninitialised struct: a mistake in the calling code. */
  PIPECAST_ERROR_INVALID_ARGUMENT = -1,
  /** Input that could not be understood: CSV, a mapping, a snapshot, a date. */
  PIPECAST_ERROR_PARSE = -2,
  /** The operating system refused a read or a write. */
  PIPECAST_ERROR_IO = -3,
  /** A file, directory or named item that does not exist. */
  PIPECAST_ERROR_NOT_FOUND = -4,
  /** A caller-owned buffer is too small; the function says what it needs. */
  PIPECAST_ERROR_BUFFER_TOO_SMALL = -5,
  /** An allocation failed, and the call with it.  A builder whose refused
   * batch could not be taken back for want of memory is left unusable: its
   * later calls fail with INVALID_ARGUMENT. */
  PIPECAST_ERROR_OUT_OF_MEMORY = -6,
  /** A bug in pipecast: please report it with the message. */
  PIPECAST_ERROR_INTERNAL = -7,
  /** Well-formed values that break a rule of the book: an unknown stage, a
   * duplicate id, a negative amount, a date out of range, invalid UTF-8 in a
   * row.  The message names the table, row and field. */
  PIPECAST_ERROR_INVALID_DATA = -8,
  /** A host's callback reported a failure (returned nonzero) or handed back
   * values it must not (a probability that is NaN or outside [0, 1]).  The
   * message names the callback and, for a value, the deal. */
  PIPECAST_ERROR_CALLBACK = -9,
} pipecast_error;
/** @} */

/** The message of the last call that failed on this thread; "" when none has.
 * Never NULL.  Owned by the library; valid until the next failing pipecast
 * call on the same thread, or until the thread ends. */
PIPECAST_API const char* pipecast_last_error(void);

/** A short fixed description of a return code ("invalid argument"), or
 * "unknown error code".  Never NULL; a static string, valid forever. */
PIPECAST_API const char* pipecast_error_string(int code);

/* ------------------------------------------------------------------------ */
/* Version.                                                                 */

/** "MAJOR.MINOR.PATCH" of the library actually loaded.  Static string. */
PIPECAST_API const char* pipecast_version(void);

/** PIPECAST_ABI_VERSION of the library actually loaded.  A host built against
 * another ABI version must not use the library. */
PIPECAST_API int pipecast_abi_version(void);

/* ------------------------------------------------------------------------ */
/* Threads.                                                                 */

/** Caps every parallel part of the library (the CSV import, fitting, the
 * forecast's Monte Carlo, the backtest) at `max_threads` threads, whatever
 * the `threads` field of a call's options asks; 0 lifts the cap (the
 * default: a `threads` of 0 means one thread per hardware thread).  Results
 * never depend on the thread count, so the cap changes only speed.  The
 * library's one process-wide setting: set it once, for a host that shares its
 * cores with other work.  Thread safe; calls already running keep the
 * threads they have. */
PIPECAST_API void pipecast_set_max_threads(uint32_t max_threads);

/** The cap set by pipecast_set_max_threads; 0 when there is none. */
PIPECAST_API uint32_t pipecast_max_threads(void);

/* ------------------------------------------------------------------------ */
/* Dates.                                                                   */

/** "No date": a blank cell, an unknown close date. */
#define PIPECAST_NO_DAY (-2147483647 - 1)
/** The first date pipecast reads and writes: 1400-01-01. */
#define PIPECAST_DAY_MIN (-208188)
/** The last date pipecast reads and writes: 9999-12-31. */
#define PIPECAST_DAY_MAX 2932896
/** Bytes pipecast_date_format needs: "YYYY-MM-DD" and its NUL. */
#define PIPECAST_DATE_BUFFER_SIZE 11

/** Parses "YYYY-MM-DD" (also "YYYY-MM-DDTHH:MM[:SS]" or with a space before
 * the time, taken at its date) into *out_day.
 * Errors: INVALID_ARGUMENT (a NULL pointer), PARSE (anything else, including
 * impossible dates such as 2023-02-29 and years outside 1400..9999); on
 * failure *out_day is PIPECAST_NO_DAY. */
PIPECAST_API int pipecast_date_parse(const char* text, int32_t* out_day);

/** Writes `day` as "YYYY-MM-DD" and a NUL into buf[0..buf_size); writes "" for
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

/** A book: every opportunity, its stage history, the pipelines and stages,
 * products, line items, quotas and FX rates.  Immutable once made (see
 * Threads above).  The same handle type serves for an as-of view of a book
 * (pipecast_book_as_of): every function that reads a book reads a view, so
 * nothing computed from a view can see a fact after its day. */
typedef struct pipecast_book pipecast_book;

/** Frees a book and everything it owns.  Accepts NULL. */
PIPECAST_API void pipecast_book_free(pipecast_book* book);

/** Headline counts of a book as it was known at the end of a day. */
typedef struct pipecast_counts {
  uint32_t version;          /**< in: layout wanted; out: layout filled */
  int32_t as_of_day;         /**< the day the counts are as of */
  uint64_t opportunities;    /**< deals created on or before as_of_day */
  uint64_t open;             /**< ... by the kind of their stage at that day */
  uint64_t won;              /**< ... (as open) */
  uint64_t lost;             /**< ... (as open) */
  uint64_t missing_amount;   /**< deals with a blank amount, counted as 0 */
  uint64_t history_rows;     /**< stage-history rows entered on or before it */
  uint64_t pipelines;        /**< configured, whatever the day */
  uint64_t stages;           /**< configured, whatever the day (all pipelines) */
  double open_amount;        /**< amounts in the book's base currency */
  double weighted_amount;    /**< open deals x their stage's configured probability */
  double won_amount;         /**< deals won as of as_of_day (base currency) */
  double lost_amount;        /**< deals lost as of as_of_day (base currency) */
} pipecast_counts;

/** The pipecast_counts layout this header describes. */
#define PIPECAST_COUNTS_VERSION 1
/** A pipecast_counts of this header's layout, every count 0 and as_of_day
 * PIPECAST_NO_DAY, ready for pipecast_book_count. */
#define PIPECAST_COUNTS_INIT                                                  \
  { PIPECAST_COUNTS_VERSION, PIPECAST_NO_DAY, 0, 0, 0, 0, 0, 0, 0, 0,         \
    0.0, 0.0, 0.0, 0.0 }

/** Sets *counts to the defaults of layout `version`, those of
 * PIPECAST_COUNTS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_COUNTS_VERSION as the caller's header defines it: a host built
 * with an older header then gets its own, shorter layout. INVALID_ARGUMENT
 * (and *counts untouched) for counts NULL, version 0, or a version newer
 * than the library's. */
PIPECAST_API int pipecast_counts_init(pipecast_counts* counts, uint32_t version);

/** Fills *out with the counts of `book` as of the end of `as_of_day`, or as of
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

/* ------------------------------------------------------------------------ */
/* Logging.                                                                 */

/** @name Log levels
 * The `level` of a pipecast_log_fn call, as Python's logging numbers them. */
/** @{ */
/** The `level` a pipecast_log_fn is given (an int32_t). */
typedef enum pipecast_log_level {
  PIPECAST_LOG_DEBUG = 10, /**< details; this version sends none */
  PIPECAST_LOG_INFO = 20, /**< progress */
  PIPECAST_LOG_WARNING = 30, /**< a problem the call worked around (import warnings) */
  PIPECAST_LOG_ERROR = 40, /**< a problem that makes the call fail */
} pipecast_log_level;
/** @} */

/** Receives what a long call has to say while it runs: progress (INFO: each
 * file as it is parsed, with its size; the totals at the end), import
 * warnings (WARNING) and, when the call fails, each problem found (ERROR)
 * before the call returns its code.  `message` is UTF-8 and valid only during
 * the callback.  Called on the calling thread, before the call returns; it
 * must not throw or longjmp out, and must not free a handle the call uses.
 * There is no global logger: a callback is given per call, through the
 * options of the calls that take one, so two threads never share it unless
 * the host does so. */
typedef void (*pipecast_log_fn)(void* user_data, int32_t level, const char* message);

/* ------------------------------------------------------------------------ */
/* Loading and saving books.                                                */

/** How pipecast_book_load loads a book. */
typedef struct pipecast_load_options {
  uint32_t version; /**< PIPECAST_LOAD_OPTIONS_VERSION (set by the _INIT macro) */
  /** How a CRM's own export maps onto the interchange format, for a CSV
   * directory only: NULL or "" for the interchange format itself; otherwise
   * the path of a JSON mapping file or, when no such file exists, the name of
   * a built-in preset (such as "maven"), as with the CLI's --map. */
  const char* mapping;
  /** NULL for silence; otherwise told the import's progress, warnings and,
   * on failure, each problem (see pipecast_log_fn). */
  pipecast_log_fn log;
  /** Handed to `log` as its user_data; not touched by the library. */
  void* log_user_data;
  /** How many problems a failed import lists at most (0: the default, 100). */
  uint32_t max_errors;
} pipecast_load_options;

/** The pipecast_load_options layout this header describes. */
#define PIPECAST_LOAD_OPTIONS_VERSION 1
/** The default load options (interchange format, no log, at most 100
 * problems listed). */
#define PIPECAST_LOAD_OPTIONS_INIT { PIPECAST_LOAD_OPTIONS_VERSION, NULL, NULL, NULL, 0 }

/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_LOAD_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_LOAD_OPTIONS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_load_options_init(pipecast_load_options* options, uint32_t version);

/** Loads a book into a new handle *out.
 *
 * path: a directory in the CSV interchange format (stages.csv,
 *   opportunities.csv, stage_history.csv, optional products.csv, ...), or a
 *   snapshot file written by pipecast.
 * options: NULL for the defaults, or how to load it (see
 *   pipecast_load_options): the mapping of a CRM's own export onto the
 *   interchange format (CSV directories only), a log callback, the error
 *   limit.
 *
 * Import is all or nothing: on failure no book is made, *out is NULL and the
 * message lists every problem found.
 * Errors: INVALID_ARGUMENT (NULL path or out; a mapping for a path that is a
 * file, not a CSV directory; options->version 0 or newer than the
 * library's), NOT_FOUND (path does not
 * exist; the mapping is neither a preset nor a file), PARSE (bad CSV,
 * mapping or snapshot), IO, OUT_OF_MEMORY. */
PIPECAST_API int pipecast_book_load(const char* path, const pipecast_load_options* options, pipecast_book** out);

/** Loads the `count` parts of one book at `paths` (as `pipecast split`
 * writes them: part directories with their split_order.csv, or snapshots),
 * each read as pipecast_book_load reads it with `options`, and merges them
 * into one book in *out, as `pipecast merge` does: the parts of a split come
 * back in the order of the book split (the same book, its export byte for
 * byte), parts without an order one after another in the order given.  For
 * a process that needs the whole book of a split (a backtest on a cluster).
 * All or nothing.
 * Errors: INVALID_ARGUMENT (NULL paths or out, count 0, a NULL path),
 * NOT_FOUND, PARSE, IO (as pipecast_book_load; PARSE also for a
 * split_order.csv that does not fit its part), INVALID_DATA (parts of
 * different books, a deal in two parts, only some parts with an order: the
 * message names the parts by their paths), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_book_load_parts(const char* const* paths, size_t count,
                                          const pipecast_load_options* options, pipecast_book** out);

/** @name Snapshot formats
 * The `format` of pipecast_book_save_snapshot; pipecast_book_load reads
 * either. */
/** @{ */
/** The `format` of pipecast_book_save_snapshot (an int32_t). */
typedef enum pipecast_snapshot_format {
  PIPECAST_SNAPSHOT_BINARY = 0, /**< compact and fast; same kind of machine */
  PIPECAST_SNAPSHOT_TEXT = 1, /**< portable across byte orders and word sizes */
} pipecast_snapshot_format;
/** @} */

/** Writes `book` to a snapshot file at `path` (loaded back by
 * pipecast_book_load), atomically: a failure leaves any previous file intact.
 * A view is refused (INVALID_ARGUMENT): a view is a way of reading a book,
 * and the book it reads is what a file should keep.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL path, unknown format, a
 * view), IO. */
PIPECAST_API int pipecast_book_save_snapshot(const pipecast_book* book, const char* path,
                                             int32_t format);

/** Writes the book's canonical CSV files into `directory` (made if needed),
 * each through a temporary file renamed into place; loading them gives an
 * equal book.  A view is refused, as for snapshots.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL directory, a view), IO. */
PIPECAST_API int pipecast_book_export_csv(const pipecast_book* book, const char* directory);

/* ------------------------------------------------------------------------ */
/* Building a book from columnar arrays.                                    */

/** A book under construction: mutable, for one thread at a time.  Tables go in
 * by batches of rows in this order: stages, then FX rates, then products,
 * then opportunities, then history, line items and quotas (a later table
 * refers to an earlier one).  Each batch call is all or nothing: when one row
 * is refused, none of the batch is kept and the builder is as before the
 * call.  pipecast_builder_finish turns the builder into an immutable book. */
typedef struct pipecast_builder pipecast_builder;

/** @name Stage kinds
 * The values of pipecast_stage_columns.kind. */
/** @{ */
/** What a stage means for its deals: pipecast_stage_columns.kind (int32_t). */
typedef enum pipecast_stage_kind {
  PIPECAST_STAGE_OPEN = 0, /**< the deal is still being worked */
  PIPECAST_STAGE_WON = 1, /**< closed, won */
  PIPECAST_STAGE_LOST = 2, /**< closed, lost */
} pipecast_stage_kind;
/** @} */

/* The column structs below describe `count` rows given to one call: each
 * member points at an array of `count` values owned by the caller (read
 * during the call only).  Required columns must not be NULL when count > 0;
 * an optional column may be NULL (every row blank).  Within a text column a
 * NULL element or "" is blank; within an amount column NaN is blank; within a
 * date column PIPECAST_NO_DAY is blank. */

/** stages.csv: the stages of every pipeline (a pipeline exists once it has a
 * stage). */
typedef struct pipecast_stage_columns {
  uint32_t version; /**< PIPECAST_STAGE_COLUMNS_VERSION, as set by its _INIT macro or _init() */
  const char* const* pipeline;          /**< required */
  const char* const* stage;             /**< required; unique in its pipeline */
  const int32_t* order;                 /**< required; unique in its pipeline */
  const double* probability;            /**< required; 0..1, as configured in the CRM */
  const int32_t* kind;                  /**< required; PIPECAST_STAGE_OPEN/WON/LOST */
  const char* const* forecast_category; /**< optional */
} pipecast_stage_columns;

/** The pipecast_stage_columns layout this header describes. */
#define PIPECAST_STAGE_COLUMNS_VERSION 1
/** A pipecast_stage_columns of this header's version with every column NULL. */
#define PIPECAST_STAGE_COLUMNS_INIT { PIPECAST_STAGE_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_STAGE_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_STAGE_COLUMNS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_stage_columns_init(pipecast_stage_columns* columns, uint32_t version);

/** fx_rates.csv: one unit of `currency` in the base currency; the currency of
 * rate 1 is the base.  With FX rates, every currency a deal uses needs one;
 * without, a book has one currency. */
typedef struct pipecast_fx_rate_columns {
  /** PIPECAST_FX_RATE_COLUMNS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  const char* const* currency; /**< required */
  const double* rate;          /**< required; > 0 */
} pipecast_fx_rate_columns;

/** The pipecast_fx_rate_columns layout this header describes. */
#define PIPECAST_FX_RATE_COLUMNS_VERSION 1
/** A pipecast_fx_rate_columns of this header's version with every column NULL. */
#define PIPECAST_FX_RATE_COLUMNS_INIT { PIPECAST_FX_RATE_COLUMNS_VERSION, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_FX_RATE_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_FX_RATE_COLUMNS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_fx_rate_columns_init(pipecast_fx_rate_columns* columns, uint32_t version);

/** products.csv. */
typedef struct pipecast_product_columns {
  /** PIPECAST_PRODUCT_COLUMNS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  const char* const* product; /**< required; unique */
  const char* const* family;  /**< optional */
  const double* list_price;   /**< optional; >= 0 */
} pipecast_product_columns;

/** The pipecast_product_columns layout this header describes. */
#define PIPECAST_PRODUCT_COLUMNS_VERSION 1
/** A pipecast_product_columns of this header's version with every column NULL. */
#define PIPECAST_PRODUCT_COLUMNS_INIT { PIPECAST_PRODUCT_COLUMNS_VERSION, NULL, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_PRODUCT_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_PRODUCT_COLUMNS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_product_columns_init(pipecast_product_columns* columns, uint32_t version);

/** opportunities.csv: one row per deal, with its current state. */
typedef struct pipecast_opportunity_columns {
  /** PIPECAST_OPPORTUNITY_COLUMNS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  const char* const* id;        /**< required; unique in the book */
  const char* const* pipeline;  /**< optional when the book has one pipeline */
  const char* const* account;   /**< optional */
  const char* const* owner;     /**< optional */
  const char* const* product;   /**< optional */
  const char* const* source;    /**< optional */
  const char* const* segment;   /**< optional */
  const double* amount;         /**< optional; >= 0, in the deal's currency */
  const char* const* currency;  /**< optional; blank: the base currency */
  const int32_t* created;       /**< required; no blank */
  const int32_t* close_date;    /**< optional; expected for open deals, actual for closed */
  const char* const* stage;     /**< required; a stage of the deal's pipeline */
  /** Custom attributes (extra columns, e.g. "region" or "lost_reason"): the
   * names of attribute_count columns, and attribute_values[c][row] the value
   * of column c in a row (attribute_values[c] may be NULL: blank).  The first
   * batch of opportunities fixes the names; later batches must give the same
   * names in the same order. */
  size_t attribute_count;
  const char* const* attribute_names;           /**< attribute_count names */
  const char* const* const* attribute_values;   /**< [column][row] (see attribute_count) */
} pipecast_opportunity_columns;

/** The pipecast_opportunity_columns layout this header describes. */
#define PIPECAST_OPPORTUNITY_COLUMNS_VERSION 1
/** A pipecast_opportunity_columns of this header's version with every column
 * NULL, no attributes. */
#define PIPECAST_OPPORTUNITY_COLUMNS_INIT                                     \
  { PIPECAST_OPPORTUNITY_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, \
    NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_OPPORTUNITY_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_OPPORTUNITY_COLUMNS_VERSION as the caller's header defines it: a
 * host built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_opportunity_columns_init(pipecast_opportunity_columns* columns, uint32_t version);

/** stage_history.csv: one row each time a deal entered a stage, its first
 * stage included, in any order (the book sorts them by deal and day; rows of
 * one deal entered the same day keep their order). */
typedef struct pipecast_history_columns {
  /** PIPECAST_HISTORY_COLUMNS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  const char* const* opportunity_id; /**< required; a deal already added */
  const char* const* stage;          /**< required; a stage of the deal's pipeline */
  const int32_t* entered;            /**< required; no blank */
  const double* amount;              /**< optional; the amount from this change on */
  const int32_t* close_date;         /**< optional; the close date from this change on */
  /** Custom attributes of history rows, as for opportunities: their count,
   * fixed by the first batch of history. */
  size_t attribute_count;
  const char* const* attribute_names;           /**< attribute_count names */
  const char* const* const* attribute_values;   /**< [column][row] (see attribute_count) */
} pipecast_history_columns;

/** The pipecast_history_columns layout this header describes. */
#define PIPECAST_HISTORY_COLUMNS_VERSION 1
/** A pipecast_history_columns of this header's version with every column NULL, no
 * attributes. */
#define PIPECAST_HISTORY_COLUMNS_INIT \
  { PIPECAST_HISTORY_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_HISTORY_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_HISTORY_COLUMNS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_history_columns_init(pipecast_history_columns* columns, uint32_t version);

/** line_items.csv: the products of a deal. */
typedef struct pipecast_line_item_columns {
  /** PIPECAST_LINE_ITEM_COLUMNS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  const char* const* opportunity_id; /**< required */
  const char* const* product;        /**< required */
  const double* quantity;            /**< required; >= 0 */
  const double* unit_price;          /**< required; >= 0, in the deal's currency */
} pipecast_line_item_columns;

/** The pipecast_line_item_columns layout this header describes. */
#define PIPECAST_LINE_ITEM_COLUMNS_VERSION 1
/** A pipecast_line_item_columns of this header's version with every column NULL. */
#define PIPECAST_LINE_ITEM_COLUMNS_INIT { PIPECAST_LINE_ITEM_COLUMNS_VERSION, NULL, NULL, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_LINE_ITEM_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_LINE_ITEM_COLUMNS_VERSION as the caller's header defines it: a
 * host built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_line_item_columns_init(pipecast_line_item_columns* columns, uint32_t version);

/** quotas.csv. */
typedef struct pipecast_quota_columns {
  uint32_t version; /**< PIPECAST_QUOTA_COLUMNS_VERSION, as set by its _INIT macro or _init() */
  const char* const* owner;  /**< required; "*" for the whole team */
  const char* const* period; /**< required; 2024-07, 2024-Q3, 2024, FY2025, FY2025-Q1, A..B */
  const double* amount;      /**< required; >= 0, in the base currency */
} pipecast_quota_columns;

/** The pipecast_quota_columns layout this header describes. */
#define PIPECAST_QUOTA_COLUMNS_VERSION 1
/** A pipecast_quota_columns of this header's version with every column NULL. */
#define PIPECAST_QUOTA_COLUMNS_INIT { PIPECAST_QUOTA_COLUMNS_VERSION, NULL, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_QUOTA_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_QUOTA_COLUMNS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_quota_columns_init(pipecast_quota_columns* columns, uint32_t version);

/** activities.csv: the calls, emails, meetings and tasks of a deal or, with
 * no deal, of an account, in any order (the book sorts them by deal, then
 * account, and day; rows of one day keep their order).  An activity exists
 * from its date on: a view as of a day shows those dated on or before it. */
typedef struct pipecast_activity_columns {
  /** PIPECAST_ACTIVITY_COLUMNS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  const char* const* opportunity_id; /**< a deal already added; blank (or NULL): an account's activity */
  const char* const* account;        /**< an account's activity: an account a deal has; with a deal, blank or the deal's */
  const char* const* type;           /**< required ("call", "email", "meeting", ...) */
  const int32_t* date;               /**< required; no blank; may precede the deal's creation */
  const char* const* owner;          /**< optional: who did it */
  const double* duration_minutes;    /**< optional; >= 0; NaN: blank */
  const char* const* direction;      /**< optional: "in", "out" or blank */
  const char* const* outcome;        /**< optional */
} pipecast_activity_columns;

/** The pipecast_activity_columns layout this header describes. */
#define PIPECAST_ACTIVITY_COLUMNS_VERSION 1
/** A pipecast_activity_columns of this header's version with every column NULL. */
#define PIPECAST_ACTIVITY_COLUMNS_INIT \
  { PIPECAST_ACTIVITY_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
/** Sets *columns to the defaults of layout `version`, those of
 * PIPECAST_ACTIVITY_COLUMNS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_ACTIVITY_COLUMNS_VERSION as the caller's header defines it: a
 * host built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *columns untouched) for columns NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_activity_columns_init(pipecast_activity_columns* columns, uint32_t version);

/** The most rows one batch may hold (counts above it are refused: a negative
 * number converted to size_t lands there). */
#define PIPECAST_MAX_BATCH_ROWS ((size_t)0x7fffffff)

/** A new empty builder.  Errors: INVALID_ARGUMENT (NULL out), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_builder_new(pipecast_builder** out);

/** Frees a builder (finished or not).  Accepts NULL. */
PIPECAST_API void pipecast_builder_free(pipecast_builder* builder);

/** Adds `count` rows of stages.csv, the first table (0 is allowed and does
 * nothing, but still checks the handle and the struct).  All or nothing.
 * The other pipecast_builder_add_ functions work alike, each for its table.
 * Errors: INVALID_ARGUMENT (NULL or dead builder, a finished builder, NULL
 * columns, columns->version 0 or too new, a required column NULL with count
 * > 0, count > PIPECAST_MAX_BATCH_ROWS, a table out of order such as stages
 * after opportunities, attribute names that differ from the first batch's),
 * INVALID_DATA (a row: "opportunities row 17, field stage: unknown stage
 * 'X' in pipeline 'Sales' (known: Lead, Won, Lost)"), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_builder_add_stages(pipecast_builder* builder,
                                             const pipecast_stage_columns* columns, size_t count);
/** Adds `count` rows of fx_rates.csv, before any opportunity; as
 * pipecast_builder_add_stages (INVALID_DATA: a blank currency, a rate that
 * is not a positive number, a currency given twice). */
PIPECAST_API int pipecast_builder_add_fx_rates(pipecast_builder* builder,
                                               const pipecast_fx_rate_columns* columns, size_t count);
/** Adds `count` rows of products.csv; as pipecast_builder_add_stages. */
PIPECAST_API int pipecast_builder_add_products(pipecast_builder* builder,
                                               const pipecast_product_columns* columns, size_t count);
/** Adds `count` deals (opportunities.csv), once the stages are in; as
 * pipecast_builder_add_stages.  The first batch fixes the attribute names. */
PIPECAST_API int pipecast_builder_add_opportunities(pipecast_builder* builder,
                                                    const pipecast_opportunity_columns* columns,
                                                    size_t count);
/** Adds `count` rows of stage_history.csv for deals already added; as
 * pipecast_builder_add_stages.  The first batch fixes the attribute names. */
PIPECAST_API int pipecast_builder_add_history(pipecast_builder* builder,
                                              const pipecast_history_columns* columns, size_t count);
/** Adds `count` rows of line_items.csv for deals already added; as
 * pipecast_builder_add_stages. */
PIPECAST_API int pipecast_builder_add_line_items(pipecast_builder* builder,
                                                 const pipecast_line_item_columns* columns,
                                                 size_t count);
/** Adds `count` rows of quotas.csv; as pipecast_builder_add_stages. */
PIPECAST_API int pipecast_builder_add_quotas(pipecast_builder* builder,
                                             const pipecast_quota_columns* columns, size_t count);

/** Adds `count` rows of activities.csv for deals (or accounts of deals)
 * already added; as pipecast_builder_add_stages (INVALID_DATA: an unknown
 * deal or account, both blank, a deal's activity naming another account, a
 * blank type or date, a negative duration, a direction other than "in",
 * "out" or blank: "activities row 3, field direction: 'inbound' is not a
 * direction (expected in, out or blank)"). */
PIPECAST_API int pipecast_builder_add_activities(pipecast_builder* builder,
                                                 const pipecast_activity_columns* columns, size_t count);

/** Sorts the history and the activities and makes the book: *out is a new book handle, and the
 * builder is spent (further calls on it fail; it must still be freed).
 * Errors: INVALID_ARGUMENT (NULL or dead builder, NULL out, a builder
 * already finished), INVALID_DATA (a book without stages), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_builder_finish(pipecast_builder* builder, pipecast_book** out);

/* ------------------------------------------------------------------------ */
/* As-of views and book facts.                                              */

/** The book as it was known at the end of `day` (the as-of rule of docs/architecture.md): the
 * deals created on or before it, each with the stage, amount and close date
 * of its last history row entered on or before it.  *out is a new handle of
 * the same type as a book, accepted by every function that reads a book;
 * their as_of_day then defaults to `day` and may not be later.  Making a view
 * is cheap (no data is copied) and the view keeps the book's data alive.  A
 * view of a view must not be later than the first.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out, day PIPECAST_NO_DAY
 * or outside PIPECAST_DAY_MIN..PIPECAST_DAY_MAX, a day after the view's). */
PIPECAST_API int pipecast_book_as_of(const pipecast_book* book, int32_t day, pipecast_book** out);

/** The day of a view, or PIPECAST_NO_DAY for a whole book.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out). */
PIPECAST_API int pipecast_book_view_day(const pipecast_book* book, int32_t* out_day);

/** The latest day the book knows of (creations, stage changes, closings); for
 * a view, its day; PIPECAST_NO_DAY for an empty book.  What as_of_day
 * PIPECAST_NO_DAY means everywhere.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out). */
PIPECAST_API int pipecast_book_latest_day(const pipecast_book* book, int32_t* out_day);

/** The currency of every amount the library reports ("" when the book does
 * not say); valid while the book (or a view of it) lives.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out). */
PIPECAST_API int pipecast_book_currency(const pipecast_book* book, const char** out);

/* ------------------------------------------------------------------------ */
/* Results: tables and JSON.                                                */

/** A table of results: rows and typed, named columns.  Immutable. */
typedef struct pipecast_table pipecast_table;

/** What a computation returns: a JSON document and named tables (the same
 * figures, flattened for arrays and data frames).  Immutable; tables and
 * JSON text are made on first request (thread safe). */
typedef struct pipecast_result pipecast_result;

/** The type of a result table's column (pipecast_table_column_type, an int32_t). */
typedef enum pipecast_column_type {
  PIPECAST_TYPE_INT64 = 1, /**< read with the _int64 functions */
  PIPECAST_TYPE_DOUBLE = 2, /**< NaN: not known */
  PIPECAST_TYPE_TEXT = 3, /**< UTF-8, never NULL */
  PIPECAST_TYPE_DAY = 4, /**< int32_t day numbers; PIPECAST_NO_DAY: none */
  PIPECAST_TYPE_BOOL = 5, /**< 0 or 1, read with the _int64 functions */
} pipecast_column_type;

/** What a numeric column measures (pipecast_table_column_unit, an int32_t). */
typedef enum pipecast_unit {
  PIPECAST_UNIT_NONE = 0, /**< text, a label, a plain number or a statistic */
  PIPECAST_UNIT_COUNT = 1, /**< a whole number of things (deals, steps) */
  PIPECAST_UNIT_CURRENCY = 2, /**< an amount in the book's currency (pipecast_book_currency) */
  PIPECAST_UNIT_DAYS = 3, /**< a duration in days */
  PIPECAST_UNIT_FRACTION = 4, /**< a rate or share between 0 and 1 */
} pipecast_unit;

/** The most indentation JSON text may have (indent -1: one line). */
#define PIPECAST_JSON_MAX_INDENT 16

/** Frees a table.  Accepts NULL.  Text read from it is invalid afterwards. */
PIPECAST_API void pipecast_table_free(pipecast_table* table);

/** The table's name (e.g. "funnel"); valid while the table lives.
 * Errors: INVALID_ARGUMENT (NULL or dead table, NULL out). */
PIPECAST_API int pipecast_table_name(const pipecast_table* table, const char** out);

/** Rows and columns.  Errors: INVALID_ARGUMENT (NULL or dead table, NULL
 * out pointer). */
PIPECAST_API int pipecast_table_shape(const pipecast_table* table, size_t* out_rows,
                                      size_t* out_columns);

/** A column's name (valid while the table lives).
 * Errors: INVALID_ARGUMENT (NULL or dead table, NULL out, column out of
 * range). */
PIPECAST_API int pipecast_table_column_name(const pipecast_table* table, size_t column,
                                            const char** out);
/** A column's type, a PIPECAST_TYPE_ value.  Errors as
 * pipecast_table_column_name. */
PIPECAST_API int pipecast_table_column_type(const pipecast_table* table, size_t column,
                                            int32_t* out_type);
/** A column's unit, a PIPECAST_UNIT_ value.  Errors as
 * pipecast_table_column_name. */
PIPECAST_API int pipecast_table_column_unit(const pipecast_table* table, size_t column,
                                            int32_t* out_unit);

/** The index of the column named `name`.
 * Errors: INVALID_ARGUMENT (NULL or dead table, NULL name or out), NOT_FOUND
 * (no such column; the message lists the columns). */
PIPECAST_API int pipecast_table_find_column(const pipecast_table* table, const char* name,
                                            size_t* out_column);

/** One cell.  The getter must match the column's type (_int64 for INT64 and
 * BOOL columns).  A text cell is valid while the table lives.
 * Errors: INVALID_ARGUMENT (NULL or dead table, NULL out, row or column out
 * of range, a getter of another type: the message names the column's type);
 * on failure *out is left unchanged. */
PIPECAST_API int pipecast_table_get_int64(const pipecast_table* table, size_t row, size_t column,
                                          int64_t* out);
/** One cell of a DOUBLE column (NaN: not known); as
 * pipecast_table_get_int64. */
PIPECAST_API int pipecast_table_get_double(const pipecast_table* table, size_t row, size_t column,
                                           double* out);
/** One cell of a DAY column (PIPECAST_NO_DAY: none); as
 * pipecast_table_get_int64. */
PIPECAST_API int pipecast_table_get_day(const pipecast_table* table, size_t row, size_t column,
                                        int32_t* out);
/** One cell of a TEXT column: never NULL, valid while the table lives; as
 * pipecast_table_get_int64. */
PIPECAST_API int pipecast_table_get_text(const pipecast_table* table, size_t row, size_t column,
                                         const char** out);

/** Copies rows first_row .. first_row + count - 1 of a column into the
 * caller's array out[0..count) (text: pointers valid while the table lives).
 * count 0 copies nothing (out may then be NULL).
 * Errors: INVALID_ARGUMENT (NULL or dead table, NULL out with count > 0, a
 * type mismatch, column out of range, rows past the end: the message gives
 * the number of rows). */
PIPECAST_API int pipecast_table_read_int64(const pipecast_table* table, size_t column,
                                           size_t first_row, int64_t* out, size_t count);
/** Rows of a DOUBLE column; as pipecast_table_read_int64. */
PIPECAST_API int pipecast_table_read_double(const pipecast_table* table, size_t column,
                                            size_t first_row, double* out, size_t count);
/** Rows of a DAY column; as pipecast_table_read_int64. */
PIPECAST_API int pipecast_table_read_day(const pipecast_table* table, size_t column,
                                         size_t first_row, int32_t* out, size_t count);
/** Rows of a TEXT column: pointers owned by the table, valid while it
 * lives; as pipecast_table_read_int64. */
PIPECAST_API int pipecast_table_read_text(const pipecast_table* table, size_t column,
                                          size_t first_row, const char** out, size_t count);

/** JSON text into a caller's buffer, the convention of every _json function:
 * *out_size is set to the length of the text (without its NUL) whatever
 * happens; when buf_size > *out_size the text and a NUL are written into buf,
 * otherwise BUFFER_TOO_SMALL is returned and buf, when buf_size > 0, holds "".
 * Ask with buf NULL and buf_size 0, then call again with *out_size + 1 bytes:
 * the text is made once and kept for the second call.  indent: -1 for one
 * line, 0..PIPECAST_JSON_MAX_INDENT spaces per level.
 * A table's JSON is an array of one object per row, keyed by column name;
 * days are "YYYY-MM-DD", NaN and PIPECAST_NO_DAY are null, BOOL is true/false.
 * Errors: INVALID_ARGUMENT (NULL or dead table, NULL out_size, NULL buf with
 * buf_size > 0, indent out of range), BUFFER_TOO_SMALL. */
PIPECAST_API int pipecast_table_json(const pipecast_table* table, int32_t indent, char* buf,
                                     size_t buf_size, size_t* out_size);

/** Frees a result.  Accepts NULL.  Tables taken from it
 * (pipecast_result_table) stay valid. */
PIPECAST_API void pipecast_result_free(pipecast_result* result);

/** What kind of result this is ("report", "lead_plan"); static string.
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out). */
PIPECAST_API int pipecast_result_kind(const pipecast_result* result, const char** out);

/** The result's JSON document (section NULL or ""), or one of its top-level
 * members (section "funnel": the value of the key "funnel", for a report
 * the rows of its table "funnel").  Buffer
 * convention as pipecast_table_json.
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out_size, NULL buf
 * with buf_size > 0, indent out of range), NOT_FOUND (no such section; the
 * message lists them), BUFFER_TOO_SMALL. */
PIPECAST_API int pipecast_result_json(const pipecast_result* result, const char* section,
                                      int32_t indent, char* buf, size_t buf_size,
                                      size_t* out_size);

/** How many tables the result has (their names: pipecast_result_table_name).
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out). */
PIPECAST_API int pipecast_result_table_count(const pipecast_result* result, size_t* out_count);
/** The name of the result's table at `index` (a static string).
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out, index out of
 * range). */
PIPECAST_API int pipecast_result_table_name(const pipecast_result* result, size_t index,
                                            const char** out);

/** The table `name` of the result, as a new handle (free it with
 * pipecast_table_free; it stays valid after the result is freed).
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL name or out),
 * NOT_FOUND (no such table; the message lists them), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_result_table(const pipecast_result* result, const char* name,
                                       pipecast_table** out);

/** How many charts the HTML report draws of this result
 * (pipecast_result_chart): for a report, each pipeline's funnel and time in
 * stage, each field's win rates and the products, where the page has them;
 * for a forecast, its fan; none for other results.
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out_count). */
PIPECAST_API int pipecast_result_chart_count(const pipecast_result* result, size_t* out_count);
/** The chart at `index`: its name ("funnel/PIPELINE", "time_in_stage/PIPELINE",
 * "win_rate/FIELD", "products", "forecast") and its SVG, the very `<svg>`
 * element of `pipecast report --html`, self-contained (its styles inside,
 * no script, nothing loaded), UTF-8.  Both strings belong to the result and
 * stay valid until it is freed.
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out_name or out_svg,
 * index out of range). */
PIPECAST_API int pipecast_result_chart(const pipecast_result* result, size_t index,
                                       const char** out_name, const char** out_svg);

/** Every deal of a book as known at its day (a view's day; for a whole book,
 * its latest day, pipecast_book_latest_day), as a new table "opportunities"
 * (free it with pipecast_table_free; it stays valid after the book is
 * freed).  One row per deal created on or before the day, in the book's
 * order, with the values of the as-of rule (pipecast_book_as_of): a stage
 * entered after the day shows as the stage before it.  Columns, named as in
 * opportunities.csv where it has the field (docs/format.md): id, pipeline,
 * account, owner, product, source, segment (TEXT); amount (DOUBLE, in the
 * deal's currency, so PIPECAST_UNIT_NONE; NaN when blank); currency (TEXT,
 * "" for the base currency); created (DAY); close_date (DAY: expected while
 * open, actual once closed; PIPECAST_NO_DAY when blank); stage (TEXT);
 * status (TEXT: "open", "won" or "lost"); closed_on (DAY: the day a closed
 * deal entered its closing stage, PIPECAST_NO_DAY while open);
 * amount_in_base (DOUBLE, PIPECAST_UNIT_CURRENCY); then the custom
 * attributes (TEXT), in file order: one named like a column above, or like
 * an earlier attribute, takes "_" until no column has its name.  An empty
 * book gives no rows.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_book_opportunities(const pipecast_book* book, pipecast_table** out);

/* ------------------------------------------------------------------------ */
/* Analytics.                                                               */

/** @name Period lengths
 * Creation cohorts and trend periods (pipecast_scope_options.cohort), and the
 * backtest's horizon (pipecast_backtest_options.horizon). */
/** @{ */
/** The length of a period in options (an int32_t field). */
typedef enum pipecast_period_kind {
  PIPECAST_PERIOD_MONTH = 0, /**< calendar months */
  PIPECAST_PERIOD_QUARTER = 1, /**< calendar quarters (fiscal quarters are not offered here) */
} pipecast_period_kind;
/** @} */

/** What an analysis looks at (the CLI's --as-of, --period, --pipeline,
 * --filter, --cohort, --trend-periods, --fiscal-start). */
typedef struct pipecast_scope_options {
  uint32_t version; /**< PIPECAST_SCOPE_OPTIONS_VERSION, as set by its _INIT macro or _init() */
  /** The day figures are as of; PIPECAST_NO_DAY: the book's latest day (a
   * view's day).  Not after a view's day. */
  int32_t as_of_day;
  /** The period reported on: "2024-07", "2024-Q3", "2024", "FY2025",
   * "FY2025-Q1", "2024-07-01..2024-09-30"; NULL or "": the calendar quarter
   * of the as-of day. */
  const char* period;
  /** One pipeline by name; NULL or "": every pipeline. */
  const char* pipeline;
  /** Keep only the deals whose filter_fields[i] (account, owner, product,
   * source, segment, or a custom attribute) equals filter_values[i], for
   * every i < filter_count. */
  size_t filter_count;
  const char* const* filter_fields;  /**< filter_count field names */
  const char* const* filter_values;  /**< filter_count values, one per field */
  /** Creation cohorts and trend periods: PIPECAST_PERIOD_MONTH or _QUARTER. */
  int32_t cohort;
  /** How many periods trends look back (1..120). */
  int32_t trend_periods;
  /** First month of the fiscal year (1..12), for FY periods. */
  int32_t fiscal_start_month;
} pipecast_scope_options;

/** The pipecast_scope_options layout this header describes. */
#define PIPECAST_SCOPE_OPTIONS_VERSION 1
/** A pipecast_scope_options of this header's version with the CLI's defaults: the
 * latest day, the as-of day's quarter, every pipeline, no filters, monthly
 * cohorts, 4 trend periods, fiscal year from January. */
#define PIPECAST_SCOPE_OPTIONS_INIT                                                  \
  { PIPECAST_SCOPE_OPTIONS_VERSION, PIPECAST_NO_DAY, NULL, NULL, 0, NULL, NULL, \
    PIPECAST_PERIOD_MONTH, 4, 1 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_SCOPE_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_SCOPE_OPTIONS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_scope_options_init(pipecast_scope_options* options, uint32_t version);

/** @name Report sections
 * Bits of pipecast_report_options.sections, one per analysis. */
/** @{ */
/** Sections of a report, as bits of pipecast_report_options.sections (a
 * uint32_t): OR them together. */
typedef enum pipecast_section {
  PIPECAST_SECTION_FUNNEL = 0x01u, /**< funnel (and funnel cohorts) */
  PIPECAST_SECTION_VELOCITY = 0x02u, /**< time in stage, trends, cycles */
  PIPECAST_SECTION_STALLED = 0x04u, /**< stalled and overdue deals */
  PIPECAST_SECTION_PATTERNS = 0x08u, /**< win/loss patterns, lost reasons */
  PIPECAST_SECTION_SALES_VELOCITY = 0x10u, /**< value per day, by segment */
  PIPECAST_SECTION_COVERAGE = 0x20u, /**< pipeline coverage of quotas */
  PIPECAST_SECTION_PRODUCTS = 0x40u, /**< product potential */
  PIPECAST_SECTION_CROSS_SELL = 0x80u, /**< cross-sell candidates */
  PIPECAST_SECTION_ALL = 0xffu, /**< every section */
} pipecast_section;
/** @} */

/** How the report's analyses run (the defaults are the CLI's). */
typedef struct pipecast_report_options {
  /** PIPECAST_REPORT_OPTIONS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  /** Which analyses to compute (PIPECAST_SECTION_* bits): the others cost
   * nothing and are absent from the JSON and the tables. */
  uint32_t sections;
  /** Fields of the win/loss patterns (dimension or custom attribute names):
   * how many; 0: owner, product, source, segment. */
  size_t group_by_count;
  const char* const* group_by; /**< group_by_count field names */
  /** Stalled deals: days allowed in stall_stages[i] (an open stage's name, in
   * every pipeline that has it) is stall_days[i] (>= 0); other stages use the
   * p90 of their completed stays when there are stall_min_sample of them.
   * stall_count: how many stages are given. */
  size_t stall_count;
  const char* const* stall_stages; /**< stall_count open stage names */
  const double* stall_days;        /**< stall_count day limits, >= 0 */
  /** Completed stays a stage needs for its p90 to be its limit (default 20). */
  uint64_t stall_min_sample;
  /** Win/loss patterns: closed deals a value (and the rest) needs to rank
   * among the strongest (default 30). */
  uint64_t pattern_min_closed;
  /** Win/loss patterns: how many strongest are listed each way (default 5). */
  uint64_t pattern_top;
  /** Product potential: prior weight of the overall win rate, in closed deals
   * (default 20). */
  double product_prior_deals;
  /** Product potential: the relative change per period below which a trend
   * is flat (default 0.05). */
  double product_flat_band;
  /** Product potential: the score bonus of a growing trend, and malus of a
   * shrinking one (default 0.2: x 1.2, x 0.8). */
  double product_trend_weight;
  /** Cross-sell: candidates per account (default 5). */
  uint64_t cross_sell_top_k;
  /** Cross-sell: one account instead of every buying account (NULL or "":
   * every one); not with cross_sell_deal. */
  const char* cross_sell_account;
  /** Cross-sell: the account of this deal (id), counting the deal's products
   * as bought (NULL or "": none); not with cross_sell_account. */
  const char* cross_sell_deal;
  /** Cross-sell: the least support (accounts that bought both) of a pair
   * (default 3). */
  uint64_t cross_sell_min_support;
  /** Cross-sell: how many purchases the segment base rate is worth in the
   * score (>= 0, default 1). */
  double cross_sell_blend;
  /** Cross-sell: rows of the pair table (0: all; default 20). */
  uint64_t cross_sell_max_pairs;
} pipecast_report_options;

/** The pipecast_report_options layout this header describes. */
#define PIPECAST_REPORT_OPTIONS_VERSION 1
/** A pipecast_report_options of this header's version with the CLI's defaults:
 * every section, with the default settings listed at each field. */
#define PIPECAST_REPORT_OPTIONS_INIT                                           \
  { PIPECAST_REPORT_OPTIONS_VERSION, PIPECAST_SECTION_ALL, 0, NULL, 0, NULL, \
    NULL, 20, 30, 5, 20.0, 0.05, 0.2, 5, NULL, NULL, 3, 1.0, 20 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_REPORT_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_REPORT_OPTIONS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_report_options_init(pipecast_report_options* options, uint32_t version);

/** The pipeline report (what `pipecast report --format json` prints): a
 * result of kind "report".  scope and options may be NULL (defaults).
 * Tables, each listed only when its section is computed (summary always):
 * summary; funnel, funnel_cohorts; velocity, velocity_trend, cycles;
 * stalled_summary, stalled, stalled_thresholds; patterns_summary, patterns,
 * patterns_top, lost_reasons; sales_velocity; coverage; products_summary,
 * products, product_families, product_trends; cross_sell_summary,
 * cross_sell_products, cross_sell_segments, cross_sell_pairs, cross_sell,
 * cross_sell_purchases.  The JSON document is those tables: each one's rows
 * under its name ({"summary": [{...}], "funnel": [...], ...}), so a section
 * of pipecast_result_json is a table's name.  Each describes its
 * columns (pipecast_table_column_name, _type, _unit); docs/tables.md lists
 * them.  A rate `r` spreads over r, r_low, r_high, r_successes, r_trials, a
 * distribution `d` over d_count, d_mean, d_median, d_p75, d_p90, a period `p`
 * over p, p_first, p_last.  They are the tables of `pipecast report --format
 * csv`, value for value.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out, a struct's version
 * 0 or too new, options out of range, an as-of day after a view's, a bad
 * period, text that is not UTF-8, both a cross-sell account and deal, an
 * account without deals in scope, an empty book without as_of_day),
 * NOT_FOUND (an unknown pipeline, filter or pattern field, stall stage or
 * cross-sell deal id; the message lists the known ones), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_report(const pipecast_book* book, const pipecast_scope_options* scope,
                                 const pipecast_report_options* options, pipecast_result** out);

/** The lead plan (reverse funnel) for a revenue target. */
typedef struct pipecast_lead_plan_options {
  /** PIPECAST_LEAD_PLAN_OPTIONS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  double target;           /**< revenue for the scope's period, base currency, >= 0 */
  int32_t learn_from_day;  /**< history: deals created on or after it (NO_DAY: all) */
  int32_t learn_until_day; /**< ... and on or before it (NO_DAY: the as-of day) */
} pipecast_lead_plan_options;

/** The pipecast_lead_plan_options layout this header describes. */
#define PIPECAST_LEAD_PLAN_OPTIONS_VERSION 1
/** A pipecast_lead_plan_options of this header's version with a target of 0 (set
 * one), learning from every deal up to the as-of day. */
#define PIPECAST_LEAD_PLAN_OPTIONS_INIT \
  { PIPECAST_LEAD_PLAN_OPTIONS_VERSION, 0.0, PIPECAST_NO_DAY, PIPECAST_NO_DAY }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_LEAD_PLAN_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_LEAD_PLAN_OPTIONS_VERSION as the caller's header defines it: a
 * host built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_lead_plan_options_init(pipecast_lead_plan_options* options, uint32_t version);

/** The lead plan (what `pipecast plan --format json` prints): a result of kind
 * "lead_plan".  options must not be NULL (it carries the target).
 * Tables (and the JSON document, each table's rows under its name): lead_plan (one row: the plan's figures), lead_plan_pipelines and
 * lead_plan_stages, described as pipecast_report's (docs/tables.md lists the
 * columns); those of `pipecast plan --format csv`.
 * Errors: as pipecast_report, and INVALID_ARGUMENT for a negative or
 * non-finite target. */
PIPECAST_API int pipecast_lead_plan(const pipecast_book* book, const pipecast_scope_options* scope,
                                    const pipecast_lead_plan_options* options,
                                    pipecast_result** out);

/** What worked (the first three tables of `pipecast activities --format
 * json`, with the library's default options: a 14-day window, 20 stays a
 * side, q < 0.05; pipecast_worklist gives the rest): for
 * each open stage, the activity types, sequences of two or three and final
 * silences of the stays that advanced compared with those that were lost,
 * as associations, with Benjamini-Hochberg q-values, and a playbook per
 * stage (docs/analytics.md).  A result of kind "activity_effects".
 * Tables (and the JSON document, each table's rows under its name):
 * activity_effects (one row), activity_stages and activity_comparisons
 * (docs/tables.md lists the columns); those of `pipecast activities
 * --format csv`.  scope may be NULL (the book's latest day, every pipeline).
 * Errors: as pipecast_report. */
PIPECAST_API int pipecast_activity_effects(const pipecast_book* book, const pipecast_scope_options* scope,
                                           pipecast_result** out);

/* ------------------------------------------------------------------------ */
/* Forecasting: models, scores, period forecasts.                           */

/** A fitted forecast model.  Immutable once made: any number of threads may
 * use one at once (pipecast_score, pipecast_forecast, the _model_ getters),
 * and it may outlive the book it was fitted on (it keeps no reference to
 * it).  Made by pipecast_fit, pipecast_model_load or
 * pipecast_model_from_callback; freed by pipecast_model_free. */
typedef struct pipecast_model pipecast_model;

/** How pipecast_fit fits (the CLI's --model and --as-of). */
typedef struct pipecast_fit_options {
  uint32_t version; /**< PIPECAST_FIT_OPTIONS_VERSION, as set by its _INIT macro or _init() */
  /** "crm", "stage", "markov", "logistic" or "auto"; NULL or "": "auto". */
  const char* model;
  /** Fit on what was known at the end of this day; PIPECAST_NO_DAY: the
   * book's latest day (a view's day).  Not after a view's day. */
  int32_t as_of_day;
  /** NULL for silence; otherwise told (INFO) what is fitted and, at the end,
   * the model's description (for auto: which model it chose, and why). */
  pipecast_log_fn log;
  /** Handed to `log` as its user_data; not touched by the library. */
  void* log_user_data;
  /** Since version 2.  1 (the default, and what version 1 fits with):
   * logistic, and auto's logistic, read the deals' activities (recency,
   * silence, counts by type; docs/forecasting.md, "Activity features") when
   * the book has activities; 0: they do not (the CLI's --no-activities).
   * Other values are INVALID_ARGUMENT.  The other models never read
   * activities. */
  uint32_t activities;
} pipecast_fit_options;

/** The pipecast_fit_options layout this header describes. */
#define PIPECAST_FIT_OPTIONS_VERSION 2
/** A pipecast_fit_options of this header's version with auto, as of the
 * latest day, no log, with the activities. */
#define PIPECAST_FIT_OPTIONS_INIT { PIPECAST_FIT_OPTIONS_VERSION, NULL, PIPECAST_NO_DAY, NULL, NULL, 1 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_FIT_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_FIT_OPTIONS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_fit_options_init(pipecast_fit_options* options, uint32_t version);

/** Fits a model on `book` (or a view) as of a day: only what was known then
 * is read.  options may be NULL (auto, as of the latest day).  The fit runs
 * on one thread per hardware thread, at most pipecast_set_max_threads's cap;
 * the model is the same whatever the count.
 * Errors: INVALID_ARGUMENT (NULL or dead book, NULL out, options->version 0
 * or too new, an as-of day out of range or after a view's, an empty book
 * without as_of_day, options->activities neither 0 nor 1), NOT_FOUND (an
 * unknown model name; the message lists the known ones), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_fit(const pipecast_book* book, const pipecast_fit_options* options,
                              pipecast_model** out);

/** Frees a model.  Accepts NULL. */
PIPECAST_API void pipecast_model_free(pipecast_model* model);

/** An immutable blob of bytes made by the library: a model
 * (pipecast_model_to_bytes), a request of a fit from parts, statistics of
 * parts, or a part's share of a forecast.  Its bytes (pipecast_bytes_data) may be
 * copied anywhere (to another process, a file) and handed back to any
 * function taking a blob; they are sealed (a magic, a format version, a
 * checksum), so a damaged, truncated or foreign blob is refused with
 * PIPECAST_ERROR_PARSE.  Freed by pipecast_bytes_free. */
typedef struct pipecast_bytes pipecast_bytes;

/** The bytes of a blob: *out_data points at *out_size bytes, valid while the
 * blob lives.
 * Errors: INVALID_ARGUMENT (NULL or dead bytes, NULL out_data or out_size). */
PIPECAST_API int pipecast_bytes_data(const pipecast_bytes* bytes, const void** out_data, size_t* out_size);

/** Frees a blob.  Accepts NULL. */
PIPECAST_API void pipecast_bytes_free(pipecast_bytes* bytes);

/** Writes a fitted model to `path` (a sealed, checksummed file, written
 * atomically: a failure leaves any previous file intact), for
 * pipecast_model_load and the CLI's --model-file.
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL path, a callback model:
 * its probabilities come from the host and cannot be saved), IO. */
PIPECAST_API int pipecast_model_save(const pipecast_model* model, const char* path);

/** Loads a model written by pipecast_model_save (or `pipecast fit`).  It
 * scores any book with the same pipeline and stage names.
 * Errors: INVALID_ARGUMENT (NULL path or out), NOT_FOUND (no such file),
 * PARSE (not a model file, damaged, or of a newer format), IO. */
PIPECAST_API int pipecast_model_load(const char* path, pipecast_model** out);

/** The model as bytes: what pipecast_model_save writes to a file, to send
 * elsewhere (another process, a worker of a cluster) without a file.  Free
 * them with pipecast_bytes_free.
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL out, a callback model). */
PIPECAST_API int pipecast_model_to_bytes(const pipecast_model* model, pipecast_bytes** out);

/** A model from `size` bytes at `data`, as pipecast_model_to_bytes gave them
 * (or a model file's contents).
 * Errors: INVALID_ARGUMENT (NULL data with size > 0, NULL out), PARSE (not a
 * model, damaged, truncated, or of a newer format). */
PIPECAST_API int pipecast_model_from_bytes(const void* data, size_t size, pipecast_model** out);

/** The name the model was fitted under ("auto", "logistic", ...; a callback
 * model's own name).  Valid while the model lives.
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL out). */
PIPECAST_API int pipecast_model_name(const pipecast_model* model, const char** out);

/** The model that computes the win probabilities: "crm", "stage", "markov",
 * "logistic", or "callback".  For auto, the model it chose.  Static string.
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL out). */
PIPECAST_API int pipecast_model_kind(const pipecast_model* model, const char** out);

/** What the model is, in words; for auto, which model it chose and the
 * figures behind the choice.  Valid while the model lives.
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL out). */
PIPECAST_API int pipecast_model_description(const pipecast_model* model, const char** out);

/** The day the model was fitted as of (PIPECAST_NO_DAY for a callback model).
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL out). */
PIPECAST_API int pipecast_model_as_of(const pipecast_model* model, int32_t* out_day);

/* Fitting from the parts of a book (docs/scale-out.md).                    */

/** A fit from parts in progress, driven by the fitting side: while
 * pipecast_parts_fit_done says 0, send pipecast_parts_fit_request's blob to
 * every part, have each part answer it (pipecast_part_answer), merge the
 * answers (pipecast_part_stats_merge, in any order and grouping: the merged
 * bytes are the same) and hand the merge to pipecast_parts_fit_receive; then
 * take pipecast_parts_fit_model.  The model equals pipecast_fit's on the
 * whole book: crm, stage and markov bit for bit, logistic and auto (whose
 * sums of doubles are each part's, merged exactly) to rounding, every win
 * probability within 1e-12.  Only requests, statistics and the model travel, never deals.
 * A handle is used by one thread at a time (receive changes it).  Made by
 * pipecast_parts_fit_begin, freed by pipecast_parts_fit_free. */
typedef struct pipecast_parts_fit pipecast_parts_fit;

/** Starts fitting options->model ("crm", "stage", "markov", "logistic" or
 * "auto"; NULL or "": "auto") as of
 * options->as_of_day, which must be given (there is no book to say its
 * latest day), with the parts' activities unless options->activities is 0;
 * options->log is not used.
 * Errors: INVALID_ARGUMENT (NULL options or out, options->version 0 or too
 * new, as_of_day PIPECAST_NO_DAY or out of range, options->activities
 * neither 0 nor 1), NOT_FOUND (an unknown
 * model; the message lists those that can be fitted from parts). */
PIPECAST_API int pipecast_parts_fit_begin(const pipecast_fit_options* options, pipecast_parts_fit** out);

/** Frees a fit from parts.  Accepts NULL. */
PIPECAST_API void pipecast_parts_fit_free(pipecast_parts_fit* fit);

/** *out_done = 1 when the model is ready, 0 while the fit has a request.
 * Errors: INVALID_ARGUMENT (NULL or dead fit, NULL out_done). */
PIPECAST_API int pipecast_parts_fit_done(const pipecast_parts_fit* fit, int* out_done);

/** The current round's request, to send to every part.  Free it with
 * pipecast_bytes_free.
 * Errors: INVALID_ARGUMENT (NULL or dead fit, NULL out, a fit that is done). */
PIPECAST_API int pipecast_parts_fit_request(const pipecast_parts_fit* fit, pipecast_bytes** out);

/** Takes the merged answers of every part to the current request (`size`
 * bytes at `stats`, as pipecast_bytes_data gave them) and moves the fit to
 * its next round, or to done.
 * Errors: INVALID_ARGUMENT (NULL or dead fit, NULL stats with size > 0, a
 * fit that is done, statistics answering another request),
 * PARSE (not statistics, damaged, or of a newer format), INVALID_DATA
 * (parts whose stage table changed between rounds). */
PIPECAST_API int pipecast_parts_fit_receive(pipecast_parts_fit* fit, const void* stats, size_t size);

/** The fitted model, once pipecast_parts_fit_done says 1.  Free it with
 * pipecast_model_free; the fit may be freed first.
 * Errors: INVALID_ARGUMENT (NULL or dead fit, NULL out, a fit not done). */
PIPECAST_API int pipecast_parts_fit_model(const pipecast_parts_fit* fit, pipecast_model** out);

/** A part's answer to a request (`size` bytes at `request`): the statistics
 * of the part's deals.  `part` is a book holding some deals whole with the
 * whole book's reference tables, as `pipecast split` makes them (not a
 * view).  Free the answer with pipecast_bytes_free.
 * Errors: INVALID_ARGUMENT (NULL or dead part, a view, NULL request with
 * size > 0, NULL out), PARSE (not a request, damaged, or of a newer format). */
PIPECAST_API int pipecast_part_answer(const pipecast_book* part, const void* request, size_t size,
                                      pipecast_bytes** out);

/** A worker holding one part for fits from parts: it answers requests as
 * pipecast_part_answer does, and keeps what the last answers built (the
 * training snapshots of a day, the logistic design's rows) for the next
 * rounds of the same fit, which ask about them again (logistic and auto ask
 * once per pass of Newton's method).  Keeps the part alive.  Used by one
 * thread at a time.  Made by pipecast_part_worker_new, freed by
 * pipecast_part_worker_free. */
typedef struct pipecast_part_worker pipecast_part_worker;

/** A worker for `part` (a whole book, not a view: as pipecast_part_answer).
 * Errors: INVALID_ARGUMENT (NULL or dead part, a view, NULL out). */
PIPECAST_API int pipecast_part_worker_new(const pipecast_book* part, pipecast_part_worker** out);

/** A worker that reads its part from `path` (a part directory or snapshot,
 * read as pipecast_book_load reads it with `options`, NULL for the
 * defaults) only while a request needs the part's deals, and lets them go
 * after each answer: between rounds it holds only the logistic rows (the
 * training snapshots are built again with each read), so one process can work
 * for several parts of a book too large for its memory, the deals of one
 * part at a time (Newton's passes read no deal).  Reads the part once now,
 * to check it; the log callback of `options` is called on this first read
 * only.  The part must not change while the worker lives: a read that finds
 * other deals, stages or attribute columns fails with INVALID_DATA.
 * Errors: as pipecast_book_load's, INVALID_ARGUMENT (NULL path or out). */
PIPECAST_API int pipecast_part_worker_open(const char* path, const pipecast_load_options* options,
                                           pipecast_part_worker** out);

/** Frees a worker.  Accepts NULL. */
PIPECAST_API void pipecast_part_worker_free(pipecast_part_worker* worker);

/** The worker's part's answer to a request, as pipecast_part_answer's.
 * Errors: INVALID_ARGUMENT (NULL or dead worker, NULL request with
 * size > 0, NULL out), PARSE (not a request, damaged, or of a newer format). */
PIPECAST_API int pipecast_part_worker_answer(pipecast_part_worker* worker, const void* request, size_t size,
                                             pipecast_bytes** out);

/** The statistics of the parts of `a` and of `b` together (answers of
 * pipecast_part_answer or earlier merges).  Associative and commutative:
 * any order and grouping of the merges gives the same bytes.  Free the
 * result with pipecast_bytes_free.
 * Errors: INVALID_ARGUMENT (NULL a or b with a size > 0, NULL out, answers to
 * different requests), PARSE (a blob that is not statistics, damaged, or of a
 * newer format), INVALID_DATA (parts whose stage tables differ: not parts of
 * one book). */
PIPECAST_API int pipecast_part_stats_merge(const void* a, size_t a_size, const void* b, size_t b_size,
                                           pipecast_bytes** out);

/** How pipecast_score scores. */
typedef struct pipecast_score_options {
  uint32_t version; /**< PIPECAST_SCORE_OPTIONS_VERSION, as set by its _INIT macro or _init() */
  /** Score the deals open at the end of this day; PIPECAST_NO_DAY: the book's
   * latest day (a view's day).  Not after a view's day. */
  int32_t as_of_day;
  /** 0, or 1..20: add a text column top_factors with the features that moved
   * each deal most, "feature (+0.12); ..." (logistic; "" for other models). */
  uint32_t explain;
  /** Since version 2.  PIPECAST_NO_DAY, or a day before the as-of day: add
   * columns win_probability_before (the deal's probability at the end of
   * this day, by the same model; NaN for a deal not open then),
   * win_probability_change and drivers (`pipecast score --since`). */
  int32_t since_day;
  /** Since version 2.  0..20: how many drivers each deal's drivers column
   * lists, largest first: "stage: Qualify -> Propose (+1.10); days in
   * stage: 12 -> 40 (-0.35)" (a change in log-odds for logistic; the other
   * models say what changed in the deal, without figures).  Default 3. */
  uint32_t drivers;
} pipecast_score_options;

/** The pipecast_score_options layout this header describes. */
#define PIPECAST_SCORE_OPTIONS_VERSION 2
/** A pipecast_score_options of this header's version with the latest day, no
 * explanations, no day to compare with, 3 drivers. */
#define PIPECAST_SCORE_OPTIONS_INIT { PIPECAST_SCORE_OPTIONS_VERSION, PIPECAST_NO_DAY, 0, PIPECAST_NO_DAY, 3 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_SCORE_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_SCORE_OPTIONS_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_score_options_init(pipecast_score_options* options, uint32_t version);

/** Scores every deal open at the as-of day of `book` (or a view) with `model`
 * (what `pipecast score --format json` prints): a result of kind "scores".
 * options may be NULL.  The model may have been fitted on another book with
 * the same pipelines and stages.
 * JSON: model, as_of, since (with options->since_day), deals: the rows of
 * the scores table as objects keyed by column.
 * Tables:
 *   scores           id, stage, amount, win_probability, expected_close_date,
 *                    expected_amount (the columns of `pipecast score`, in its
 *                    order; amounts in the base currency), top_factors with
 *                    options->explain > 0, and win_probability_before,
 *                    win_probability_change, drivers with options->since_day
 * Errors: INVALID_ARGUMENT (NULL or dead model or book, NULL out, options
 * version 0 or too new, as_of_day out of range or after a view's, explain or
 * drivers > 20, a since_day not before the as-of day or before the book's
 * first record, an empty book without as_of_day), CALLBACK (a callback
 * model's callback failed: see pipecast_custom_model), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_score(const pipecast_model* model, const pipecast_book* book,
                                const pipecast_score_options* options, pipecast_result** out);

/** The number of deals a "scores" result holds.
 * Errors: INVALID_ARGUMENT (NULL or dead result, NULL out, a result of
 * another kind). */
PIPECAST_API int pipecast_score_count(const pipecast_result* result, size_t* out_count);

/** Copies the scores of a "scores" result into the caller's arrays, one value
 * per deal in the order of the scores table: P(won eventually), the expected
 * amount (probability x amount, base currency) and the median close day if
 * won.  `count` must be the number of deals (pipecast_score_count); any of
 * the arrays may be NULL (not wanted).
 * Errors: INVALID_ARGUMENT (NULL or dead result, a result of another kind,
 * count different from the number of deals: the message gives it). */
PIPECAST_API int pipecast_score_read(const pipecast_result* result, double* win_probability,
                                     double* expected_amount, int32_t* expected_close_day,
                                     size_t count);

/** How pipecast_forecast forecasts (the CLI's forecast options). */
typedef struct pipecast_forecast_options {
  /** PIPECAST_FORECAST_OPTIONS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  /** Forecast from what was known at the end of this day; PIPECAST_NO_DAY: the
   * book's latest day (a view's day). */
  int32_t as_of_day;
  /** The first period: "2024-07", "2024-Q3", "2024", "FY2025-Q1",
   * "2024-07-01..2024-09-30"; NULL or "": the calendar quarter holding the
   * as-of day. */
  const char* period;
  /** How many periods from `period` on, each the next of the same kind (1..60). */
  uint32_t periods;
  /** Simulated futures (100..10^7; default 10000). */
  uint64_t trials;
  /** The seed of the simulation: the same seed gives the same figures, bit
   * for bit, whatever the thread count (default 1). */
  uint64_t seed;
  /** Threads of the simulation; 0: one per core. */
  uint32_t threads;
  /** First month of the fiscal year (1..12), for FY periods. */
  int32_t fiscal_start_month;
} pipecast_forecast_options;

/** The pipecast_forecast_options layout this header describes. */
#define PIPECAST_FORECAST_OPTIONS_VERSION 1
/** A pipecast_forecast_options of this header's version with the CLI's defaults:
 * the as-of day's quarter, 1 period, 10000 trials, seed 1, one thread per core,
 * fiscal year from January. */
#define PIPECAST_FORECAST_OPTIONS_INIT \
  { PIPECAST_FORECAST_OPTIONS_VERSION, PIPECAST_NO_DAY, NULL, 1, 10000, 1, 0, 1 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_FORECAST_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_FORECAST_OPTIONS_VERSION as the caller's header defines it: a
 * host built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_forecast_options_init(pipecast_forecast_options* options, uint32_t version);

/** Forecasts bookings (won amount by close date, base currency) per period:
 * what is already won, the deals open at the as-of day, and deals not yet
 * created (none for crm and callback models), with P10/P50/P90 from
 * simulated futures; what `pipecast forecast` prints.  A result of kind
 * "forecast"; options may be NULL.
 * JSON: the CLI's `--format json`: the header's single values model,
 * description, as_of, trials, seed, open_deals and new_deals_unknown (only
 * when the rate of new deals cannot be measured: why), then "forecast": the
 * rows of the forecast table, one object a row keyed by its columns.  An
 * unknown figure is null in the JSON and NaN in the tables, never 0.
 * Tables:
 *   forecast         model, component (closed, pipeline, new, total),
 *                    period (its label), period_start, period_end,
 *                    expected, p10, p50, p90 (the columns of `pipecast
 *                    forecast --format csv`), four rows a period
 * A period (or the part of one) up to the as-of day holds only what was won
 * in it (the closed component).
 * Errors: INVALID_ARGUMENT (NULL or dead model or book, NULL out, options
 * version 0 or too new, as_of_day out of range or after a view's, periods 0
 * or above 60, trials outside 100..10^7, a bad period label or fiscal
 * month), CALLBACK (as pipecast_score), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_forecast(const pipecast_model* model, const pipecast_book* book,
                                   const pipecast_forecast_options* options, pipecast_result** out);

/** What moved the forecast of each period since `since_day` (what `pipecast
 * forecast --since` prints): a waterfall from the expected bookings as of the
 * end of `since_day` to those as of the as-of day, both by `model`, and the
 * deals that moved it most.  A result of kind "movement"; options may be
 * NULL (its as_of_day, period, periods and fiscal_start_month are used; no
 * simulation is run, so trials, seed and threads are not).
 * JSON: model, since, as_of, new_deals_unknown (when deals not yet created
 * are left out: why), movement: [rows of the movement table], movers: [rows
 * of the movers table].
 * Tables:
 *   movement         model, period_start, period_end, bar ("before", "new
 *                    deals", "won", "lost", "slipped", "pulled in", "amount",
 *                    "probability", "after"), day (since and as-of for before
 *                    and after), change (the bar; the level for before and
 *                    after), running (the level after it): the bars sum
 *                    exactly from before to after
 *   movers           period_start, period_end, id, cause, before, after,
 *                    change, win_probability_before, win_probability_after,
 *                    amount_before, amount_after, stage_before, stage_after,
 *                    close_date_before, close_date_after: the `movers` deals
 *                    of each period whose part moved most (0: every one)
 * See docs/forecasting.md, "What moved the forecast".
 * Errors: INVALID_ARGUMENT (NULL or dead model or book, NULL out, options as
 * pipecast_forecast, a since_day not before the as-of day or before the
 * book's first record), CALLBACK, OUT_OF_MEMORY. */
PIPECAST_API int pipecast_forecast_movement(const pipecast_model* model, const pipecast_book* book,
                                            const pipecast_forecast_options* options, int32_t since_day,
                                            uint32_t movers, pipecast_result** out);

/* Forecasting from the parts of a book (docs/scale-out.md).                */

/** A part's share of a forecast with `model` (its "partial"): the part's
 * open deals simulated over the trials, and its exact expected and closed
 * amounts, as a blob (pipecast_bytes).  Merge every part's partial with
 * pipecast_forecast_partial_merge (in any order and grouping: the merged
 * bytes are the same) and make the forecast with
 * pipecast_forecast_from_partial: it equals pipecast_forecast's on the whole
 * book with the same options, bit for bit.  Only partials travel, never
 * deals: 16 bytes per trial and period (10,000 trials of 4 periods: 640 KB).
 * `part` is a book holding some deals whole with the whole book's reference
 * tables, as `pipecast split` makes them (not a view).  options->as_of_day
 * must be given (no part says the whole book's latest day).
 * Errors: INVALID_ARGUMENT (NULL or dead model or part, a view, NULL out,
 * options as pipecast_forecast, as_of_day PIPECAST_NO_DAY), CALLBACK,
 * OUT_OF_MEMORY. */
PIPECAST_API int pipecast_part_forecast(const pipecast_model* model, const pipecast_book* part,
                                        const pipecast_forecast_options* options, pipecast_bytes** out);

/** The partial of the parts of `a` and of `b` together (partials of
 * pipecast_part_forecast or earlier merges).  Associative and commutative.
 * Free the result with pipecast_bytes_free.
 * Errors: INVALID_ARGUMENT (NULL a or b with a size > 0, NULL out, partials
 * of different forecasts: another model, as-of day, periods, trials or
 * seed), PARSE (a blob that is not a partial forecast, damaged, or of a newer
 * format). */
PIPECAST_API int pipecast_forecast_partial_merge(const void* a, size_t a_size, const void* b, size_t b_size,
                                                 pipecast_bytes** out);

/** The forecast from the merge of every part's partial (`size` bytes at
 * `partial`), with the model and options the partials were made with: the
 * result pipecast_forecast gives on the whole book (its chart has no
 * currency: no book is at hand to say it).
 * Errors: INVALID_ARGUMENT (NULL or dead model, NULL partial with size > 0,
 * NULL out, options as pipecast_part_forecast, a partial made with another
 * model or options), PARSE (not a partial forecast, damaged, or of a newer
 * format), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_forecast_from_partial(const pipecast_model* model, const void* partial, size_t size,
                                                const pipecast_forecast_options* options, pipecast_result** out);

/* ------------------------------------------------------------------------ */
/* A model of your own, through a callback.                                 */

/** What a model sees of each deal open at the as-of day: `count` deals (the
 * count given to the callback), each member an array of that many values in
 * the same order.  Owned by the library, valid during the callback only.
 * Amounts are in the base currency. */
typedef struct pipecast_deal_features {
  /** The layout the library filled in (its PIPECAST_DEAL_FEATURES_VERSION). */
  uint32_t version;
  int32_t as_of_day;                /**< the day the deals are seen at */
  const char* const* id;            /**< the deal's id */
  const char* const* pipeline;      /**< the name of its pipeline */
  const char* const* stage;         /**< the stage the deal is in */
  const int32_t* stage_order;       /**< its order in the pipeline */
  const double* stage_probability;  /**< as configured in the CRM */
  const int32_t* days_in_stage;     /**< as_of_day - the day it entered the stage */
  const int32_t* age;               /**< as_of_day - created */
  const double* amount;             /**< 0 when blank */
  const int32_t* close_date;        /**< the expected close date; PIPECAST_NO_DAY: blank */
  const int32_t* regressions;       /**< moves back to an earlier open stage */
  const int32_t* pushes;            /**< times the expected close date moved later */
  const char* const* owner;         /**< "" when blank, as the other texts */
  const char* const* product;       /**< the deal's (primary) product */
  const char* const* source;        /**< its lead source */
  const char* const* segment;       /**< its segment */
} pipecast_deal_features;

/** The pipecast_deal_features layout this header describes: a callback built
 * with this header may read the members of this layout when deals->version
 * is at least it. */
#define PIPECAST_DEAL_FEATURES_VERSION 1

/** Writes P(won eventually) for deals 0..count-1 into out[0..count) and
 * returns 0, or returns nonzero when it cannot: the call that scores then
 * fails with PIPECAST_ERROR_CALLBACK.  Every value must be a number in
 * [0, 1]; NaN or anything outside fails the call the same way (the message
 * names the deal).  Read deals->version before any member a later version
 * adds.  It must not throw or longjmp out, nor call pipecast functions on
 * the model being scored's book or result being made. */
typedef int (*pipecast_win_probability_fn)(void* user_data, const pipecast_deal_features* deals,
                                           size_t count, double* out);

/** A model whose win probabilities come from the host. */
typedef struct pipecast_custom_model {
  uint32_t version; /**< PIPECAST_CUSTOM_MODEL_VERSION, as set by its _INIT macro or _init() */
  /** Its name in results (non-empty UTF-8; copied). */
  const char* name;
  /** Called with user_data each time deals are scored (pipecast_score,
   * pipecast_forecast), on the thread of that call: a model shared between
   * threads has it called from several threads at once. */
  pipecast_win_probability_fn win_probability;
  /** Handed to the callback; the host keeps it alive as long as the model. */
  void* user_data;
} pipecast_custom_model;

/** The pipecast_custom_model layout this header describes. */
#define PIPECAST_CUSTOM_MODEL_VERSION 1
/** A pipecast_custom_model of this header's version with no name and no callback
 * (both must be set). */
#define PIPECAST_CUSTOM_MODEL_INIT { PIPECAST_CUSTOM_MODEL_VERSION, NULL, NULL, NULL }
/** Sets *model to the defaults of layout `version`, those of
 * PIPECAST_CUSTOM_MODEL_INIT, writing only that layout's bytes. Pass
 * PIPECAST_CUSTOM_MODEL_VERSION as the caller's header defines it: a host
 * built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *model untouched) for model NULL, version 0, or a
 * version newer than the library's. */
PIPECAST_API int pipecast_custom_model_init(pipecast_custom_model* model, uint32_t version);

/** A model that asks the host's callback for each deal's win probability.
 * A won deal closes on its expected close date (blank: in 30 days; overdue:
 * the next day), as for crm, and it brings no deals not yet created.  It
 * cannot be saved.  Immutable like every model; the callback is what decides
 * whether sharing it between threads is safe.
 * Errors: INVALID_ARGUMENT (NULL model or out, version 0 or too new, a NULL
 * or empty name, a name that is not UTF-8, a NULL callback), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_model_from_callback(const pipecast_custom_model* model, pipecast_model** out);

/* ------------------------------------------------------------------------ */
/* Backtesting.                                                             */

/** @name Backtest steps
 * Steps between backtest origins (pipecast_backtest_options.every). */
/** @{ */
/** How far apart a backtest's origins are: pipecast_backtest_options.every
 * (an int32_t). */
typedef enum pipecast_step {
  PIPECAST_STEP_WEEK = 0, /**< every 7 days from from_day */
  PIPECAST_STEP_MONTH = 1, /**< monthly, on from_day's day of the month */
  PIPECAST_STEP_QUARTER = 2, /**< every three months, as for MONTH */
} pipecast_step;
/** @} */

/** What pipecast_backtest compares (the CLI's backtest options). */
typedef struct pipecast_backtest_options {
  /** PIPECAST_BACKTEST_OPTIONS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  /** The first origin (required). */
  int32_t from_day;
  /** The last origin at most (required; not before from_day). */
  int32_t to_day;
  /** PIPECAST_STEP_WEEK, _MONTH or _QUARTER. */
  int32_t every;
  /** The length of a forecast period: PIPECAST_PERIOD_MONTH or _QUARTER. */
  int32_t horizon;
  /** Periods forecast from each origin (1..12). */
  uint32_t horizons;
  /** Comma-separated model names ("markov,logistic"); NULL or "": crm, stage,
   * markov, logistic, auto.  crm, stage and seasonal-naive always come along. */
  const char* models;
  /** Monte Carlo trials per forecast (100..10^7; default 2000). */
  uint64_t trials;
  /** The seed of the simulations (default 1). */
  uint64_t seed;
  /** Worker threads (0: one per core); the result does not depend on it. */
  uint32_t threads;
  /** NULL or "": none; "owner" or "segment": period metrics per group too. */
  const char* group_by;
  /** NULL for silence; otherwise told (INFO) each origin done, "origin 3 of
   * 12 done".  The backtest runs origins on worker threads: this callback is
   * called from one of them (never from two at once), before the call
   * returns. */
  pipecast_log_fn log;
  /** Handed to `log` as its user_data; not touched by the library. */
  void* log_user_data;
  /** Version 2: models of the host's own, compared beside the named ones.
   * callback_model_count handles made by pipecast_model_from_callback (any
   * other model is refused: it was fitted at one day, and a backtest refits
   * every model at each origin).  At each origin a model's callback is asked
   * for the win probabilities of the deals open there, deals->as_of_day being
   * the origin (a host that learns from history must read only what came
   * before it); won deals close on their expected close date and there are
   * no deals not yet created, as with pipecast_score and pipecast_forecast.
   * The callbacks are called from the backtest's worker threads, several at
   * once unless threads is 1, before the call returns.  Each model is listed
   * under its name, which must not be a built-in model's nor another one's;
   * naming it in `models` too is allowed.  The handles are read during the
   * call only.  NULL with a count of 0: none. */
  const pipecast_model* const* callback_models;
  /** How many handles callback_models holds (version 2). */
  size_t callback_model_count;
  /** Since version 3.  1 (the default, and what versions 1 and 2 run with):
   * logistic and auto's logistic are fitted at each origin with the deals'
   * activities when the book has activities; 0: without them (`pipecast
   * backtest --no-activities`; run both to see what they add).  Other values
   * are INVALID_ARGUMENT.  A block of origins (pipecast_backtest_origins)
   * records it: pipecast_backtest_from_origins with the other value refuses
   * the block (INVALID_ARGUMENT). */
  uint32_t activities;
} pipecast_backtest_options;

/** The pipecast_backtest_options layout this header describes. */
#define PIPECAST_BACKTEST_OPTIONS_VERSION 3
/** A pipecast_backtest_options of this header's version with no origins (from_day
 * and to_day must be set), monthly origins, 2 monthly horizons, the default
 * models, 2000 trials, seed 1, one thread per core, no groups, no log, no
 * callback models, with the activities. */
#define PIPECAST_BACKTEST_OPTIONS_INIT                                                    \
  { PIPECAST_BACKTEST_OPTIONS_VERSION, PIPECAST_NO_DAY, PIPECAST_NO_DAY, PIPECAST_STEP_MONTH, \
    PIPECAST_PERIOD_MONTH, 2, NULL, 2000, 1, 0, NULL, NULL, NULL, NULL, 0, 1 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_BACKTEST_OPTIONS_INIT, writing only that layout's bytes. Pass
 * PIPECAST_BACKTEST_OPTIONS_VERSION as the caller's header defines it: a
 * host built with an older header then gets its own, shorter layout.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_backtest_options_init(pipecast_backtest_options* options, uint32_t version);

/** A rolling-origin backtest (what `pipecast backtest` prints): every model
 * refitted at each origin on the book as of it, its forecasts scored against
 * what the book's latest day knows.  A result of kind "backtest"; options
 * must not be NULL (it carries the origins).
 * JSON: the CLI's `--format json`: the settings' single values from, to,
 * every, horizon, horizons, trials, seed, latest_day and group_by (null
 * without one), then each table below under its name, as the rows of its
 * pipecast_table_json, in this order.
 * Tables:
 *   metrics          model, origin ("YYYY-MM-DD" or "all"), horizon
 *                    ("eventual", "1", ...), metric, value: every number,
 *                    the rows of `pipecast backtest --format csv`
 *   summary          model, horizon, origins, wape, bias, mase, pinball_p10,
 *                    pinball_p50, pinball_p90, crps, coverage, covered,
 *                    group_wape (per model and horizon, over the origins)
 *   deal_summary     model, target ("eventual", "1", ...), deals, positives,
 *                    excluded, brier, log_loss, auc, calibration_error (the
 *                    models with per-deal metrics)
 *   ranking          metric, scope, higher_is_better, rank, model, value,
 *                    best_origins, origins
 *   overall          rank, model, mean_rank
 *   verdict          sentence
 *   origins          origin, horizon, period, period_first, period_last,
 *                    scored, seed (decimal text: 64 bits), mase_scale
 *   origin_models    model, origin, description, open_deals
 *   origin_scores    model, origin, horizon, forecast, p10, p50, p90,
 *                    actual, abs_error, error, wape, bias, mase,
 *                    pinball_p10, pinball_p50, pinball_p90, crps, covered
 *   calibration      model, origin ("YYYY-MM-DD" or "all"), target, lower,
 *                    upper, count, positives, mean_predicted, observed
 *   group_summary    model, horizon, group, origins, actual, forecast, wape,
 *                    bias, mase, pinball_*, crps, coverage, covered
 *   group_scores     model, origin, horizon, group, and the columns of
 *                    origin_scores from forecast on
 *   group_scales     origin, group, mase_scale
 *                    (the three group tables have rows with group_by only)
 * A view is refused (INVALID_ARGUMENT): actuals are what the whole book's
 * latest day knows.
 * Errors: INVALID_ARGUMENT (NULL or dead book, a view, NULL options or out,
 * version 0 or too new, blank or out-of-range days, to before from, origins after
 * the book's latest day, options out of range, an unknown group_by, NULL
 * callback_models with a count, a NULL, dead or fitted model among them, a
 * callback model named like a built-in one or another callback model,
 * activities neither 0 nor 1), NOT_FOUND (an unknown model name; the
 * message lists the known ones), CALLBACK (a callback model's callback
 * failed: the message names the model and the origin), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_backtest(const pipecast_book* book, const pipecast_backtest_options* options,
                                   pipecast_result** out);

/* A backtest in blocks of origins (docs/scale-out.md): each block run
 * anywhere, the blocks assembled into pipecast_backtest's result.        */

/** Origins first .. first + count - 1 (0-based, in the options' origin list
 * from_day .. to_day every `every`) of the backtest pipecast_backtest would
 * run, every model included, as a blob (pipecast_bytes): their rows, each
 * model's per-deal (predicted, outcome) pairs (about 16 bytes per open deal,
 * model and horizon: the bulk) and the book's latest day and group names.
 * Origin k's seed is the one it has in the whole backtest, so blocks from
 * several machines assembled with pipecast_backtest_from_origins give
 * pipecast_backtest's result bit for bit.  options->log is told each origin
 * of the block done.
 * Errors: those of pipecast_backtest, and INVALID_ARGUMENT for a range that
 * runs past the last origin. */
PIPECAST_API int pipecast_backtest_origins(const pipecast_book* book, const pipecast_backtest_options* options,
                                           size_t first, size_t count, pipecast_bytes** out);

/** The backtest of `options` from `count` blobs of pipecast_backtest_origins
 * (blobs[i] is sizes[i] bytes) covering each origin once, in any order: the
 * result pipecast_backtest gives with these options on the book the blobs
 * came from (its per-origin forecasts are not carried; no table shows them).
 * No book is needed: the blobs carry what the summary needs of it.
 * Errors: INVALID_ARGUMENT (NULL options or out, NULL blobs or sizes with a
 * count, options as pipecast_backtest, a blob made with other options
 * (activities included) or from another book, an origin missing or given
 * twice), NOT_FOUND (an unknown model name), PARSE (a blob that is not a
 * backtest block, damaged, or of a newer format), OUT_OF_MEMORY. */
PIPECAST_API int pipecast_backtest_from_origins(const pipecast_backtest_options* options, const void* const* blobs,
                                                const size_t* sizes, size_t count, pipecast_result** out);

/** The number of origins of the backtest of `options` (from_day .. to_day
 * every `every`): how many there are to spread in blocks.
 * Errors: INVALID_ARGUMENT (NULL options or out, options as
 * pipecast_backtest), NOT_FOUND (an unknown model name). */
PIPECAST_API int pipecast_backtest_origin_count(const pipecast_backtest_options* options, size_t* out);

/* ------------------------------------------------------------------------ */
/* Where the next hour goes: the worklist and the time split.               */

/** How pipecast_worklist ranks and splits. */
typedef struct pipecast_worklist_options {
  /** PIPECAST_WORKLIST_OPTIONS_VERSION, as set by its _INIT macro or _init(). */
  uint32_t version;
  uint32_t rows_per_owner;  /**< deals listed per owner; 0: every open deal */
  int32_t time_split_days;  /**< days of the time split, ending at the as-of day, >= 1 */
} pipecast_worklist_options;

/** The pipecast_worklist_options layout this header describes. */
#define PIPECAST_WORKLIST_OPTIONS_VERSION 1
/** A pipecast_worklist_options of this header's version: 5 deals per owner,
 * a time split over 365 days (the CLI's defaults). */
#define PIPECAST_WORKLIST_OPTIONS_INIT { PIPECAST_WORKLIST_OPTIONS_VERSION, 5u, 365 }
/** Sets *options to the defaults of layout `version`, those of
 * PIPECAST_WORKLIST_OPTIONS_INIT, writing only that layout's bytes.
 * INVALID_ARGUMENT (and *options untouched) for options NULL, version 0, or
 * a version newer than the library's. */
PIPECAST_API int pipecast_worklist_options_init(pipecast_worklist_options* options, uint32_t version);

/** Where each seller's next hour goes (the worklist and time split tables of
 * `pipecast activities --format json`, with what worked's default options):
 * for each owner, the deals open at the as-of day ranked by win probability
 * (from `model`, scoring every open deal of the book at that day) x amount x
 * the conservative lift of the stage's playbook, with the reason in words;
 * and each owner's activities by stage and deal-size band beside their won
 * revenue (docs/analytics.md).  A result of kind "activity_plan".
 * Tables (and the JSON document, each table's rows under its name):
 * worklist_summary (one row), worklist and time_split (docs/tables.md lists
 * the columns).  scope may be NULL (the book's latest day, every pipeline);
 * options may be NULL (PIPECAST_WORKLIST_OPTIONS_INIT).
 * Errors: as pipecast_report, and INVALID_ARGUMENT for a NULL or dead model
 * or a time_split_days below 1; CALLBACK when a callback model fails. */
PIPECAST_API int pipecast_worklist(const pipecast_book* book, const pipecast_scope_options* scope,
                                   const pipecast_model* model, const pipecast_worklist_options* options,
                                   pipecast_result** out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PIPECAST_H */
