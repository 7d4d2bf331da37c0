// Inputs the fuzz targets (tests/fuzz) found, each the bug it showed, kept
// as tests of the normal suite so that they run on every build, with and
// without sanitizers.  tests/fuzz/README.md lists them.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/io/column_mapping.hpp"
#include "storage/sealed_file.hpp"
#include "pipecast/storage/snapshot.hpp"
#include "pipecast/io/csv_book.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace fuzz_regression_test {
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
// silently (so the lookup had no columns), though docs/mapping.md promises that
// unknown keys are errors.  Lookups and stages now check their keys, and a
// lookup must name columns to fill.
TEST(FuzzRegression, TyposInLookupsAndStagesAreReported) {
  EXPECT_EQ(refusal([] {
              ColumnMapping::from_json(
                  R"({"lookups": [{"file": "accounts.csv", "key": "account", "field": "account",
                                   "colu;ns": {"segment": "sector"}}]})",
                  "m.json");
            }),
            "m.json: lookups[0].colu;ns: unknown key (expected table, file, key, field, columns, optional)");
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

// --- fuzz_snapshot ---------------------------------------------------------------

// The binary image of a column as Boost writes it: u64 count, then values.
template <class T>
std::string column_image(std::span<const T> values) {
  std::string image(8 + sizeof(T) * values.size(), '\0');
  const std::uint64_t count = values.size();
  std::memcpy(image.data(), &count, 8);
  if (!values.empty()) std::memcpy(image.data() + 8, values.data(), sizeof(T) * values.size());
  return image;
}

// A snapshot of the small book whose column `original` is replaced by `crafted`.
template <class T>
std::string crafted_snapshot(std::span<const T> original, const std::vector<T>& crafted) {
  const Book book = import_csv_book(test::small_book_files()).book;
  std::string payload = book_archive(book, SnapshotFormat::binary);
  const std::string image = column_image(original);
  const std::size_t at = payload.find(image);
  if (at == std::string::npos || payload.find(image, at + 1) != std::string::npos)
    throw std::logic_error("column not found exactly once");
  payload.replace(at, image.size(), column_image(std::span<const T>(crafted)));
  return sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 1, payload);
}

std::string load_refusal(const std::string& bytes) {
  try {
    snapshot_from_bytes(bytes, "s.snap");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(accepted)";
}

// A crafted snapshot whose stage history was not in date order loaded: the
// builder sorts it, check_consistency() did not check it, and everything
// that reads the history (as-of views, stays, the export) assumes it.
TEST(FuzzRegression, ASnapshotWithHistoryOutOfOrderIsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  const auto entered = book.history_entered_column();
  std::vector<Day> swapped(entered.begin(), entered.end());
  ASSERT_LT(swapped[0], swapped[1]);  // O1: Lead, then Proposal
  std::swap(swapped[0], swapped[1]);
  EXPECT_EQ(load_refusal(crafted_snapshot(entered, swapped)),
            "s.snap: snapshot is damaged: inconsistent book: history not in date order");
}

// The other rules of the builder, checked on loading at the same time: days
// the calendar can format, amounts in 0..kMaxAmount.
TEST(FuzzRegression, ASnapshotWithValuesTheBuilderRefusesIsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  std::vector<Day> created(book.created_column().begin(), book.created_column().end());
  created[2] = kLastDay + 1;
  EXPECT_EQ(load_refusal(crafted_snapshot(book.created_column(), created)),
            "s.snap: snapshot is damaged: inconsistent book: created day outside the calendar");
  std::vector<double> amounts(book.amount_column().begin(), book.amount_column().end());
  for (const double bad : {-5.0, kMaxAmount * 2}) {
    amounts[1] = bad;
    EXPECT_EQ(load_refusal(crafted_snapshot(book.amount_column(), amounts)),
              "s.snap: snapshot is damaged: inconsistent book: amount negative, too large or not finite");
  }
}

// A snapshot whose stage name held a byte that is not UTF-8 loaded, and its
// export was then refused by the importer (found by fuzz_snapshot).
TEST(FuzzRegression, ASnapshotWithTextThatIsNotUtf8IsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  std::string payload = book_archive(book, SnapshotFormat::text);
  // The text archive writes strings as byte values: "Nego..." -> "Neg\x90...".
  const std::string nego = " 78 101 103 111 ";
  const std::size_t at = payload.find(nego);
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, nego.size(), " 78 101 103 144 ");
  EXPECT_EQ(load_refusal(sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 2, payload)),
            "s.snap: snapshot is damaged: inconsistent book: text that is not UTF-8");
}

// A quota whose period label was not a period ('0374-Q1') loaded, though its
// days were fine; the export then wrote the label, which the import refused
// (found by fuzz_snapshot).
TEST(FuzzRegression, ASnapshotWithAQuotaLabelThatIsNotItsPeriodIsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  std::string payload = book_archive(book, SnapshotFormat::text);
  // "2024-Q1" as the text archive writes it: 7 50 48 50 52 45 81 49.
  const std::string label = "7 50 48 50 52 45 81 49";
  ASSERT_NE(payload.find(label), std::string::npos);
  const std::pair<const char*, const char*> cases[] = {
      {"7 48 51 55 52 45 81 49", "quota period is not a period"},           // 0374-Q1
      {"7 50 48 50 52 45 81 50", "quota period label and days differ"}};  // 2024-Q2
  for (const auto& [replacement, why] : cases) {
    std::string crafted = payload;
    crafted.replace(crafted.find(label), label.size(), replacement);
    EXPECT_EQ(load_refusal(sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 2, crafted)),
              std::string("s.snap: snapshot is damaged: inconsistent book: ") + why);
  }
}

// A snapshot whose FX rates and currency rates disagreed (USD at
// 1.0000000000001705 in fx_rates, 1 in the rates used, and USD still the
// base currency) loaded; its export then imported with no base currency and
// other totals (found by fuzz_snapshot).
TEST(FuzzRegression, ASnapshotWhoseCurrenciesDisagreeIsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  std::string payload = book_archive(book, SnapshotFormat::text);
  // USD's rate in fx_rates, as the text archive writes it.
  const std::string usd = "3 85 83 68 1.00000000000000000e+00";
  ASSERT_NE(payload.find(usd), std::string::npos) << payload.substr(0, 400);
  payload.replace(payload.find(usd), usd.size(), "3 85 83 68 1.00000000000017053e+00");
  EXPECT_EQ(load_refusal(sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 2, payload)),
            "s.snap: snapshot is damaged: inconsistent book: FX rates and currency rates differ");
}

// A snapshot listing a product twice loaded; its export was then refused
// ("product 'Widget' is listed twice", found by fuzz_snapshot).  Stages and
// pipelines defined twice are refused with it.
TEST(FuzzRegression, ASnapshotListingAProductTwiceIsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  std::vector<std::uint32_t> names;
  for (const auto& p : book.products()) names.push_back(p.name);
  ASSERT_EQ(names, (std::vector<std::uint32_t>{0, 1, 2}));  // Widget, Gadget, Support
  // Products are archived as (u32 code, family, price): the code 1 stands
  // just before the second "Hardware"; make it Widget's, 0.
  std::string crafted = book_archive(book, SnapshotFormat::binary);
  const std::string family = std::string("\x08\0\0\0\0\0\0\0Hardware", 16);
  const std::size_t second = crafted.find(family, crafted.find(family) + 1);
  ASSERT_NE(second, std::string::npos);
  ASSERT_EQ(crafted.substr(second - 4, 4), std::string("\x01\0\0\0", 4));
  crafted[second - 4] = '\x00';
  EXPECT_EQ(load_refusal(sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 1, crafted)),
            "s.snap: snapshot is damaged: inconsistent book: a product listed twice");
}

// A snapshot with a blank opportunity id loaded; its export was then
// refused ("id: is blank", found by fuzz_snapshot).  The other names the
// builder requires are checked with it.
TEST(FuzzRegression, ASnapshotWithABlankIdIsRefused) {
  const Book book = import_csv_book(test::small_book_files()).book;
  // The ids "O1".."O5" are archived as their characters, then their offsets.
  std::string crafted = book_archive(book, SnapshotFormat::binary);
  const std::string chars = std::string("\x0A\0\0\0\0\0\0\0O1O2O3O4O5", 18);
  const std::string offsets = column_image(std::span<const std::uint32_t>(std::vector<std::uint32_t>{0, 2, 4, 6, 8, 10}));
  ASSERT_NE(crafted.find(chars), std::string::npos);
  ASSERT_NE(crafted.find(offsets), std::string::npos);
  crafted.replace(crafted.find(chars), chars.size(), std::string("\x08\0\0\0\0\0\0\0O2O3O4O5", 16));
  crafted.replace(crafted.find(offsets), offsets.size(),
                  column_image(std::span<const std::uint32_t>(std::vector<std::uint32_t>{0, 0, 2, 4, 6, 8})));
  EXPECT_EQ(load_refusal(sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 1, crafted)),
            "s.snap: snapshot is damaged: inconsistent book: a blank opportunity id");
}

// ... and the builder refuses such days itself (only the C++ API and the C
// ABI can hand one over: parsed dates are in the calendar).
TEST(FuzzRegression, TheBuilderRefusesDaysOutsideTheCalendar) {
  BookBuilder b;
  ASSERT_FALSE(b.add_stage({"Sales", "Lead", 1, 0.5, StageKind::open, ""}));
  const Checked created = b.add_opportunity({"D1", "Sales", "", "", "", "", "", 1, "", kLastDay + 1, kNoDay, "Lead", {}});
  ASSERT_TRUE(created);
  EXPECT_EQ(created->field, "created");
  EXPECT_EQ(created->message, "day 2932897 is outside 1400-01-01..9999-12-31");
  const Checked close = b.add_opportunity({"D1", "Sales", "", "", "", "", "", 1, "", 0, kFirstDay - 1, "Lead", {}});
  ASSERT_TRUE(close);
  EXPECT_EQ(close->field, "close_date");
  ASSERT_FALSE(b.add_opportunity({"D1", "Sales", "", "", "", "", "", 1, "", kFirstDay, kLastDay, "Lead", {}}));
  const Checked entered = b.add_history({"D1", "Lead", -2'000'000'000, kNoAmount, kNoDay, {}});
  ASSERT_TRUE(entered);
  EXPECT_EQ(entered->field, "entered");
}

}  // namespace
}  // namespace fuzz_regression_test
}  // namespace pipecast
