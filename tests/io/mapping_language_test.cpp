// The mapping keys CRM presets are made of: computed fields, number forms,
// lookups that replace an id, stages made from the deals, and deals in a
// currency without a rate.  Each test imports a tiny export in memory and
// checks the book it gives.
#include "pipecast/core/as_of.hpp"
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/csv_book.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace mapping_language_test {
namespace {

ImportResult import_with(const CsvFiles& files, const std::string& mapping) {
  ImportOptions options;
  options.mapping = ColumnMapping::from_json(mapping, "m.json");
  return import_csv_book(files, options);
}

std::string warnings_of(const ImportResult& result) {
  std::string out;
  for (const Diagnostic& d : result.warnings) out += d.to_string() + "\n";
  return out;
}

std::string error_of(const CsvFiles& files, const std::string& mapping) {
  try {
    (void)import_with(files, mapping);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "(imported)";
}

std::string stage_of(const Book& book, std::string_view id) {
  return book.stages()[book.stage_column()[*book.ids().find(id)]].name;
}

const char* const kStages =
    "pipeline,stage,order,probability,kind\n"
    "Sales,Qualify,1,0.2,open\nSales,Propose,2,0.6,open\nSales,Won,3,1,won\nSales,Lost,4,0,lost\n";

// A Pipedrive-like deals file: the stage stays where a closed deal stopped,
// its status says won or lost.
const char* const kDeals =
    "ID,Stage,Status,Value,Created\n"
    "D1,Qualify,open,100,2024-01-02\n"
    "D2,Propose,won,200,2024-01-03\n"
    "D3,Propose,lost,300,2024-01-04\n";

const char* const kDealColumns =
    R"("columns": {"id": "ID", "stage": "Stage", "amount": "Value", "created": "Created"},
       "defaults": {"pipeline": "Sales", "account": "", "owner": "", "product": "", "source": "",
                    "segment": "", "currency": "", "close_date": ""})";

TEST(MappingComputed, TheStageComesFromTheStatusWhenACaseApplies) {
  const CsvFiles files = {{"stages.csv", kStages}, {"deals.csv", kDeals}};
  const ImportResult result = import_with(files, std::string(R"({"tables": {"opportunities": {"file": "deals.csv", )") +
                                                     kDealColumns + R"(,
      "computed": {"stage": [{"when": {"Status": ["won", "Won"]}, "value": "Won"},
                             {"when": {"Status": "lost"}, "value": "Lost"}]}}},
      "history_from_dates": true})");
  const Book& book = result.book;
  EXPECT_EQ(stage_of(book, "D1"), "Qualify");  // no case applies: its own column
  EXPECT_EQ(stage_of(book, "D2"), "Won");
  EXPECT_EQ(stage_of(book, "D3"), "Lost");
  EXPECT_TRUE(book.attributes().names.empty());  // Status served a case: no attribute
}

TEST(MappingComputed, ACaseCanTakeAnotherColumnAndACaseWithoutConditionAlwaysApplies) {
  const CsvFiles files = {
      {"stages.csv", kStages},
      {"deals.csv", "ID,Stage,Status,Estimated,Actual,Created\n"
                    "D1,Qualify,open,100,,2024-01-02\nD2,Won,won,200,250,2024-01-03\n"}};
  const ImportResult result = import_with(files, R"({"tables": {"opportunities": {"file": "deals.csv",
      "columns": {"id": "ID", "stage": "Stage", "created": "Created"},
      "defaults": {"pipeline": "Sales", "account": "", "owner": "", "product": "", "source": "",
                   "segment": "", "currency": "", "close_date": ""},
      "computed": {"amount": [{"when": {"Status": ["won"]}, "column": "Actual"}, {"column": "Estimated"}]}}},
      "history_from_dates": true})");
  const Book& book = result.book;
  EXPECT_EQ(book.amount_column()[*book.ids().find("D1")], 100);
  EXPECT_EQ(book.amount_column()[*book.ids().find("D2")], 250);
}

TEST(MappingComputed, ACaseNamingAColumnTheFileLacksIsAWarning) {
  const CsvFiles files = {{"stages.csv", kStages}, {"deals.csv", kDeals}};
  const ImportResult result = import_with(files, std::string(R"({"tables": {"opportunities": {"file": "deals.csv", )") +
                                                     kDealColumns + R"(,
      "computed": {"stage": [{"when": {"State": ["won"]}, "value": "Won"}]}}}, "history_from_dates": true})");
  EXPECT_NE(warnings_of(result).find("deals.csv:1:1: computed stage: no column 'State': a case that names it never applies"),
            std::string::npos)
      << warnings_of(result);
  EXPECT_EQ(stage_of(result.book, "D2"), "Propose");
}

TEST(MappingComputed, MalformedCasesAreErrorsWithTheirPath) {
  EXPECT_THROW((void)ColumnMapping::from_json(R"({"tables": {"opportunities": {"computed": {"stage": [{}]}}}})"),
               ImportError);
  try {
    (void)ColumnMapping::from_json(
        R"({"tables": {"opportunities": {"computed": {"stage": [{"when": {"S": ["x"]}}], "colour": []}}}})", "m.json");
    FAIL() << "accepted";
  } catch (const ImportError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("m.json: tables.opportunities.computed.stage[0]: needs either value or column"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("m.json: tables.opportunities.computed.colour: not a field of opportunities"),
              std::string::npos)
        << what;
  }
}

// Activities kept in a file per kind (Salesforce's tasks and events), each
// mapped on its own; a condition's value with a `*` is a pattern.
TEST(MappingActivities, SeveralFilesMakeOneTableAndValuesMayBePatterns) {
  const CsvFiles files = {
      {"stages.csv", kStages},
      {"deals.csv", kDeals},
      {"tasks.csv", "What,Kind,Due,Done\nD1,Call,2024-01-05,2024-01-06\nD2,,2024-01-07,\nX9,Call,2024-01-08,\n"},
      {"events.csv", "Related,When,Minutes\nD3,2024-01-09,45\n"}};
  const ImportResult result = import_with(files, std::string(R"({"tables": {"opportunities": {"file": "deals.csv", )") +
                                                     kDealColumns + R"(},
      "activities": [
        {"file": "tasks.csv", "columns": {"opportunity_id": "What", "type": "Kind", "owner": "What"},
         "defaults": {"type": "Task"},
         "computed": {"date": [{"when": {"Done": ["?*"]}, "column": "Done"}, {"column": "Due"}]},
         "keep_rows": {"What": ["D*"]}},
        {"file": "events.csv", "columns": {"opportunity_id": "Related", "date": "When",
                                           "duration_minutes": "Minutes"},
         "defaults": {"type": "Event", "owner": ""}},
        {"file": "calls.csv"}
      ]},
      "history_from_dates": true})");
  const Book& book = result.book;
  const Activities& a = book.activities();
  ASSERT_EQ(a.size(), 3u);  // X9's task left out by keep_rows; calls.csv absent
  const DealIndex d1 = *book.find("D1"), d2 = *book.find("D2"), d3 = *book.find("D3");
  EXPECT_EQ(a.row(a.deal_begin(d1)).date, to_day(2024, 1, 6));  // done: its completion
  EXPECT_EQ(a.types()[a.row(a.deal_begin(d2)).type], "Task");  // blank: the default
  EXPECT_EQ(a.row(a.deal_begin(d2)).date, to_day(2024, 1, 7));  // not done: its due date
  EXPECT_EQ(a.row(a.deal_begin(d3)).duration_minutes, 45.0);
  EXPECT_TRUE(book.layout().activity_duration);
  EXPECT_NE(warnings_of(result).find("tasks.csv: 1 row left out"), std::string::npos) << warnings_of(result);
  // A list of files is for activities only.
  EXPECT_NE(error_of(files, R"({"tables": {"stages": []}})").find("tables.stages: expected an object"),
            std::string::npos);
}

TEST(MappingReadAs, PercentAndInverseNumbers) {
  const CsvFiles files = {
      {"stages.csv", "pipeline,stage,order,probability,kind\nSales,Open,1,25,open\nSales,Won,2,100%,won\n"},
      {"fx_rates.csv", "currency,rate\nUSD,1\nEUR,0.8\n"},
      {"opportunities.csv", "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
                            "A,Sales,,,,,,100,EUR,2024-01-01,,Open\n"},
      {"stage_history.csv", "opportunity_id,stage,entered\nA,Open,2024-01-01\n"}};
  const ImportResult result = import_with(files, R"({"tables": {
      "stages": {"read_as": {"probability": "percent"}},
      "fx_rates": {"read_as": {"rate": "inverse"}}}})");
  const Book& book = result.book;
  EXPECT_DOUBLE_EQ(book.stages()[0].probability, 0.25);
  EXPECT_DOUBLE_EQ(book.stages()[1].probability, 1.0);
  EXPECT_DOUBLE_EQ(book.amount_in_base(0), 125.0);  // 1 EUR = 1 / 0.8 USD
}

TEST(MappingReadAs, AZeroRateHasNoInverseAndAnUnknownFormIsAnError) {
  const CsvFiles files = {{"stages.csv", kStages}, {"fx_rates.csv", "currency,rate\nUSD,1\nEUR,0\n"}};
  EXPECT_NE(error_of(files, R"({"tables": {"fx_rates": {"read_as": {"rate": "inverse"}}}})")
                .find("fx_rates.csv:3:5: rate: '0' has no inverse (the mapping reads this column as 1 / the number)"),
            std::string::npos);
  try {
    (void)ColumnMapping::from_json(R"({"tables": {"stages": {"read_as": {"probability": "per mille"}}}})", "m.json");
    FAIL() << "accepted";
  } catch (const ImportError& e) {
    EXPECT_EQ(std::string(e.what()), "m.json: tables.stages.read_as.probability: 'per mille' is not a number form "
                                     "(expected plain, percent or inverse)");
  }
}

// Salesforce-like ids, names in side files.
const CsvFiles kWithIds = {
    {"stages.csv", kStages},
    {"deals.csv", "Id,AccountId,OwnerId,Stage,Created\n"
                  "D1,001A,005X,Qualify,2024-01-02\nD2,001B,005Y,Propose,2024-01-03\n"},
    {"Account.csv", "Id,Name,Industry\n001A,\"Acme, Inc.\",Energy\n"},
    {"User.csv", "Id,FirstName,LastName\n005X,Ada,Lovelace\n005Y,,Hopper\n"},
    {"items.csv", "OpportunityId,PricebookEntryId,Quantity,UnitPrice\nD1,01uE,2,10\n"},
    {"PricebookEntry.csv", "Id,Product2Id\n01uE,01tP\n"},
    {"Product2.csv", "Id,Name,Family\n01tP,Widget Pro,Widgets\n"}};

const char* const kIdMapping = R"({"tables": {
    "opportunities": {"file": "deals.csv",
      "columns": {"id": "Id", "account": "AccountId", "owner": "OwnerId", "stage": "Stage", "created": "Created"},
      "defaults": {"pipeline": "Sales", "product": "", "source": "", "segment": "", "amount": "",
                   "currency": "", "close_date": ""}},
    "line_items": {"file": "items.csv",
      "columns": {"opportunity_id": "OpportunityId", "product": "PricebookEntryId", "quantity": "Quantity",
                  "unit_price": "UnitPrice"}}},
  "history_from_dates": true,
  "lookups": [
    {"file": "Account.csv", "key": "Id", "field": "account", "columns": {"account": "Name", "segment": "Industry"}},
    {"file": "User.csv", "key": "Id", "field": "owner", "columns": {"owner": ["FirstName", "LastName"]}},
    {"file": "Contact.csv", "key": "Id", "field": "owner", "columns": {"source": "Name"}, "optional": true},
    {"table": "line_items", "file": "PricebookEntry.csv", "key": "Id", "field": "product",
     "columns": {"product": "Product2Id"}},
    {"table": "line_items", "file": "Product2.csv", "key": "Id", "field": "product", "columns": {"product": "Name"}}]})";

TEST(MappingLookups, ALookupKeyedByItsOwnFieldReplacesTheIdByTheName) {
  const ImportResult result = import_with(kWithIds, kIdMapping);
  const Book& book = result.book;
  const DealIndex d1 = *book.ids().find("D1"), d2 = *book.ids().find("D2");
  const auto value = [&](Dimension d, DealIndex deal) { return std::string(book.opportunity(deal).dimension(d)); };
  EXPECT_EQ(value(Dimension::account, d1), "Acme, Inc.");
  EXPECT_EQ(value(Dimension::segment, d1), "Energy");  // looked up by the id, not by the name
  EXPECT_EQ(value(Dimension::owner, d1), "Ada Lovelace");
  EXPECT_EQ(value(Dimension::owner, d2), "Hopper");  // headers joined by a space, blanks skipped
  EXPECT_EQ(value(Dimension::account, d2), "001B");  // not in Account.csv: the id stays
  ASSERT_EQ(book.line_items().size(), 1u);  // a lookup follows another: entry -> product id -> name
  EXPECT_EQ(book.dictionary(Dimension::product)[book.line_items()[0].product], "Widget Pro");
}

TEST(MappingLookups, OnlyAnOptionalLookupMayMissItsFile) {
  CsvFiles files = kWithIds;
  files.erase("User.csv");
  EXPECT_NE(error_of(files, kIdMapping).find("User.csv: file named by the mapping's lookups is missing"),
            std::string::npos);
}

TEST(MappingUnratedCurrency, TheDealStaysWithAnUnknownAmountAndAWarning) {
  const CsvFiles files = {
      {"stages.csv", kStages},
      {"fx_rates.csv", "currency,rate\nUSD,1\nEUR,1.1\n"},
      {"opportunities.csv", "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
                            "A,Sales,,,,,,100,EUR,2024-01-01,,Qualify\nB,Sales,,,,,,100,JPY,2024-01-01,,Qualify\n"}};
  const std::string mapping = R"({"history_from_dates": true, "currency_without_rate": "amount_unknown"})";
  const ImportResult result = import_with(files, mapping);
  EXPECT_EQ(result.book.size(), 2u);
  EXPECT_TRUE(is_blank(result.book.amount_column()[1]));
  EXPECT_NE(warnings_of(result).find("currency 'JPY' has no rate: 1 deal keeps an unknown amount, in the base currency"),
            std::string::npos)
      << warnings_of(result);
  EXPECT_NE(error_of(files, R"({"history_from_dates": true})").find("currency 'JPY' has no rate in fx_rates.csv"),
            std::string::npos);
}

TEST(MappingUnratedCurrency, TheDealsHistoryAmountsAreUnknownToo) {
  // They are in the currency without a rate: read as the base's, a deal's
  // 100 yen would become 100 dollars at every date.
  const CsvFiles files = {
      {"stages.csv", kStages},
      {"fx_rates.csv", "currency,rate\nUSD,1\n"},
      {"opportunities.csv", "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
                            "A,Sales,,,,,,100,USD,2024-01-01,,Qualify\nB,Sales,,,,,,100,JPY,2024-01-01,,Qualify\n"},
      {"stage_history.csv", "opportunity_id,stage,entered,amount\nA,Qualify,2024-01-01,90\nB,Qualify,2024-01-01,90\n"}};
  const Book book = import_with(files, R"({"currency_without_rate": "amount_unknown"})").book;
  const AsOfView view(book, *parse_day("2024-02-01"));
  EXPECT_EQ(view.amount_in_base(0), 90.0);
  EXPECT_TRUE(is_blank(view.amount_in_base(1)));
}

// Salesforce without OpportunityStage.csv: the stages come from the deals.
const CsvFiles kNoStageTable = {
    {"Opportunity.csv", "Id,StageName,Probability,IsClosed,IsWon,CreatedDate\n"
                        "A,Prospecting,10,false,false,2024-01-01T09:00:00.000Z\n"
                        "B,Negotiation/Review,90,false,false,2024-01-02T09:00:00.000Z\n"
                        "C,Closed Won,100,true,true,2024-01-03T09:00:00.000Z\n"
                        "D,Closed Lost,0,true,false,2024-01-04T09:00:00.000Z\n"
                        "E,Id. Decision Makers,60,false,false,2024-01-05T09:00:00.000Z\n"
                        "F,Id. Decision Makers,55,false,false,2024-01-05T09:00:00.000Z\n"
                        "G,Id. Decision Makers,60,false,false,2024-01-05T09:00:00.000Z\n"},
    {"OpportunityHistory.csv", "OpportunityId,StageName,CreatedDate\n"
                               "C,Closed Won,2024-03-01\nC,Prospecting,2024-01-03\nC,Id. Decision Makers,2024-02-01\n"
                               "C,Negotiation/Review,2024-02-15\n"
                               "D,Prospecting,2024-01-04\nD,Qualification,2024-01-10\nD,Closed Lost,2024-01-20\n"
                               "A,Prospecting,2024-01-01\nB,Prospecting,2024-01-02\nB,Negotiation/Review,2024-03-01\n"}};

const char* const kFromData = R"({"tables": {
    "opportunities": {"file": "Opportunity.csv",
      "columns": {"id": "Id", "stage": "StageName", "created": "CreatedDate"},
      "defaults": {"pipeline": "Sales", "account": "", "owner": "", "product": "", "source": "", "segment": "",
                   "amount": "", "currency": "", "close_date": ""},
      "ignore": ["Probability", "IsClosed", "IsWon"]},
    "stages": {"file": "OpportunityStage.csv"},
    "stage_history": {"file": "OpportunityHistory.csv",
      "columns": {"opportunity_id": "OpportunityId", "stage": "StageName", "entered": "CreatedDate"}}},
  "stages_from_data": {"kind": [{"when": {"IsWon": ["true"]}, "value": "won"},
                                {"when": {"IsClosed": ["true"]}, "value": "lost"}, {"value": "open"}],
                       "probability": "Probability", "probability_as": "percent"}})";

TEST(MappingStagesFromData, KindsProbabilitiesAndTheOrderOfTheHistory) {
  const ImportResult result = import_with(kNoStageTable, kFromData);
  const Book& book = result.book;
  std::string stages;
  for (StageId s : book.pipelines()[0].stages) {
    const Stage& stage = book.stages()[s];
    stages += stage.name + " " + std::to_string(stage.order) + " " + std::string(to_string(stage.kind)) + " " +
              std::to_string(stage.probability).substr(0, 4) + "\n";
  }
  // Qualification only appears in a history: open, no probability of its
  // own (spread evenly), ranked second like Id. Decision Makers (the mean
  // rank breaks no tie: the probability does).
  EXPECT_EQ(stages,
            "Prospecting 1 open 0.10\n"
            "Qualification 2 open 0.40\n"
            "Id. Decision Makers 3 open 0.60\n"
            "Negotiation/Review 4 open 0.90\n"
            "Closed Won 5 won 1.00\n"
            "Closed Lost 6 lost 0.00\n");
  EXPECT_NE(warnings_of(result).find("OpportunityStage.csv: absent: the 6 stages were made from the deals"),
            std::string::npos)
      << warnings_of(result);
}

TEST(MappingStagesFromData, AStageTableWhenPresentWins) {
  CsvFiles files = kNoStageTable;
  files["OpportunityStage.csv"] =
      "pipeline,stage,order,probability,kind\nSales,Prospecting,1,0.1,open\nSales,Qualification,2,0.2,open\n"
      "Sales,Id. Decision Makers,3,0.6,open\nSales,Negotiation/Review,4,0.9,open\nSales,Closed Won,5,1,won\n"
      "Sales,Closed Lost,6,0,lost\nSales,Unused,7,0.5,open\n";
  const ImportResult result = import_with(files, kFromData);
  EXPECT_EQ(result.book.stages().size(), 7u);
  EXPECT_DOUBLE_EQ(result.book.stages()[1].probability, 0.2);
}

TEST(MappingStagesFromData, DealsThatMakeNoStageLeaveTheStageFileMissing) {
  const CsvFiles files = {{"Opportunity.csv", "Id,StageName,Probability,IsClosed,IsWon,CreatedDate\n"},
                          {"OpportunityHistory.csv", "OpportunityId,StageName,CreatedDate\n"}};
  EXPECT_NE(error_of(files, kFromData).find("OpportunityStage.csv: required file is missing, and the deals make no stage"),
            std::string::npos)
      << error_of(files, kFromData);
}

TEST(MappingStagesFromData, KindsMustBeStageKinds) {
  try {
    (void)ColumnMapping::from_json(R"({"stages_from_data": {"kind": [{"value": "closed"}]}})", "m.json");
    FAIL() << "accepted";
  } catch (const ImportError& e) {
    EXPECT_EQ(std::string(e.what()),
              "m.json: stages_from_data.kind: 'closed' is not a stage kind (expected open, won or lost)");
  }
}

// HubSpot and Pipedrive name each export by its date or account.
TEST(MappingFilePatterns, APatternReadsTheOneFileItMatches) {
  const CsvFiles files = {{"stages.csv", kStages},
                          {"deals-7654321-4.csv", kDeals},
                          {"organizations-7654321-5.csv", "Name\nAcme\n"}};
  const std::string mapping = std::string(R"({"tables": {"opportunities": {"file": "deals-*.csv", )") + kDealColumns +
                              R"(}}, "history_from_dates": true})";
  EXPECT_EQ(import_with(files, mapping).book.size(), 3u);

  CsvFiles two = files;
  two["deals-7654321-9.csv"] = kDeals;
  EXPECT_EQ(error_of(two, mapping), "deals-*.csv: 2 files match: deals-7654321-4.csv, deals-7654321-9.csv (keep one "
                                    "in the folder, or name it in the mapping)");
  CsvFiles none = files;
  none.erase("deals-7654321-4.csv");
  EXPECT_NE(error_of(none, mapping).find("deals-*.csv: required file is missing: no file matches this name"),
            std::string::npos);
  // Problems name the file the pattern matched.
  CsvFiles bad = files;
  bad["deals-7654321-4.csv"] = "ID,Stage,Status,Value,Created\nD1,Qualify,open,many,2024-01-02\n";
  EXPECT_NE(error_of(bad, mapping).find("deals-7654321-4.csv:2:"), std::string::npos) << error_of(bad, mapping);
}

// HubSpot's wide history: a column per stage, named with its pipeline.
TEST(MappingHistoryFromColumns, EachDatedCellOfTheDealsPipelineIsAnEntry) {
  const CsvFiles files = {
      {"stages.csv", std::string(kStages) + "Other,Qualify (new),1,0.5,open\nOther,Won,2,1,won\n"},
      {"deals.csv", "ID,Pipeline,Stage,Created,"
                    "\"Date entered \"\"Qualify (Sales)\"\"\",\"Date entered \"\"Propose (Sales)\"\"\","
                    "\"Date entered \"\"Qualify (new) (Other)\"\"\",\"Date entered \"\"Gone (Sales)\"\"\",\"Date exited x\"\n"
                    "D1,Sales,Propose,2024-01-02,2024-01-02 10:00,2024-02-01,2024-03-01,2024-01-20,x\n"
                    "D2,Other,Qualify (new),2024-01-03,,,2024-01-03,,x\n"}};
  const ImportResult result = import_with(files, R"({"tables": {"opportunities": {"file": "deals.csv",
      "columns": {"id": "ID", "pipeline": "Pipeline", "stage": "Stage", "created": "Created"},
      "defaults": {"account": "", "owner": "", "product": "", "source": "", "segment": "", "amount": "",
                   "currency": "", "close_date": ""},
      "ignore": ["Date entered *", "Date exited *"]}},
      "history_from_columns": {"header": "Date entered \"{stage} ({pipeline})\""}})");
  const Book& book = result.book;
  EXPECT_TRUE(book.attributes().names.empty());  // the wide columns are ignored by a pattern
  const Opportunity d1 = book.opportunity(*book.find("D1"));
  ASSERT_EQ(d1.history_size(), 2u);  // Other's column is not D1's history; Gone is no stage
  EXPECT_EQ(book.stages()[d1.history_stages()[0]].name, "Qualify");
  EXPECT_EQ(d1.history(1).entered, *parse_day("2024-02-01"));
  const Opportunity d2 = book.opportunity(*book.find("D2"));
  ASSERT_EQ(d2.history_size(), 1u);  // a stage name with parentheses: split at the last " ("
  EXPECT_EQ(book.stages()[d2.history_stages()[0]].name, "Qualify (new)");
  EXPECT_NE(warnings_of(result).find("history_from_columns: the stage 'Gone' is not in the deal's pipeline: 1 date left out"),
            std::string::npos)
      << warnings_of(result);
}

TEST(MappingHistoryFromColumns, ThePatternNeedsAStage) {
  EXPECT_THROW((void)ColumnMapping::from_json(R"({"history_from_columns": {"header": "Date entered"}})"), ImportError);
  EXPECT_THROW((void)ColumnMapping::from_json(
                   R"({"history_from_columns": {"header": "{stage}{pipeline}"}})"), ImportError);
  EXPECT_THROW((void)ColumnMapping::from_json(
                   R"({"history_from_columns": {"header": "{stage}"}, "history_from_dates": true})"), ImportError);
}

TEST(MappingLookups, AFileOutsideTheBookDirectoryIsRefused) {
  EXPECT_THROW((void)ColumnMapping::from_json(
                   R"({"lookups": [{"file": "../secrets.csv", "key": "Id", "field": "owner", "columns": {"owner": "N"}}]})"),
               ImportError);
}

}  // namespace
}  // namespace mapping_language_test
}  // namespace pipecast
