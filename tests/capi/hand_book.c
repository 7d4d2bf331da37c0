#include "hand_book.h"

#include "check.h"

#include <stddef.h>

const char* const kHandIds[HAND_BOOK_DEALS] = {"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"};

static int32_t day(int month, int dom) {
  /* 2024 only: day numbers from 2024-01-01 (19723), a leap year. */
  static const int before[] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
  return 19723 + before[month - 1] + dom - 1;
}

/* The deals i with i % parts == part, in `batches` calls, and their history. */
static int add_deals(pipecast_builder* builder, int batches, int part, int parts) {
  static const char* const pipelines[] = {"New Business", "New Business", "New Business",
                                          "New Business", "New Business", "Renewal",
                                          "Renewal",      "Renewal"};
  static const char* const stages[] = {"Qualify", "Discover", "Propose", "Closed Won",
                                       "Closed Lost", "Due", "Renewed", "Churned"};
  static const int32_t orders[] = {1, 2, 3, 4, 5, 1, 2, 3};
  static const double probabilities[] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  static const int32_t kinds[] = {PIPECAST_STAGE_OPEN, PIPECAST_STAGE_OPEN, PIPECAST_STAGE_OPEN,
                                  PIPECAST_STAGE_WON,  PIPECAST_STAGE_LOST, PIPECAST_STAGE_OPEN,
                                  PIPECAST_STAGE_WON,  PIPECAST_STAGE_LOST};
  static const char* const currencies[] = {"USD", "EUR"};
  static const double rates[] = {1.0, 1.1};
  static const char* const deal_pipelines[] = {"New Business", "New Business", "New Business",
                                               "New Business", "New Business", "New Business",
                                               "Renewal",      "New Business"};
  static const char* const owners[] = {"Ann", "Bob", "Ann", "Bob", "Cat", "Cat", "Ann", "Bob"};
  static const double amounts[] = {1000, 2000, 500, 300, 800, 1200, 100, 999};
  static const char* const deal_currencies[] = {"USD", "USD", "USD", "USD", "USD", "USD", "EUR", "USD"};
  static const char* const today[] = {"Closed Won", "Closed Lost", "Closed Won", "Closed Lost",
                                      "Qualify",    "Closed Won",  "Due",        "Qualify"};
  static const char* const accounts[] = {"Acme", "Acme", "Acme", "Acme", "Acme", "Acme", "Acme", "Acme"};
  static const char* const products[] = {"Widget", "Widget", "Widget", "Widget",
                                         "Widget", "Widget", "Widget", "Widget"};
  static const char* const sources[] = {"Web", "Web", "Web", "Web", "Web", "Web", "Web", "Web"};
  static const char* const segments[] = {"SMB", "SMB", "SMB", "SMB", "SMB", "SMB", "SMB", "SMB"};
  static const char* const history_ids[HAND_BOOK_HISTORY_ROWS] = {
      "d1", "d1", "d1", "d1", "d2", "d2", "d2", "d3", "d3", "d3", "d3",
      "d3", "d3", "d4", "d4", "d5", "d5", "d6", "d6", "d6", "d7", "d8"};
  static const char* const history_stages[HAND_BOOK_HISTORY_ROWS] = {
      "Qualify", "Discover", "Propose",  "Closed Won", "Qualify", "Propose",     "Closed Lost", "Qualify",
      "Discover", "Qualify", "Discover", "Propose",    "Closed Won", "Qualify", "Closed Lost", "Qualify",
      "Qualify", "Qualify",  "Discover", "Closed Won", "Due",     "Qualify"};
  int32_t created[HAND_BOOK_DEALS], close_dates[HAND_BOOK_DEALS], entered[HAND_BOOK_HISTORY_ROWS];
  static const int created_md[HAND_BOOK_DEALS][2] = {{1, 2},  {1, 10}, {1, 20}, {2, 3},
                                                     {2, 10}, {2, 15}, {3, 1},  {4, 5}};
  static const int close_md[HAND_BOOK_DEALS][2] = {{3, 2},  {2, 23}, {4, 10}, {2, 28},
                                                   {3, 1},  {3, 11}, {3, 30}, {6, 30}};
  static const int entered_md[HAND_BOOK_HISTORY_ROWS][2] = {
      {1, 2},  {1, 12}, {2, 1},  {3, 2},  {1, 10}, {1, 24}, {2, 23}, {1, 20}, {1, 23}, {2, 4},  {2, 11},
      {2, 19}, {4, 10}, {2, 3},  {2, 28}, {2, 10}, {2, 20}, {2, 15}, {2, 21}, {3, 11}, {3, 1},  {4, 5}};
  pipecast_stage_columns stage_columns = PIPECAST_STAGE_COLUMNS_INIT;
  pipecast_fx_rate_columns fx = PIPECAST_FX_RATE_COLUMNS_INIT;
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  pipecast_history_columns history = PIPECAST_HISTORY_COLUMNS_INIT;
  const char* ids[HAND_BOOK_DEALS];
  const char* pick_pipelines[HAND_BOOK_DEALS];
  const char* pick_owners[HAND_BOOK_DEALS];
  double pick_amounts[HAND_BOOK_DEALS];
  const char* pick_currencies[HAND_BOOK_DEALS];
  int32_t pick_created[HAND_BOOK_DEALS], pick_close[HAND_BOOK_DEALS];
  const char* pick_today[HAND_BOOK_DEALS];
  const char* pick_history_ids[HAND_BOOK_HISTORY_ROWS];
  const char* pick_history_stages[HAND_BOOK_HISTORY_ROWS];
  int32_t pick_entered[HAND_BOOK_HISTORY_ROWS];
  int kept = 0, kept_history = 0;
  int code, b, i;

  for (i = 0; i < HAND_BOOK_DEALS; ++i) {
    created[i] = day(created_md[i][0], created_md[i][1]);
    close_dates[i] = day(close_md[i][0], close_md[i][1]);
  }
  for (i = 0; i < HAND_BOOK_HISTORY_ROWS; ++i) entered[i] = day(entered_md[i][0], entered_md[i][1]);

  stage_columns.pipeline = pipelines;
  stage_columns.stage = stages;
  stage_columns.order = orders;
  stage_columns.probability = probabilities;
  stage_columns.kind = kinds;
  if ((code = pipecast_builder_add_stages(builder, &stage_columns, 8)) != PIPECAST_OK) return code;
  fx.currency = currencies;
  fx.rate = rates;
  if ((code = pipecast_builder_add_fx_rates(builder, &fx, 2)) != PIPECAST_OK) return code;

  /* The part's deals first, in book order (all of them for part 0 of 1). */
  for (i = 0; i < HAND_BOOK_DEALS; ++i) {
    if (i % parts != part) continue;
    ids[kept] = kHandIds[i];
    pick_pipelines[kept] = deal_pipelines[i];
    pick_owners[kept] = owners[i];
    pick_amounts[kept] = amounts[i];
    pick_currencies[kept] = deal_currencies[i];
    pick_created[kept] = created[i];
    pick_close[kept] = close_dates[i];
    pick_today[kept] = today[i];
    ++kept;
  }
  for (i = 0; i < HAND_BOOK_HISTORY_ROWS; ++i) {
    const int deal = history_ids[i][1] - '1';
    if (deal % parts != part) continue;
    pick_history_ids[kept_history] = history_ids[i];
    pick_history_stages[kept_history] = history_stages[i];
    pick_entered[kept_history] = entered[i];
    ++kept_history;
  }
  /* Deals in `batches` calls of about equal size: the book must not depend on it. */
  for (b = 0; b < batches; ++b) {
    const int first = b * kept / batches;
    const int end = (b + 1) * kept / batches;
    deals.id = ids + first;
    deals.pipeline = pick_pipelines + first;
    deals.account = accounts;
    deals.owner = pick_owners + first;
    deals.product = products;
    deals.source = sources;
    deals.segment = segments;
    deals.amount = pick_amounts + first;
    deals.currency = pick_currencies + first;
    deals.created = pick_created + first;
    deals.close_date = pick_close + first;
    deals.stage = pick_today + first;
    code = pipecast_builder_add_opportunities(builder, &deals, (size_t)(end - first));
    if (code != PIPECAST_OK) return code;
  }
  history.opportunity_id = pick_history_ids;
  history.stage = pick_history_stages;
  history.entered = pick_entered;
  return pipecast_builder_add_history(builder, &history, (size_t)kept_history);
}

int hand_book_add(pipecast_builder* builder, int batches) { return add_deals(builder, batches, 0, 1); }

pipecast_book* hand_book_part(int part, int parts) {
  pipecast_builder* builder = NULL;
  pipecast_book* book = NULL;
  CHECK_CODE(pipecast_builder_new(&builder), PIPECAST_OK);
  CHECK_CODE(add_deals(builder, 1, part, parts), PIPECAST_OK);
  CHECK_CODE(pipecast_builder_finish(builder, &book), PIPECAST_OK);
  pipecast_builder_free(builder);
  return book;
}

pipecast_book* hand_book(void) { return hand_book_part(0, 1); }
