/* The test harness shared by the C ABI tests (C99, pipecast.h only). */
#ifndef PIPECAST_CAPI_CHECK_H
#define PIPECAST_CAPI_CHECK_H

#include "pipecast.h"

#include <stddef.h>
#include <stdint.h>

#define SKIPPED 77 /* ctest's SKIP_RETURN_CODE */

/* PIPECAST_TEST_ASAN in an AddressSanitizer build (GCC or clang): the tests
 * that detect freed handles read the freed memory on purpose, and ASan
 * (rightly) stops at that read, so those parts run in other builds only. */
#if defined(__SANITIZE_ADDRESS__)
#define PIPECAST_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PIPECAST_TEST_ASAN 1
#endif
#endif

extern int g_passed;
extern int g_failed;

void check(int ok, const char* what, const char* file, int line);
void check_code(int got, int want, const char* call, const char* file, int line);
void check_contains(const char* text, const char* part, const char* file, int line);
void check_near(double got, double want, const char* what, const char* file, int line);

#define CHECK(cond) check((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_CODE(call, want) check_code((call), (want), #call, __FILE__, __LINE__)
#define CHECK_CONTAINS(text, part) check_contains((text), (part), __FILE__, __LINE__)
#define CHECK_NEAR(got, want) check_near((got), (want), #got, __FILE__, __LINE__)
#define CHECK_ERROR_MENTIONS(part) CHECK_CONTAINS(pipecast_last_error(), (part))

void join_path(char* out, size_t size, const char* dir, const char* name);
int write_file(const char* dir, const char* name, const char* text);
/* The text of dir/name in out (cut at size - 1 bytes); 0 when it cannot be read. */
int read_file(const char* dir, const char* name, char* out, size_t size);
/* A new empty folder under $TMPDIR (or /tmp); 0 when it cannot be made. */
int make_temp_dir(char* out, size_t size);
/* Removes a folder made by make_temp_dir, with the files written into it. */
void remove_temp_dir(const char* dir);
int32_t day_of(const char* text);

#endif
