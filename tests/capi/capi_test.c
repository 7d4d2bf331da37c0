/*
 * Tests of the C ABI, written in C99 against pipecast.h alone, as a C host
 * would use it.  `capi_test SECTION` runs one section (each is its own ctest
 * test); without an argument every section runs.  The last line printed is
 * always "N passed, M failed".
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, dirent and pthreads under strict C99 */

#include "pipecast.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capi_sections.h"
#include "check.h"


/* ------------------------------------------------------------------------ */
/* Fixture: a small book written as CSV files into a fresh temporary folder. */

static const char kStages[] =
    "pipeline,stage,order,probability,kind\n"
    "sales,Prospect,1,0.1,open\n"
    "sales,Proposal,2,0.5,open\n"
    "sales,Won,3,1,won\n"
    "sales,Lost,4,0,lost\n";

static const char kOpportunities[] =
    "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
    "D1,sales,Acme,ann,Widget,web,smb,1000,USD,2024-01-10,2024-03-01,Won\n"
    "D2,sales,Beta,bob,Widget,web,smb,2000,USD,2024-01-15,2024-04-01,Proposal\n"
    "D3,sales,Gamma,ann,Gadget,event,ent,4000,USD,2024-02-01,2024-02-20,Lost\n"
    "D4,sales,Delta,bob,Gadget,event,ent,500,USD,2024-03-05,2024-05-01,Prospect\n";

/* D2's amount (line 3) is not a number. */
static const char kBadOpportunities[] =
    "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
    "D1,sales,Acme,ann,Widget,web,smb,1000,USD,2024-01-10,2024-03-01,Won\n"
    "D2,sales,Beta,bob,Widget,web,smb,12x,USD,2024-01-15,2024-04-01,Proposal\n";

static const char kHistory[] =
    "opportunity_id,stage,entered\n"
    "D1,Prospect,2024-01-10\n"
    "D1,Proposal,2024-02-01\n"
    "D1,Won,2024-03-01\n"
    "D2,Prospect,2024-01-15\n"
    "D2,Proposal,2024-03-10\n"
    "D3,Prospect,2024-02-01\n"
    "D3,Lost,2024-02-20\n"
    "D4,Prospect,2024-03-05\n";

/* Writes the fixture book (with `opportunities` as its opportunities.csv). */
static int make_book_dir(char* dir, size_t size, const char* opportunities) {
  if (!make_temp_dir(dir, size)) return 0;
  return write_file(dir, "stages.csv", kStages) &&
         write_file(dir, "opportunities.csv", opportunities) &&
         write_file(dir, "stage_history.csv", kHistory);
}

/* The fixture book, loaded; NULL (and no folder left behind) on failure. */
static pipecast_book* load_fixture(char* dir, size_t size) {
  pipecast_book* book = NULL;
  CHECK(make_book_dir(dir, size, kOpportunities));
  CHECK_CODE(pipecast_book_load(dir, NULL, &book), PIPECAST_OK);
  if (book == NULL) remove_temp_dir(dir);
  return book;
}

/* True when `text` holds `file:` followed by `line`, a column number and ':'. */
static int has_location(const char* text, const char* file, int line) {
  char prefix[256];
  const char* at = text;
  snprintf(prefix, sizeof prefix, "%s:%d:", file, line);
  while ((at = strstr(at, prefix)) != NULL) {
    const char* column = at + strlen(prefix);
    const char* end = column;
    while (*end >= '0' && *end <= '9') ++end;
    if (end > column && *end == ':') return 1;
    at = column;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Sections.                                                                */

static int test_version(char** args) {
  (void)args;
  char expected[64];
  CHECK(strcmp(pipecast_version(), PIPECAST_VERSION_STRING) == 0);
  CHECK(pipecast_abi_version() == PIPECAST_ABI_VERSION);
  snprintf(expected, sizeof expected, "%d.%d.%d", PIPECAST_VERSION_MAJOR, PIPECAST_VERSION_MINOR,
           PIPECAST_VERSION_PATCH);
  CHECK(strcmp(expected, PIPECAST_VERSION_STRING) == 0);
  CHECK(PIPECAST_VERSION_NUMBER == PIPECAST_VERSION_MAJOR * 10000 +
                                       PIPECAST_VERSION_MINOR * 100 + PIPECAST_VERSION_PATCH);
  return 0;
}

static int test_errors(char** args) {
  (void)args;
  const int codes[] = {PIPECAST_OK,
                       PIPECAST_ERROR_INVALID_ARGUMENT,
                       PIPECAST_ERROR_PARSE,
                       PIPECAST_ERROR_IO,
                       PIPECAST_ERROR_NOT_FOUND,
                       PIPECAST_ERROR_BUFFER_TOO_SMALL,
                       PIPECAST_ERROR_OUT_OF_MEMORY,
                       PIPECAST_ERROR_INTERNAL,
                       PIPECAST_ERROR_INVALID_DATA,
                       PIPECAST_ERROR_CALLBACK};
  const size_t n = sizeof codes / sizeof codes[0];
  size_t i, j;
  int32_t day;

  for (i = 0; i < n; ++i) {
    CHECK(i == 0 ? codes[i] == 0 : codes[i] < 0);
    CHECK(strlen(pipecast_error_string(codes[i])) > 0);
    CHECK(strcmp(pipecast_error_string(codes[i]), "unknown error code") != 0);
    for (j = 0; j < i; ++j) CHECK(codes[i] != codes[j]);
  }
  CHECK(strcmp(pipecast_error_string(12345), "unknown error code") == 0);

  /* Nothing has failed on this thread yet. */
  CHECK(pipecast_last_error() != NULL);
  CHECK(strcmp(pipecast_last_error(), "") == 0);

  CHECK_CODE(pipecast_date_parse("not a date", &day), PIPECAST_ERROR_PARSE);
  CHECK_ERROR_MENTIONS("not a date");
  /* A success does not clear the message of the last failure... */
  CHECK_CODE(pipecast_date_parse("2024-01-01", &day), PIPECAST_OK);
  CHECK_ERROR_MENTIONS("not a date");
  /* ... a new failure replaces it. */
  CHECK_CODE(pipecast_date_parse(NULL, &day), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("pipecast_date_parse");
  CHECK(strstr(pipecast_last_error(), "not a date") == NULL);
  return 0;
}

static int test_dates(char** args) {
  (void)args;
  char buf[PIPECAST_DATE_BUFFER_SIZE];
  char small[PIPECAST_DATE_BUFFER_SIZE - 1];
  int32_t day = 0;
  const char* bad[] = {"", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "24-01-01",
                       "2024/01/01", "2024-01-01x", "1399-12-31", "abcd-ef-gh", "2024-01-01T25:00"};
  size_t i;

  CHECK(day_of("1970-01-01") == 0);
  CHECK(day_of("1969-12-31") == -1);
  CHECK(day_of("2024-03-10") == 19792);
  CHECK(day_of("2024-03-10T12:34:56") == 19792);
  CHECK(day_of("2024-03-10 12:34") == 19792);
  CHECK(day_of("1400-01-01") == PIPECAST_DAY_MIN);
  CHECK(day_of("9999-12-31") == PIPECAST_DAY_MAX);

  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    day = 0;
    CHECK_CODE(pipecast_date_parse(bad[i], &day), PIPECAST_ERROR_PARSE);
    CHECK(day == PIPECAST_NO_DAY);
    if (bad[i][0] != '\0') CHECK_ERROR_MENTIONS(bad[i]);
  }
  CHECK_CODE(pipecast_date_parse(NULL, &day), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("text");
  CHECK_CODE(pipecast_date_parse("2024-01-01", NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("out_day");

  CHECK_CODE(pipecast_date_format(19792, buf, sizeof buf), PIPECAST_OK);
  CHECK(strcmp(buf, "2024-03-10") == 0);
  CHECK_CODE(pipecast_date_format(-1, buf, sizeof buf), PIPECAST_OK);
  CHECK(strcmp(buf, "1969-12-31") == 0);
  CHECK_CODE(pipecast_date_format(PIPECAST_DAY_MIN, buf, sizeof buf), PIPECAST_OK);
  CHECK(strcmp(buf, "1400-01-01") == 0);
  CHECK_CODE(pipecast_date_format(PIPECAST_DAY_MAX, buf, sizeof buf), PIPECAST_OK);
  CHECK(strcmp(buf, "9999-12-31") == 0);
  CHECK_CODE(pipecast_date_format(PIPECAST_NO_DAY, buf, sizeof buf), PIPECAST_OK);
  CHECK(strcmp(buf, "") == 0);

  /* Round trip over a spread of days, leap years included. */
  for (day = PIPECAST_DAY_MIN; day <= PIPECAST_DAY_MAX - 997; day += 997) {
    int32_t back = PIPECAST_NO_DAY;
    if (pipecast_date_format(day, buf, sizeof buf) != PIPECAST_OK ||
        pipecast_date_parse(buf, &back) != PIPECAST_OK || back != day) {
      CHECK(!"date round trip");
      printf("  day %ld -> \"%s\" -> %ld\n", (long)day, buf, (long)back);
      break;
    }
  }

  memset(small, 'x', sizeof small);
  CHECK_CODE(pipecast_date_format(19792, small, sizeof small), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK(small[0] == '\0');
  CHECK_ERROR_MENTIONS("11");
  CHECK_CODE(pipecast_date_format(19792, NULL, 0), PIPECAST_ERROR_BUFFER_TOO_SMALL);
  CHECK_CODE(pipecast_date_format(19792, NULL, sizeof buf), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("buf");

  memset(buf, 'x', sizeof buf);
  CHECK_CODE(pipecast_date_format(PIPECAST_DAY_MAX + 1, buf, sizeof buf),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(buf[0] == '\0');
  CHECK_CODE(pipecast_date_format(PIPECAST_DAY_MIN - 1, buf, sizeof buf),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_date_format(2147483647, buf, sizeof buf), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("2147483647");
  return 0;
}

/* pipecast_book_load with a mapping (NULL, "", a file or a preset name). */
static int load_mapped(const char* path, const char* mapping, pipecast_book** out) {
  pipecast_load_options options = PIPECAST_LOAD_OPTIONS_INIT;
  options.mapping = mapping;
  return pipecast_book_load(path, &options, out);
}

static int test_load(char** args) {
  (void)args;
  char dir[512], bad_dir[512], other[512], path[1024];
  pipecast_book* book = (pipecast_book*)&book; /* not NULL: failures must reset it */

  CHECK(make_book_dir(dir, sizeof dir, kOpportunities));

  CHECK_CODE(pipecast_book_load(NULL, NULL, &book), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(book == NULL);
  CHECK_ERROR_MENTIONS("pipecast_book_load");
  CHECK_ERROR_MENTIONS("path");
  CHECK_CODE(pipecast_book_load(dir, NULL, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("out");

  /* A path that does not exist. */
  join_path(path, sizeof path, dir, "no-such-book");
  book = (pipecast_book*)&book;
  CHECK_CODE(pipecast_book_load(path, NULL, &book), PIPECAST_ERROR_NOT_FOUND);
  CHECK(book == NULL);
  CHECK_ERROR_MENTIONS(path);

  /* A file that is neither a book directory nor a snapshot. */
  join_path(path, sizeof path, dir, "opportunities.csv");
  CHECK_CODE(pipecast_book_load(path, NULL, &book), PIPECAST_ERROR_PARSE);
  CHECK(book == NULL);
  CHECK_ERROR_MENTIONS(path);
  CHECK_CODE(load_mapped(path, "some-mapping", &book), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("mapping");

  /* Malformed CSV: every problem with its file, line and column. */
  CHECK(make_book_dir(bad_dir, sizeof bad_dir, kBadOpportunities));
  book = (pipecast_book*)&book;
  CHECK_CODE(pipecast_book_load(bad_dir, NULL, &book), PIPECAST_ERROR_PARSE);
  CHECK(book == NULL);
  CHECK(has_location(pipecast_last_error(), "opportunities.csv", 3));
  CHECK_ERROR_MENTIONS("12x");
  CHECK_ERROR_MENTIONS(bad_dir);
  remove_temp_dir(bad_dir);

  /* A directory without the required files. */
  CHECK(make_temp_dir(other, sizeof other));
  CHECK_CODE(pipecast_book_load(other, NULL, &book), PIPECAST_ERROR_PARSE);
  CHECK_ERROR_MENTIONS("stages.csv");

  /* Mappings: unknown name, malformed file, a file that maps nothing. */
  CHECK_CODE(load_mapped(dir, "no-such-mapping", &book), PIPECAST_ERROR_NOT_FOUND);
  CHECK_ERROR_MENTIONS("no-such-mapping");
  CHECK(write_file(other, "broken.json", "{ \"tables\": "));
  join_path(path, sizeof path, other, "broken.json");
  CHECK_CODE(load_mapped(dir, path, &book), PIPECAST_ERROR_PARSE);
  CHECK_ERROR_MENTIONS("broken.json");
  CHECK(write_file(other, "identity.json", "{}"));
  join_path(path, sizeof path, other, "identity.json");
  CHECK_CODE(load_mapped(dir, path, &book), PIPECAST_OK);
  CHECK(book != NULL);
  pipecast_book_free(book);
  remove_temp_dir(other);

  /* The interchange format itself, with NULL or "" as the mapping. */
  book = NULL;
  CHECK_CODE(pipecast_book_load(dir, NULL, &book), PIPECAST_OK);
  CHECK(book != NULL);
  pipecast_book_free(book);
  book = NULL;
  CHECK_CODE(load_mapped(dir, "", &book), PIPECAST_OK);
  CHECK(book != NULL);
  pipecast_book_free(book);

  pipecast_book_free(NULL);
  remove_temp_dir(dir);
  return 0;
}

static int test_count(char** args) {
  (void)args;
  char dir[512];
  pipecast_book* book = load_fixture(dir, sizeof dir);
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  pipecast_counts untouched;

  if (book == NULL) return 0;

  /* As of the latest day the book knows: 2024-03-10, D2's move to Proposal. */
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &counts), PIPECAST_OK);
  CHECK(counts.version == PIPECAST_COUNTS_VERSION);
  CHECK(counts.as_of_day == day_of("2024-03-10"));
  CHECK(counts.opportunities == 4);
  CHECK(counts.open == 2);
  CHECK(counts.won == 1);
  CHECK(counts.lost == 1);
  CHECK(counts.missing_amount == 0);
  CHECK(counts.history_rows == 8);
  CHECK(counts.pipelines == 1);
  CHECK(counts.stages == 4);
  CHECK_NEAR(counts.open_amount, 2500.0);
  CHECK_NEAR(counts.weighted_amount, 0.5 * 2000.0 + 0.1 * 500.0);
  CHECK_NEAR(counts.won_amount, 1000.0);
  CHECK_NEAR(counts.lost_amount, 4000.0);

  /* Mid-February: D4 not yet created, D1 in Proposal, D3 not yet lost. */
  pipecast_counts_init(&counts, PIPECAST_COUNTS_VERSION);
  CHECK_CODE(pipecast_book_count(book, day_of("2024-02-15"), &counts), PIPECAST_OK);
  CHECK(counts.as_of_day == day_of("2024-02-15"));
  CHECK(counts.opportunities == 3);
  CHECK(counts.open == 3);
  CHECK(counts.won == 0);
  CHECK(counts.lost == 0);
  CHECK(counts.history_rows == 4);
  CHECK_NEAR(counts.open_amount, 7000.0);
  CHECK_NEAR(counts.weighted_amount, 0.5 * 1000.0 + 0.1 * 2000.0 + 0.1 * 4000.0);

  /* Before anything happened. */
  CHECK_CODE(pipecast_book_count(book, day_of("2023-12-31"), &counts), PIPECAST_OK);
  CHECK(counts.opportunities == 0);
  CHECK(counts.history_rows == 0);
  CHECK(counts.stages == 4);
  CHECK_NEAR(counts.open_amount, 0.0);

  /* A caller built with a newer header gets the layout this library has. */
  counts.version = PIPECAST_COUNTS_VERSION + 5;
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &counts), PIPECAST_OK);
  CHECK(counts.version == PIPECAST_COUNTS_VERSION);
  CHECK(counts.opportunities == 4);

  /* Errors leave *out unchanged. */
  pipecast_counts_init(&untouched, PIPECAST_COUNTS_VERSION);
  untouched.version = 0;
  untouched.as_of_day = 42;
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &untouched),
             PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("version");
  CHECK(untouched.as_of_day == 42 && untouched.opportunities == 0);
  CHECK_CODE(pipecast_book_count(NULL, PIPECAST_NO_DAY, &counts), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("pipecast_book_count");
  CHECK_ERROR_MENTIONS("book");
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, NULL), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("out");

  CHECK_CODE(pipecast_counts_init(NULL, PIPECAST_COUNTS_VERSION), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_counts_init(&counts, PIPECAST_COUNTS_VERSION);
  CHECK(counts.version == PIPECAST_COUNTS_VERSION && counts.as_of_day == PIPECAST_NO_DAY);
  CHECK(counts.opportunities == 0 && counts.open_amount == 0.0);

  pipecast_book_free(book);
  remove_temp_dir(dir);
  return 0;
}

/* Threads: messages are per thread; one book serves many threads at once. */

typedef struct {
  const pipecast_book* book;
  pipecast_counts counts;
  int code;
  int fresh_message_empty;
  int mismatches;
} thread_job;

static void* fail_on_thread(void* arg) {
  thread_job* job = (thread_job*)arg;
  int32_t day;
  job->fresh_message_empty = strcmp(pipecast_last_error(), "") == 0;
  job->code = pipecast_date_parse("thread-garbage", &day);
  return NULL;
}

static void* count_on_thread(void* arg) {
  thread_job* job = (thread_job*)arg;
  int round;
  for (round = 0; round < 200; ++round) {
    pipecast_counts counts = PIPECAST_COUNTS_INIT;
    job->code = pipecast_book_count(job->book, PIPECAST_NO_DAY, &counts);
    if (job->code != PIPECAST_OK || counts.opportunities != job->counts.opportunities ||
        counts.open_amount != job->counts.open_amount)
      ++job->mismatches;
  }
  return NULL;
}

static int test_threads(char** args) {
  (void)args;
  enum { kThreads = 4 };
  char dir[512];
  pthread_t threads[kThreads];
  thread_job jobs[kThreads];
  thread_job failing;
  int32_t day;
  int i;
  pipecast_book* book;

  CHECK_CODE(pipecast_date_parse("main-garbage", &day), PIPECAST_ERROR_PARSE);
  memset(&failing, 0, sizeof failing);
  CHECK(pthread_create(&threads[0], NULL, fail_on_thread, &failing) == 0);
  CHECK(pthread_join(threads[0], NULL) == 0);
  CHECK(failing.fresh_message_empty);
  CHECK(failing.code == PIPECAST_ERROR_PARSE);
  CHECK_ERROR_MENTIONS("main-garbage");
  CHECK(strstr(pipecast_last_error(), "thread-garbage") == NULL);

  book = load_fixture(dir, sizeof dir);
  if (book == NULL) return 0;
  for (i = 0; i < kThreads; ++i) {
    memset(&jobs[i], 0, sizeof jobs[i]);
    jobs[i].book = book;
    pipecast_counts_init(&jobs[i].counts, PIPECAST_COUNTS_VERSION);
    CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &jobs[i].counts), PIPECAST_OK);
  }
  for (i = 0; i < kThreads; ++i) CHECK(pthread_create(&threads[i], NULL, count_on_thread, &jobs[i]) == 0);
  for (i = 0; i < kThreads; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(jobs[i].code == PIPECAST_OK);
    CHECK(jobs[i].mismatches == 0);
  }
  pipecast_book_free(book);
  remove_temp_dir(dir);
  return 0;
}

/* The real Maven export through its built-in preset, when the shared data is
 * there (a clone without it skips). */
static int test_maven(char** args) {
  (void)args;
#ifdef PIPECAST_SHARED_DATA_DIR
  const char* dir = PIPECAST_SHARED_DATA_DIR "/maven-crm-sales-opportunities";
  struct stat info;
  pipecast_book* book = NULL;
  pipecast_counts counts = PIPECAST_COUNTS_INIT;

  if (stat(dir, &info) != 0) {
    printf("skipped: %s is absent\n", dir);
    return SKIPPED;
  }
  CHECK_CODE(load_mapped(dir, "maven", &book), PIPECAST_OK);
  if (book == NULL) return 0;
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &counts), PIPECAST_OK);
  CHECK(counts.opportunities == 8800);
  CHECK(counts.won == 4238);
  CHECK(counts.lost == 2473);
  CHECK(counts.open == 8800 - 4238 - 2473);
  pipecast_book_free(book);
  return 0;
#else
  printf("skipped: built without PIPECAST_SHARED_DATA_DIR\n");
  return SKIPPED;
#endif
}

/* write-book DIR: the fixture book into DIR, for save-snapshot. */
static int write_book(char** args) {
  const char* dir = args[0];
  mkdir(dir, 0777); /* may exist from an earlier run */
  CHECK(write_file(dir, "stages.csv", kStages));
  CHECK(write_file(dir, "opportunities.csv", kOpportunities));
  CHECK(write_file(dir, "stage_history.csv", kHistory));
  return 0;
}

/* save-snapshot DIR FILE: the book of DIR saved as a snapshot FILE. */
static int save_snapshot(char** args) {
  pipecast_book* book = NULL;
  CHECK_CODE(pipecast_book_load(args[0], NULL, &book), PIPECAST_OK);
  CHECK_CODE(pipecast_book_save_snapshot(book, args[1], PIPECAST_SNAPSHOT_BINARY), PIPECAST_OK);
  pipecast_book_free(book);
  return 0;
}

/* Copies `from` to `to`, with the byte at `offset` inverted (when offset is
 * in range) and keeping only `keep` bytes (all when keep is 0). */
static int copy_damaged(const char* from, const char* to, long offset, long keep) {
  FILE* in = fopen(from, "rb");
  FILE* out = fopen(to, "wb");
  long at = 0;
  int c, ok = in != NULL && out != NULL;
  while (ok && (c = fgetc(in)) != EOF && (keep == 0 || at < keep)) {
    fputc(at == offset ? c ^ 0xff : c, out);
    ++at;
  }
  if (in != NULL) fclose(in);
  if (out != NULL && fclose(out) != 0) ok = 0;
  return ok;
}

/* snapshot DIR FILE: FILE, saved from the book of DIR, loads to the same
 * book; a mapping is refused; damaged copies are refused with their path. */
static int test_snapshot(char** args) {
  const char* dir = args[0];
  const char* file = args[1];
  char damaged[1024];
  pipecast_book* from_csv = NULL;
  pipecast_book* from_snapshot = NULL;
  pipecast_counts a = PIPECAST_COUNTS_INIT, b = PIPECAST_COUNTS_INIT;

  CHECK_CODE(pipecast_book_load(dir, NULL, &from_csv), PIPECAST_OK);
  CHECK_CODE(pipecast_book_load(file, NULL, &from_snapshot), PIPECAST_OK);
  if (from_csv == NULL || from_snapshot == NULL) return 0;
  CHECK_CODE(pipecast_book_count(from_csv, day_of("2024-02-15"), &a), PIPECAST_OK);
  CHECK_CODE(pipecast_book_count(from_snapshot, day_of("2024-02-15"), &b), PIPECAST_OK);
  CHECK(a.opportunities == 3 && b.opportunities == a.opportunities);
  CHECK(b.open == a.open && b.history_rows == a.history_rows && b.stages == a.stages);
  CHECK(b.open_amount == a.open_amount && b.weighted_amount == a.weighted_amount);
  pipecast_book_free(from_csv);
  pipecast_book_free(from_snapshot);

  from_snapshot = (pipecast_book*)&from_snapshot;
  CHECK_CODE(load_mapped(file, "maven", &from_snapshot), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(from_snapshot == NULL);
  CHECK_ERROR_MENTIONS("mapping");

  /* A flipped byte past the header: the checksum catches it. */
  join_path(damaged, sizeof damaged, dir, "damaged.snap");
  CHECK(copy_damaged(file, damaged, 40, 0));
  CHECK_CODE(pipecast_book_load(damaged, NULL, &from_snapshot), PIPECAST_ERROR_PARSE);
  CHECK(from_snapshot == NULL);
  CHECK_ERROR_MENTIONS(damaged);
  /* The magic alone. */
  CHECK(copy_damaged(file, damaged, -1, 8));
  CHECK_CODE(pipecast_book_load(damaged, NULL, &from_snapshot), PIPECAST_ERROR_PARSE);
  CHECK_ERROR_MENTIONS(damaged);
  remove(damaged);
  return 0;
}

typedef struct {
  const char* name;
  int (*run)(char** args);
  int arg_count; /* sections with arguments run only when named */
} section;

static const section kSections[] = {
    {"version", test_version, 0},
    {"errors", test_errors, 0},
    {"dates", test_dates, 0},
    {"load", test_load, 0},
    {"count", test_count, 0},
    {"threads", test_threads, 0},
    {"maven", test_maven, 0},
    {"build", test_build, 0},
    {"round_trip", test_round_trip, 0},
    {"views", test_views, 0},
    {"opportunities", test_opportunities, 0},
    {"batches", test_batches, 0},
    {"builder_rules", test_builder_rules, 0},
    {"activities", test_activities, 0},
    {"report", test_report, 0},
    {"report_sections", test_report_sections, 0},
    {"tables", test_tables, 0},
    {"json_buffers", test_json_buffers, 0},
    {"lead_plan", test_lead_plan, 0},
    {"activity_effects", test_activity_effects, 0},
    {"worklist", test_worklist, 0},
    {"result_threads", test_result_threads, 0},
    {"load_log", test_load_log, 0},
    {"null_arguments", test_null_arguments, 0},
    {"dead_handles", test_dead_handles, 0},
    {"bad_sizes", test_bad_sizes, 0},
    {"bad_text", test_bad_text, 0},
    {"versions", test_versions, 0},
    {"fit", test_fit, 0},
    {"score", test_score, 0},
    {"model_files", test_model_files, 0},
    {"forecast", test_forecast, 0},
    {"forecast_movement", test_forecast_movement, 0},
    {"thread_cap", test_thread_cap, 0},
    {"out_of_memory", test_out_of_memory, 0},
    {"callback_model", test_callback_model, 0},
    {"backtest", test_backtest, 0},
    {"backtest_callback_model", test_backtest_callback_model, 0},
    {"forecast_garbage", test_forecast_garbage, 0},
    {"parts_fit", test_parts_fit, 0},
    {"forecast_parts", test_forecast_parts, 0},
    {"backtest_blocks", test_backtest_blocks, 0},
    {"write-book", write_book, 1},
    {"save-snapshot", save_snapshot, 2},
    {"snapshot", test_snapshot, 2},
    {"report-json", write_report_json, 2},
    {"plan-json", write_plan_json, 2},
    {"score-json", write_score_json, 2},
    {"forecast-json", write_forecast_json, 2},
    {"backtest-json", write_backtest_json, 2},
    {"fit_activities", test_fit_activities, 1},
    {"score-no-activities-json", write_score_no_activities_json, 2},
    {"backtest-no-activities-json", write_backtest_no_activities_json, 2},
};

int main(int argc, char** argv) {
  const size_t n = sizeof kSections / sizeof kSections[0];
  size_t i;
  int ran = 0, skipped = 0;
  setvbuf(stdout, NULL, _IONBF, 0);
  for (i = 0; i < n; ++i) {
    const section* s = &kSections[i];
    if (argc > 1 ? strcmp(argv[1], s->name) != 0 || argc - 2 != s->arg_count : s->arg_count > 0)
      continue;
    ++ran;
    if (s->run(argv + 2) == SKIPPED) ++skipped;
  }
  if (ran == 0) {
    printf("usage: capi_test [SECTION [ARGS]]: no section '%s' with %d arguments\n",
           argv[1], argc - 2);
    printf("0 passed, 1 failed\n");
    return 1;
  }
  printf("%d passed, %d failed\n", g_passed, g_failed);
  if (g_failed > 0) return 1;
  return skipped == ran && g_passed == 0 ? SKIPPED : 0;
}
