// The real Maven CRM export in ../shared/data, loaded through the `maven`
// preset.  Skips when the folder is absent (a clone without the shared data).
#include "test_support.hpp"

#include "pipecast/core/as_of.hpp"
#include "pipecast/core/summary.hpp"

#include <gtest/gtest.h>

#include <map>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace maven_data_test {
namespace {

namespace fs = std::filesystem;

fs::path maven_dir() { return fs::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities"; }

class MavenData : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(maven_dir() / "sales_pipeline.csv"))
      GTEST_SKIP() << "shared data not found at " << maven_dir() << "; skipping the Maven tests";
    ImportOptions options;
    options.mapping = *ColumnMapping::preset("maven");
    result_ = import_csv_directory(maven_dir(), options);
  }
  const Book& book() const { return result_.book; }
  ImportResult result_;
};

TEST_F(MavenData, LoadsEveryOpportunityWithTheDocumentedStageCounts) {
  ASSERT_EQ(book().size(), 8800u);
  std::map<std::string, int> by_stage;
  for (DealIndex i = 0; i < book().size(); ++i) ++by_stage[book().opportunity(i).stage().name];
  EXPECT_EQ(by_stage["Won"], 4238);
  EXPECT_EQ(by_stage["Lost"], 2473);
  EXPECT_EQ(by_stage["Engaging"], 1589);
  EXPECT_EQ(by_stage["Prospecting"], 500);
}

TEST_F(MavenData, ProductSpelledTwoWaysIsOneProduct) {
  const auto& products = book().dictionary(Dimension::product);
  EXPECT_FALSE(products.find("GTXPro").has_value());
  ASSERT_TRUE(products.find("GTX Pro").has_value());
  EXPECT_EQ(book().products().size(), 7u);
}

TEST_F(MavenData, AmountsComeFromTheListPriceWhereTheDealHasNone) {
  // Z063OYW0 is a won GTXPro deal with close_value 4514: its own amount stays.
  const Opportunity won = book().opportunity(*book().find("Z063OYW0"));
  EXPECT_DOUBLE_EQ(won.amount(), 4514.0);
  std::size_t open_deals = 0;
  for (DealIndex i = 0; i < book().size(); ++i) {
    const Opportunity o = book().opportunity(i);
    ASSERT_FALSE(is_blank(o.amount())) << o.id();
    if (o.stage().kind == StageKind::open) {
      ++open_deals;
      if (o.product() == "GTX Pro") {
        EXPECT_DOUBLE_EQ(o.amount(), 4821.0) << o.id();
      }
      if (o.product() == "MG Special") {
        EXPECT_DOUBLE_EQ(o.amount(), 55.0) << o.id();
      }
    }
    if (o.stage().kind == StageKind::lost) {
      EXPECT_GT(o.amount(), 0.0) << o.id();
    }
  }
  EXPECT_EQ(open_deals, 2089u);
  ASSERT_FALSE(result_.warnings.empty());
}

TEST_F(MavenData, BlankDatesAndAccountsAreHandled) {
  // Prospecting deals have no engage date: dated at the export's latest date.
  const Day latest = book().latest_day();
  EXPECT_EQ(format_day(latest), "2017-12-31");
  std::size_t no_account = 0;
  for (DealIndex i = 0; i < book().size(); ++i) {
    const Opportunity o = book().opportunity(i);
    if (o.stage().name == "Prospecting") {
      EXPECT_EQ(o.created(), latest) << o.id();
    }
    if (o.account().empty()) ++no_account;
  }
  EXPECT_EQ(no_account, 1425u);
}

TEST_F(MavenData, LookupsFillSegmentAndTeamAttributes) {
  const Opportunity o = book().opportunity(*book().find("1C1I7A6R"));  // Cancity, Moses Frase
  EXPECT_EQ(o.account(), "Cancity");
  EXPECT_EQ(o.segment(), "retail");
  EXPECT_EQ(o.attribute("regional_office"), "Central");
  EXPECT_EQ(o.attribute("manager"), "Dustin Brinkmann");
}

TEST_F(MavenData, HistoryRebuiltFromDatesGivesAnHonestAsOf) {
  // Mid-2017 no deal may show a stage it reached later.
  const Day t = to_day(2017, 6, 30);
  const AsOfView view(book(), t);
  for (std::size_t k = 0; k < view.size(); ++k) {
    const Opportunity o = book().opportunity(view.deal(k));
    if (o.stage().is_closed() && o.close_date() > t) {
      EXPECT_EQ(view.stage_info(k).name, "Engaging") << o.id();
    }
  }
  const Summary s = summarize(view);
  EXPECT_EQ(s.opportunities, view.size());
  EXPECT_GT(s.open, 0u);
  EXPECT_GT(s.won, 0u);
}

}  // namespace
}  // namespace maven_data_test
}  // namespace pipecast
