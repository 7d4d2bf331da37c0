// A mapping's drop_rows: rows a CRM exports but marks as gone (Salesforce's
// IsDeleted) are left out, counted in a warning, and their column is no
// custom attribute.
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/csv_book.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace mapping_drop_rows_test {
namespace {

using test::small_book_files;

// `text` with a last column `header`: `marked` on the rows of deal `deal`, 0
// on the others; or without the rows of `deal` when `header` is empty.
std::string with_flag(const std::string& text, const std::string& header, const std::string& deal,
                      const std::string& marked) {
  std::istringstream in(text);
  std::string line, out;
  bool first = true;
  while (std::getline(in, line)) {
    const bool of_deal = line.starts_with(deal + ",");
    if (header.empty()) {
      if (!of_deal) out += line + "\n";
    } else {
      out += line + "," + (first ? header : of_deal ? marked : std::string("0")) + "\n";
    }
    first = false;
  }
  return out;
}

TEST(MappingDropRows, MarkedRowsAreLeftOutAndCounted) {
  CsvFiles expected_files = small_book_files(), marked = small_book_files();
  for (const char* file : {"opportunities.csv", "stage_history.csv"}) {
    expected_files[file] = with_flag(expected_files[file], "", "O4", "");
    marked[file] = with_flag(marked[file], "IsDeleted", "O4", "true");
  }
  const Book expected = import_csv_book(expected_files).book;
  ImportOptions options;
  options.mapping = ColumnMapping::from_json(R"({"tables": {
      "opportunities": {"drop_rows": {"IsDeleted": ["1", "true"]}},
      "stage_history": {"drop_rows": {"IsDeleted": ["1", "true"]}}}})");
  const ImportResult result = import_csv_book(marked, options);
  EXPECT_EQ(result.book, expected);
  EXPECT_EQ(result.book.attributes().names, expected.attributes().names);  // IsDeleted is no attribute
  std::string warnings;
  for (const Diagnostic& d : result.warnings) warnings += d.to_string() + "\n";
  EXPECT_NE(warnings.find("opportunities.csv: 1 row left out by the mapping's drop_rows (IsDeleted)"),
            std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("stage_history.csv: 1 row left out by the mapping's drop_rows (IsDeleted)"),
            std::string::npos)
      << warnings;
}

TEST(MappingDropRows, AColumnTheFileLacksIsAWarningNotASilence) {
  ImportOptions options;
  options.mapping = ColumnMapping::from_json(R"({"tables": {"opportunities": {"drop_rows": {"Gone": ["1"]}}}})");
  const ImportResult result = import_csv_book(small_book_files(), options);
  EXPECT_EQ(result.book, import_csv_book(small_book_files()).book);
  std::string warnings;
  for (const Diagnostic& d : result.warnings) warnings += d.to_string() + "\n";
  EXPECT_NE(warnings.find("opportunities.csv:1:1: drop_rows: no column 'Gone': no row is left out by it"),
            std::string::npos)
      << warnings;
}

TEST(MappingDropRows, ValuesMustBeAListOfTexts) {
  try {
    (void)ColumnMapping::from_json(R"({"tables": {"opportunities": {"drop_rows": {"IsDeleted": "1"}}}})", "m.json");
    FAIL() << "accepted";
  } catch (const ImportError& e) {
    EXPECT_EQ(std::string(e.what()),
              "m.json: tables.opportunities.drop_rows.IsDeleted: expected a list, found string");
  }
}

}  // namespace
}  // namespace mapping_drop_rows_test
}  // namespace pipecast
