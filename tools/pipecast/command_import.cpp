#include "book_source.hpp"
#include "commands.hpp"
#include "data_check_output.hpp"
#include "text_table.hpp"

#include "pipecast/storage/snapshot.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {
namespace {

void print_book(const Book& book, std::ostream& out) {
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("count");
  const auto row = [&](const char* what, std::size_t n) { t.add_row({what, thousands(static_cast<double>(n))}); };
  row("pipelines", book.pipelines().size());
  row("stages", book.stages().size());
  row("opportunities", book.size());
  row("stage history rows", book.history_size());
  row("accounts", book.dictionary(Dimension::account).size());
  row("owners", book.dictionary(Dimension::owner).size());
  row("products", book.dictionary(Dimension::product).size());
  row("line items", book.line_items().size());
  row("quotas", book.quotas().size());
  row("currencies", book.currencies().size());
  t.print(out, "  ");
  if (!book.attributes().names.empty()) {
    out << "  custom attributes:";
    for (const auto& n : book.attributes().names) out << ' ' << n;
    out << '\n';
  }
  if (book.latest_day() != kNoDay) out << "  latest date: " << format_day(book.latest_day()) << '\n';
}

}  // namespace

void add_import_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string snapshot;
    std::string snapshot_format = "binary";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "import", "Validate a book (every problem as file:line:column), print what it holds, "
                "and optionally save it as a snapshot");
  options->source.add_options(*command);
  command->add_option("--snapshot", options->snapshot, "Write the book to this snapshot file");
  command->add_option("--snapshot-format", options->snapshot_format,
                      "binary (fast, this machine's kind) or text (portable)")
      ->check(CLI::IsMember({"binary", "text"}))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const ImportResult imported = options->source.import();
      const Book& book = imported.book;
      for (const auto& w : imported.warnings) std::cerr << "warning: " << w.to_string() << '\n';
      std::cout << options->source.data << ": valid\n";
      print_book(book, std::cout);
      print_finding_lines(check_data(book, imported.unrated_currencies), std::cout);
      if (!options->snapshot.empty()) {
        save_snapshot(book, options->snapshot,
                      options->snapshot_format == "text" ? SnapshotFormat::text : SnapshotFormat::binary);
        std::cout << "snapshot written to " << options->snapshot << '\n';
      }
      return 0;
    };
  });
}

}  // namespace pipecast::cli
