// The column-mapping document (ColumnMapping::from_json), then the mapping at
// work: importing the hand-made book and a small Maven-shaped export
// (tests/data/mini_maven) through it.  A mapping either parses or is refused
// with an ImportError; an import through it either gives a book that
// survives exercise() or is refused with an ImportError.
#include "pipecast/io/column_mapping.hpp"

#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

PIPECAST_FUZZ_TARGET(fuzz_mapping, data, size) {
  using namespace pipecast;
  static const CsvFiles books[] = {fuzz::fixture("small_book"), fuzz::fixture("mini_maven")};
  ImportOptions options;
  try {
    options.mapping = ColumnMapping::from_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  } catch (const ImportError& e) {
    FUZZ_CHECK(!e.diagnostics().empty(), "an ImportError without a diagnostic");
    return 0;
  }
  for (const CsvFiles& files : books) {
    try {
      fuzz::exercise(import_csv_book(files, options).book);
    } catch (const ImportError& e) {
      FUZZ_CHECK(!e.diagnostics().empty(), "an ImportError without a diagnostic");
    }
  }
  return 0;
}
