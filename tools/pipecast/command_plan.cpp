#include "book_source.hpp"
#include "commands.hpp"
#include "report_lead_plan_table.hpp"
#include "result_tables_csv.hpp"
#include "scope_options.hpp"

#include "pipecast/analytics/lead_plan_tables.hpp"
#include "pipecast/analytics/report.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_plan_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ScopeOptions scope;
    double target = 0;
    std::string format = "table";
    TableOutput tables;  // --format csv
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "plan", "Lead plan (reverse funnel): the deals and new leads a revenue target needs, and by when");
  options->source.add_options(*command);
  command->add_option("--target", options->target, "Revenue target for the period, in the base currency")
      ->required()
      ->check(CLI::PositiveNumber);
  options->scope.add_options(*command);
  command->add_option("--format", options->format,
                      "Output format: table (text), json, or csv (the plan's tables, one file each: see "
                      "--out and --table)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  options->tables.add_options(*command);
  command->callback([options, &run] {
    options->tables.check(options->format);
    run = [options] {
      const Book book = options->source.load();
      const Scope scope(book, options->scope.resolve(book));
      const LeadPlan plan = lead_plan(scope, options->target);
      if (options->format == "json") {
        std::cout << to_json(plan) << '\n';
      } else if (options->format == "csv") {
        options->tables.write(lead_plan_table_names(),
                              [&](std::string_view name) { return lead_plan_table(plan, name); }, std::cout);
      } else {
        print_table(plan, book.base_currency(), std::cout);
      }
      return 0;
    };
  });
}

}  // namespace pipecast::cli
