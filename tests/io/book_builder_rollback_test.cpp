// BookBuilder::mark/rollback: a batch taken back leaves the builder as if it
// had never been given (what makes the C ABI's batch calls all or nothing).
#include "pipecast/core/book_builder.hpp"
#include "pipecast/io/csv_book.hpp"

#include <gtest/gtest.h>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace book_builder_rollback_test {
namespace {

void add_reference(BookBuilder& b) {
  ASSERT_FALSE(b.add_stage({"Sales", "Open", 1, 0.5, StageKind::open, ""}));
  ASSERT_FALSE(b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""}));
  ASSERT_FALSE(b.add_stage({"Sales", "Lost", 3, 0.0, StageKind::lost, ""}));
  ASSERT_FALSE(b.add_fx_rate("USD", 1.0));
  ASSERT_FALSE(b.add_fx_rate("EUR", 1.1));
  ASSERT_FALSE(b.add_product("Widget", "Hardware", 100));
}

OpportunityRecord deal(std::string_view id, std::string_view owner, std::string_view currency,
                       std::span<const std::string_view> attributes) {
  OpportunityRecord r;
  r.id = id;
  r.pipeline = "Sales";
  r.owner = owner;
  r.account = owner == "Ann" ? "Acme" : "Beta";
  r.product = "Widget";
  r.amount = 100;
  r.currency = currency;
  r.created = to_day(2024, 1, 2);
  r.stage = "Open";
  r.attributes = attributes;
  return r;
}

TEST(BookBuilderRollback, TakesBackEveryKindOfRecord) {
  const std::string_view north[] = {"North"};
  const std::string_view south[] = {"South"};
  BookBuilder kept, rolled;
  for (BookBuilder* b : {&kept, &rolled}) {
    add_reference(*b);
    b->set_attribute_columns({"region"});
    ASSERT_FALSE(b->add_opportunity(deal("D1", "Ann", "USD", north)));
    ASSERT_FALSE(b->add_history({"D1", "Open", to_day(2024, 1, 2), kNoAmount, kNoDay, {}}));
  }
  const BookBuilder::Mark mark = rolled.mark();
  // New owners, accounts, currencies, attribute values, products, stages of
  // a new pipeline, quotas, line items and history: all taken back.
  ASSERT_FALSE(rolled.add_opportunity(deal("D2", "Zed", "EUR", south)));
  ASSERT_FALSE(rolled.add_history({"D2", "Won", to_day(2024, 2, 1), 120, kNoDay, {}}));
  ASSERT_FALSE(rolled.add_line_item("D2", "Gizmo", 2, 60));
  ASSERT_FALSE(rolled.add_quota("Zed", "2024-Q1", 1000));
  ASSERT_FALSE(rolled.add_product("Gadget", "Hardware", 5));
  EXPECT_EQ(rolled.opportunities(), 2u);
  rolled.rollback(mark);
  EXPECT_EQ(rolled.opportunities(), 1u);
  EXPECT_EQ(rolled.history_rows(), 1u);

  // D2 can come again (its id is free) and gets the codes it would have had.
  for (BookBuilder* b : {&kept, &rolled})
    ASSERT_FALSE(b->add_opportunity(deal("D3", "Cat", "USD", north)));
  const Book a = std::move(kept).finish();
  const Book b = std::move(rolled).finish();
  EXPECT_TRUE(a == b);
  EXPECT_EQ(export_csv_book(a), export_csv_book(b));
  EXPECT_FALSE(b.find("D2"));
  EXPECT_EQ(b.dictionary(Dimension::owner).size(), 2u);  // Ann, Cat
  EXPECT_EQ(b.currencies().size(), 2u);  // USD and EUR, from the FX rates
}

TEST(BookBuilderRollback, TakesBackStagesAndFxRates) {
  BookBuilder b;
  ASSERT_FALSE(b.add_stage({"Sales", "Open", 1, 0.5, StageKind::open, ""}));
  const BookBuilder::Mark mark = b.mark();
  ASSERT_FALSE(b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""}));
  ASSERT_FALSE(b.add_stage({"Renewal", "Due", 1, 0.5, StageKind::open, ""}));
  ASSERT_FALSE(b.add_fx_rate("USD", 1.0));
  b.rollback(mark);
  EXPECT_EQ(b.book_so_far().pipelines().size(), 1u);
  EXPECT_EQ(b.book_so_far().pipelines()[0].stages.size(), 1u);
  EXPECT_EQ(b.book_so_far().stages().size(), 1u);
  EXPECT_TRUE(b.book_so_far().fx_rates().empty());
  EXPECT_EQ(b.book_so_far().base_currency(), "");
  // The stage taken back may be added again, even with its old order.
  EXPECT_FALSE(b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""}));
  // With no FX rates any more, a deal may use any single currency.
  EXPECT_FALSE(b.add_opportunity([] {
    OpportunityRecord r;
    r.id = "D1";
    r.currency = "GBP";
    r.created = to_day(2024, 1, 1);
    r.stage = "Open";
    return r;
  }()));
}

TEST(ImportProgress, ToldEachFileBeforeItIsParsed) {
  const CsvFiles files = {
      {"stages.csv", "pipeline,stage,order,probability,kind\nsales,Open,1,0.5,open\n"},
      {"opportunities.csv",
       "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
       "D1,sales,Acme,ann,Widget,web,smb,1000,USD,2024-01-10,2024-03-01,Open\n"},
      {"stage_history.csv", "opportunity_id,stage,entered\nD1,Open,2024-01-10\n"},
  };
  ImportOptions options;
  std::vector<std::pair<std::string, std::size_t>> told;
  options.progress = [&](const ImportProgress& p) { told.emplace_back(p.file, p.bytes); };
  import_csv_book(files, options);
  ASSERT_EQ(told.size(), 3u);
  EXPECT_EQ(told[0].first, "stages.csv");
  EXPECT_EQ(told[0].second, files.at("stages.csv").size());
  EXPECT_EQ(told[1].first, "opportunities.csv");
  EXPECT_EQ(told[2].first, "stage_history.csv");
}

}  // namespace
}  // namespace book_builder_rollback_test
}  // namespace pipecast
