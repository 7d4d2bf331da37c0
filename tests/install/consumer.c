/* A C host of the installed libpipecast: the header and the library agree. */
#include <pipecast.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  char text[PIPECAST_DATE_BUFFER_SIZE];
  int32_t day = PIPECAST_NO_DAY;
  if (strcmp(pipecast_version(), PIPECAST_VERSION_STRING) != 0 ||
      pipecast_abi_version() != PIPECAST_ABI_VERSION) {
    printf("header %s (ABI %d) but library %s (ABI %d)\n", PIPECAST_VERSION_STRING,
           PIPECAST_ABI_VERSION, pipecast_version(), pipecast_abi_version());
    return 1;
  }
  if (pipecast_date_parse("2024-02-29", &day) != PIPECAST_OK ||
      pipecast_date_format(day, text, sizeof text) != PIPECAST_OK ||
      strcmp(text, "2024-02-29") != 0) {
    printf("date round trip failed: %s\n", pipecast_last_error());
    return 1;
  }
  printf("C consumer: libpipecast %s\n", pipecast_version());
  return 0;
}
