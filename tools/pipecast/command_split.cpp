#include "book_source.hpp"
#include "commands.hpp"

#include "pipecast/core/book_partition.hpp"
#include "pipecast/io/split_order_csv.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace pipecast::cli {
namespace {

// Parts of an earlier split left in OUT would merge with the new ones (or
// stop the merge): split writes into a new or empty directory only.
void check_out_is_empty(const std::filesystem::path& out) {
  std::error_code ec;
  if (!std::filesystem::exists(out, ec)) return;
  if (!std::filesystem::is_directory(out, ec))
    throw std::runtime_error(out.string() + ": not a directory");
  if (!std::filesystem::is_empty(out, ec))
    throw std::runtime_error(out.string() + ": not empty (split writes into a new or empty directory)");
}

}  // namespace

void add_split_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string out;
    std::size_t parts = 0;
    std::string by = "deal";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "split", "Split a book into parts OUT_DIR/part-1 ... part-N (interchange CSV files), each deal with its "
               "stage history and line items in one part, the stages, products, quotas and FX rates in every "
               "part, and each part's order in the book in its split_order.csv; `pipecast merge` puts them back "
               "together (see docs/scale-out.md)");
  options->source.add_options(*command);
  command->add_option("OUT_DIR", options->out, "Directory to write the parts in (new or empty)")->required();
  command->add_option("--parts", options->parts, "Number of parts")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000}));
  command->add_option("--by", options->by,
                      "What keeps deals together: deal (each deal on its own: the most even parts), owner, "
                      "pipeline or account")
      ->check(CLI::IsMember({"deal", "owner", "pipeline", "account"}))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const std::filesystem::path out = options->out;
      check_out_is_empty(out);
      const Book book = options->source.load();
      std::vector<BookPart> parts;
      try {
        parts = split_book(book, options->parts, *parse_partition_key(options->by));
      } catch (const std::invalid_argument& e) {
        throw std::runtime_error(options->source.data + ": " + e.what());
      }
      for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto directory = out / ("part-" + std::to_string(p + 1));
        export_part_directory(parts[p], directory);
        std::cout << "wrote " << parts[p].book.size() << " opportunities to " << directory.string() << '\n';
      }
      return 0;
    };
  });
}

}  // namespace pipecast::cli
