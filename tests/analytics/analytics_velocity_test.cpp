// Time in stage and cycle length: exact figures on a hand-made book, and the
// Maven export against a direct count from its columns.
#include "analytics_pipeline_book.hpp"
#include "report_table_support.hpp"
#include "test_support.hpp"

#include "pipecast/analytics/velocity.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_velocity_test {
namespace {

using test::find_row;
using test::pipeline_book;
using test::pipeline_book_options;
using test::section_json;
using test::table_rows;

const Book& book() {
  static const Book b = pipeline_book();
  return b;
}

VelocityReport velocity_of(const AnalysisOptions& options) { return velocity(Scope(book(), options)); }

void expect_distribution(const Distribution& d, std::size_t count, double mean, double median, double p75,
                         double p90, const char* what) {
  EXPECT_EQ(d.count, count) << what;
  EXPECT_NEAR(d.mean, mean, 1e-9) << what;
  EXPECT_NEAR(d.median, median, 1e-9) << what;
  EXPECT_NEAR(d.p75, p75, 1e-9) << what;
  EXPECT_NEAR(d.p90, p90, 1e-9) << what;
}

void expect_empty(const Distribution& d, const char* what) {
  EXPECT_EQ(d.count, 0u) << what;
  EXPECT_TRUE(std::isnan(d.median)) << what;
}

// Stays ended by T = 2024-03-31 (days; numpy-style quantiles, position q(n-1)):
//   Qualify  d1 01-02..01-12 10, d2 01-10..01-24 14, d3 01-20..01-23 3 and
//            02-04..02-11 7 (it came back), d4 02-03..02-28 25, d6 02-15..02-21 6
//            sorted 3 6 7 10 14 25: mean 65/6, median (7+10)/2 = 8.5,
//            p75 at 3.75: 10 + .75*4 = 13, p90 at 4.5: 14 + .5*11 = 19.5
//   Discover d1 01-12..02-01 20, d3 01-23..02-04 12 and 02-11..02-19 8,
//            d6 02-21..03-11 19; sorted 8 12 19 20: mean 14.75, median 15.5,
//            p75 at 2.25: 19.25, p90 at 2.7: 19.7
//            (d2 skipped it: no stay)
//   Propose  d1 02-01..03-02 30, d2 01-24..02-23 30
// Still going at T: Qualify d5 since 02-10 (its 02-20 row repeats the
// stage: one stay) 50; Propose d3 since 02-19 41 (its win is after T);
// Renewal Due d7 since 03-01 30.
TEST(Velocity, HandBookTimeInStage) {
  const VelocityReport r = velocity_of(pipeline_book_options());
  ASSERT_EQ(r.pipelines.size(), 2u);
  const auto& nb = r.pipelines[0].stages;
  ASSERT_EQ(nb.size(), 3u);
  EXPECT_EQ(nb[0].name, "Qualify");
  expect_distribution(nb[0].completed, 6, 65.0 / 6, 8.5, 13, 19.5, "Qualify");
  expect_distribution(nb[0].current, 1, 50, 50, 50, 50, "Qualify now");
  expect_distribution(nb[1].completed, 4, 14.75, 15.5, 19.25, 19.7, "Discover");
  expect_empty(nb[1].current, "Discover now");
  expect_distribution(nb[2].completed, 2, 30, 30, 30, 30, "Propose");
  expect_distribution(nb[2].current, 1, 41, 41, 41, 41, "Propose now");
  const auto& renewal = r.pipelines[1].stages;
  ASSERT_EQ(renewal.size(), 1u);
  expect_empty(renewal[0].completed, "Due");
  expect_distribution(renewal[0].current, 1, 30, 30, 30, 30, "Due now");
}

// Created -> closed: won d1 01-02..03-02 60, d6 02-15..03-11 25 (mean 42.5,
// p75 25 + .75*35 = 51.25, p90 25 + .9*35 = 56.5); lost d2 01-10..02-23 44,
// d4 02-03..02-28 25 (mean 34.5, p75 25 + .75*19 = 39.25, p90 42.1).
// d3's win on 04-10 is after T.
TEST(Velocity, HandBookCycleLength) {
  const VelocityReport r = velocity_of(pipeline_book_options());
  const PipelineVelocity& nb = r.pipelines[0];
  expect_distribution(nb.won_cycle, 2, 42.5, 42.5, 51.25, 56.5, "won");
  expect_distribution(nb.lost_cycle, 2, 34.5, 34.5, 39.25, 42.1, "lost");
  expect_empty(r.pipelines[1].won_cycle, "no renewal closed");
}

// Trend periods: months 2023-12 .. 2024-03.  Stays by the month they ended:
//   Qualify  Jan: d1 10, d3 3, d2 14 (median 10); Feb: d3 7, d6 6, d4 25 (median 7)
//   Discover Feb: d1 20 (02-01), d3 12 (02-04), d3 8 (02-19) (median 12); Mar: d6 19
//   Propose  Feb: d2 30; Mar: d1 30
// Closes: won d1 and d6 in March; lost d2 and d4 in February.
TEST(Velocity, HandBookTrendByMonth) {
  const VelocityReport r = velocity_of(pipeline_book_options());
  ASSERT_EQ(r.periods.size(), 4u);
  EXPECT_EQ(r.periods[0].label, "2023-12");
  EXPECT_EQ(r.periods[3].label, "2024-03");
  const PipelineVelocity& nb = r.pipelines[0];
  const auto counts = [](const std::vector<Distribution>& ds) {
    std::vector<std::size_t> c;
    for (const auto& d : ds) c.push_back(d.count);
    return c;
  };
  EXPECT_EQ(counts(nb.stages[0].by_period), (std::vector<std::size_t>{0, 3, 3, 0}));
  EXPECT_DOUBLE_EQ(nb.stages[0].by_period[1].median, 10);
  EXPECT_DOUBLE_EQ(nb.stages[0].by_period[2].median, 7);
  EXPECT_EQ(counts(nb.stages[1].by_period), (std::vector<std::size_t>{0, 0, 3, 1}));
  EXPECT_DOUBLE_EQ(nb.stages[1].by_period[2].median, 12);
  EXPECT_DOUBLE_EQ(nb.stages[1].by_period[3].median, 19);
  EXPECT_EQ(counts(nb.stages[2].by_period), (std::vector<std::size_t>{0, 0, 1, 1}));
  EXPECT_EQ(counts(nb.won_cycle_by_period), (std::vector<std::size_t>{0, 0, 0, 2}));
  EXPECT_DOUBLE_EQ(nb.won_cycle_by_period[3].median, 42.5);
  EXPECT_EQ(counts(nb.lost_cycle_by_period), (std::vector<std::size_t>{0, 0, 2, 0}));
}

TEST(Velocity, EmptyScope) {
  AnalysisOptions o = pipeline_book_options();
  o.as_of = to_day(2023, 12, 31);
  const VelocityReport r = velocity_of(o);
  ASSERT_EQ(r.pipelines.size(), 2u);
  for (const auto& p : r.pipelines) {
    for (const auto& s : p.stages) {
      expect_empty(s.completed, "completed");
      expect_empty(s.current, "current");
      ASSERT_EQ(s.by_period.size(), r.periods.size());
    }
    expect_empty(p.won_cycle, "won");
  }
  // The tables: empty distributions are a count of 0 and null figures.
  Report report;
  report.velocity = r;
  const std::string text = section_json(report, "velocity");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  const auto& qualify = j["velocity"][0];
  EXPECT_EQ(qualify["stage"], "Qualify");
  EXPECT_EQ(qualify["completed_count"], 0);
  EXPECT_TRUE(qualify["completed_median"].is_null());
  EXPECT_TRUE(qualify["current_mean"].is_null());
  EXPECT_EQ(j["cycles"][0]["outcome"], "won");
  EXPECT_EQ(j["cycles"][0]["days_count"], 0);
  EXPECT_TRUE(j["cycles"][0]["days_p90"].is_null());
  const auto& trend = j["velocity_trend"][0];
  EXPECT_EQ(trend["days_count"], 0);
  EXPECT_TRUE(trend["days_median"].is_null());
}

// d2 alone (Bob's only deal by 02-02): Qualify 01-10..01-24, in Propose since.
TEST(Velocity, SingleDeal) {
  AnalysisOptions o = pipeline_book_options();
  o.as_of = to_day(2024, 2, 2);
  o.pipeline = "New Business";
  o.filters = {{"owner", "Bob"}};
  const VelocityReport r = velocity_of(o);
  ASSERT_EQ(r.pipelines.size(), 1u);
  const auto& s = r.pipelines[0].stages;
  expect_distribution(s[0].completed, 1, 14, 14, 14, 14, "left Qualify after 14 days");
  expect_empty(s[0].current, "nobody in Qualify");
  expect_empty(s[1].completed, "Discover skipped");
  expect_distribution(s[2].current, 1, 9, 9, 9, 9, "in Propose since 01-24");
  expect_empty(r.pipelines[0].lost_cycle, "nothing closed by 02-02");
}

// Stays are counted per day; odd ones (over 179 years, or a close recorded
// before the creation day) are kept apart but summarised the same way.
TEST(Velocity, OddStaysAreSummarisedLikeAnyOther) {
  BookBuilder b;
  ASSERT_FALSE(b.add_stage({"S", "Open", 1, 0.5, StageKind::open, ""}));
  ASSERT_FALSE(b.add_stage({"S", "Won", 2, 1.0, StageKind::won, ""}));
  struct Deal {
    const char* id;
    Day created, opened, won;
  };
  const Deal deals[] = {{"old", to_day(1800, 1, 1), to_day(1800, 1, 1), to_day(2024, 1, 1)},
                        {"early", to_day(2024, 1, 10), to_day(2024, 1, 5), to_day(2024, 1, 8)},
                        {"a", to_day(2024, 1, 1), to_day(2024, 1, 1), to_day(2024, 1, 11)},
                        {"b", to_day(2024, 1, 1), to_day(2024, 1, 1), to_day(2024, 1, 21)}};
  std::vector<double> cycles, stays;
  for (const Deal& d : deals) {
    OpportunityRecord r;
    r.id = d.id;
    r.amount = 1;
    r.created = d.created;
    r.stage = "Won";
    ASSERT_FALSE(b.add_opportunity(r));
    HistoryRecord h;
    h.opportunity_id = d.id;
    h.stage = "Open";
    h.entered = d.opened;
    ASSERT_FALSE(b.add_history(h));
    h.stage = "Won";
    h.entered = d.won;
    ASSERT_FALSE(b.add_history(h));
    cycles.push_back(static_cast<double>(d.won - d.created));
    stays.push_back(static_cast<double>(d.won - d.opened));
  }
  const Book odd = std::move(b).finish();
  AnalysisOptions o;
  o.as_of = to_day(2024, 2, 1);
  const VelocityReport r = velocity(Scope(odd, o));
  EXPECT_EQ(r.pipelines[0].won_cycle, describe(cycles));
  EXPECT_EQ(r.pipelines[0].won_cycle.count, 4u);  // 81,814, -2, 10 and 20 days
  EXPECT_EQ(r.pipelines[0].stages[0].completed, describe(stays));
}

// The velocity's tables: a row per stage, a row per trend period of each
// stage and cycle (its days as "YYYY-MM-DD"), a row per pipeline and outcome
// for the cycles.
TEST(Velocity, TablesHoldTheStagesTrendAndCycles) {
  Report report;
  report.velocity = velocity_of(pipeline_book_options());
  const ResultTable table = report_table(report, "velocity");
  ASSERT_EQ(table.rows, 4u);  // New Business 3 stages, Renewal 1
  EXPECT_EQ(table.find("completed_count")->integers[0], 6);
  EXPECT_DOUBLE_EQ(table.find("completed_p90")->numbers[0], 19.5);
  const auto stages = nlohmann::json::parse(result_table_json(table));
  const auto& q = stages[0];
  EXPECT_EQ(q["pipeline"], "New Business");
  EXPECT_EQ(q["stage"], "Qualify");
  EXPECT_EQ(q["completed_count"], 6);
  EXPECT_NEAR(q["completed_mean"].get<double>(), 65.0 / 6, 1e-9);
  EXPECT_DOUBLE_EQ(q["completed_median"].get<double>(), 8.5);
  EXPECT_DOUBLE_EQ(q["completed_p75"].get<double>(), 13);
  EXPECT_DOUBLE_EQ(q["completed_p90"].get<double>(), 19.5);
  EXPECT_EQ(q["current_count"], 1);  // d5, 50 days
  EXPECT_DOUBLE_EQ(q["current_median"].get<double>(), 50);

  const auto trend = table_rows(report, "velocity_trend");
  EXPECT_EQ(trend[0]["period"], "2023-12");
  EXPECT_EQ(trend[0]["period_first"], "2023-12-01");
  EXPECT_EQ(trend[0]["period_last"], "2023-12-31");
  const auto& jan = find_row(trend, {{"measure", "stage"}, {"stage", "Qualify"}, {"period", "2024-01"}});
  EXPECT_EQ(jan["pipeline"], "New Business");
  EXPECT_EQ(jan["days_count"], 3);
  EXPECT_DOUBLE_EQ(jan["days_median"].get<double>(), 10);
  const auto& lost_feb =
      find_row(trend, {{"pipeline", "New Business"}, {"measure", "lost_cycle"}, {"period", "2024-02"}});
  EXPECT_EQ(lost_feb["stage"], "");
  EXPECT_EQ(lost_feb["days_count"], 2);
  const auto& won_mar =
      find_row(trend, {{"pipeline", "New Business"}, {"measure", "won_cycle"}, {"period", "2024-03"}});
  EXPECT_EQ(won_mar["days_count"], 2);
  EXPECT_DOUBLE_EQ(won_mar["days_median"].get<double>(), 42.5);

  const auto cycles = table_rows(report, "cycles");
  const auto& won = find_row(cycles, {{"pipeline", "New Business"}, {"outcome", "won"}});
  EXPECT_EQ(won["days_count"], 2);
  EXPECT_DOUBLE_EQ(won["days_mean"].get<double>(), 42.5);
}

// Maven: history is engage date -> Engaging, close date -> Won or Lost, so
// the cycle of a closed deal is its close date minus its engage date, and
// each closed deal made one completed Engaging stay of the same length.
TEST(Velocity, MavenCycleMatchesTheColumns) {
  const auto dir = std::filesystem::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities";
  if (!std::filesystem::exists(dir / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << dir << "; skipping the Maven velocity test";
  ImportOptions options;
  options.mapping = *ColumnMapping::preset("maven");
  const Book maven = import_csv_directory(dir, options).book;
  std::vector<double> won, lost;
  for (DealIndex i = 0; i < maven.size(); ++i) {
    const Opportunity o = maven.opportunity(i);
    if (o.stage().kind == StageKind::open) continue;
    (o.stage().kind == StageKind::won ? won : lost).push_back(static_cast<double>(o.close_date() - o.created()));
  }
  const VelocityReport r = velocity(Scope(maven, AnalysisOptions{}));
  ASSERT_EQ(r.pipelines.size(), 1u);
  const PipelineVelocity& p = r.pipelines[0];
  const Distribution expect_won = describe(won), expect_lost = describe(lost);
  EXPECT_EQ(p.won_cycle.count, 4238u);
  EXPECT_EQ(p.lost_cycle.count, 2473u);
  EXPECT_NEAR(p.won_cycle.mean, expect_won.mean, 1e-9);
  EXPECT_DOUBLE_EQ(p.won_cycle.median, expect_won.median);
  EXPECT_NEAR(p.lost_cycle.mean, expect_lost.mean, 1e-9);
  ASSERT_EQ(p.stages.size(), 2u);
  EXPECT_EQ(p.stages[1].name, "Engaging");
  EXPECT_EQ(p.stages[1].completed.count, 4238u + 2473u);
  EXPECT_EQ(p.stages[1].current.count, 1589u);
}

}  // namespace
}  // namespace analytics_velocity_test
}  // namespace pipecast
