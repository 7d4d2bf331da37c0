#include "book_source.hpp"
#include "commands.hpp"
#include "data_check_output.hpp"
#include "result_tables_csv.hpp"

#include "pipecast/analytics/data_check.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_check_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "check", "Data-quality report on a book: what in its data distorts an analysis (close dates before "
               "creation, missing history, migration dates, blank amounts, ...), where, and what pipecast does "
               "about it. Reads and changes nothing; exits 0 whatever it finds");
  options->source.add_options(*command);
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const ImportResult imported = options->source.import();
      const auto findings = check_data(imported.book, imported.unrated_currencies);
      if (options->format == "json") std::cout << result_table_json(data_check_table(findings)) << '\n';
      else if (options->format == "csv") std::cout << result_table_csv(data_check_table(findings));
      else print_data_check(options->source.data, imported.book, findings, std::cout);
      return 0;
    };
  });
}

}  // namespace pipecast::cli
