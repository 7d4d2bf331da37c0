#include "book_source.hpp"
#include "commands.hpp"
#include "model_options.hpp"
#include "result_tables_csv.hpp"

#include "pipecast/forecast/deal_products.hpp"
#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/json.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

namespace pipecast::cli {

void add_score_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ModelOptions model;
    std::string out;
    std::string format = "csv";
    std::size_t explain = 0;
    std::size_t products = 0;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "score", "Score every deal open at a date: win probability, expected close date, expected amount");
  options->source.add_options(*command);
  options->model.add_options(*command);
  command->add_option("--out", options->out, "Write to this file instead of standard output");
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  command->add_option("--explain", options->explain,
                      "Add a top_factors column with the N features that moved each deal most (logistic)")
      ->check(CLI::Range(0, 20));
  command->add_option("--products", options->products,
                      "Add a may_add column with up to N products each deal's account may add "
                      "(cross-sell candidates as of the date, with their scores)")
      ->check(CLI::Range(0, 20));
  command->callback([options, &run] {
    if (options->format == "json" && (options->explain > 0 || options->products > 0))
      throw CLI::ValidationError("--explain and --products", "add CSV columns: use them with --format csv");
    run = [options] {
      const Book book = options->source.load();
      const Day as_of = resolve_as_of(options->model.as_of, book);
      const FittedModel model = options->model.resolve(book, as_of);
      const DealScores scores = model.score(AsOfView(book, as_of));
      std::ofstream file;
      if (!options->out.empty()) {
        file.open(options->out, std::ios::binary);
        if (!file) throw std::runtime_error("cannot write " + options->out);
      }
      std::optional<DealProducts> products;
      if (options->products > 0) products.emplace(book, scores.deals, options->products);
      std::ostream& out = options->out.empty() ? std::cout : file;
      if (options->format == "json")
        out << to_json(scores, book) << '\n';
      else
        out << result_table_csv(scores_table(book, scores, model, options->explain, products ? &*products : nullptr),
                                CsvNumbers::rounded);
      if (!out) throw std::runtime_error("cannot write " + (options->out.empty() ? std::string("the scores") : options->out));
      return 0;
    };
  });
}

}  // namespace pipecast::cli
