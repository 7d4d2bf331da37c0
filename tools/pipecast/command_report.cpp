#include "book_source.hpp"
#include "commands.hpp"
#include "report_html.hpp"
#include "report_output.hpp"
#include "result_tables_csv.hpp"
#include "scope_options.hpp"

#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/forecast/model.hpp"

#include <iostream>
#include <memory>
#include <optional>

namespace pipecast::cli {
namespace {

// The page is as of one date: a backtest origin after it would forecast from
// what the report does not know yet.  A usage error, found before the book
// is loaded, when --as-of is given (see backtest_to for the book's latest day).
void check_backtest_dates(const std::string& from, const std::string& to, const std::string& as_of) {
  if (from.empty() || to.empty()) return;
  if (*parse_day(to) < *parse_day(from))
    throw CLI::ValidationError("--backtest-to", to + " is before --backtest-from " + from);
  if (!as_of.empty() && *parse_day(to) > *parse_day(as_of))
    throw CLI::ValidationError("--backtest-to", to + " is after --as-of " + as_of +
                                                    ": the backtest's origins must be known by the report's date");
}

// The last origin, at most the report's date (without --as-of, the book's latest day).
Day backtest_to(const std::string& to, const Scope& scope) {
  const Day day = *parse_day(to);
  if (day > scope.as_of())
    throw std::invalid_argument("--backtest-to " + to + " is after the report's date " + format_day(scope.as_of()) +
                                " (the book's latest day)");
  return day;
}

}  // namespace

void add_report_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ScopeOptions scope;
    std::vector<std::string> by;
    std::vector<std::string> stall_days;  // STAGE=DAYS
    std::string format = "table";
    std::string html;               // write the HTML page here
    std::string forecast_model = "auto";
    bool no_forecast = false;
    std::string since;              // what moved the page's forecast since this day
    std::string backtest_from, backtest_to;
    std::optional<double> target;   // the lead plan's target in the page
    TableOutput tables;             // --format csv
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "report", "The pipeline report: funnel, velocity, stalled deals, win/loss patterns, sales velocity, "
                "coverage, product potential, cross-sell");
  options->source.add_options(*command);
  options->scope.add_options(*command);
  command->add_option("--by", options->by,
                      "Fields for the win/loss patterns (repeat or comma-separate; default: owner, "
                      "product, source, segment)")
      ->delimiter(',');
  command->add_option("--stall-days", options->stall_days,
                      "A deal in STAGE longer than DAYS is stalled (STAGE=DAYS, repeatable); other "
                      "stages use the p90 of their completed stays");
  command->add_option("--format", options->format,
                      "Output format: table (text), json, or csv (every table of the report, one file each: "
                      "see --out and --table)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  options->tables.add_options(*command);
  auto* html = command->add_option("--html", options->html,
                                   "Also write the report as one self-contained HTML page with charts to FILE");
  command->add_option("--forecast-model", options->forecast_model, "Model of the page's forecast fan, and of the win probabilities that rank its worklist (when the book has activities)")
      ->check(CLI::IsMember(ModelRegistry::builtin().names()))
      ->capture_default_str();
  auto* no_forecast =
      command->add_flag("--no-forecast", options->no_forecast, "Leave the forecast out of the HTML page");
  command->add_option("--since", options->since,
                      "Add what moved the page's forecast since this day (YYYY-MM-DD): the waterfall of its first "
                      "period from the forecast as of that day to the one as of the report's date, by the same "
                      "model, and the deals that moved it most (as forecast --since)")
      ->check(date_validator())
      ->needs(html)
      ->excludes(no_forecast);
  auto* backtest_from = command->add_option("--backtest-from", options->backtest_from,
                                            "Add a backtest table to the HTML page: first monthly origin")
                            ->check(date_validator())
                            ->needs(html);
  command->add_option("--backtest-to", options->backtest_to,
                      "Last monthly origin of the page's backtest (at most the --as-of date)")
      ->check(date_validator())
      ->needs(backtest_from);
  backtest_from->needs("--backtest-to");
  command->add_option("--target", options->target,
                      "Revenue target of the lead plan in the HTML page (default: the team quota of the period)")
      ->check(CLI::PositiveNumber);
  command->callback([options, &run] {
    options->tables.check(options->format);
    check_backtest_dates(options->backtest_from, options->backtest_to, options->scope.as_of);
    run = [options] {
      const Book book = options->source.load();
      const Scope scope(book, options->scope.resolve(book));
      ReportOptions report_options;
      report_options.by = options->by;
      for (const auto& item : options->stall_days) {
        const auto eq = item.rfind('=');
        double days = -1;
        try {
          if (eq != std::string::npos) days = std::stod(item.substr(eq + 1));
        } catch (const std::exception&) {
        }
        if (eq == std::string::npos || eq == 0 || !(days >= 0))
          throw std::invalid_argument("--stall-days " + item + ": expected STAGE=DAYS, e.g. Negotiate=30");
        report_options.stalled.threshold_days[item.substr(0, eq)] = days;
      }
      const Report report = build_report(scope, report_options);
      if (!options->html.empty()) {
        // The page replaces the text output (it holds all of it and more);
        // an explicit --format json or csv is still written beside it.
        std::optional<render::ForecastFan> fan;
        std::optional<render::ForecastWaterfall> movement;
        std::optional<ActivityPlan> activities;
        const bool has_activities = book.activities().size() > 0;
        if (!options->no_forecast || has_activities) {
          // A --since the book refuses is told before the fit.
          const Day since_day = options->since.empty() ? kNoDay : resolve_since(options->since, book, scope.as_of());
          // One fit for all: the movement is the forecast's own model's, and
          // the worklist ranks with its win probabilities.
          const FittedModel model = model_for_page(scope, options->forecast_model);
          if (since_day != kNoDay) movement = movement_for_page(scope, model, since_day);
          if (!options->no_forecast) fan = forecast_for_page(scope, model);
          activities = activities_for_page(scope, model);
        }
        std::optional<render::BacktestTable> backtest;
        if (!options->backtest_from.empty())
          backtest = backtest_for_page(book, *parse_day(options->backtest_from), backtest_to(options->backtest_to, scope));
        write_page(page_input(report, lead_plan_for_page(scope, report, options->target), "Data: " + options->source.data,
                              std::move(fan), std::move(backtest), std::move(movement), std::move(activities)),
                   options->html, std::cerr);
      }
      if (options->format == "json") {
        std::cout << to_json(report) << '\n';
      } else if (options->format == "csv") {
        std::vector<std::string_view> names;
        for (const ReportTableName& t : report_table_names()) names.push_back(t.name);
        options->tables.write(names, [&](std::string_view name) { return report_table(report, name); }, std::cout);
      } else if (options->html.empty()) {
        print_report(report, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace pipecast::cli
