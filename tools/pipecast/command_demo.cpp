#include "commands.hpp"
#include "report_html.hpp"
#include "report_output.hpp"
#include "summary_output.hpp"

#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/summary_table.hpp"
#include "pipecast/render/human_format.hpp"

#include "pipecast/core/summary.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <iostream>
#include <memory>
#include <stdexcept>

namespace pipecast::cli {

void add_demo_command(CLI::App& app, Run& run) {
  struct Options {
    std::size_t deals = 20000;
    std::uint64_t seed = 7;
    std::string format = "table";
    std::string html;  // write the HTML page here
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "demo", "Everything pipecast does, on a synthetic book generated in memory: the summary, then the report");
  command->add_option("--deals", options->deals, "Size of the synthetic book")
      ->check(CLI::Range(std::size_t{1}, std::size_t{5'000'000}))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  auto* format = command->add_option("--format", options->format, "Output format")
                     ->check(CLI::IsMember({"table", "json"}))
                     ->capture_default_str();
  command->add_option("--html", options->html,
                      "Write the report as one self-contained HTML page with charts to FILE instead")
      ->excludes(format);
  command->callback([options, &run] {
    run = [options] {
      const SynthOptions synth{options->deals, options->seed};
      const SyntheticBook generated = generate_synthetic_book(synth);
      const Book& book = generated.book;
      if (options->format == "table" && options->html.empty())
        std::cout << "pipecast demo: a synthetic book of " << book.size() << " opportunities ("
                  << book.pipelines().size() << " pipelines, " << book.history_size()
                  << " stage changes), seed " << options->seed << ".\n"
                  << "Try it on your own data: pipecast synth DIR, then pipecast summary DIR.\n\n";
      const Summary summary = summarize(AsOfView(book, synth.end));
      AnalysisOptions analysis;
      analysis.as_of = synth.end;
      const Scope scope(book, analysis);
      const Report report = build_report(scope);
      if (!options->html.empty()) {
        const std::string subtitle = "Synthetic book: " + render::format_count(book.size()) + " deals, seed " +
                                     std::to_string(options->seed) + " (pipecast synth DIR --deals " +
                                     std::to_string(options->deals) + " --seed " + std::to_string(options->seed) +
                                     " writes the same book)";
        render::HtmlReportInput input = page_input(report, lead_plan_for_page(scope, report, std::nullopt), subtitle,
                                                   forecast_for_page(scope, "auto"));
        // demo has no backtest options: the hint shows the way through report.
        input.no_backtest_hint = "No backtest in the demo: write the book with pipecast synth DIR, then run "
                                 "pipecast report DIR --html FILE --backtest-from DATE --backtest-to DATE to "
                                 "compare the models on it.";
        write_page(input, options->html, std::cerr);
        return 0;
      }
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
