// The data check on a book made by hand, one planted problem per check, and
// on a clean one.
#include "pipecast/analytics/data_check.hpp"
#include "pipecast/io/csv_book.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_data_check_test {
namespace {

const CsvFiles kBook = {
    {"stages.csv", "pipeline,stage,order,probability,kind\n"
                   "P,A,1,0.2,open\nP,B,2,0.5,open\nP,Unused,3,0.7,open\nP,Won,4,1,won\nP,Lost,5,0,lost\n"},
    {"opportunities.csv", "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
                          "early,P,,,,,,100,,2024-03-01,2024-02-01,Won\n"
                          "bare,P,,,,,,,,2024-01-01,,A\n"
                          "zero,P,,,,,,0,,2024-01-02,,A\n"
                          "back,P,Acme,,,,,50,,2024-01-03,,A\n"
                          "stale,P,,,,,,70,,2024-01-04,2024-05-01,Won\n"},
    {"stage_history.csv", "opportunity_id,stage,entered\n"
                          "early,A,2024-01-01\nearly,Won,2024-02-01\n"
                          "zero,A,2024-01-02\n"
                          "back,A,2024-01-03\nback,B,2024-02-03\nback,A,2024-03-03\n"
                          "stale,A,2024-01-04\nstale,B,2024-02-04\n"},
    // The latest day the deals know is stale's close, 2024-05-01.
    {"activities.csv", "opportunity_id,account,type,date,owner\n"
                       "early,,call,2024-02-15,ann\nearly,,call,2024-03-02,ann\n"
                       "zero,,task,2024-06-01,ann\nback,,call,2024-01-03,ann\n"
                       ",Acme,visit,2024-07-01,ann\n"}};

std::map<std::string, DataFinding> findings_of(const Book& book,
                                               const std::map<std::string, std::vector<std::string>>& unrated = {}) {
  std::map<std::string, DataFinding> out;
  for (DataFinding& f : check_data(book, unrated)) out[f.check] = std::move(f);
  return out;
}

using Ids = std::vector<std::string>;

TEST(DataCheck, EachCheckFindsWhatWasPlanted) {
  const Book book = import_csv_book(kBook).book;
  const auto found = findings_of(book, {{"CHF", {"zero"}}});
  EXPECT_EQ(found.at("close_before_created").examples, Ids{"early"});
  EXPECT_EQ(found.at("no_history").examples, Ids{"bare"});
  EXPECT_EQ(found.at("history_disagrees").examples, Ids{"stale"});  // ends in B, is Won
  EXPECT_EQ(found.at("blank_amount").examples, Ids{"bare"});
  EXPECT_EQ(found.at("zero_amount").examples, Ids{"zero"});
  EXPECT_EQ(found.at("unused_stages").examples, (Ids{"Unused", "Lost"}));  // Lost has no deal either
  EXPECT_EQ(found.at("went_backwards").examples, Ids{"back"});
  EXPECT_EQ(found.at("currency_without_rate").count, 1u);
  EXPECT_EQ(found.at("currency_without_rate").what, "deals in a currency that has no rate: CHF (1)");
  EXPECT_EQ(found.at("piled_creations").count, 0u);  // five deals: no pile
  EXPECT_EQ(found.at("activity_before_created").examples, Ids{"early"});
  EXPECT_EQ(found.at("activity_after_latest").examples, (Ids{"zero", "Acme"}));
  EXPECT_EQ(found.at("activity_after_latest").what,
            "deals and accounts with an activity dated after the book's latest date (2024-05-01)");
  EXPECT_FALSE(found.at("no_history").action.empty());
}

TEST(DataCheck, CreationsPiledOnOneDayAreAMigration) {
  std::string deals = "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n";
  std::string history = "opportunity_id,stage,entered\n";
  for (int i = 0; i < 40; ++i) {
    // 30 deals "created" on the day they were loaded, 10 over the year.
    const std::string created = i < 30 ? "2024-06-01" : "2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
    deals += "d" + std::to_string(i) + ",P,,,,,,10,," + created + ",,A\n";
    history += "d" + std::to_string(i) + ",A," + created + "\n";
  }
  CsvFiles files = kBook;
  files["opportunities.csv"] = deals;
  files["stage_history.csv"] = history;
  files.erase("activities.csv");  // of the deals replaced
  const auto found = findings_of(import_csv_book(files).book);
  EXPECT_EQ(found.at("piled_creations").count, 30u);
  EXPECT_EQ(found.at("piled_creations").what,
            "creation dates piled on a few days, as a data migration leaves them: 2024-06-01 (30)");
  EXPECT_EQ(found.at("piled_creations").examples.size(), 5u);
}

TEST(DataCheck, TheTableHasARowPerCheck) {
  const Book book = import_csv_book(kBook).book;
  const ResultTable table = data_check_table(check_data(book));
  EXPECT_EQ(table.name, "data_check");
  EXPECT_EQ(table.rows, 11u);
  EXPECT_EQ(table.find("examples")->texts[0], "early");
  EXPECT_EQ(result_table_json(table, -1).substr(0, 40), R"([{"check":"close_before_created","what":)");
}

}  // namespace
}  // namespace analytics_data_check_test
}  // namespace pipecast
