// Views of result tables: each way of writing a cell, headings, the exact
// value a page marks, row selection; and the tables' JSON document.
#include "pipecast/analytics/result_table.hpp"
#include "pipecast/render/table_view.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace pipecast::render {
// Named for the file: a unity build compiles the files of a program as one.
namespace render_table_view_test {
namespace {

// Two rows: everything known, then everything unknown.
ResultTable sample() {
  TableBuilder t("sample");
  t.text("owner").integer("deals").number("amount", Unit::currency).number("share", Unit::fraction);
  t.number("days", Unit::days).number("lift").day("close").flag("met").rate("win");
  Rate known;
  known.successes = 3;
  known.trials = 4;
  t.add("Ann").add(1234).add(1234567.891).add(0.2563).add(12.25).add(1.5).add(to_day(2024, 6, 30)).add(true).add(known);
  t.add("").add(0).add(std::nan("")).add(std::nan("")).add(std::nan("")).add(std::nan("")).add(kNoDay).add(false);
  t.add(Rate{});
  return std::move(t).finish();
}

std::string cell(const ColumnView& view, std::size_t row, const CellStyle& style = {"USD"}) {
  return cell_text(sample(), view, row, style);
}

TEST(TableView, AutomaticFollowsTypeAndUnit) {
  EXPECT_EQ(cell(ColumnView("owner"), 0), "Ann");
  EXPECT_EQ(cell(ColumnView("owner"), 1), "(blank)");
  EXPECT_EQ(cell(ColumnView("deals"), 0), "1,234");
  EXPECT_EQ(cell(ColumnView("amount"), 0), "1,234,568");
  EXPECT_EQ(cell(ColumnView("share"), 0), "25.6%");
  EXPECT_EQ(cell(ColumnView("days"), 0), "12.3");  // half away from zero
  EXPECT_EQ(cell(ColumnView("lift"), 0), "1.50");
  EXPECT_EQ(cell(ColumnView("close"), 0), "30 Jun 2024");
  EXPECT_EQ(cell(ColumnView("met"), 0), "yes");
  EXPECT_EQ(cell(ColumnView("met"), 1), "no");
  EXPECT_EQ(cell(ColumnView("win"), 0), "75.0%");
}

TEST(TableView, ChosenWritings) {
  EXPECT_EQ(cell(ColumnView("amount", "", Shown::money), 0), "$1,234,568");
  EXPECT_EQ(cell(ColumnView("amount", "", Shown::decimal), 0), "1,234,567.89");
  EXPECT_EQ(cell(ColumnView("share", "", Shown::points), 0), "+25.6 pts");
  EXPECT_EQ(cell(ColumnView("lift", "", Shown::ratio), 0), "1.50\u00d7");
  EXPECT_EQ(cell(ColumnView("win", "", Shown::interval), 0).find("% \u2013 "), 4u);  // "30.1% – 95.4%"
  const ColumnView worded = ColumnView("deals").worded([](const ResultTable& t, std::size_t row) {
    return t.column("owner").texts[row] + " has " + std::to_string(t.column("deals").integers[row]);
  });
  EXPECT_EQ(cell(worded, 0), "Ann has 1234");
}

TEST(TableView, TheUnknownIsTheMediumsMark) {
  for (const char* column : {"amount", "share", "days", "lift", "close", "win"}) {
    EXPECT_EQ(cell(ColumnView(column), 1), "\u2013") << column;
    EXPECT_EQ(cell(ColumnView(column), 1, {"USD", "-"}), "-") << column;
  }
  EXPECT_EQ(cell(ColumnView("win", "", Shown::interval), 1, {"", "-"}), "-");
  EXPECT_EQ(cell(ColumnView("lift", "", Shown::ratio), 1), "\u2013");
}

TEST(TableView, HeadingsAndAlignment) {
  const ResultTable t = sample();
  EXPECT_EQ(heading(ColumnView("win_trials"), {}), "win trials");
  EXPECT_EQ(heading(ColumnView("amount", "won"), {}), "won");
  EXPECT_EQ(heading(ColumnView("amount", "won").in_currency(), {"EUR"}), "won (EUR)");
  EXPECT_EQ(heading(ColumnView("amount", "won").in_currency(), {""}), "won");
  EXPECT_FALSE(numeric(t, ColumnView("owner")));
  EXPECT_FALSE(numeric(t, ColumnView("close")));
  EXPECT_FALSE(numeric(t, ColumnView("met")));
  EXPECT_TRUE(numeric(t, ColumnView("amount")));
  EXPECT_TRUE(numeric(t, ColumnView("win", "", Shown::interval)));
}

// The value a page marks is the JSON's, exactly.
TEST(TableView, JsonValueIsTheDocumentsValue) {
  const ResultTable t = sample();
  const auto json = nlohmann::json::parse(result_table_json(t));
  EXPECT_EQ(json_value(t, ColumnView("amount"), 0), "1234567.891");
  EXPECT_EQ(json[0]["amount"].get<double>(), 1234567.891);
  EXPECT_EQ(json_value(t, ColumnView("deals"), 0), "1234");
  EXPECT_EQ(json_value(t, ColumnView("close"), 0), "2024-06-30");
  EXPECT_EQ(json[0]["close"], "2024-06-30");
  EXPECT_EQ(json_value(t, ColumnView("met"), 0), "true");
  EXPECT_EQ(json_value(t, ColumnView("amount"), 1), "null");
  EXPECT_TRUE(json[1]["amount"].is_null());
  EXPECT_EQ(json_value(t, ColumnView("close"), 1), "null");
  EXPECT_EQ(json_value(t, ColumnView("win", "", Shown::interval), 0), "");  // two columns: no one place
}

TEST(TableView, RowsAndDefaultView) {
  const ResultTable t = sample();
  EXPECT_EQ(rows_where(t, "owner", "Ann"), (std::vector<std::size_t>{0}));
  EXPECT_EQ(rows_where(t, "owner", ""), (std::vector<std::size_t>{1}));
  EXPECT_TRUE(rows_where(t, "owner", "Bob").empty());
  EXPECT_THROW(rows_where(t, "deals", "1"), std::invalid_argument);  // not text
  EXPECT_EQ(all_rows(t), (std::vector<std::size_t>{0, 1}));
  const TableView all = default_view(t);
  ASSERT_EQ(all.size(), t.columns.size());
  EXPECT_EQ(all[0].column, "owner");
  EXPECT_EQ(all.back().column, "win_trials");
}

TEST(TableView, AViewOfAColumnTheTableLacksIsRefusedByName) {
  try {
    cell(ColumnView("nope"), 0);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "table 'sample' has no column 'nope'");
  }
  EXPECT_THROW(cell(ColumnView("nope", "", Shown::interval), 0), std::invalid_argument);
}

TEST(ResultTablesJson, EachTableUnderItsNameInOrder) {
  TableBuilder b("second");
  b.integer("n").add(7);
  const auto json = nlohmann::ordered_json::parse(result_tables_json({sample(), std::move(b).finish()}, -1));
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json.begin().key(), "sample");
  EXPECT_EQ(json["sample"].size(), 2u);
  EXPECT_EQ(json["second"], nlohmann::ordered_json::parse(R"([{"n":7}])"));
  EXPECT_EQ(result_tables_json({}, -1), "{}");
}

}  // namespace
}  // namespace render_table_view_test
}  // namespace pipecast::render
