#include "book_source.hpp"
#include "commands.hpp"

#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_synth_command(CLI::App& app, Run& run) {
  struct Options {
    std::string out;
    std::size_t deals = 5000;
    std::uint64_t seed = 1;
    std::string start = "2023-01-01";
    std::string end = "2024-12-31";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "synth", "Write a realistic synthetic book (interchange CSV files); the same seed gives the same book");
  command->add_option("OUT_DIR", options->out, "Directory to write (created if needed)")->required();
  command->add_option("--deals", options->deals, "Number of opportunities")
      ->check(CLI::Range(std::size_t{1}, std::size_t{50'000'000}))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--start", options->start, "First creation date")->check(date_validator())->capture_default_str();
  command->add_option("--end", options->end, "The book is as known at the end of this date")
      ->check(date_validator())
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      SynthOptions synth{options->deals, options->seed, *parse_day(options->start), *parse_day(options->end)};
      const SyntheticBook generated = generate_synthetic_book(synth);
      export_csv_directory(generated.book, options->out);
      std::cout << "wrote " << generated.book.size() << " opportunities and " << generated.book.history_size()
                << " stage changes to " << options->out << '\n';
      return 0;
    };
  });
}

}  // namespace pipecast::cli
