/// @file
/// A book as a directory of CSV files (the interchange format of docs/format.md).
///
/// Import is all or nothing: it either returns a complete book or throws an
/// ImportError listing every problem as `file:line:column: message`.  Export
/// writes the canonical form, which imports back to an equal book and exports
/// again to the same bytes.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/csv_text.hpp"
#include "pipecast/io/diagnostics.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace pipecast {

/// File name -> content; the in-memory form of a book directory.
using CsvFiles = std::map<std::string, std::string>;

/// A file about to be parsed (for progress reports: parsing runs at about
/// 100 MB/s per thread, so a large export takes seconds).
struct ImportProgress {
  std::string file;       ///< the file's name, as the mapping names it
  std::size_t bytes = 0;  ///< its size
};

/// How a book is imported.
struct ImportOptions {
  ColumnMapping mapping;         ///< the interchange format's own names by default
  std::size_t max_errors = 100;  ///< stop listing after this many
  /// Threads that read the files' rows ahead while the book is built (the
  /// importing one included); 0: one per hardware thread.  Any count gives
  /// the same book, or the same errors in the same order.
  unsigned threads = 0;
  /// Called before each file present is parsed, on the importing thread.
  std::function<void(const ImportProgress&)> progress;
};

/// What an import gives.
struct ImportResult {
  Book book;                         ///< the whole book
  std::vector<Diagnostic> warnings;  ///< things worth knowing that did not stop the import
  /// Currencies without a rate -> the ids of the deals kept with an unknown
  /// amount (ColumnMapping::unrated_currency_as_unknown), for a data check.
  std::map<std::string, std::vector<std::string>> unrated_currencies;
};

/// Imports from files in memory (tests, fuzzers, hosts that hold the text).
ImportResult import_csv_book(const CsvFiles& files, const ImportOptions& options = {});

/// Reads the files the mapping names from `directory` (missing optional files
/// are fine) and imports them.
ImportResult import_csv_directory(const std::filesystem::path& directory,
                                  const ImportOptions& options = {});

/// How an export writes its text cells.
struct ExportOptions {
  /// keep (the default): the canonical bytes, which import back to an equal
  /// book, a name that starts with `=` included.  neutralise: for files meant
  /// for a spreadsheet, a text cell that it would run as a formula gets a
  /// leading apostrophe (see csv_text.hpp); such a file imports back with the
  /// apostrophes in its names.
  FormulaCells formulas = FormulaCells::keep;
};

/// The canonical CSV files of a book (with `options`, see ExportOptions).
CsvFiles export_csv_book(const Book& book, const ExportOptions& options = {});

/// Writes the export's files into `directory` (created if needed); each file
/// is written to a temporary name and renamed into place.
void export_csv_directory(const Book& book, const std::filesystem::path& directory,
                          const ExportOptions& options = {});

}  // namespace pipecast
