/* Activities through the columnar builder: a batch is all or nothing, the
 * builder's rules name the row and field, and the activities come back in
 * the canonical export and through a snapshot. */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "hand_book.h"

#include <math.h>
#include <string.h>

/* d1's call, d3's email on 2024-01-15 (before d3 was created: accepted),
 * and Acme's own visit; out of order on purpose. */
#define ACTIVITY_ROWS 3

static const char kExpected[] =
    "opportunity_id,account,type,date,owner,duration_minutes,direction,outcome\n"
    "d1,,call,2024-01-03,Ann,12.5,out,connected\n"
    "d3,,email,2024-01-15,Ann,,in,\n"
    ",Acme,visit,2024-02-01,Bob,,,\n";

static void fill(pipecast_activity_columns* c, const char** deal, const char** account, const char** type,
                 int32_t* date, const char** owner, double* minutes, const char** direction, const char** outcome) {
  c->opportunity_id = deal;
  c->account = account;
  c->type = type;
  c->date = date;
  c->owner = owner;
  c->duration_minutes = minutes;
  c->direction = direction;
  c->outcome = outcome;
}

int test_activities(char** args) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = NULL;
  pipecast_book* loaded = NULL;
  pipecast_activity_columns c = PIPECAST_ACTIVITY_COLUMNS_INIT;
  const char* deal[ACTIVITY_ROWS] = {"d3", "", "d1"};
  const char* account[ACTIVITY_ROWS] = {"", "Acme", NULL};
  const char* type[ACTIVITY_ROWS] = {"email", "visit", "call"};
  int32_t date[ACTIVITY_ROWS];
  const char* owner[ACTIVITY_ROWS] = {"Ann", "Bob", "Ann"};
  double minutes[ACTIVITY_ROWS] = {NAN, NAN, 12.5};
  const char* direction[ACTIVITY_ROWS] = {"in", "", "out"};
  const char* outcome[ACTIVITY_ROWS] = {"", NULL, "connected"};
  char dir[512], path[1024], text[4096];
  (void)args;
  date[0] = day_of("2024-01-15");
  date[1] = day_of("2024-02-01");
  date[2] = day_of("2024-01-03");

  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  CHECK_CODE(hand_book_add(builder, 1), PIPECAST_OK);
  fill(&c, deal, account, type, date, owner, minutes, direction, outcome);

  /* One bad row refuses the batch, naming the row and the field. */
  deal[1] = "d9";
  CHECK_CODE(pipecast_builder_add_activities(builder, &c, ACTIVITY_ROWS), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("activities row 1, field opportunity_id: unknown opportunity 'd9'");
  deal[1] = "";
  direction[2] = "outbound";
  CHECK_CODE(pipecast_builder_add_activities(builder, &c, ACTIVITY_ROWS), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("activities row 2, field direction: 'outbound' is not a direction");
  direction[2] = "out";
  account[1] = "Initech";
  CHECK_CODE(pipecast_builder_add_activities(builder, &c, ACTIVITY_ROWS), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("activities row 1, field account: unknown account 'Initech'");
  account[1] = "Acme";
  c.type = NULL;
  CHECK_CODE(pipecast_builder_add_activities(builder, &c, ACTIVITY_ROWS), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("type");
  c.type = type;
  CHECK_CODE(pipecast_builder_add_activities(builder, &c, ACTIVITY_ROWS), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_finish(builder, &book), PIPECAST_OK);
  pipecast_builder_free(builder);
  if (book == NULL) return 0;

  /* Only the accepted batch is in: the export writes it, by deal then account. */
  CHECK(make_temp_dir(dir, sizeof dir));
  CHECK_CODE(pipecast_book_export_csv(book, dir), PIPECAST_OK);
  CHECK(read_file(dir, "activities.csv", text, sizeof text));
  CHECK(strcmp(text, kExpected) == 0);

  /* A snapshot keeps them. */
  join_path(path, sizeof path, dir, "book.snap");
  CHECK_CODE(pipecast_book_save_snapshot(book, path, PIPECAST_SNAPSHOT_TEXT), PIPECAST_OK);
  CHECK_CODE(pipecast_book_load(path, NULL, &loaded), PIPECAST_OK);
  remove_temp_dir(dir);
  CHECK(make_temp_dir(dir, sizeof dir));
  if (loaded != NULL) {
    CHECK_CODE(pipecast_book_export_csv(loaded, dir), PIPECAST_OK);
    CHECK(read_file(dir, "activities.csv", text, sizeof text));
    CHECK(strcmp(text, kExpected) == 0);
    pipecast_book_free(loaded);
  }
  CHECK_CODE(pipecast_activity_columns_init(&c, PIPECAST_ACTIVITY_COLUMNS_VERSION), PIPECAST_OK);
  CHECK(c.version == PIPECAST_ACTIVITY_COLUMNS_VERSION && c.type == NULL);
  remove_temp_dir(dir);
  pipecast_book_free(book);
  return 0;
}
