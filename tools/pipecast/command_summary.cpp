#include "book_source.hpp"
#include "commands.hpp"
#include "summary_output.hpp"

#include "pipecast/core/summary.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_summary_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string as_of;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "summary", "Headline figures of a book as of a date: deals and amounts by state and stage");
  options->source.add_options(*command);
  command->add_option("--as-of", options->as_of, "Date (YYYY-MM-DD); default: the latest date in the book")
      ->check(date_validator());
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember(kSummaryFormats))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      const Day as_of = resolve_as_of(options->as_of, book);
      print_summary(summarize(AsOfView(book, as_of)), options->format, std::cout);
      return 0;
    };
  });
}

}  // namespace pipecast::cli
