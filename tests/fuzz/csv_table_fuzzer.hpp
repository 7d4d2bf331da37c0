// The CSV importer, one interchange file at a time: the fuzzed bytes replace
// that file of the hand-made book of tests/data/small_book, so the files read
// before it are valid and the importer gets as far as the fuzzed one.  Each
// table has its own target (fuzz_csv_<table>.cpp), so that each gets the
// fuzzer's whole attention for the time it runs.
#pragma once

#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

namespace pipecast::fuzz {

inline int fuzz_csv_table(Table table, const std::uint8_t* data, std::size_t size) {
  static const CsvFiles book = fixture("small_book");
  CsvFiles files = book;
  files[std::string(default_file_name(table))] = std::string(reinterpret_cast<const char*>(data), size);
  ImportResult imported;
  try {
    imported = import_csv_book(files);
  } catch (const ImportError& e) {
    FUZZ_CHECK(!e.diagnostics().empty(), "an ImportError without a diagnostic");
    // Every diagnostic names its file, except the last one when the list
    // was cut ("stopped after 100 errors").
    const auto& all = e.diagnostics();
    for (std::size_t i = 0; i < all.size(); ++i)
      FUZZ_CHECK(!all[i].file.empty() || (i + 1 == all.size() && all[i].message.starts_with("stopped after ")),
                 "a diagnostic names no file: " + all[i].to_string());
    return 0;
  }
  exercise(imported.book);
  return 0;
}

}  // namespace pipecast::fuzz
