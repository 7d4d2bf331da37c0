// The backtest end to end on the real Maven CRM export in ../shared/data
// (loaded through the `maven` preset).  Skips when the folder is absent.
//
// The export runs from 2016-10-20 (first engagement) to 2017-12-31 (last
// close); closes start in March 2017.  Monthly origins from the end of August
// to the end of October 2017 forecast the next two months, all of which end
// by the book's latest day, so every period is scored.  (Three origins: each
// costs about a second and a half under ASan.)
#include "test_support.hpp"

#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_output.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace backtest_maven_test {
namespace {

namespace fs = std::filesystem;

fs::path maven_dir() { return fs::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities"; }

TEST(BacktestMaven, RunsEndToEndOnTheRealExport) {
  if (!fs::exists(maven_dir() / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << maven_dir() << "; skipping the Maven backtest";
  ImportOptions import;
  import.mapping = *ColumnMapping::preset("maven");
  const Book book = import_csv_directory(maven_dir(), import).book;
  ASSERT_EQ(book.latest_day(), to_day(2017, 12, 31));

  BacktestOptions o;
  o.from = to_day(2017, 8, 31);
  o.to = to_day(2017, 10, 31);
  o.trials = 500;
  o.threads = 2;
  o.group_by = Dimension::owner;
  const Backtest bt = run_backtest(book, o);

  ASSERT_EQ(bt.origins.size(), 3u);
  EXPECT_EQ(bt.models, (std::vector<std::string>{"crm", "stage", "markov", "logistic", "auto", "seasonal-naive"}));
  EXPECT_EQ(bt.unscored, (std::vector<std::size_t>{0, 0}));
  for (const OriginResult& r : bt.origins) {
    for (std::size_t h = 0; h < r.periods.size(); ++h) {
      const double actual = won_amount(book, bt.latest_day, r.periods[h].first, r.periods[h].last);
      EXPECT_GT(actual, 0.0) << r.periods[h].label;
      for (std::size_t m = 0; m < bt.models.size(); ++m) {
        const PeriodScore& s = r.models[m].periods[h];
        EXPECT_NEAR(s.actual, actual, 1e-9 * actual);
        EXPECT_TRUE(std::isfinite(s.forecast)) << bt.models[m] << " " << r.periods[h].label;
        EXPECT_TRUE(std::isfinite(s.crps)) << bt.models[m];
      }
    }
  }
  for (const ModelSummary& s : bt.summary) {
    EXPECT_EQ(s.periods[0].origins, 3u) << s.model;
    EXPECT_TRUE(std::isfinite(s.periods[0].wape)) << s.model;
    if (!s.per_deal) continue;
    EXPECT_GT(s.eventual.deals, 1500u) << s.model;  // about a thousand open deals at each origin
    EXPECT_TRUE(std::isfinite(s.eventual.brier)) << s.model;
    EXPECT_GT(s.eventual.auc, 0.4) << s.model;
    EXPECT_FALSE(s.groups[0].empty());
  }
  EXPECT_FALSE(bt.ranking.verdict.empty());
  EXPECT_FALSE(bt.ranking.overall.empty());
  EXPECT_EQ(to_json(bt).find("NaN"), std::string::npos);
  for (const auto& line : bt.ranking.verdict) std::printf("  %s\n", line.c_str());
}

}  // namespace
}  // namespace backtest_maven_test
}  // namespace pipecast
