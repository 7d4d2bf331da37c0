#include "commands.hpp"
#include "report_output.hpp"
#include "summary_output.hpp"

#include "pipecast/analytics/report.hpp"
#include "pipecast/io/json.hpp"

#include "pipecast/summary.hpp"
#include "pipecast/synth.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_demo_command(CLI::App& app, Run& run) {
  struct Options {
    std::size_t deals = 20000;
    std::uint64_t seed = 7;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "demo", "Everything pipecast does, on a synthetic book generated in memory: the summary, then the report");
  command->add_option("--deals", options->deals, "Size of the synthetic book")
      ->check(CLI::Range(std::size_t{1}, std::size_t{5'000'000}))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const SynthOptions synth{options->deals, options->seed};
      const SyntheticBook generated = generate_synthetic_book(synth);
      const Book& book = generated.book;
      if (options->format == "table")
        std::cout << "pipecast demo: a synthetic book of " << book.size() << " opportunities ("
                  << book.pipelines().size() << " pipelines, " << book.history_size()
                  << " stage changes), seed " << options->seed << ".\n"
                  << "Try it on your own data: pipecast synth DIR, then pipecast summary DIR.\n\n";
      const Summary summary = summarize(AsOfView(book, synth.end));
      AnalysisOptions analysis;
      analysis.as_of = synth.end;
      const Report report = build_report(Scope(book, analysis));
      if (options->format == "json") {
        std::cout << "{\"summary\": " << to_json(summary, -1) << ",\n \"report\": " << to_json(report, -1)
                  << "}\n";
        return 0;
      }
      print_summary(summary, options->format, std::cout);
      std::cout << '\n';
      print_report(report, std::cout);
      return 0;
    };
  });
}

}  // namespace pipecast::cli
