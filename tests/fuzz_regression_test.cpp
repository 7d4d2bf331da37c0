// Inputs the fuzz targets (tests/fuzz) found, each the bug it showed, kept
// as tests of the normal suite so that they run on every build, with and
// without sanitizers.  tests/fuzz/README.md lists them.
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/csv_book.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace pipecast {
namespace {

CsvFiles with_accounts() {
  CsvFiles files = test::small_book_files();
  files["accounts.csv"] = "account,sector\nAcme,Retail\nBeta,Health\n";
  return files;
}

// fuzz_mapping: a lookup without columns made the importer take the largest
// of no column numbers (*max_element of an empty range: a null dereference).
TEST(FuzzRegression, ALookupWithoutColumnsImportsWithoutEffect) {
  ImportOptions options;
  options.mapping.lookups.push_back(Lookup{"accounts.csv", "account", "account", {}});
  const ImportResult result = import_csv_book(with_accounts(), options);
  EXPECT_EQ(result.book.size(), import_csv_book(test::small_book_files()).book.size());
}

}  // namespace
}  // namespace pipecast
