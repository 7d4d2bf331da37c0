// DATA on the command line: a book directory or a snapshot file.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/diagnostics.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace pipecast::cli {

struct BookSource {
  std::string data;     // directory or snapshot
  std::string mapping;  // mapping file or preset name; "" for none

  /// Adds DATA and --map to a command.
  void add_options(CLI::App& command);
  /// Loads the book; throws ImportError or std::runtime_error.
  Book load(std::vector<Diagnostic>* warnings = nullptr) const;
  /// Loads the book with all the import says of it.
  ImportResult import() const;
};

/// Checks an option holds a YYYY-MM-DD date (a usage error otherwise).
CLI::Validator date_validator();

/// `--as-of` text to a day; the book's latest day when empty.
Day resolve_as_of(const std::string& text, const Book& book);

/// `--since` text (a date the option's validator passed) to a day that can
/// be compared with `as_of` (check_since()); a UsageError saying why when
/// it cannot.
Day resolve_since(const std::string& text, const Book& book, Day as_of);

}  // namespace pipecast::cli
