#include "book_source.hpp"
#include "commands.hpp"
#include "report_output.hpp"
#include "scope_options.hpp"

#include "pipecast/analytics/report.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_report_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ScopeOptions scope;
    std::vector<std::string> by;
    std::string format = "table";
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
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      const Scope scope(book, options->scope.resolve(book));
      ReportOptions report_options;
      report_options.by = options->by;
      const Report report = build_report(scope, report_options);
      if (options->format == "json") std::cout << to_json(report) << '\n';
      else print_report(report, std::cout);
      return 0;
    };
  });
}

}  // namespace pipecast::cli
