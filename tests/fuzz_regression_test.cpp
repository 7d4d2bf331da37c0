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

std::string refusal(const std::function<void()>& action) {
  try {
    action();
  } catch (const ImportError& e) {
    return e.what();
  }
  return "(accepted)";
}

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

// ... and the document it came from: the typo "colu;ns" in a lookup passed
// silently (so the lookup had no columns), though the README promises that
// unknown keys are errors.  Lookups and stages now check their keys, and a
// lookup must name columns to fill.
TEST(FuzzRegression, TyposInLookupsAndStagesAreReported) {
  EXPECT_EQ(refusal([] {
              ColumnMapping::from_json(
                  R"({"lookups": [{"file": "accounts.csv", "key": "account", "field": "account",
                                   "colu;ns": {"segment": "sector"}}]})",
                  "m.json");
            }),
            "m.json: lookups[0].colu;ns: unknown key (expected file, key, field, columns)");
  EXPECT_EQ(refusal([] {
              ColumnMapping::from_json(
                  R"({"lookups": [{"file": "accounts.csv", "key": "account", "field": "account", "columns": {}}]})",
                  "m.json");
            }),
            "m.json: lookups[0].columns: names no column to fill");
  EXPECT_EQ(refusal([] {
              ColumnMapping::from_json(R"({"stages": [{"pipeline": "P", "stage": "S", "order": 1,
                                          "probability": 0.5, "kind": "open", "forecast": "x"}]})",
                                       "m.json");
            }),
            "m.json: stages[0].forecast: unknown key (expected pipeline, stage, order, probability, kind, "
            "forecast_category)");
}

// Found while fixing the above: a stage order of 1e300 was converted to int
// (undefined behaviour, which UBSan reports), and 2.5 silently became 2.
TEST(FuzzRegression, StageOrdersMustBeWholeNumbersThatFit) {
  for (const char* order : {"1e300", "2.5", "-1e10", "4294967296", "\"2\""}) {
    const std::string document = std::string(R"({"stages": [{"pipeline": "P", "stage": "S", "order": )") + order +
                                 R"(, "probability": 0.5, "kind": "open"}]})";
    const std::string message = refusal([&] { ColumnMapping::from_json(document, "m.json"); });
    EXPECT_TRUE(message == "m.json: stages[0].order: must be a whole number" ||
                message.starts_with("m.json: stages[0]: needs pipeline, stage, order, probability and kind"))
        << order << ": " << message;
  }
  const ColumnMapping mapping = ColumnMapping::from_json(
      R"({"stages": [{"pipeline": "P", "stage": "S", "order": -7, "probability": 0.5, "kind": "open"}]})");
  ASSERT_EQ(mapping.stages.size(), 1u);
  EXPECT_EQ(mapping.stages[0].order, -7);
}

// fuzz_mapping: a number too large for a double escaped from_json() as
// nlohmann's out_of_range, not an ImportError (the CLI printed
// "[json.exception.out_of_range.406] ..." without a place).
TEST(FuzzRegression, ANumberTooLargeForADoubleIsAnImportError) {
  EXPECT_EQ(refusal([] {
              ColumnMapping::from_json("{\"stages\": [\n  {\"order\": 1e340}]}", "m.json");
            }),
            "m.json:2:13: invalid JSON: number overflow parsing '1e340'");
}

}  // namespace
}  // namespace pipecast
