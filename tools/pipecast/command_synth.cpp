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
    std::string regime_change;  // none when empty
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
  command->add_option("--regime-change", options->regime_change,
                      "Deals created on or after this date (strictly between --start and --end) follow changed "
                      "parameters: some sources and segments win more often and others less, one stage loses "
                      "fewer deals and another more, Enterprise deals move slower, three owners leave and three "
                      "join (taking over their accounts), and the product Insights AI launches")
      ->check(date_validator());
  command->callback([options, &run] {
    run = [options] {
      SynthOptions synth{options->deals, options->seed, *parse_day(options->start), *parse_day(options->end)};
      if (!options->regime_change.empty()) synth.regime_change = *parse_day(options->regime_change);
      const SyntheticBook generated = generate_synthetic_book(synth);
      export_csv_directory(generated.book, options->out);
      std::cout << "wrote " << generated.book.size() << " opportunities and " << generated.book.history_size()
                << " stage changes to " << options->out << '\n';
      return 0;
    };
  });
}

}  // namespace pipecast::cli
