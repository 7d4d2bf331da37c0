/* Building books from columnar arrays, as views, saved and loaded back. */
#define _XOPEN_SOURCE 700

#include "capi_sections.h"
#include "check.h"
#include "hand_book.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static pipecast_counts counts_of(const pipecast_book* book, int32_t day) {
  pipecast_counts c = PIPECAST_COUNTS_INIT;
  CHECK_CODE(pipecast_book_count(book, day, &c), PIPECAST_OK);
  return c;
}

/* The hand book as of 2024-03-31: d8 is not created yet; d3 is open (its win
 * is later); history rows by then: 4 + 3 + 5 + 2 + 2 + 3 + 1 = 20. */
static void check_hand_counts(const pipecast_book* book) {
  const pipecast_counts c = counts_of(book, day_of(HAND_BOOK_DAY));
  CHECK(c.opportunities == 7);
  CHECK(c.open == 3 && c.won == 2 && c.lost == 2);
  CHECK(c.history_rows == 20);
  CHECK(c.pipelines == 2 && c.stages == 8);
  CHECK_NEAR(c.open_amount, 500 + 800 + 110);
  CHECK_NEAR(c.weighted_amount, 0.5 * (500 + 800 + 110));
  CHECK_NEAR(c.won_amount, 2200);
  CHECK_NEAR(c.lost_amount, 2300);
}

int test_build(char** args) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = NULL;
  pipecast_book* chunked = NULL;
  pipecast_counts all;
  const char* currency = NULL;
  int32_t day = 0;
  (void)args;

  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  CHECK_CODE(hand_book_add(builder, 1), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_finish(builder, &book), PIPECAST_OK);
  CHECK(book != NULL);
  if (book == NULL) return 0;
  check_hand_counts(book);

  /* The latest fact: d3's win on 2024-04-10 (d8's expected close date is
   * not a fact). */
  CHECK_CODE(pipecast_book_latest_day(book, &day), PIPECAST_OK);
  CHECK(day == day_of("2024-04-10"));
  CHECK_CODE(pipecast_book_view_day(book, &day), PIPECAST_OK);
  CHECK(day == PIPECAST_NO_DAY);
  CHECK_CODE(pipecast_book_currency(book, &currency), PIPECAST_OK);
  CHECK(currency != NULL && strcmp(currency, "USD") == 0);
  all = counts_of(book, PIPECAST_NO_DAY);
  CHECK(all.as_of_day == day_of("2024-04-10") && all.opportunities == 8 && all.won == 3);
  CHECK(all.history_rows == HAND_BOOK_HISTORY_ROWS);

  /* The spent builder refuses everything but free. */
  CHECK_CODE(pipecast_builder_finish(builder, &chunked), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("finished");
  CHECK(chunked == NULL);
  CHECK_CODE(hand_book_add(builder, 1), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_builder_free(builder);

  /* Deals in several batches make the same book. */
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  CHECK_CODE(hand_book_add(builder, 3), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_finish(builder, &chunked), PIPECAST_OK);
  pipecast_builder_free(builder);
  if (chunked != NULL) {
    check_hand_counts(chunked);
    pipecast_book_free(chunked);
  }
  pipecast_book_free(book);
  return 0;
}

/* A book built from arrays, exported as CSV and saved as a snapshot, loads
 * back to the same figures; views cannot be written. */
int test_round_trip(char** args) {
  char dir[512], path[1024];
  pipecast_book* book = hand_book();
  pipecast_book* loaded = NULL;
  pipecast_book* view = NULL;
  (void)args;
  if (book == NULL) return 0;
  CHECK(make_temp_dir(dir, sizeof dir));

  CHECK_CODE(pipecast_book_export_csv(book, dir), PIPECAST_OK);
  CHECK_CODE(pipecast_book_load(dir, NULL, &loaded), PIPECAST_OK);
  if (loaded != NULL) {
    check_hand_counts(loaded);
    pipecast_book_free(loaded);
    loaded = NULL;
  }
  join_path(path, sizeof path, dir, "book.snap");
  CHECK_CODE(pipecast_book_save_snapshot(book, path, PIPECAST_SNAPSHOT_BINARY), PIPECAST_OK);
  CHECK_CODE(pipecast_book_load(path, NULL, &loaded), PIPECAST_OK);
  if (loaded != NULL) {
    check_hand_counts(loaded);
    pipecast_book_free(loaded);
    loaded = NULL;
  }
  CHECK_CODE(pipecast_book_save_snapshot(book, path, PIPECAST_SNAPSHOT_TEXT), PIPECAST_OK);
  CHECK_CODE(pipecast_book_load(path, NULL, &loaded), PIPECAST_OK);
  if (loaded != NULL) {
    check_hand_counts(loaded);
    pipecast_book_free(loaded);
  }
  CHECK_CODE(pipecast_book_save_snapshot(book, path, 7), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("format");

  CHECK_CODE(pipecast_book_as_of(book, day_of(HAND_BOOK_DAY), &view), PIPECAST_OK);
  CHECK_CODE(pipecast_book_save_snapshot(view, path, PIPECAST_SNAPSHOT_BINARY), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("view");
  CHECK_CODE(pipecast_book_export_csv(view, dir), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("view");
  CHECK_CODE(pipecast_book_export_csv(book, ""), PIPECAST_ERROR_INVALID_ARGUMENT);
  /* A file where the directory should be: the system says no. */
  join_path(path, sizeof path, dir, "stages.csv");
  CHECK_CODE(pipecast_book_export_csv(book, path), PIPECAST_ERROR_IO);
  join_path(path, sizeof path, dir, "no/such/dir/book.snap");
  CHECK_CODE(pipecast_book_save_snapshot(book, path, PIPECAST_SNAPSHOT_BINARY), PIPECAST_ERROR_IO);
  CHECK_ERROR_MENTIONS("book.snap");

  pipecast_book_free(view);
  pipecast_book_free(book);
  remove_temp_dir(dir);
  return 0;
}

int test_views(char** args) {
  pipecast_book* book = hand_book();
  pipecast_book* view = NULL;
  pipecast_book* earlier = NULL;
  pipecast_book* later = NULL;
  pipecast_counts c;
  int32_t day = 0;
  (void)args;
  if (book == NULL) return 0;

  CHECK_CODE(pipecast_book_as_of(book, day_of(HAND_BOOK_DAY), &view), PIPECAST_OK);
  if (view == NULL) return 0;
  CHECK_CODE(pipecast_book_view_day(view, &day), PIPECAST_OK);
  CHECK(day == day_of(HAND_BOOK_DAY));
  CHECK_CODE(pipecast_book_latest_day(view, &day), PIPECAST_OK);
  CHECK(day == day_of(HAND_BOOK_DAY));
  /* A view counts as of its day by default, and agrees with the book. */
  c = counts_of(view, PIPECAST_NO_DAY);
  CHECK(c.as_of_day == day_of(HAND_BOOK_DAY));
  check_hand_counts(view);
  /* Earlier days of a view are the book's earlier days. */
  c = counts_of(view, day_of("2024-02-15"));
  CHECK(c.opportunities == counts_of(book, day_of("2024-02-15")).opportunities);
  CHECK(c.opportunities == 6 && c.open == 6); /* d2 and d4 are lost later */
  /* Nothing later than its day. */
  CHECK_CODE(pipecast_book_count(view, day_of("2024-04-01"), &c), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("after the view's day");
  CHECK_CODE(pipecast_book_as_of(view, day_of("2024-04-01"), &later), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK(later == NULL);
  /* A view of a view. */
  CHECK_CODE(pipecast_book_as_of(view, day_of("2024-01-31"), &earlier), PIPECAST_OK);
  c = counts_of(earlier, PIPECAST_NO_DAY);
  CHECK(c.as_of_day == day_of("2024-01-31") && c.opportunities == 3 && c.open == 3);
  /* Views keep the data alive after the book is freed. */
  pipecast_book_free(book);
  check_hand_counts(view);
  c = counts_of(earlier, PIPECAST_NO_DAY);
  CHECK(c.opportunities == 3);
  /* Days out of range and "no day" are refused. */
  CHECK_CODE(pipecast_book_as_of(view, PIPECAST_NO_DAY, &later), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_CODE(pipecast_book_as_of(view, PIPECAST_DAY_MIN - 1, &later), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("outside");
  CHECK_CODE(pipecast_book_count(view, PIPECAST_DAY_MAX + 1, &c), PIPECAST_ERROR_INVALID_ARGUMENT);
  pipecast_book_free(earlier);
  pipecast_book_free(view);
  return 0;
}

/* One bad row refuses its whole batch, names the row and field, and leaves
 * the builder as it was; the batch can then come again, corrected. */
int test_batches(char** args) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = NULL;
  const char* ids[] = {"x1", "x2", "x3"};
  const char* stages[] = {"Qualify", "Qualify", "Nowhere"};
  const char* owners[] = {"Zed", "Yan", "Zed"};
  const char* pipelines[] = {"New Business", "New Business", "New Business"};
  int32_t created[3];
  int32_t closes[3];
  double amounts[] = {10, 20, 30};
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  pipecast_stage_columns late_stages = PIPECAST_STAGE_COLUMNS_INIT;
  pipecast_history_columns history = PIPECAST_HISTORY_COLUMNS_INIT;
  pipecast_line_item_columns items = PIPECAST_LINE_ITEM_COLUMNS_INIT;
  pipecast_quota_columns quotas = PIPECAST_QUOTA_COLUMNS_INIT;
  pipecast_product_columns products = PIPECAST_PRODUCT_COLUMNS_INIT;
  pipecast_counts c;
  const char* names[] = {"region"};
  const char* regions[] = {"North", "South", "East"};
  const char* const* region_values[] = {regions};
  int i;
  (void)args;

  for (i = 0; i < 3; ++i) {
    created[i] = day_of("2024-03-20");
    closes[i] = day_of("2024-05-01");
  }
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  CHECK_CODE(hand_book_add(builder, 2), PIPECAST_OK);

  deals.id = ids;
  deals.pipeline = pipelines;
  deals.owner = owners;
  deals.amount = amounts;
  deals.created = created;
  deals.close_date = closes;
  deals.stage = stages;
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("opportunities row 2, field stage: unknown stage 'Nowhere' in pipeline 'New Business'");
  CHECK_ERROR_MENTIONS("Qualify");
  /* Rows 0 and 1 were taken back with it: x1 is free, and Zed never became an owner. */
  stages[2] = "Propose";
  amounts[1] = -5;
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("opportunities row 1, field amount: must not be negative");
  amounts[1] = 20;
  closes[0] = PIPECAST_DAY_MAX + 7;
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("opportunities row 0, field close_date: day 2932903 is outside 1400-01-01..9999-12-31");
  closes[0] = day_of("2024-05-01");
  created[2] = PIPECAST_NO_DAY;
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("opportunities row 2, field created: is blank");
  created[2] = day_of("2024-03-20");
  ids[2] = "x1";
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("opportunities row 2, field id: duplicate id 'x1'");
  ids[2] = "d1"; /* from the earlier batch */
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("duplicate id 'd1'");
  ids[2] = "x3";
  owners[1] = "Y\xc3\x28n"; /* a broken two-byte sequence */
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("opportunities row 1, field owner: not valid UTF-8 (byte 1)");
  owners[1] = "Yan";
  /* The first batch fixed the attribute columns (none). */
  deals.attribute_count = 1;
  deals.attribute_names = names;
  deals.attribute_values = region_values;
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("attributes are region, but the rows already added have none");
  deals.attribute_count = 0;
  CHECK_CODE(pipecast_builder_add_opportunities(builder, &deals, 3), PIPECAST_OK);

  /* Stages after opportunities are a mistake of the caller. */
  late_stages.pipeline = pipelines;
  late_stages.stage = stages;
  late_stages.order = created;
  late_stages.probability = amounts;
  late_stages.kind = created;
  CHECK_CODE(pipecast_builder_add_stages(builder, &late_stages, 1), PIPECAST_ERROR_INVALID_ARGUMENT);
  CHECK_ERROR_MENTIONS("stages come before opportunities");

  history.opportunity_id = ids;
  history.stage = stages;
  history.entered = created;
  ids[1] = "nobody";
  CHECK_CODE(pipecast_builder_add_history(builder, &history, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("stage_history row 1, field opportunity_id: unknown opportunity 'nobody'");
  ids[1] = "x2";
  stages[0] = "Due"; /* a stage of the other pipeline */
  CHECK_CODE(pipecast_builder_add_history(builder, &history, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("stage_history row 0, field stage: unknown stage 'Due' in pipeline 'New Business'");
  stages[0] = "Qualify";
  CHECK_CODE(pipecast_builder_add_history(builder, &history, 3), PIPECAST_OK);

  items.opportunity_id = ids;
  items.product = owners; /* any text will do as a product */
  items.quantity = amounts;
  items.unit_price = amounts;
  ids[2] = "ghost";
  CHECK_CODE(pipecast_builder_add_line_items(builder, &items, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("line_items row 2, field opportunity_id: unknown opportunity 'ghost'");
  ids[2] = "x3";
  CHECK_CODE(pipecast_builder_add_line_items(builder, &items, 3), PIPECAST_OK);

  quotas.owner = owners;
  quotas.period = stages;
  quotas.amount = amounts;
  CHECK_CODE(pipecast_builder_add_quotas(builder, &quotas, 1), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("quotas row 0, field period:");
  {
    const char* periods[] = {"2024-Q1", "2024-Q2"};
    quotas.period = periods;
    CHECK_CODE(pipecast_builder_add_quotas(builder, &quotas, 2), PIPECAST_OK);
  }

  products.product = owners;
  amounts[0] = NAN;
  products.list_price = amounts; /* a NaN list price is blank */
  CHECK_CODE(pipecast_builder_add_products(builder, &products, 2), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_add_products(builder, &products, 1), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("products row 0, field product: product 'Zed' is listed twice");

  CHECK_CODE(pipecast_builder_finish(builder, &book), PIPECAST_OK);
  pipecast_builder_free(builder);
  if (book == NULL) return 0;
  /* 8 hand deals + x1..x3, each accepted once. */
  pipecast_counts_init(&c, PIPECAST_COUNTS_VERSION);
  CHECK_CODE(pipecast_book_count(book, PIPECAST_NO_DAY, &c), PIPECAST_OK);
  CHECK(c.opportunities == 11);
  CHECK(c.history_rows == HAND_BOOK_HISTORY_ROWS + 3);
  pipecast_book_free(book);
  return 0;
}

/* Every table's checks, and the rules that are not about one row. */
int test_builder_rules(char** args) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = NULL;
  const char* pipelines[] = {"Sales", "Sales", "Sales"};
  const char* stages[] = {"Open", "Won", "Won"};
  int32_t orders[] = {1, 2, 3};
  double probabilities[] = {0.2, 1.0, 1.0};
  int32_t kinds[] = {PIPECAST_STAGE_OPEN, PIPECAST_STAGE_WON, 9};
  const char* categories[] = {"Pipeline", "Closed", NULL};
  pipecast_stage_columns s = PIPECAST_STAGE_COLUMNS_INIT;
  pipecast_fx_rate_columns fx = PIPECAST_FX_RATE_COLUMNS_INIT;
  const char* currencies[] = {"USD", "EUR", "USD"};
  double rates[] = {1.0, 0.0, 1.0};
  (void)args;

  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  /* No stages: nothing to finish, and no opportunities either. */
  CHECK_CODE(pipecast_builder_finish(builder, &book), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("no stages");
  pipecast_builder_free(builder);

  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  s.pipeline = pipelines;
  s.stage = stages;
  s.order = orders;
  s.probability = probabilities;
  s.kind = kinds;
  s.forecast_category = categories;
  CHECK_CODE(pipecast_builder_add_stages(builder, &s, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("stages row 2, field kind: 9 is not a stage kind");
  kinds[2] = PIPECAST_STAGE_LOST;
  CHECK_CODE(pipecast_builder_add_stages(builder, &s, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("stages row 2, field stage: stage 'Won' is defined twice in pipeline 'Sales'");
  stages[2] = "Lost";
  probabilities[0] = 1.5;
  CHECK_CODE(pipecast_builder_add_stages(builder, &s, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("stages row 0, field probability: must be between 0 and 1");
  probabilities[0] = NAN;
  CHECK_CODE(pipecast_builder_add_stages(builder, &s, 3), PIPECAST_ERROR_INVALID_DATA);
  probabilities[0] = 0.2;
  orders[2] = 2;
  CHECK_CODE(pipecast_builder_add_stages(builder, &s, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("stages row 2, field order: order 2 is already used by stage 'Won'");
  orders[2] = 3;
  CHECK_CODE(pipecast_builder_add_stages(builder, &s, 3), PIPECAST_OK);

  fx.currency = currencies;
  fx.rate = rates;
  CHECK_CODE(pipecast_builder_add_fx_rates(builder, &fx, 2), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("fx_rates row 1, field rate: must be a positive number");
  rates[1] = 1.1;
  CHECK_CODE(pipecast_builder_add_fx_rates(builder, &fx, 3), PIPECAST_ERROR_INVALID_DATA);
  CHECK_ERROR_MENTIONS("fx_rates row 2, field currency: currency 'USD' has two rates");
  CHECK_CODE(pipecast_builder_add_fx_rates(builder, &fx, 2), PIPECAST_OK);
  {
    /* A currency without a rate, once rates are given. */
    const char* id[] = {"D1"};
    const char* open[] = {"Open"};
    const char* gbp[] = {"GBP"};
    int32_t day[1];
    pipecast_opportunity_columns o = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
    day[0] = day_of("2024-01-01");
    o.id = id;
    o.stage = open;
    o.created = day;
    o.currency = gbp;
    CHECK_CODE(pipecast_builder_add_opportunities(builder, &o, 1), PIPECAST_ERROR_INVALID_DATA);
    CHECK_ERROR_MENTIONS("opportunities row 0, field currency: currency 'GBP' has no rate");
    o.currency = NULL; /* the base currency; the only pipeline */
    CHECK_CODE(pipecast_builder_add_opportunities(builder, &o, 1), PIPECAST_OK);
  }
  CHECK_CODE(pipecast_builder_finish(builder, &book), PIPECAST_OK);
  pipecast_builder_free(builder);
  pipecast_book_free(book);
  return 0;
}
