/*
 * host.c: a host embedding libpipecast through its C ABI (pipecast.h only).
 *
 * A CRM holds its deals in its own memory; here, a few hundred made-up deals
 * in plain arrays.  It hands them over column by column, without any CSV,
 * asks for the pipeline report as of a day and prints some of it, then fits
 * a forecast model on the same book, scores the open deals into its own
 * arrays and forecasts the next quarter's bookings.
 *
 *   cc -std=c99 host.c -lpipecast -o host && ./host [report.json]
 *
 * Every call returns PIPECAST_OK or a negative code with a message; this
 * host stops at the first failure and prints the message.
 */
#include <pipecast.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEALS 400
#define MAX_HISTORY (DEALS * 4)

/* Stops the program with the library's message when a call fails. */
static void check(int code, const char* what) {
  if (code == PIPECAST_OK) return;
  fprintf(stderr, "%s failed: %s (%s)\n", what, pipecast_last_error(), pipecast_error_string(code));
  exit(1);
}

/* A small deterministic random generator, so every run shows the same book. */
static unsigned long long g_state = 12345;
static unsigned next_random(unsigned bound) {
  g_state = g_state * 6364136223846793005ull + 1442695040888963407ull;
  return (unsigned)((g_state >> 33) % bound);
}

/* Fits the default model (auto) as of `as_of`, scores the open deals into
 * the host's arrays and forecasts bookings of the quarter after. */
static void forecast_next_quarter(const pipecast_book* book, int32_t as_of) {
  pipecast_fit_options fit = PIPECAST_FIT_OPTIONS_INIT;
  pipecast_score_options score_options = PIPECAST_SCORE_OPTIONS_INIT;
  pipecast_forecast_options options = PIPECAST_FORECAST_OPTIONS_INIT;
  pipecast_model* model = NULL;
  pipecast_result* scores = NULL;
  pipecast_result* forecast = NULL;
  pipecast_table* table = NULL;
  const char* description;
  double* probability;
  double* expected;
  double expected_sum = 0;
  size_t deals = 0, rows = 0, columns = 0, i;
  size_t component_column, expected_column, p10_column, p90_column;

  fit.as_of_day = as_of; /* fit.model NULL: "auto", the best on this book's past */
  check(pipecast_fit(book, &fit, &model), "pipecast_fit");
  check(pipecast_model_description(model, &description), "pipecast_model_description");
  printf("\nModel: %s\n", description);

  /* Every deal open at `as_of`: win probability and expected amount, in
   * bulk (without as_of_day: the deals open at the book's latest day). */
  score_options.as_of_day = as_of;
  check(pipecast_score(model, book, &score_options, &scores), "pipecast_score");
  check(pipecast_score_count(scores, &deals), "pipecast_score_count");
  probability = (double*)malloc((deals + 1) * sizeof(double));
  expected = (double*)malloc((deals + 1) * sizeof(double));
  if (probability == NULL || expected == NULL) exit(1);
  check(pipecast_score_read(scores, probability, expected, NULL, deals), "pipecast_score_read");
  for (i = 0; i < deals; ++i) expected_sum += expected[i];
  printf("%u open deals scored; expected to be won from them: %.0f\n", (unsigned)deals, expected_sum);

  options.as_of_day = as_of;
  options.period = "2024-Q3";
  options.trials = 5000;
  check(pipecast_forecast(model, book, &options, &forecast), "pipecast_forecast");
  check(pipecast_result_table(forecast, "forecast", &table), "pipecast_result_table");
  check(pipecast_table_shape(table, &rows, &columns), "pipecast_table_shape");
  /* Columns by name: a column added to the table moves the others. */
  check(pipecast_table_find_column(table, "component", &component_column), "find component");
  check(pipecast_table_find_column(table, "expected", &expected_column), "find expected");
  check(pipecast_table_find_column(table, "p10", &p10_column), "find p10");
  check(pipecast_table_find_column(table, "p90", &p90_column), "find p90");
  printf("Bookings of 2024-Q3:\n%-10s %10s %10s %10s\n", "component", "expected", "P10", "P90");
  for (i = 0; i < rows; ++i) {
    const char* component;
    double mean, p10, p90;
    check(pipecast_table_get_text(table, i, component_column, &component), "get component");
    check(pipecast_table_get_double(table, i, expected_column, &mean), "get expected");
    check(pipecast_table_get_double(table, i, p10_column, &p10), "get p10");
    check(pipecast_table_get_double(table, i, p90_column, &p90), "get p90");
    printf("%-10s %10.0f %10.0f %10.0f\n", component, mean, p10, p90);
  }

  free(probability);
  free(expected);
  pipecast_table_free(table);
  pipecast_result_free(forecast);
  pipecast_result_free(scores);
  pipecast_model_free(model); /* results made from it stay valid */
}

int main(int argc, char** argv) {
  /* The CRM's configuration: one pipeline, three open stages, won, lost. */
  static const char* stage_pipeline[] = {"Sales", "Sales", "Sales", "Sales", "Sales"};
  static const char* stage_name[] = {"Qualify", "Propose", "Negotiate", "Won", "Lost"};
  static const int32_t stage_order[] = {1, 2, 3, 4, 5};
  static const double stage_probability[] = {0.1, 0.4, 0.7, 1.0, 0.0};
  static const int32_t stage_kind[] = {PIPECAST_STAGE_OPEN, PIPECAST_STAGE_OPEN, PIPECAST_STAGE_OPEN,
                                       PIPECAST_STAGE_WON, PIPECAST_STAGE_LOST};
  static const char* owners[] = {"Ann", "Bob", "Cat", "Dan"};
  static const char* products[] = {"Core", "Plus", "Suite"};

  /* The CRM's deals, as columns. */
  static char id_text[DEALS][8];
  static const char* ids[DEALS];
  static const char* owner[DEALS];
  static const char* product[DEALS];
  static const char* current_stage[DEALS];
  static double amount[DEALS];
  static int32_t created[DEALS], close_date[DEALS];
  static const char* history_id[MAX_HISTORY];
  static const char* history_stage[MAX_HISTORY];
  static int32_t history_entered[MAX_HISTORY];
  size_t history_rows = 0;

  pipecast_builder* builder = NULL;
  pipecast_book* book = NULL;
  pipecast_result* report = NULL;
  pipecast_table* funnel = NULL;
  pipecast_table* stalled = NULL;
  pipecast_stage_columns stages = PIPECAST_STAGE_COLUMNS_INIT;
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  pipecast_history_columns history = PIPECAST_HISTORY_COLUMNS_INIT;
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  int32_t start, as_of;
  char date[PIPECAST_DATE_BUFFER_SIZE];
  size_t rows = 0, columns = 0, r, i;

  if (pipecast_abi_version() != PIPECAST_ABI_VERSION) {
    fprintf(stderr, "libpipecast %s has ABI %d, this host needs %d\n", pipecast_version(),
            pipecast_abi_version(), PIPECAST_ABI_VERSION);
    return 1;
  }
  check(pipecast_date_parse("2024-01-01", &start), "pipecast_date_parse");
  check(pipecast_date_parse("2024-06-30", &as_of), "pipecast_date_parse");

  /* Each deal starts in Qualify and moves on, or stops, every 10-30 days. */
  for (i = 0; i < DEALS; ++i) {
    int32_t day = start + (int32_t)next_random(170);
    int step;
    snprintf(id_text[i], sizeof id_text[i], "D%03u", (unsigned)i);
    ids[i] = id_text[i];
    owner[i] = owners[next_random(4)];
    product[i] = products[next_random(3)];
    amount[i] = 1000.0 * (1 + next_random(50));
    created[i] = day;
    for (step = 0; step < 3; ++step) {
      history_id[history_rows] = ids[i];
      history_stage[history_rows] = stage_name[step];
      history_entered[history_rows++] = day;
      current_stage[i] = stage_name[step];
      day += 10 + (int32_t)next_random(21);
      if (next_random(10) < 3) break; /* stays here (open, or lost below) */
    }
    if (step == 3 || next_random(10) < 4) { /* closes: won after Negotiate, else lost */
      current_stage[i] = step == 3 ? "Won" : "Lost";
      history_id[history_rows] = ids[i];
      history_stage[history_rows] = current_stage[i];
      history_entered[history_rows++] = day;
    }
    close_date[i] = day;
  }

  /* Hand the book over: stages, then deals, then their history. */
  check(pipecast_builder_new(&builder), "pipecast_builder_new");
  stages.pipeline = stage_pipeline;
  stages.stage = stage_name;
  stages.order = stage_order;
  stages.probability = stage_probability;
  stages.kind = stage_kind;
  check(pipecast_builder_add_stages(builder, &stages, 5), "pipecast_builder_add_stages");
  deals.id = ids;
  deals.owner = owner;
  deals.product = product;
  deals.amount = amount;
  deals.created = created;
  deals.close_date = close_date;
  deals.stage = current_stage;
  check(pipecast_builder_add_opportunities(builder, &deals, DEALS), "pipecast_builder_add_opportunities");
  history.opportunity_id = history_id;
  history.stage = history_stage;
  history.entered = history_entered;
  check(pipecast_builder_add_history(builder, &history, history_rows), "pipecast_builder_add_history");
  check(pipecast_builder_finish(builder, &book), "pipecast_builder_finish");
  pipecast_builder_free(builder);

  /* The book as of 2024-06-30: later stage changes are not seen. */
  check(pipecast_book_count(book, as_of, &counts), "pipecast_book_count");
  check(pipecast_date_format(as_of, date, sizeof date), "pipecast_date_format");
  printf("As of %s: %llu deals, %llu open (%.0f, weighted %.0f), %llu won (%.0f), %llu lost\n", date,
         (unsigned long long)counts.opportunities, (unsigned long long)counts.open, counts.open_amount,
         counts.weighted_amount, (unsigned long long)counts.won, counts.won_amount,
         (unsigned long long)counts.lost);

  scope.as_of_day = as_of;
  scope.period = "2024-Q2";
  check(pipecast_report(book, &scope, NULL, &report), "pipecast_report");

  /* The funnel, read cell by cell by column name. */
  check(pipecast_result_table(report, "funnel", &funnel), "pipecast_result_table");
  check(pipecast_table_shape(funnel, &rows, &columns), "pipecast_table_shape");
  printf("\n%-10s %8s %10s %12s\n", "step", "reached", "to next", "win rate");
  for (r = 0; r < rows; ++r) {
    size_t stage_column, reached_column, next_column, won_column;
    const char* stage;
    int64_t reached;
    double to_next, to_won;
    check(pipecast_table_find_column(funnel, "stage", &stage_column), "find stage");
    check(pipecast_table_find_column(funnel, "reached", &reached_column), "find reached");
    check(pipecast_table_find_column(funnel, "to_next", &next_column), "find to_next");
    check(pipecast_table_find_column(funnel, "to_won", &won_column), "find to_won");
    check(pipecast_table_get_text(funnel, r, stage_column, &stage), "get stage");
    check(pipecast_table_get_int64(funnel, r, reached_column, &reached), "get reached");
    check(pipecast_table_get_double(funnel, r, next_column, &to_next), "get to_next");
    check(pipecast_table_get_double(funnel, r, won_column, &to_won), "get to_won");
    /* NaN (x != x) is a figure without data, e.g. no next step after Won. */
    printf("%-10s %8lld", stage, (long long)reached);
    if (to_next != to_next) printf(" %10s", "-");
    else printf(" %9.0f%%", 100 * to_next);
    if (to_won != to_won) printf(" %12s\n", "-");
    else printf(" %11.0f%%\n", 100 * to_won);
  }

  /* The stalled deals, a whole column at a time into the host's arrays. */
  check(pipecast_result_table(report, "stalled", &stalled), "pipecast_result_table");
  check(pipecast_table_shape(stalled, &rows, &columns), "pipecast_table_shape");
  {
    const char* stalled_ids[5];
    double values[5];
    size_t id_column, amount_column, shown = rows < 5 ? rows : 5;
    check(pipecast_table_find_column(stalled, "id", &id_column), "find id");
    check(pipecast_table_find_column(stalled, "amount", &amount_column), "find amount");
    check(pipecast_table_read_text(stalled, id_column, 0, stalled_ids, shown), "read ids");
    check(pipecast_table_read_double(stalled, amount_column, 0, values, shown), "read amounts");
    printf("\n%u deals stalled or overdue; the largest:", (unsigned)rows);
    for (i = 0; i < shown; ++i) printf(" %s (%.0f)", stalled_ids[i], values[i]);
    printf("\n");
  }

  /* The whole report as JSON, the way `pipecast report --format json` writes it. */
  if (argc > 1) {
    size_t size = 0;
    char* json;
    FILE* file;
    if (pipecast_result_json(report, NULL, 2, NULL, 0, &size) != PIPECAST_ERROR_BUFFER_TOO_SMALL)
      check(PIPECAST_ERROR_INTERNAL, "pipecast_result_json (size)");
    json = (char*)malloc(size + 1);
    if (json == NULL) return 1;
    check(pipecast_result_json(report, NULL, 2, json, size + 1, &size), "pipecast_result_json");
    file = fopen(argv[1], "wb");
    if (file == NULL || fputs(json, file) < 0 || fclose(file) != 0) {
      fprintf(stderr, "cannot write %s\n", argv[1]);
      return 1;
    }
    printf("report written to %s (%u bytes)\n", argv[1], (unsigned)size);
    free(json);
  }

  forecast_next_quarter(book, as_of);

  pipecast_table_free(stalled);
  pipecast_table_free(funnel);
  pipecast_result_free(report);
  pipecast_book_free(book);
  return 0;
}
