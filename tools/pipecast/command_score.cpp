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
    std::string since;
    std::size_t drivers = 3;
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
  auto* since = command->add_option("--since", options->since,
                                    "Add win_probability_before, win_probability_change and drivers columns: each "
                                    "deal's probability on this day (YYYY-MM-DD) by the same model, and what moved it")
                    ->check(date_validator());
  command->add_option("--drivers", options->drivers, "With --since: how many drivers per deal")
      ->check(CLI::Range(0, 20))
      ->needs(since)
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      const Day as_of = resolve_as_of(options->model.as_of, book);
      // A --since the book refuses is told before the fit.
      const Day since_day = options->since.empty() ? kNoDay : resolve_since(options->since, book, as_of);
      const FittedModel model = options->model.resolve(book, as_of);
      const DealScores scores = model.score(AsOfView(book, as_of));
      std::ofstream file;
      if (!options->out.empty()) {
        file.open(options->out, std::ios::binary);
        if (!file) throw std::runtime_error("cannot write " + options->out);
      }
      std::optional<DealProducts> products;
      if (options->products > 0) products.emplace(book, scores.deals, options->products);
      std::optional<ScoreChanges> changes;
      if (since_day != kNoDay) changes = score_changes(model, book, scores, since_day, options->drivers);
      const ResultTable table = scores_table(book, scores,
                                             {.explain = options->explain,
                                              .model = &model,
                                              .products = products ? &*products : nullptr,
                                              .changes = changes ? &*changes : nullptr});
      std::ostream& out = options->out.empty() ? std::cout : file;
      if (options->format == "json")
        out << scores_json(scores, table, changes ? changes->since : kNoDay) << '\n';
      else
        out << result_table_csv(table, CsvNumbers::rounded);
      if (!out) throw std::runtime_error("cannot write " + (options->out.empty() ? std::string("the scores") : options->out));
      return 0;
    };
  });
}

}  // namespace pipecast::cli
