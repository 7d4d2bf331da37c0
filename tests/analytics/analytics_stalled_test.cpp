// Stalled and overdue deals: exact rows on a hand-made book, invariants on a
// large synthetic one, and the Maven export.
#include "analytics_pipeline_book.hpp"
#include "report_table_support.hpp"
#include "test_support.hpp"

#include "pipecast/analytics/stalled.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_stalled_test {
namespace {

using test::pipeline_book;
using test::pipeline_book_options;
using test::section_json;
using test::table_rows;

const Book& book() {
  static const Book b = pipeline_book();
  return b;
}

StalledOptions hand_options() {
  StalledOptions o;
  o.min_sample = 3;
  o.threshold_days = {{"Propose", 30.0}};
  return o;
}

// As of 2024-03-31 with min_sample 3 and Propose set to 30 days:
// thresholds (completed stays, see the velocity test): Qualify p90 19.5 of 6
// stays; Discover p90 19.7 of 4; Propose 30 by the user (2 stays: too few for
// a p90 anyway); Renewal Due none (no completed stay).
// Open deals at T: d3 in Propose 41 days (> 30: stalled), close 04-10 (not
// yet); d5 in Qualify 50 days (> 19.5: stalled; its 02-20 row repeats the
// stage so it counts from 02-10), close 03-01 (30 days overdue); d7 in Due 30
// days (no threshold), close 03-30 (1 day overdue).
// By amount: d5 800, d3 500, d7 110 (100 EUR).  Stalled 2 = 1300, overdue 2 = 910.
TEST(Stalled, HandBookRows) {
  const StalledReport r = stalled_deals(Scope(book(), pipeline_book_options()), hand_options());
  EXPECT_EQ(r.as_of, to_day(2024, 3, 31));
  ASSERT_EQ(r.thresholds.size(), 4u);
  EXPECT_EQ(r.thresholds[0].name, "Qualify");
  EXPECT_EQ(r.thresholds[0].source, ThresholdSource::p90);
  EXPECT_DOUBLE_EQ(r.thresholds[0].days, 19.5);
  EXPECT_EQ(r.thresholds[0].sample, 6u);
  EXPECT_DOUBLE_EQ(r.thresholds[1].days, 19.7);
  EXPECT_EQ(r.thresholds[2].source, ThresholdSource::user);
  EXPECT_DOUBLE_EQ(r.thresholds[2].days, 30.0);
  EXPECT_EQ(r.thresholds[2].sample, 2u);
  EXPECT_EQ(r.thresholds[3].pipeline, "Renewal");
  EXPECT_EQ(r.thresholds[3].source, ThresholdSource::none);
  EXPECT_TRUE(std::isnan(r.thresholds[3].days));

  ASSERT_EQ(r.deals.size(), 3u);
  const StalledDeal& d5 = r.deals[0];
  EXPECT_EQ(d5.id, "d5");
  EXPECT_EQ(d5.pipeline, "New Business");
  EXPECT_EQ(d5.stage, "Qualify");
  EXPECT_EQ(d5.owner, "Cat");
  EXPECT_DOUBLE_EQ(d5.amount, 800);
  EXPECT_EQ(d5.days_in_stage, 50);
  EXPECT_DOUBLE_EQ(d5.threshold, 19.5);
  EXPECT_TRUE(d5.stalled);
  EXPECT_TRUE(d5.overdue);
  EXPECT_EQ(d5.close_date, to_day(2024, 3, 1));
  EXPECT_EQ(d5.days_overdue, 30);
  const StalledDeal& d3 = r.deals[1];
  EXPECT_EQ(d3.id, "d3");
  EXPECT_EQ(d3.stage, "Propose");
  EXPECT_EQ(d3.days_in_stage, 41);
  EXPECT_DOUBLE_EQ(d3.threshold, 30);
  EXPECT_TRUE(d3.stalled);
  EXPECT_FALSE(d3.overdue);
  EXPECT_EQ(d3.days_overdue, 0);
  const StalledDeal& d7 = r.deals[2];
  EXPECT_EQ(d7.id, "d7");
  EXPECT_NEAR(d7.amount, 110, 1e-9);
  EXPECT_EQ(d7.days_in_stage, 30);
  EXPECT_TRUE(std::isnan(d7.threshold));
  EXPECT_FALSE(d7.stalled);
  EXPECT_TRUE(d7.overdue);
  EXPECT_EQ(d7.days_overdue, 1);
  EXPECT_EQ(r.stalled, 2u);
  EXPECT_DOUBLE_EQ(r.stalled_value, 1300);
  EXPECT_EQ(r.overdue, 2u);
  EXPECT_NEAR(r.overdue_value, 910, 1e-9);
}

// With the default minimum of 20 stays no stage has a p90 threshold: only the
// overdue deals d5 and d7 remain.
TEST(Stalled, TooFewStaysMeansNoThreshold) {
  const StalledReport r = stalled_deals(Scope(book(), pipeline_book_options()));
  for (const auto& t : r.thresholds) EXPECT_EQ(t.source, ThresholdSource::none) << t.name;
  ASSERT_EQ(r.deals.size(), 2u);
  EXPECT_EQ(r.deals[0].id, "d5");
  EXPECT_EQ(r.deals[1].id, "d7");
  EXPECT_EQ(r.stalled, 0u);
}

// On the day a deal is due it is not overdue yet; the day after it is.
TEST(Stalled, OverdueStartsTheDayAfterTheCloseDate) {
  AnalysisOptions o = pipeline_book_options();
  o.pipeline = "Renewal";
  o.as_of = to_day(2024, 3, 30);
  EXPECT_TRUE(stalled_deals(Scope(book(), o)).deals.empty());
  o.as_of = to_day(2024, 3, 31);
  const StalledReport r = stalled_deals(Scope(book(), o));
  ASSERT_EQ(r.deals.size(), 1u);
  EXPECT_EQ(r.deals[0].days_overdue, 1);
}

// Equal amounts: by id.  Two overdue deals of 50, "b" added before "a".
TEST(Stalled, TiesSortById) {
  BookBuilder b;
  ASSERT_FALSE(b.add_stage({"S", "Open", 1, 0.5, StageKind::open, ""}));
  ASSERT_FALSE(b.add_stage({"S", "Won", 2, 1.0, StageKind::won, ""}));
  for (const char* id : {"b", "a", "c"}) {
    OpportunityRecord r;
    r.id = id;
    r.amount = id[0] == 'c' ? 60 : 50;
    r.created = to_day(2024, 1, 1);
    r.close_date = to_day(2024, 1, 15);
    r.stage = "Open";
    ASSERT_FALSE(b.add_opportunity(r));
  }
  const Book small = std::move(b).finish();
  AnalysisOptions o;
  o.as_of = to_day(2024, 2, 1);
  const StalledReport r = stalled_deals(Scope(small, o));
  ASSERT_EQ(r.deals.size(), 3u);
  EXPECT_EQ(r.deals[0].id, "c");
  EXPECT_EQ(r.deals[1].id, "a");
  EXPECT_EQ(r.deals[2].id, "b");
  EXPECT_EQ(r.deals[1].days_in_stage, 31);  // no history: in its stage since creation
  EXPECT_EQ(r.deals[1].days_overdue, 17);
}

TEST(Stalled, BadOptionsAreRefusedWithTheKnownStages) {
  const Scope scope(book(), pipeline_book_options());
  StalledOptions o;
  o.threshold_days = {{"Qualfy", 10.0}};
  try {
    stalled_deals(scope, o);
    FAIL() << "an unknown stage was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'Qualify'"), std::string::npos) << e.what();
  }
  o.threshold_days = {{"Closed Won", 10.0}};
  EXPECT_THROW(stalled_deals(scope, o), std::invalid_argument);
  o.threshold_days = {{"Qualify", -1.0}};
  EXPECT_THROW(stalled_deals(scope, o), std::invalid_argument);
  o.threshold_days = {{"Qualify", std::nan("")}};
  EXPECT_THROW(stalled_deals(scope, o), std::invalid_argument);
  AnalysisOptions earlier = pipeline_book_options();
  earlier.as_of = to_day(2024, 3, 1);
  EXPECT_THROW(stalled_deals(scope, velocity(Scope(book(), earlier))), std::invalid_argument);
}

TEST(Stalled, EmptyScope) {
  AnalysisOptions o = pipeline_book_options();
  o.as_of = to_day(2023, 12, 31);
  const StalledReport r = stalled_deals(Scope(book(), o), hand_options());
  EXPECT_TRUE(r.deals.empty());
  EXPECT_EQ(r.stalled, 0u);
  EXPECT_EQ(r.overdue, 0u);
  ASSERT_EQ(r.thresholds.size(), 4u);
  EXPECT_EQ(r.thresholds[0].source, ThresholdSource::none);
  EXPECT_EQ(r.thresholds[2].source, ThresholdSource::user);
  // The tables: no deal row, zero totals, thresholds without days are null.
  Report report;
  report.stalled = r;
  const std::string text = section_json(report, "stalled");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["stalled"].size(), 0u);
  ASSERT_EQ(j["stalled_summary"].size(), 1u);
  EXPECT_EQ(j["stalled_summary"][0]["stalled"], 0);
  EXPECT_EQ(j["stalled_summary"][0]["overdue"], 0);
  ASSERT_EQ(j["stalled_thresholds"].size(), 4u);
  EXPECT_EQ(j["stalled_thresholds"][0]["source"], "none");
  EXPECT_TRUE(j["stalled_thresholds"][0]["days"].is_null());
  EXPECT_EQ(j["stalled_thresholds"][2]["source"], "user");
  EXPECT_DOUBLE_EQ(j["stalled_thresholds"][2]["days"].get<double>(), 30.0);
}

// The stalled deals' tables: the totals in one row, a row per stage
// threshold, a row per deal with its close date as "YYYY-MM-DD" and a null
// threshold where its stage has none.
TEST(Stalled, TablesHoldTheTotalsThresholdsAndDeals) {
  Report report;
  report.stalled = stalled_deals(Scope(book(), pipeline_book_options()), hand_options());
  const auto summary = table_rows(report, "stalled_summary");
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["stalled"], 2);
  EXPECT_DOUBLE_EQ(summary[0]["stalled_value"].get<double>(), 1300);
  EXPECT_EQ(summary[0]["overdue"], 2);
  EXPECT_NEAR(summary[0]["overdue_value"].get<double>(), 910, 1e-9);

  const auto thresholds = table_rows(report, "stalled_thresholds");
  ASSERT_EQ(thresholds.size(), 4u);
  EXPECT_EQ(thresholds[0]["pipeline"], "New Business");
  EXPECT_EQ(thresholds[0]["stage"], "Qualify");
  EXPECT_EQ(thresholds[0]["source"], "p90");
  EXPECT_DOUBLE_EQ(thresholds[0]["days"].get<double>(), 19.5);
  EXPECT_EQ(thresholds[0]["sample"], 6);
  EXPECT_EQ(thresholds[2]["source"], "user");
  EXPECT_EQ(thresholds[3]["pipeline"], "Renewal");
  EXPECT_TRUE(thresholds[3]["days"].is_null());

  const ResultTable table = report_table(report, "stalled");
  ASSERT_EQ(table.rows, 3u);
  EXPECT_EQ(table.find("close_date")->days[0], to_day(2024, 3, 1));
  const auto deals = nlohmann::json::parse(result_table_json(table));
  const auto& d5 = deals[0];
  EXPECT_EQ(d5["id"], "d5");
  EXPECT_EQ(d5["pipeline"], "New Business");
  EXPECT_EQ(d5["stage"], "Qualify");
  EXPECT_EQ(d5["owner"], "Cat");
  EXPECT_DOUBLE_EQ(d5["amount"].get<double>(), 800);
  EXPECT_EQ(d5["days_in_stage"], 50);
  EXPECT_DOUBLE_EQ(d5["threshold"].get<double>(), 19.5);
  EXPECT_EQ(d5["close_date"], "2024-03-01");
  EXPECT_EQ(d5["days_overdue"], 30);
  EXPECT_EQ(d5["stalled"], true);
  EXPECT_EQ(d5["overdue"], true);
  EXPECT_EQ(deals[1]["id"], "d3");
  EXPECT_EQ(deals[1]["overdue"], false);
  EXPECT_EQ(deals[2]["id"], "d7");
  EXPECT_TRUE(deals[2]["threshold"].is_null());
  EXPECT_EQ(deals[2]["stalled"], false);
}

// Invariants on a large book: every flagged deal is open and stalled
// (days in stage above its stage's threshold) or overdue (close date before
// T); the list is sorted; and no open deal that meets either condition is
// missing (checked against the as-of view's own stage-entry day).
void expect_consistent(const Scope& scope, const StalledReport& r) {
  const Day t = scope.as_of();
  std::map<StageId, double> threshold;
  for (const auto& s : r.thresholds) threshold[s.stage] = s.days;
  std::size_t stalled = 0, overdue = 0;
  for (std::size_t n = 0; n < r.deals.size(); ++n) {
    const StalledDeal& d = r.deals[n];
    EXPECT_TRUE(d.stalled || d.overdue) << d.id;
    if (d.stalled) {
      ++stalled;
      EXPECT_GT(d.days_in_stage, d.threshold) << d.id;
    }
    if (d.overdue) {
      ++overdue;
      EXPECT_LT(d.close_date, t) << d.id;
      EXPECT_EQ(d.days_overdue, t - d.close_date) << d.id;
    }
    if (n > 0) {
      const StalledDeal& prev = r.deals[n - 1];
      EXPECT_TRUE(prev.amount > d.amount || (prev.amount == d.amount && prev.id < d.id))
          << prev.id << " " << d.id;
    }
  }
  EXPECT_EQ(stalled, r.stalled);
  EXPECT_EQ(overdue, r.overdue);
  std::size_t expect_flagged = 0;
  for (std::size_t k : scope.deals()) {
    if (scope.state(k) != StageKind::open) continue;
    const double limit = threshold.at(scope.view().stage(k));
    const bool is_stalled = !std::isnan(limit) && t - scope.view().stage_entered(k) > limit;
    const Day close = scope.view().close_date(k);
    const bool is_overdue = close != kNoDay && close < t;
    expect_flagged += is_stalled || is_overdue ? 1 : 0;
  }
  EXPECT_EQ(r.deals.size(), expect_flagged);
}

TEST(Stalled, SyntheticInvariants) {
  const SyntheticBook synth = generate_synthetic_book({50'000, 7});
  AnalysisOptions o;
  o.as_of = to_day(2024, 6, 30);
  const Scope scope(synth.book, o);
  const StalledReport r = stalled_deals(scope);
  EXPECT_GT(r.stalled, 0u);
  EXPECT_GT(r.overdue, 0u);
  for (const auto& t : r.thresholds) EXPECT_EQ(t.source, ThresholdSource::p90) << t.name;
  expect_consistent(scope, r);
}

TEST(Stalled, Maven) {
  const auto dir = std::filesystem::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities";
  if (!std::filesystem::exists(dir / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << dir << "; skipping the Maven stalled test";
  ImportOptions options;
  options.mapping = *ColumnMapping::preset("maven");
  const Book maven = import_csv_directory(dir, options).book;
  const Scope scope(maven, AnalysisOptions{});
  const StalledReport r = stalled_deals(scope);
  ASSERT_EQ(r.thresholds.size(), 2u);
  EXPECT_EQ(r.thresholds[1].name, "Engaging");
  EXPECT_EQ(r.thresholds[1].source, ThresholdSource::p90);
  EXPECT_EQ(r.thresholds[1].sample, 4238u + 2473u);
  EXPECT_GT(r.stalled, 0u);
  expect_consistent(scope, r);
}

}  // namespace
}  // namespace analytics_stalled_test
}  // namespace pipecast
