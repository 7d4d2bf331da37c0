#include "pipecast/core/book_builder.hpp"
#include "pipecast/core/book_partition.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace book_partition_test {
namespace {

constexpr PartitionKey kKeys[] = {PartitionKey::deal, PartitionKey::owner, PartitionKey::pipeline,
                                  PartitionKey::account};

const Book& synth_book() {
  static const Book book = [] {
    SynthOptions options;
    options.deals = 1500;
    options.seed = 18;
    return generate_synthetic_book(options).book;
  }();
  return book;
}

// The hand-made book: custom attributes, history amounts and close dates.
Book small_book() { return import_csv_book(test::small_book_files()).book; }

// The synthetic book with its line items in reverse file order: not grouped
// by deal, which the merge must still give back as it was.
Book book_with_shuffled_line_items() {
  CsvFiles files = export_csv_book(synth_book());
  std::string& text = files["line_items.csv"];
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end + 1 - at));
    at = end + 1;
  }
  std::reverse(lines.begin() + 1, lines.end());
  text.clear();
  for (const auto& line : lines) text += line;
  return import_csv_book(files).book;
}

// Each part written to CSV and read back, as `pipecast split` and `merge` do.
std::vector<Book> through_csv(const std::vector<Book>& parts) {
  std::vector<Book> read;
  for (const Book& part : parts) read.push_back(import_csv_book(export_csv_book(part)).book);
  return read;
}

std::map<std::string, std::size_t> line_items_by_deal(const Book& book) {
  std::map<std::string, std::size_t> count;
  for (const LineItem& li : book.line_items()) ++count[std::string(book.ids()[li.deal])];
  return count;
}

}  // namespace

TEST(BookPartition, EveryDealIsInExactlyOnePartWithItsHistoryAndLineItems) {
  const Book& book = synth_book();
  const auto items = line_items_by_deal(book);
  for (const PartitionKey key : kKeys) {
    SCOPED_TRACE(std::string(to_string(key)));
    const std::vector<Book> parts = split_book(book, 4, key);
    ASSERT_EQ(parts.size(), 4u);
    std::size_t deals = 0, history = 0, line_items = 0;
    for (const Book& part : parts) {
      deals += part.size();
      history += part.history_size();
      line_items += part.line_items().size();
      const auto part_items = line_items_by_deal(part);
      for (DealIndex i = 0; i < part.size(); ++i) {
        const std::string id(part.ids()[i]);
        const auto original = book.find(id);
        ASSERT_TRUE(original) << id;
        EXPECT_EQ(part.opportunity(i).history_size(), book.opportunity(*original).history_size()) << id;
        EXPECT_EQ(part_items.contains(id) ? part_items.at(id) : 0, items.contains(id) ? items.at(id) : 0) << id;
      }
    }
    EXPECT_EQ(deals, book.size());  // with the ids found above: each deal once
    EXPECT_EQ(history, book.history_size());
    EXPECT_EQ(line_items, book.line_items().size());
  }
}

TEST(BookPartition, EveryPartHasTheReferenceTables) {
  const Book& book = synth_book();
  for (const Book& part : split_book(book, 3)) {
    EXPECT_EQ(part.pipelines(), book.pipelines());
    EXPECT_EQ(part.stages(), book.stages());
    EXPECT_EQ(part.quotas(), book.quotas());
    EXPECT_EQ(part.fx_rates(), book.fx_rates());
    EXPECT_EQ(part.layout(), book.layout());
    EXPECT_EQ(export_csv_book(part).at("products.csv"), export_csv_book(book).at("products.csv"));
    EXPECT_EQ(part.attributes().names.back(), kSplitOrderColumn);
  }
}

TEST(BookPartition, TheAssignmentIsTheSameForTheSameInputAndEven) {
  const Book& book = synth_book();
  EXPECT_TRUE(split_book(book, 4, PartitionKey::owner) == split_book(book, 4, PartitionKey::owner));
  // Pinned (a Python splitmix64 gives the same): a change of hash would send
  // the deals of existing parts elsewhere.
  EXPECT_EQ(partition_of("", 1000), 535u);
  EXPECT_EQ(partition_of("D-000001", 1000), 712u);
  EXPECT_EQ(partition_of("a somewhat longer key than eight bytes", 1000), 765u);
  for (const Book& part : split_book(book, 4)) {
    EXPECT_GT(part.size(), book.size() / 4 * 8 / 10);
    EXPECT_LT(part.size(), book.size() / 4 * 12 / 10);
  }
}

TEST(BookPartition, MergingTheSplitExportsTheSameBytes) {
  const Book books[] = {synth_book(), small_book(), book_with_shuffled_line_items()};
  for (const Book& book : books) {
    const CsvFiles expected = export_csv_book(book);
    for (const PartitionKey key : kKeys) {
      SCOPED_TRACE(std::string(to_string(key)) + ", " + std::to_string(book.size()) + " deals");
      const std::vector<Book> parts = split_book(book, 5, key);
      EXPECT_EQ(export_csv_book(merge_books(parts)), expected);
      EXPECT_EQ(export_csv_book(merge_books(through_csv(parts))), expected);
    }
  }
}

TEST(BookPartition, AnEmptyPartIsAValidBook) {
  const Book book = small_book();
  const std::vector<Book> parts = split_book(book, 40);
  const auto empty = std::find_if(parts.begin(), parts.end(), [](const Book& b) { return b.size() == 0; });
  ASSERT_NE(empty, parts.end());
  EXPECT_NO_THROW(empty->check_consistency());
  const Book read = import_csv_book(export_csv_book(*empty)).book;
  EXPECT_EQ(read.size(), 0u);
  EXPECT_EQ(read.stages(), book.stages());
}

TEST(BookPartition, SplitRefusesAMissingKeyAndZeroParts) {
  BookBuilder builder;
  ASSERT_FALSE(builder.add_stage({"Sales", "Open", 1, 0.5, StageKind::open, ""}));
  OpportunityRecord deal;
  deal.id = "D1";
  deal.stage = "Open";
  deal.created = to_day(2024, 1, 2);
  ASSERT_FALSE(builder.add_opportunity(deal));
  const Book book = std::move(builder).finish();
  try {
    split_book(book, 2, PartitionKey::owner);
    FAIL() << "split by a blank owner";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no owner"), std::string::npos) << e.what();
  }
  EXPECT_THROW(split_book(book, 0), std::invalid_argument);
  EXPECT_THROW(split_book(split_book(book, 2)[0], 2), std::invalid_argument);  // a part already
}

TEST(BookPartition, MergeNamesThePartsWithDifferentStageTables) {
  const std::vector<Book> parts = {split_book(synth_book(), 2)[0], split_book(small_book(), 2)[0]};
  const std::vector<std::string> names = {"east/part-1", "west/part-1"};
  try {
    merge_books(parts, names);
    FAIL() << "merged parts of two books";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("east/part-1 and west/part-1 have different stage tables"), std::string::npos) << what;
  }
}

TEST(BookPartition, MergeNamesThePartsAndTheDealFoundTwice) {
  const std::vector<Book> split = split_book(small_book(), 2);
  ASSERT_GT(split[0].size(), 0u);
  const std::vector<Book> parts = {split[0], split[1], split[0]};
  const std::string first(split[0].ids()[0]);
  try {
    merge_books(parts);
    FAIL() << "merged a part twice";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "deal '" + first + "' is in both part 1 and part 3");
  }
}

}  // namespace book_partition_test
}  // namespace pipecast
