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
    bool neutralise = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "export", "Write a book (a mapped CRM export, or a snapshot) as canonical interchange CSV files");
  options->source.add_options(*command);
  command->add_option("OUT_DIR", options->out, "Directory to write (created if needed)")->required();
  command->add_flag("--neutralise-formulas", options->neutralise,
                    "Prefix text that a spreadsheet would run as a formula (=, +, -, @) with an apostrophe, "
                    "for files to open in Excel; without it the export is canonical and reads back to the same book");
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      ExportOptions export_options;
      if (options->neutralise) export_options.formulas = FormulaCells::neutralise;
      export_csv_directory(book, options->out, export_options);
      std::cout << "wrote " << book.size() << " opportunities to " << options->out << '\n';
      return 0;
    };
  });
}

}  // namespace pipecast::cli
