// A book's deals as a result table: the hand-made book at its day and at its
// latest, and custom attributes named like the table's own columns.
#include "analytics_pipeline_book.hpp"

#include "pipecast/analytics/opportunities_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_opportunities_table_test {
namespace {

using test::kPipelineBookDate;
using test::pipeline_book;

const Book& book() {
  static const Book b = pipeline_book();
  return b;
}

std::vector<std::string> names(const ResultTable& t) {
  std::vector<std::string> out;
  for (const ResultColumn& c : t.columns) out.push_back(c.name);
  return out;
}

TEST(OpportunitiesTable, ViewKnowsOnlyItsDay) {
  const ResultTable t = opportunities_table(as_of(book(), kPipelineBookDate));
  EXPECT_EQ(t.name, "opportunities");
  EXPECT_EQ(names(t), (std::vector<std::string>{"id", "pipeline", "account", "owner", "product", "source",
                                                "segment", "amount", "currency", "created", "close_date", "stage",
                                                "status", "closed_on", "amount_in_base"}));
  ASSERT_EQ(t.rows, 7u);  // d8 is created after the day
  // d3 wins on 04-10, after the day: still open in Propose.
  EXPECT_EQ(t.column("id").texts[2], "d3");
  EXPECT_EQ(t.column("stage").texts[2], "Propose");
  EXPECT_EQ(t.column("status").texts[2], "open");
  EXPECT_EQ(t.column("closed_on").days[2], kNoDay);
  EXPECT_EQ(t.column("close_date").days[2], to_day(2024, 4, 10));
  // d1 won on 03-02, d2 lost on 02-23.
  EXPECT_EQ(t.column("status").texts[0], "won");
  EXPECT_EQ(t.column("closed_on").days[0], to_day(2024, 3, 2));
  EXPECT_EQ(t.column("status").texts[1], "lost");
  EXPECT_EQ(t.column("closed_on").days[1], to_day(2024, 2, 23));
  // d7: 100 EUR, 110 USD.
  EXPECT_EQ(t.column("currency").texts[6], "EUR");
  EXPECT_EQ(t.column("amount").numbers[6], 100.0);
  EXPECT_NEAR(t.column("amount_in_base").numbers[6], 110.0, 1e-9);
  EXPECT_EQ(t.column("amount_in_base").unit, Unit::currency);
  EXPECT_EQ(t.column("pipeline").texts[6], "Renewal");
  EXPECT_EQ(t.column("owner").texts[4], "Cat");
}

TEST(OpportunitiesTable, LatestDayKnowsEveryDeal) {
  const ResultTable t = opportunities_table(as_of(book(), book().latest_day()));
  ASSERT_EQ(t.rows, 8u);
  EXPECT_EQ(t.column("stage").texts[2], "Closed Won");
  EXPECT_EQ(t.column("closed_on").days[2], to_day(2024, 4, 10));
  EXPECT_EQ(t.column("id").texts[7], "d8");
}

TEST(OpportunitiesTable, EmptyViewHasTheColumns) {
  const ResultTable t = opportunities_table(as_of(book(), kNoDay));
  EXPECT_EQ(t.rows, 0u);
  EXPECT_EQ(t.columns.size(), 15u);
}

TEST(OpportunitiesTable, AttributesKeepUniqueNames) {
  BookBuilder b;
  ASSERT_FALSE(b.add_stage({"P", "Open", 1, 0.5, StageKind::open, ""}));
  b.set_attribute_columns({"region", "status", "status_"});
  const std::string_view values[] = {"East", "vip", "x"};
  OpportunityRecord r;
  r.id = "o1";
  r.created = to_day(2024, 1, 1);
  r.stage = "Open";
  r.attributes = values;
  ASSERT_FALSE(b.add_opportunity(r));
  const Book small = std::move(b).finish();
  const ResultTable t = opportunities_table(as_of(small, small.latest_day()));
  const std::vector<std::string> n = names(t);
  EXPECT_EQ(std::vector<std::string>(n.end() - 3, n.end()),
            (std::vector<std::string>{"region", "status__", "status_"}));
  EXPECT_EQ(t.column("status").texts[0], "open");
  EXPECT_EQ(t.column("status__").texts[0], "vip");
  EXPECT_EQ(t.column("status_").texts[0], "x");
  EXPECT_TRUE(std::isnan(t.column("amount").numbers[0]));
}

}  // namespace
}  // namespace analytics_opportunities_table_test
}  // namespace pipecast
