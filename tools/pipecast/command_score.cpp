#include "book_source.hpp"
#include "commands.hpp"
#include "model_options.hpp"

#include "pipecast/forecast/deal_products.hpp"
#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/io/csv_text.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

namespace pipecast::cli {
namespace {

// A text cell of the scores CSV, which users open in spreadsheets.
std::string csv_field(std::string_view text) { return csv_text(text, FormulaCells::neutralise); }

std::string products_text(const DealProducts& products, std::size_t row) {
  std::string text;
  for (const CrossSellCandidate& c : products.of(row))
    text += fmt::format("{}{} ({:.2f})", text.empty() ? "" : "; ", products.product_name(c.product), c.score);
  return text;
}

void write_csv(const DealScores& scores, const FittedModel& model, const Book& book, std::size_t explain,
               const DealProducts* products, std::ostream& out) {
  out << "id,stage,amount,win_probability,expected_close_date,expected_amount"
      << (explain > 0 ? ",top_factors" : "") << (products ? ",may_add" : "") << '\n';
  for (std::size_t i = 0; i < scores.size(); ++i) {
    out << csv_field(book.ids()[scores.deals.deal[i]]) << ','
        << csv_field(book.stages()[scores.deals.stage[i]].name) << ','
        << fmt::format("{:.2f},{:.4f},{},{:.2f}", scores.deals.amount[i], scores.win_probability[i],
                       format_day(scores.expected_close(i)), scores.expected_amount(i));
    if (explain > 0) out << ',' << csv_field(factors_text(model.win_model().explain(book, scores.deals, i, explain)));
    if (products) out << ',' << csv_field(products_text(*products, i));
    out << '\n';
  }
}

}  // namespace

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
        write_csv(scores, model, book, options->explain, products ? &*products : nullptr, out);
      if (!out) throw std::runtime_error("cannot write " + (options->out.empty() ? std::string("the scores") : options->out));
      return 0;
    };
  });
}

}  // namespace pipecast::cli
