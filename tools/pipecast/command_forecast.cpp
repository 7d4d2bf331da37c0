#include "book_source.hpp"
#include "commands.hpp"
#include "model_options.hpp"
#include "movement_output.hpp"
#include "result_tables_csv.hpp"
#include "text_table.hpp"

#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/render/forecast_views.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace pipecast::cli {
namespace {

void write_table(const Forecast& f, const FittedModel& model, const std::string& currency, std::ostream& out) {
  out << "Forecast of bookings (won amount by close date" << (currency.empty() ? "" : ", " + currency) << ") as of "
      << format_day(f.as_of) << "\n"
      << "model: " << model.description() << "\n"
      << f.open_deals << " open deals; " << thousands(static_cast<double>(f.trials))
      << " simulated futures (seed " << f.seed << ")\n\n";
  const ResultTable table = forecast_table(f);
  view_table(table, render::forecast_view(), render::all_rows(table), text_style(currency)).print(out);
  out << "\nclosed: already won in the period; pipeline: deals open now; new: deals not yet created.\n"
         "P10..P90: 8 in 10 simulated futures fall in this range.\n";
  if (!f.new_deals_unknown.empty())
    out << "new: unknown (-): " << f.new_deals_unknown << ". The total counts closed and pipeline only.\n";
}

struct MovementInput {
  const FittedModel& model;
  const Book& book;
  Day as_of;
  const std::vector<Period>& periods;
};

// forecast --since.
int write_movement(const MovementInput& in, Day since, std::size_t movers, const std::string& format,
                   const std::string& table) {
  const ForecastMovement movement = forecast_movement(in.model, in.book, since, in.as_of, in.periods);
  if (format == "json")
    std::cout << to_json(movement, in.book, movers) << '\n';
  else if (format == "csv")
    std::cout << result_table_csv(table == "movers" ? movers_table(in.book, movement, movers) : movement_table(movement),
                                  CsvNumbers::rounded);
  else
    print_movement(movement, in.book, in.model.description(), movers, std::cout);
  return 0;
}

}  // namespace

void add_forecast_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ModelOptions model;
    std::string period;
    std::size_t periods = 1;
    std::size_t trials = 10'000;
    std::uint64_t seed = 1;
    unsigned fiscal_start = 1;
    std::string format = "table";
    std::string since;
    std::size_t movers = 10;
    std::string table = "movement";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "forecast", "Forecast bookings per period, with P10/P50/P90 from simulated futures");
  options->source.add_options(*command);
  options->model.add_options(*command);
  command->add_option("--period", options->period,
                      "First period: 2024-07, 2024-Q3, 2024, FY2025-Q1 or 2024-07-01..2024-09-30 "
                      "(default: the quarter containing --as-of)");
  command->add_option("--periods", options->periods, "How many periods, from --period on")
      ->check(CLI::Range(1, 60))
      ->capture_default_str();
  command->add_option("--trials", options->trials, "Simulated futures")
      ->check(CLI::Range(100, 10'000'000))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed: the same seed gives the same result")
      ->capture_default_str();
  command->add_option("--fiscal-start", options->fiscal_start, "First month of the fiscal year (for FY periods)")
      ->check(CLI::Range(1, 12))
      ->capture_default_str();
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  auto* since = command->add_option("--since", options->since,
                                    "Instead of the forecast, what moved it since this day (YYYY-MM-DD): the "
                                    "waterfall from the forecast as of that day to the one as of --as-of, by the "
                                    "same model, and the deals that moved it most")
                    ->check(date_validator());
  command->add_option("--movers", options->movers, "With --since: how many deals that moved it to list per period")
      ->needs(since)
      ->capture_default_str();
  command->add_option("--table", options->table, "With --since and --format csv: the table to write")
      ->check(CLI::IsMember({"movement", "movers"}))
      ->needs(since)
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      const Day as_of = resolve_as_of(options->model.as_of, book);
      const FiscalCalendar fiscal{options->fiscal_start};
      ForecastOptions forecast;
      forecast.as_of = as_of;
      forecast.trials = options->trials;
      forecast.seed = options->seed;
      forecast.threads = options->model.threads;
      Period p = options->period.empty() ? period_containing(as_of, PeriodKind::quarter, fiscal)
                                         : parse_period(options->period, fiscal);
      for (std::size_t j = 0; j < options->periods; ++j, p = next_period(p, fiscal)) forecast.periods.push_back(p);
      // A --since the book refuses is told before the fit.
      const Day since_day = options->since.empty() ? kNoDay : resolve_since(options->since, book, as_of);
      const FittedModel model = options->model.resolve(book, as_of);
      if (since_day != kNoDay)
        return write_movement({model, book, as_of, forecast.periods}, since_day, options->movers, options->format,
                              options->table);
      const Forecast result = forecast_periods(model, book, forecast);
      if (options->format == "json")
        std::cout << to_json(result, model.description()) << '\n';
      else if (options->format == "csv")
        std::cout << result_table_csv(forecast_table(result), CsvNumbers::rounded);
      else
        write_table(result, model, book.base_currency(), std::cout);
      return 0;
    };
  });
}

}  // namespace pipecast::cli
