/* The test harness of the C ABI tests: counters, checks, temporary folders. */
#define _XOPEN_SOURCE 700 /* mkdtemp and dirent under strict C99 */

#include "check.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int g_passed;
int g_failed;

void check(int ok, const char* what, const char* file, int line) {
  if (ok) {
    ++g_passed;
    return;
  }
  ++g_failed;
  printf("FAIL %s:%d: %s\n", file, line, what);
}

void check_code(int got, int want, const char* call, const char* file, int line) {
  if (got == want) {
    ++g_passed;
    return;
  }
  ++g_failed;
  printf("FAIL %s:%d: %s returned %d (%s), expected %d (%s); last error: %s\n", file, line, call,
         got, pipecast_error_string(got), want, pipecast_error_string(want), pipecast_last_error());
}

void check_contains(const char* text, const char* part, const char* file, int line) {
  if (text != NULL && strstr(text, part) != NULL) {
    ++g_passed;
    return;
  }
  ++g_failed;
  printf("FAIL %s:%d: expected \"%s\" in \"%s\"\n", file, line, part, text ? text : "(null)");
}

void check_near(double got, double want, const char* what, const char* file, int line) {
  if (fabs(got - want) <= 1e-6 * (1.0 + fabs(want))) {
    ++g_passed;
    return;
  }
  ++g_failed;
  printf("FAIL %s:%d: %s is %.17g, expected %.17g\n", file, line, what, got, want);
}

void join_path(char* out, size_t size, const char* dir, const char* name) {
  snprintf(out, size, "%s/%s", dir, name);
}

int write_file(const char* dir, const char* name, const char* text) {
  char path[1024];
  FILE* file;
  join_path(path, sizeof path, dir, name);
  file = fopen(path, "wb");
  if (file == NULL) return 0;
  fputs(text, file);
  return fclose(file) == 0;
}

int read_file(const char* dir, const char* name, char* out, size_t size) {
  char path[1024];
  FILE* file;
  size_t got;
  join_path(path, sizeof path, dir, name);
  file = fopen(path, "rb");
  if (file == NULL || size == 0) return 0;
  got = fread(out, 1, size - 1, file);
  out[got] = '\0';
  fclose(file);
  return 1;
}

/* A new empty folder under $TMPDIR (or /tmp); 0 when it cannot be made. */
int make_temp_dir(char* out, size_t size) {
  const char* base = getenv("TMPDIR");
  snprintf(out, size, "%s/pipecast-capi-XXXXXX", base && *base ? base : "/tmp");
  return mkdtemp(out) != NULL;
}

/* Removes a folder made by make_temp_dir, with the files written into it. */
void remove_temp_dir(const char* dir) {
  DIR* listing = opendir(dir);
  struct dirent* entry;
  char path[1024];
  if (listing == NULL) return;
  while ((entry = readdir(listing)) != NULL) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
    join_path(path, sizeof path, dir, entry->d_name);
    remove(path);
  }
  closedir(listing);
  rmdir(dir);
}

int32_t day_of(const char* text) {
  int32_t day = PIPECAST_NO_DAY;
  CHECK_CODE(pipecast_date_parse(text, &day), PIPECAST_OK);
  return day;
}
