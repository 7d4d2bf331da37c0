// Import and export of the interchange format, on the hand-made small book.
#include "test_support.hpp"

#include "pipecast/core/as_of.hpp"
#include "pipecast/core/summary.hpp"

#include <gtest/gtest.h>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace csv_book_test {
namespace {

using test::small_book_files;

Book small_book() { return import_csv_book(small_book_files()).book; }

TEST(CsvImport, ReadsEveryTable) {
  const ImportResult result = import_csv_book(small_book_files());
  const Book& book = result.book;
  EXPECT_TRUE(result.warnings.empty());
  ASSERT_EQ(book.pipelines().size(), 2u);
  EXPECT_EQ(book.pipelines()[0].name, "Sales");
  EXPECT_EQ(book.pipelines()[1].name, "Renewal");
  EXPECT_EQ(book.stages().size(), 8u);
  EXPECT_EQ(book.size(), 5u);
  EXPECT_EQ(book.history_size(), 12u);
  EXPECT_EQ(book.products().size(), 3u);
  EXPECT_EQ(book.line_items().size(), 3u);
  EXPECT_EQ(book.quotas().size(), 2u);
  EXPECT_EQ(book.fx_rates().size(), 2u);
  EXPECT_EQ(book.base_currency(), "USD");
  EXPECT_EQ(book.activities().size(), 6u);
}

TEST(CsvImport, ReadsActivitiesOfDealsAndAccounts) {
  const Book book = small_book();
  const Activities& a = book.activities();
  const DealIndex o2 = *book.find("O2");
  ASSERT_EQ(a.deal_end(o2) - a.deal_begin(o2), 1u);
  const Activity email = a.row(a.deal_begin(o2));
  EXPECT_EQ(a.types()[email.type], "email");
  EXPECT_EQ(email.date, to_day(2024, 1, 12));
  EXPECT_EQ(a.owners()[email.owner], "Bob");
  EXPECT_TRUE(is_blank(email.duration_minutes));
  EXPECT_EQ(email.direction, ActivityDirection::inbound);
  EXPECT_EQ(a.outcomes()[email.outcome], "replied, interested");
  const Code gamma = *book.dictionary(Dimension::account).find("Gamma, Inc.");
  EXPECT_EQ(a.account_end(gamma) - a.account_begin(gamma), 1u);
  EXPECT_TRUE(book.layout().activity_outcome);
}

TEST(CsvImport, ActivitiesNeedOnlyTheirRequiredColumns) {
  CsvFiles files = small_book_files();
  files["activities.csv"] = "date,type,owner,opportunity_id\n2024-01-07T10:00:00,call,Ann,O1\n";
  const Book book = import_csv_book(files).book;
  EXPECT_EQ(book.activities().size(), 1u);
  EXPECT_FALSE(book.layout().activity_duration);
  EXPECT_EQ(export_csv_book(book).at("activities.csv"),
            "opportunity_id,account,type,date,owner\nO1,,call,2024-01-07,Ann\n");
  files.erase("activities.csv");
  const Book without = import_csv_book(files).book;
  EXPECT_EQ(without.activities().size(), 0u);
  EXPECT_EQ(export_csv_book(without).count("activities.csv"), 0u);
}

TEST(CsvImport, OpportunityFieldsAndAttributes) {
  const Book book = small_book();
  const Opportunity o3 = book.opportunity(*book.find("O3"));
  EXPECT_EQ(o3.account(), "Gamma, Inc.");
  EXPECT_EQ(o3.stage().name, "Lost");
  EXPECT_EQ(o3.stage().kind, StageKind::lost);
  EXPECT_EQ(o3.created(), to_day(2024, 2, 1));
  EXPECT_EQ(o3.close_date(), to_day(2024, 2, 20));
  EXPECT_EQ(o3.attribute("region"), "North");
  const Opportunity o5 = book.opportunity(*book.find("O5"));
  EXPECT_TRUE(is_blank(o5.amount()));
  EXPECT_EQ(o5.close_date(), kNoDay);
  EXPECT_EQ(o5.attribute("region"), "East \"HQ\"");
  EXPECT_EQ(o5.attribute("no such column"), "");
  EXPECT_FALSE(book.find("O6").has_value());
}

TEST(CsvImport, ConvertsCurrenciesBeforeTotals) {
  const Book book = small_book();
  const Opportunity o2 = book.opportunity(*book.find("O2"));
  EXPECT_EQ(o2.currency(), "EUR");
  EXPECT_DOUBLE_EQ(o2.amount(), 2000.0);
  EXPECT_DOUBLE_EQ(o2.amount_in_base(), 2200.0);
}

TEST(CsvImport, HistoryIsSortedWithRegressions) {
  const Book book = small_book();
  const Opportunity o2 = book.opportunity(*book.find("O2"));
  ASSERT_EQ(o2.history_size(), 5u);
  std::vector<std::string> stages;
  for (StageId s : o2.history_stages()) stages.push_back(book.stages()[s].name);
  EXPECT_EQ(stages, (std::vector<std::string>{"Lead", "Proposal", "Lead", "Proposal", "Negotiation"}));
  EXPECT_DOUBLE_EQ(o2.history(0).amount, 1500.0);
  EXPECT_TRUE(is_blank(o2.history(1).amount));
}

TEST(CsvImport, HistoryRowsMayComeInAnyOrder) {
  CsvFiles files = small_book_files();
  files["stage_history.csv"] =
      "opportunity_id,stage,entered\n"
      "O2,Negotiation,2024-03-10\nO1,Won,2024-03-01\nO2,Lead,2024-01-10\nO1,Lead,2024-01-05\n";
  const Book book = import_csv_book(files).book;
  const Opportunity o2 = book.opportunity(*book.find("O2"));
  ASSERT_EQ(o2.history_size(), 2u);
  EXPECT_EQ(o2.history(0).entered, to_day(2024, 1, 10));
  EXPECT_EQ(book.stages()[o2.history(1).stage].name, "Negotiation");
  EXPECT_FALSE(book.layout().history_amount);
}

TEST(CsvImport, ToleratesBomCrlfDatetimesAndColumnOrder) {
  CsvFiles files = small_book_files();
  files["stages.csv"] = "\xEF\xBB\xBFkind,probability,order,stage,pipeline\r\nopen,0.2,1,A,P\r\nwon,1,2,W,P\r\n";
  files["opportunities.csv"] =
      "stage,id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date\r\n"
      "A,X1,P,acc,own,prod,src,seg,10.5,USD,2024-05-01T13:45:00,2024-06-01 09:00\r\n";
  files["stage_history.csv"] = "opportunity_id,stage,entered\r\nX1,A,2024-05-01\r\n";
  files.erase("line_items.csv");
  files.erase("activities.csv");
  const Book book = import_csv_book(files).book;
  ASSERT_EQ(book.size(), 1u);
  const Opportunity o = book.opportunity(0);
  EXPECT_EQ(o.created(), to_day(2024, 5, 1));
  EXPECT_EQ(o.close_date(), to_day(2024, 6, 1));
  EXPECT_DOUBLE_EQ(o.amount(), 10.5);
  EXPECT_EQ(o.stage().name, "A");
}

TEST(CsvImport, OptionalFilesMayBeAbsent) {
  CsvFiles files = small_book_files();
  for (const char* name : {"products.csv", "line_items.csv", "quotas.csv"}) files.erase(name);
  const Book book = import_csv_book(files).book;
  EXPECT_EQ(book.size(), 5u);
  EXPECT_FALSE(book.layout().products);
  EXPECT_EQ(export_csv_book(book).count("products.csv"), 0u);
}

TEST(CsvImport, SecondCurrencyWithoutRatesIsRefused) {
  CsvFiles files = small_book_files();
  files.erase("fx_rates.csv");
  try {
    import_csv_book(files);
    FAIL() << "expected an ImportError";
  } catch (const ImportError& e) {
    EXPECT_EQ(std::string(e.what()),
              "opportunities.csv:3:51: currency: currency 'EUR' differs from 'USD' and there is no "
              "fx_rates.csv to convert it");
  }
}

TEST(CsvExport, CanonicalInputExportsToTheSameBytes) {
  const CsvFiles input = small_book_files();
  const CsvFiles output = export_csv_book(import_csv_book(input).book);
  ASSERT_EQ(output.size(), input.size());
  for (const auto& [name, content] : input) {
    ASSERT_TRUE(output.count(name)) << name;
    EXPECT_EQ(output.at(name), content) << name;
  }
}

TEST(CsvExport, ImportThenExportIsStable) {
  // A messy but valid input: other column order, CRLF, extra spaces in numbers.
  CsvFiles files = small_book_files();
  files["fx_rates.csv"] = "rate,currency\r\n1.0,USD\r\n1.10,EUR\r\n";
  files["quotas.csv"] = "period,owner,amount\n2024-Q1,Ann, 5000.00\n";
  const CsvFiles once = export_csv_book(import_csv_book(files).book);
  const Book again = import_csv_book(once).book;
  EXPECT_EQ(export_csv_book(again), once);
  EXPECT_TRUE(again == import_csv_book(files).book);
  EXPECT_EQ(once.at("fx_rates.csv"), "currency,rate\nUSD,1\nEUR,1.1\n");
}

TEST(CsvExport, WritesADirectoryThatReadsBack) {
  const Book book = small_book();
  const auto dir = test::fresh_directory("export");
  export_csv_directory(book, dir);
  const Book back = import_csv_directory(dir).book;
  EXPECT_TRUE(back == book);
  EXPECT_FALSE(std::filesystem::exists(dir / "opportunities.csv.tmp"));
  std::filesystem::remove_all(dir);
}

TEST(CsvImport, DirectoryErrorsNameThePath) {
  try {
    import_csv_directory("/nonexistent/pipecast/book");
    FAIL();
  } catch (const ImportError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/pipecast/book: no such directory");
  }
}

TEST(Summary, HandComputedAsOfMidFebruary) {
  const Book book = small_book();
  const Summary s = summarize(as_of(book, to_day(2024, 2, 10)));
  EXPECT_EQ(s.opportunities, 3u);
  EXPECT_EQ(s.open, 3u);
  EXPECT_EQ(s.won, 0u);
  EXPECT_EQ(s.lost, 0u);
  // O1 Proposal 800 (its last known amount), O2 Proposal 1500 EUR = 1650, O3 Lead 500.
  EXPECT_DOUBLE_EQ(s.open_amount, 2950.0);
  EXPECT_DOUBLE_EQ(s.weighted_amount, 0.4 * 800 + 0.4 * 1650 + 0.1 * 500);
  EXPECT_EQ(s.currency, "USD");
}

TEST(Summary, HandComputedAtQuarterEnd) {
  const Book book = small_book();
  const Summary s = summarize(as_of(book, to_day(2024, 3, 31)));
  EXPECT_EQ(s.opportunities, 5u);
  EXPECT_EQ(s.open, 3u);
  EXPECT_EQ(s.won, 1u);
  EXPECT_EQ(s.lost, 1u);
  EXPECT_EQ(s.missing_amount, 1u);  // O5
  EXPECT_DOUBLE_EQ(s.open_amount, 2200.0 + 300.0);
  EXPECT_DOUBLE_EQ(s.weighted_amount, 0.7 * 2200 + 0.5 * 300);
  EXPECT_DOUBLE_EQ(s.won_amount, 1000.0);
  EXPECT_DOUBLE_EQ(s.lost_amount, 500.0);
  ASSERT_EQ(s.by_stage.size(), 8u);
  EXPECT_EQ(s.by_stage[2].stage, "Negotiation");
  EXPECT_EQ(s.by_stage[2].count, 1u);
  EXPECT_DOUBLE_EQ(s.by_stage[2].amount, 2200.0);
}

TEST(AsOf, StageSinceCountsFromTheFirstOfRepeatedRows) {
  const Book book = small_book();
  const AsOfView view = as_of(book, to_day(2024, 2, 20));
  // O2: Lead, Proposal, Lead (02-15): in Lead since 02-15.
  for (std::size_t k = 0; k < view.size(); ++k)
    if (book.ids()[view.deal(k)] == "O2") {
      EXPECT_EQ(book.stages()[view.stage(k)].name, "Lead");
      EXPECT_EQ(view.stage_entered(k), to_day(2024, 2, 15));
      EXPECT_DOUBLE_EQ(view.amount(k), 1500.0);
      EXPECT_EQ(view.close_date(k), to_day(2024, 3, 31));
    }
}

}  // namespace
}  // namespace csv_book_test
}  // namespace pipecast
