#include "book_source.hpp"
#include "commands.hpp"
#include "data_check_output.hpp"
#include "result_tables_csv.hpp"

#include "pipecast/analytics/data_check.hpp"

#include <iostream>
#include <memory>

// The data check as people read it, with the command that prints it; the
// one line per finding is `pipecast import`'s too (data_check_output.hpp).
namespace pipecast::cli {

namespace {

std::string examples_of(const DataFinding& f) {
  std::string out;
  for (const std::string& e : f.examples) out += (out.empty() ? "" : ", ") + e;
  return f.count > f.examples.size() ? out + ", ..." : out;
}

}  // namespace

void print_data_check(const std::string& data, const Book& book, const std::vector<DataFinding>& findings,
                      std::ostream& out) {
  out << "Data check of " << data << ": " << book.size() << " deals, " << book.history_size()
      << " history rows, " << book.stages().size() << " stages\n\n";
  std::string clean;
  for (const DataFinding& f : findings) {
    if (f.count == 0) {
      clean += (clean.empty() ? "" : ", ") + f.check;
      continue;
    }
    out << f.check << ": " << f.count << " - " << f.what << "\n"
        << "  e.g. " << examples_of(f) << "\n"
        << "  pipecast: " << f.action << "\n\n";
  }
  out << (clean.empty() ? "Every check found something." : "Nothing found by: " + clean + ".") << '\n';
}

void print_finding_lines(const std::vector<DataFinding>& findings, std::ostream& out) {
  for (const DataFinding& f : findings)
    if (f.count > 0) out << "check: " << f.check << ": " << f.count << " - " << f.what << " (e.g. " << examples_of(f) << ")\n";
}


void add_check_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "check", "Data-quality report on a book: what in its data distorts an analysis (close dates before "
               "creation, missing history, migration dates, blank amounts, ...), where, and what pipecast does "
               "about it. Reads and changes nothing; exits 0 whatever it finds");
  options->source.add_options(*command);
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  command->callback([options, &run] {
    run = [options] {
      const ImportResult imported = options->source.import();
      const auto findings = check_data(imported.book, imported.unrated_currencies);
      if (options->format == "json") std::cout << result_table_json(data_check_table(findings)) << '\n';
      else if (options->format == "csv") std::cout << result_table_csv(data_check_table(findings));
      else print_data_check(options->source.data, imported.book, findings, std::cout);
      return 0;
    };
  });
}

}  // namespace pipecast::cli
