#include "book_source.hpp"
#include "commands.hpp"

#include "pipecast/io/csv_book.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_export_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "export", "Write a book (a mapped CRM export, or a snapshot) as canonical interchange CSV files");
  options->source.add_options(*command);
  command->add_option("OUT_DIR", options->out, "Directory to write (created if needed)")->required();
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      export_csv_directory(book, options->out);
      std::cout << "wrote " << book.size() << " opportunities to " << options->out << '\n';
      return 0;
    };
  });
}

}  // namespace pipecast::cli
