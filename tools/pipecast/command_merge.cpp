#include "commands.hpp"

#include "pipecast/core/book_partition.hpp"
#include "pipecast/io/book_loader.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/split_order_csv.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_merge_command(CLI::App& app, Run& run) {
  struct Options {
    std::vector<std::string> parts;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "merge", "Merge parts of a book (as `pipecast split` writes them) into one book of canonical interchange "
               "CSV files: the parts of a split (directories with their split_order.csv) come back in the order "
               "of the book split, other parts one after another in the order given");
  command->add_option("PART", options->parts, "Part directories (CSV files) or snapshot files")->required();
  command->add_option("--out", options->out, "Directory to write the merged book to (created if needed)")
      ->required();
  command->callback([options, &run] {
    run = [options] {
      std::vector<BookPart> parts;
      for (const auto& path : options->parts) {
        BookPart part{load_book(path).book, std::nullopt};
        part.order = read_split_order(path, part.book);
        parts.push_back(std::move(part));
      }
      const Book book = merge_books(parts, options->parts);
      export_csv_directory(book, options->out);
      std::cout << "wrote " << book.size() << " opportunities from " << parts.size() << " parts to "
                << options->out << '\n';
      return 0;
    };
  });
}

}  // namespace pipecast::cli
