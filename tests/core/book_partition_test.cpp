#include "pipecast/core/book_builder.hpp"
#include "pipecast/core/book_partition.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/diagnostics.hpp"
#include "pipecast/io/split_order_csv.hpp"
#include "pipecast/synth/synthetic_book.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace book_partition_test {
namespace {

constexpr PartitionKey kKeys[] = {PartitionKey::deal, PartitionKey::owner, PartitionKey::pipeline,
                                  PartitionKey::account};

const Book& synth_book() {
  static const Book book = test::synthetic_test_book(1500, 18);
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

// Each part written to CSV and read back, its order through its order file's text.
std::vector<BookPart> through_csv(const std::vector<BookPart>& parts) {
  std::vector<BookPart> read;
  for (const BookPart& part : parts) {
    Book book = import_csv_book(export_csv_book(part.book)).book;
    SplitOrder order = parse_split_order_csv(split_order_csv(*part.order), book, "split_order.csv");
    read.push_back({std::move(book), std::move(order)});
  }
  return read;
}

// Each part written to a directory and read back, as `pipecast split` and `merge` do.
std::vector<BookPart> through_directories(const std::vector<BookPart>& parts) {
  const auto root = std::filesystem::path(::testing::TempDir()) / "book_partition_test";
  std::filesystem::remove_all(root);
  std::vector<BookPart> read;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const auto directory = root / ("part-" + std::to_string(p + 1));
    export_part_directory(parts[p], directory);
    Book book = import_csv_directory(directory).book;
    auto order = read_split_order(directory, book);
    read.push_back({std::move(book), std::move(order)});
  }
  std::filesystem::remove_all(root);
  return read;
}

// The parts' error when merged: "" when they merge.
std::string merge_error(const std::vector<BookPart>& parts, const std::vector<std::string>& names = {}) {
  try {
    merge_books(parts, names);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

std::string order_error(std::string_view text, const Book& part) {
  try {
    parse_split_order_csv(text, part, "part-1/split_order.csv");
  } catch (const ImportError& e) {
    return e.what();
  }
  return {};
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
    const std::vector<BookPart> parts = split_book(book, 4, key);
    ASSERT_EQ(parts.size(), 4u);
    std::size_t deals = 0, history = 0, line_items = 0;
    for (const auto& [part, order] : parts) {
      ASSERT_TRUE(order);
      ASSERT_EQ(order->deals.size(), part.size());
      ASSERT_EQ(order->line_items.size(), part.line_items().size());
      deals += part.size();
      history += part.history_size();
      line_items += part.line_items().size();
      const auto part_items = line_items_by_deal(part);
      for (DealIndex i = 0; i < part.size(); ++i) {
        const std::string id(part.ids()[i]);
        const auto original = book.find(id);
        ASSERT_TRUE(original) << id;
        EXPECT_EQ(order->deals[i], *original) << id;
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
  for (const auto& [part, order] : split_book(book, 3)) {
    EXPECT_EQ(part.pipelines(), book.pipelines());
    EXPECT_EQ(part.stages(), book.stages());
    EXPECT_EQ(part.quotas(), book.quotas());
    EXPECT_EQ(part.fx_rates(), book.fx_rates());
    EXPECT_EQ(part.layout(), book.layout());
    EXPECT_EQ(export_csv_book(part).at("products.csv"), export_csv_book(book).at("products.csv"));
  }
}

// The order is kept beside a part, never in it: a column would be a custom
// attribute to every command, and a feature of the models fitted on the part.
TEST(BookPartition, APartHasTheAttributeColumnsOfTheBookOnly) {
  const Book book = small_book();
  ASSERT_FALSE(book.attributes().names.empty());
  for (const BookPart& part : through_directories(split_book(book, 2))) {
    EXPECT_EQ(part.book.attributes().names, book.attributes().names);
    EXPECT_EQ(part.book.history_attributes().names, book.history_attributes().names);
    for (DealIndex i = 0; i < part.book.size(); ++i)
      for (std::size_t c = 0; c < book.attributes().size(); ++c)
        EXPECT_EQ(part.book.attributes().value(c, i), book.attributes().value(c, part.order->deals[i]));
  }
}

TEST(BookPartition, TheAssignmentIsTheSameForTheSameInputAndEven) {
  const Book& book = synth_book();
  const auto a = split_book(book, 4, PartitionKey::owner), b = split_book(book, 4, PartitionKey::owner);
  for (std::size_t p = 0; p < 4; ++p) {
    EXPECT_TRUE(a[p].book == b[p].book);
    EXPECT_EQ(a[p].order, b[p].order);
  }
  // Pinned (a Python splitmix64 gives the same): a change of hash would send
  // the deals of existing parts elsewhere.
  EXPECT_EQ(partition_of("", 1000), 535u);
  EXPECT_EQ(partition_of("D-000001", 1000), 712u);
  EXPECT_EQ(partition_of("a somewhat longer key than eight bytes", 1000), 765u);
  for (const auto& [part, order] : split_book(book, 4)) {
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
      std::vector<BookPart> parts = split_book(book, 5, key);
      EXPECT_EQ(export_csv_book(merge_books(parts)), expected);
      EXPECT_EQ(export_csv_book(merge_books(through_csv(parts))), expected);
      EXPECT_EQ(export_csv_book(merge_books(through_directories(parts))), expected);
      std::reverse(parts.begin(), parts.end());  // any order of the parts
      EXPECT_EQ(export_csv_book(merge_books(parts)), expected);
    }
  }
}

// small_book: O1 and O4 are Acme's, whose own visit goes into each part
// holding either.
TEST(BookPartition, ADealsActivitiesGoWithItAndAnAccountsIntoEachPartOfItsDeals) {
  const Book book = small_book();
  const Code acme = *book.dictionary(Dimension::account).find("Acme");
  ASSERT_EQ(book.activities().account_end(acme) - book.activities().account_begin(acme), 1u);
  for (const PartitionKey key : kKeys) {
    SCOPED_TRACE(std::string(to_string(key)));
    std::size_t deal_activities = 0, parts_with_acme = 0;
    for (const auto& [part, order] : split_book(book, 3, key)) {
      const Activities& a = part.activities();
      deal_activities += a.deal_rows();
      for (DealIndex i = 0; i < part.size(); ++i) {
        const DealIndex original = static_cast<DealIndex>(order->deals[i]);
        EXPECT_EQ(a.deal_end(i) - a.deal_begin(i),
                  book.activities().deal_end(original) - book.activities().deal_begin(original));
      }
      const auto code = part.dictionary(Dimension::account).find("Acme");
      if (!code) continue;
      ++parts_with_acme;
      EXPECT_EQ(a.account_end(*code) - a.account_begin(*code), 1u);
    }
    EXPECT_EQ(deal_activities, book.activities().deal_rows());
    if (key == PartitionKey::account) {
      EXPECT_EQ(parts_with_acme, 1u);
    }
  }
}

TEST(BookPartition, MergeRefusesPartsDisagreeingOnAnAccountsActivities) {
  const Book book = small_book();
  // By deal into many parts: O1 and O4 (both Acme's) land apart.
  std::vector<BookPart> parts = split_book(book, 40);
  std::vector<std::size_t> with_acme;
  for (std::size_t p = 0; p < parts.size(); ++p)
    if (parts[p].book.dictionary(Dimension::account).find("Acme")) with_acme.push_back(p);
  ASSERT_EQ(with_acme.size(), 2u);
  // One part's copy of the visit is moved a day.
  BookPart& changed = parts[with_acme[1]];
  CsvFiles files = export_csv_book(changed.book);
  std::string& text = files.at("activities.csv");
  const auto at = text.find(",Acme,visit,2024-02-20");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, 22, ",Acme,visit,2024-02-21");
  changed.book = import_csv_book(files).book;
  EXPECT_EQ(merge_error(parts), "part " + std::to_string(with_acme[0] + 1) + " and part " +
                                    std::to_string(with_acme[1] + 1) +
                                    " hold different activities of account 'Acme': they are not parts of one book");
}

TEST(BookPartition, AnEmptyPartIsAValidBook) {
  const Book book = small_book();
  const std::vector<BookPart> parts = split_book(book, 40);
  const auto empty = std::find_if(parts.begin(), parts.end(), [](const BookPart& b) { return b.book.size() == 0; });
  ASSERT_NE(empty, parts.end());
  EXPECT_NO_THROW(empty->book.check_consistency());
  EXPECT_EQ(empty->order, SplitOrder{});
  const Book read = import_csv_book(export_csv_book(empty->book)).book;
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
}

TEST(BookPartition, MergeNamesThePartsWithDifferentStageTables) {
  const std::vector<BookPart> parts = {split_book(synth_book(), 2)[0], split_book(small_book(), 2)[0]};
  const std::string what = merge_error(parts, {"east/part-1", "west/part-1"});
  EXPECT_NE(what.find("east/part-1 and west/part-1 have different stage tables"), std::string::npos) << what;
}

TEST(BookPartition, MergeNamesThePartsAndTheDealFoundTwice) {
  const std::vector<BookPart> split = split_book(small_book(), 2);
  ASSERT_GT(split[0].book.size(), 0u);
  const std::string first(split[0].book.ids()[0]);
  EXPECT_EQ(merge_error({split[0], split[1], split[0]}), "deal '" + first + "' is in both part 1 and part 3");
}

TEST(BookPartition, MergeRefusesOrdersThatDoNotFitAndMergesNone) {
  const Book book = small_book();
  const std::vector<BookPart> split = split_book(book, 2);
  ASSERT_GT(split[0].book.size(), 1u);
  ASSERT_GT(split[1].book.size(), 0u);

  std::vector<BookPart> one_without = split;
  one_without[1].order.reset();
  EXPECT_EQ(merge_error(one_without), "part 1 has the order of a split and part 2 has none: merge the parts "
                                      "of one split, or parts without orders");

  std::vector<BookPart> short_order = split;
  short_order[0].order->deals.pop_back();
  EXPECT_EQ(merge_error(short_order, {"a", "b"}),
            "a: its order lists " + std::to_string(split[0].book.size() - 1) + " deals, the part has " +
                std::to_string(split[0].book.size()));

  // Two parts claiming the same row of the book: parts of different splits.
  std::vector<BookPart> same_row = split;
  same_row[1].order->deals[0] = split[0].order->deals[0];
  EXPECT_EQ(merge_error(same_row, {"a", "b"}), "a and b both hold deal row " +
                                                    std::to_string(split[0].order->deals[0]) +
                                                    " of the book split: they are not parts of one split");
}

TEST(BookPartition, PartsWithoutOrdersAreJoinedInTheOrderGiven) {
  const Book book = small_book();
  std::vector<BookPart> parts = split_book(book, 2);
  std::vector<Book> books;
  for (BookPart& part : parts) {
    part.order.reset();
    books.push_back(part.book);
  }
  const Book merged = merge_books(parts);
  EXPECT_TRUE(merged == merge_books(books));
  ASSERT_EQ(merged.size(), book.size());
  for (DealIndex i = 0; i < parts[0].book.size(); ++i) EXPECT_EQ(merged.ids()[i], parts[0].book.ids()[i]);
  EXPECT_EQ(merged.ids()[parts[0].book.size()], parts[1].book.ids()[0]);
}

TEST(BookPartition, TheOrderFileMustFitItsPart) {
  const std::vector<BookPart> split = split_book(synth_book(), 2);
  const BookPart& part = split[0];
  const std::string text = split_order_csv(*part.order);
  EXPECT_EQ(text.substr(0, text.find('\n')), "table,row");
  EXPECT_EQ(parse_split_order_csv(text, part.book, "f"), *part.order);
  const std::size_t deals = part.book.size(), items = part.book.line_items().size();
  const std::size_t last_line = 1 + deals + items;
  ASSERT_GT(items, 0u);

  // One line too many, one too few, a bad row, a bad table, a bad header.
  EXPECT_EQ(order_error(text + "line_items,0\n", part.book),
            "part-1/split_order.csv:" + std::to_string(last_line + 1) + ": lists more line items than the part's " +
                std::to_string(items) + " line items");
  const std::string shorter = text.substr(0, text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(order_error(shorter, part.book),
            "part-1/split_order.csv:" + std::to_string(last_line - 1) + ": lists " + std::to_string(deals) +
                " deals and " + std::to_string(items - 1) + " line items, the part has " + std::to_string(deals) +
                " deals and " + std::to_string(items) + " line items");
  EXPECT_EQ(order_error("table,row\nopportunities,x\n", part.book),
            "part-1/split_order.csv:2: expected TABLE,ROW with ROW a row number, got 'opportunities,x'");
  EXPECT_EQ(order_error("table,row\nstages,1\n", part.book),
            "part-1/split_order.csv:2: unknown table 'stages' (expected opportunities or line_items)");
  EXPECT_EQ(order_error("row\n", part.book), "part-1/split_order.csv:1: the header is row, not table,row");
}

// The order file is no file of the book: a part directory loads as any book.
TEST(BookPartition, ThePartDirectoryHoldsTheOrderFileBesideTheBook) {
  const auto directory = std::filesystem::path(::testing::TempDir()) / "book_partition_order_file";
  std::filesystem::remove_all(directory);
  const BookPart part = split_book(small_book(), 2)[0];
  export_part_directory(part, directory);
  EXPECT_TRUE(std::filesystem::exists(directory / kSplitOrderFile));
  const ImportResult read = import_csv_directory(directory);
  EXPECT_TRUE(read.warnings.empty());
  EXPECT_EQ(export_csv_book(read.book), export_csv_book(part.book));
  EXPECT_EQ(read_split_order(directory, read.book), part.order);
  std::filesystem::remove(directory / kSplitOrderFile);
  EXPECT_FALSE(read_split_order(directory, read.book));
  EXPECT_FALSE(read_split_order(directory / "opportunities.csv", read.book));  // not a directory
  std::filesystem::remove_all(directory);
}

}  // namespace book_partition_test
}  // namespace pipecast
