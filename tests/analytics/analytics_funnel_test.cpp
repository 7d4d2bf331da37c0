// The funnel: exact figures on a hand-made book, the synthetic generator's
// true conversion on a large one, and the Maven export.
#include "analytics_pipeline_book.hpp"
#include "report_table_support.hpp"
#include "test_support.hpp"

#include "pipecast/analytics/funnel.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_funnel_test {
namespace {

using test::pipeline_book;
using test::pipeline_book_options;
using test::section_json;
using test::table_rows;

const Book& book() {
  static const Book b = pipeline_book();
  return b;
}

FunnelReport funnel_of(const AnalysisOptions& options) { return funnel(Scope(book(), options)); }

void expect_rate(const Rate& r, std::size_t successes, std::size_t trials, const char* what) {
  EXPECT_EQ(r.successes, successes) << what;
  EXPECT_EQ(r.trials, trials) << what;
}

// Furthest step at T (Q=0, D=1, P=2, won=3; lost stages are not steps):
//   d1 won 3, d2 lost 2 (reached P by skipping D), d3 open 2 (went Q-D-Q-D-P;
//   its win on 04-10 is after T), d4 lost 0, d5 open 0, d6 won 3 (skipped P).
// Reached = furthest >= step:
//   Qualify  all six: 1000+2000+500+300+800+1200 = 5800
//   Discover d1 d2 d3 d6 = 4: 1000+2000+500+1200 = 4700 (d2 by its skip)
//   Propose  d1 d2 d3 d6 = 4: 4700 (d6 by its skip)
//   Won      d1 d6 = 2: 2200
// To next (decided = reached next + lost with this as furthest step):
//   Q: 4 / (4 + d4) = 4/5 (d5 undecided); raw 4/6
//   D: 4 / 4; raw 4/4
//   P: 2 / (2 + d2) = 2/3 (d3 undecided); raw 2/4
// Win rate among closed deals that reached the step (closed: d1 d2 d4 d6):
//   Q: 2/4; D: d1 d2 d6 -> 2/3; P: 2/3; Won: 2/2.
TEST(Funnel, HandBookNewBusiness) {
  const FunnelReport r = funnel_of(pipeline_book_options());
  EXPECT_EQ(r.as_of, to_day(2024, 3, 31));
  ASSERT_EQ(r.pipelines.size(), 2u);
  const PipelineFunnel& nb = r.pipelines[0];
  EXPECT_EQ(nb.name, "New Business");
  EXPECT_EQ(nb.deals, 6u);
  ASSERT_EQ(nb.steps.size(), 4u);
  const auto& s = nb.steps;
  EXPECT_EQ(s[0].name, "Qualify");
  EXPECT_EQ(s[1].name, "Discover");
  EXPECT_EQ(s[2].name, "Propose");
  EXPECT_EQ(s[3].name, "Closed Won");
  EXPECT_EQ(s[3].kind, StageKind::won);
  EXPECT_EQ(s[0].reached, 6u);
  EXPECT_EQ(s[1].reached, 4u);
  EXPECT_EQ(s[2].reached, 4u);
  EXPECT_EQ(s[3].reached, 2u);
  EXPECT_DOUBLE_EQ(s[0].reached_value, 5800.0);
  EXPECT_DOUBLE_EQ(s[1].reached_value, 4700.0);
  EXPECT_DOUBLE_EQ(s[2].reached_value, 4700.0);
  EXPECT_DOUBLE_EQ(s[3].reached_value, 2200.0);
  expect_rate(s[0].to_next, 4, 5, "Q to next");
  expect_rate(s[0].to_next_raw, 4, 6, "Q raw");
  expect_rate(s[1].to_next, 4, 4, "D to next");
  expect_rate(s[1].to_next_raw, 4, 4, "D raw");
  expect_rate(s[2].to_next, 2, 3, "P to next");
  expect_rate(s[2].to_next_raw, 2, 4, "P raw");
  expect_rate(s[3].to_next, 0, 0, "won has no next");
  expect_rate(s[0].to_won, 2, 4, "Q win rate");
  expect_rate(s[1].to_won, 2, 3, "D win rate");
  expect_rate(s[2].to_won, 2, 3, "P win rate");
  expect_rate(s[3].to_won, 2, 2, "won win rate");
  // Wilson 4/5: centre (0.8 + z²/10)/(1 + z²/5), half z*sqrt(0.16/5 + z²/100)/(1 + z²/5).
  const double z2 = kZ95 * kZ95;
  const double centre = (0.8 + z2 / 10) / (1 + z2 / 5);
  const double half = kZ95 * std::sqrt(0.16 / 5 + z2 / 100) / (1 + z2 / 5);
  EXPECT_NEAR(s[0].to_next.interval().low, centre - half, 1e-12);
  EXPECT_NEAR(s[0].to_next.interval().high, centre + half, 1e-12);
}

// d7: 100 EUR at 1.1 = 110 USD, open in Due since 03-01.
TEST(Funnel, HandBookRenewalInBaseCurrency) {
  const FunnelReport r = funnel_of(pipeline_book_options());
  const PipelineFunnel& rn = r.pipelines[1];
  EXPECT_EQ(rn.name, "Renewal");
  EXPECT_EQ(rn.deals, 1u);
  ASSERT_EQ(rn.steps.size(), 2u);
  EXPECT_EQ(rn.steps[0].reached, 1u);
  EXPECT_NEAR(rn.steps[0].reached_value, 110.0, 1e-9);
  expect_rate(rn.steps[0].to_next, 0, 0, "undecided");
  expect_rate(rn.steps[0].to_next_raw, 0, 1, "raw");
  expect_rate(rn.steps[0].to_won, 0, 0, "none closed");
  EXPECT_TRUE(std::isnan(rn.steps[0].to_next.value()));
  EXPECT_EQ(rn.steps[1].reached, 0u);
}

// Monthly cohorts: 2024-01 = d1 d2 d3, 2024-02 = d4 d5 d6, 2024-03 = d7.
// 2024-01: furthest d1 3 (won), d2 2 (lost), d3 2 (open)
//   reached Q 3 (3500), D 3, P 3, Won 1 (1000)
//   to next Q 3/3, D 3/3, P 1/(1 + d2) = 1/2 (raw 1/3); win rate Q, D, P 1/2, Won 1/1
// 2024-02: furthest d4 0 (lost), d5 0 (open), d6 3 (won)
//   reached Q 3 (2300), D 1 (1200), P 1, Won 1
//   to next Q 1/(1 + d4) = 1/2 (raw 1/3), D 1/1, P 1/1; win rate Q 1/2, D 1/1, P 1/1
// 2024-03: no New Business deal; Renewal d7 only.
TEST(Funnel, HandBookMonthlyCohorts) {
  const FunnelReport r = funnel_of(pipeline_book_options());
  EXPECT_EQ(r.cohort_kind, PeriodKind::month);
  ASSERT_EQ(r.cohorts.size(), 3u);
  EXPECT_EQ(r.cohorts[0].cohort.label, "2024-01");
  EXPECT_EQ(r.cohorts[1].cohort.label, "2024-02");
  EXPECT_EQ(r.cohorts[2].cohort.label, "2024-03");
  const auto& jan = r.cohorts[0].pipelines[0].steps;
  EXPECT_EQ(r.cohorts[0].pipelines[0].deals, 3u);
  EXPECT_EQ(jan[0].reached, 3u);
  EXPECT_DOUBLE_EQ(jan[0].reached_value, 3500.0);
  EXPECT_EQ(jan[1].reached, 3u);
  EXPECT_EQ(jan[2].reached, 3u);
  EXPECT_EQ(jan[3].reached, 1u);
  EXPECT_DOUBLE_EQ(jan[3].reached_value, 1000.0);
  expect_rate(jan[0].to_next, 3, 3, "jan Q");
  expect_rate(jan[1].to_next, 3, 3, "jan D");
  expect_rate(jan[2].to_next, 1, 2, "jan P");
  expect_rate(jan[2].to_next_raw, 1, 3, "jan P raw");
  expect_rate(jan[0].to_won, 1, 2, "jan Q win");
  expect_rate(jan[2].to_won, 1, 2, "jan P win");
  const auto& feb = r.cohorts[1].pipelines[0].steps;
  EXPECT_EQ(feb[0].reached, 3u);
  EXPECT_DOUBLE_EQ(feb[0].reached_value, 2300.0);
  EXPECT_EQ(feb[1].reached, 1u);
  EXPECT_DOUBLE_EQ(feb[1].reached_value, 1200.0);
  EXPECT_EQ(feb[2].reached, 1u);
  EXPECT_EQ(feb[3].reached, 1u);
  expect_rate(feb[0].to_next, 1, 2, "feb Q");
  expect_rate(feb[0].to_next_raw, 1, 3, "feb Q raw");
  expect_rate(feb[1].to_next, 1, 1, "feb D");
  expect_rate(feb[0].to_won, 1, 2, "feb Q win");
  expect_rate(feb[1].to_won, 1, 1, "feb D win");
  EXPECT_EQ(r.cohorts[2].pipelines[0].deals, 0u);
  EXPECT_EQ(r.cohorts[2].pipelines[1].deals, 1u);
}

// All of Q1 in one cohort: the same funnel as the whole book.
TEST(Funnel, QuarterCohortEqualsTheWholeWhenAllDealsFallInIt) {
  AnalysisOptions o = pipeline_book_options();
  o.cohort = PeriodKind::quarter;
  const FunnelReport r = funnel_of(o);
  ASSERT_EQ(r.cohorts.size(), 1u);
  EXPECT_EQ(r.cohorts[0].cohort.label, "2024-Q1");
  EXPECT_EQ(r.cohorts[0].pipelines, r.pipelines);
}

// Bob's deals: d2 (lost after skipping to P) and d4 (lost in Q).  d8 is
// created after T and never counts.
TEST(Funnel, PipelineAndFilterNarrowTheScope) {
  AnalysisOptions o = pipeline_book_options();
  o.pipeline = "New Business";
  o.filters = {{"owner", "Bob"}};
  const FunnelReport r = funnel_of(o);
  ASSERT_EQ(r.pipelines.size(), 1u);
  const auto& s = r.pipelines[0].steps;
  EXPECT_EQ(r.pipelines[0].deals, 2u);
  EXPECT_EQ(s[0].reached, 2u);
  EXPECT_EQ(s[1].reached, 1u);
  EXPECT_EQ(s[2].reached, 1u);
  EXPECT_EQ(s[3].reached, 0u);
  expect_rate(s[0].to_next, 1, 2, "Q");
  expect_rate(s[2].to_next, 0, 1, "P");
  expect_rate(s[0].to_won, 0, 2, "win rate");
  EXPECT_DOUBLE_EQ(s[0].to_won.value(), 0.0);
}

TEST(Funnel, EmptyScopeGivesZerosAndNullRates) {
  AnalysisOptions o = pipeline_book_options();
  o.as_of = to_day(2023, 12, 31);  // before any deal
  const FunnelReport r = funnel_of(o);
  ASSERT_EQ(r.pipelines.size(), 2u);
  EXPECT_TRUE(r.cohorts.empty());
  for (const auto& p : r.pipelines) {
    EXPECT_EQ(p.deals, 0u);
    for (const auto& s : p.steps) {
      EXPECT_EQ(s.reached, 0u);
      EXPECT_TRUE(std::isnan(s.to_next.value()));
      EXPECT_TRUE(std::isnan(s.to_won.value()));
    }
  }
  // The tables: the steps are there with null rates, no cohort row.
  Report report;
  report.funnel = r;
  const std::string text = section_json(report, "funnel");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  ASSERT_EQ(j["funnel"].size(), 6u);  // New Business 4 steps, Renewal 2
  const auto& step = j["funnel"][0];
  EXPECT_EQ(step["stage"], "Qualify");
  EXPECT_EQ(step["reached"], 0);
  EXPECT_TRUE(step["to_next"].is_null());
  EXPECT_TRUE(step["to_next_low"].is_null());
  EXPECT_TRUE(step["to_won"].is_null());
  EXPECT_EQ(step["to_next_trials"], 0);
  EXPECT_EQ(j["funnel_cohorts"].size(), 0u);
}

TEST(Funnel, SingleDeal) {
  AnalysisOptions o = pipeline_book_options();
  o.pipeline = "New Business";
  o.filters = {{"owner", "Cat"}, {"account", "Acme"}};
  o.as_of = to_day(2024, 2, 12);  // only d5 exists, open in Qualify
  const FunnelReport r = funnel_of(o);
  const auto& s = r.pipelines[0].steps;
  EXPECT_EQ(s[0].reached, 1u);
  EXPECT_DOUBLE_EQ(s[0].reached_value, 800.0);
  EXPECT_EQ(s[1].reached, 0u);
  expect_rate(s[0].to_next, 0, 0, "undecided");
  expect_rate(s[0].to_next_raw, 0, 1, "raw");
  ASSERT_EQ(r.cohorts.size(), 1u);
  EXPECT_EQ(r.cohorts[0].cohort.label, "2024-02");
}

// The funnel's tables: a row per pipeline step, its rates in five columns,
// the cohorts' rows with their days as "YYYY-MM-DD", the cohort kind in the
// report's summary.
TEST(Funnel, TablesHoldTheStepsCohortsAndCohortKind) {
  Report report;
  report.funnel = funnel_of(pipeline_book_options());
  EXPECT_EQ(table_rows(report, "summary")[0]["cohort_kind"], "month");
  const ResultTable table = report_table(report, "funnel");
  ASSERT_EQ(table.rows, 6u);  // New Business 4 steps, Renewal 2
  EXPECT_DOUBLE_EQ(table.find("to_next")->numbers[0], 0.8);
  EXPECT_DOUBLE_EQ(table.find("reached_value")->numbers[0], 5800.0);
  const auto rows = nlohmann::json::parse(result_table_json(table));
  const auto& q = rows[0];
  EXPECT_EQ(q["pipeline"], "New Business");
  EXPECT_EQ(q["pipeline_deals"], 6);
  EXPECT_EQ(q["step"], 1);
  EXPECT_EQ(q["stage"], "Qualify");
  EXPECT_EQ(q["kind"], "open");
  EXPECT_EQ(q["reached"], 6);
  EXPECT_DOUBLE_EQ(q["to_next"].get<double>(), 0.8);
  EXPECT_EQ(q["to_next_successes"], 4);
  EXPECT_EQ(q["to_next_trials"], 5);
  EXPECT_DOUBLE_EQ(q["to_next_low"].get<double>(), wilson_interval(4, 5).low);
  EXPECT_DOUBLE_EQ(q["to_next_high"].get<double>(), wilson_interval(4, 5).high);
  EXPECT_EQ(q["to_next_raw_trials"], 6);
  EXPECT_EQ(q["to_won_successes"], 2);
  EXPECT_EQ(q["to_won_trials"], 4);
  EXPECT_EQ(rows[3]["kind"], "won");
  EXPECT_TRUE(rows[3]["to_next"].is_null());  // nothing after Closed Won
  EXPECT_EQ(rows[4]["pipeline"], "Renewal");
  EXPECT_NEAR(rows[4]["reached_value"].get<double>(), 110.0, 1e-9);

  const auto cohorts = table_rows(report, "funnel_cohorts");
  ASSERT_FALSE(cohorts.empty());
  EXPECT_EQ(cohorts[0]["cohort"], "2024-01");
  EXPECT_EQ(cohorts[0]["cohort_first"], "2024-01-01");
  EXPECT_EQ(cohorts[0]["cohort_last"], "2024-01-31");
  EXPECT_EQ(cohorts[0]["pipeline_deals"], 3);
  EXPECT_DOUBLE_EQ(cohorts[0]["reached_value"].get<double>(), 3500.0);
}

// A deal with no history at all, created straight into Propose: it passed
// Qualify and Discover.  A deal created straight into a lost stage reached
// the top of the funnel only.
TEST(Funnel, DealWithoutHistoryCountsAsHavingPassedEarlierStages) {
  BookBuilder b;
  for (const auto& [name, order, kind] :
       {std::tuple{"Q", 1, StageKind::open}, std::tuple{"D", 2, StageKind::open},
        std::tuple{"P", 3, StageKind::open}, std::tuple{"W", 4, StageKind::won},
        std::tuple{"L", 5, StageKind::lost}})
    ASSERT_FALSE(b.add_stage({"S", name, order, 0.5, kind, ""}));
  OpportunityRecord r;
  r.id = "a";
  r.amount = 10;
  r.created = to_day(2024, 1, 1);
  r.stage = "P";
  ASSERT_FALSE(b.add_opportunity(r));
  r.id = "b";
  r.stage = "L";
  ASSERT_FALSE(b.add_opportunity(r));
  const Book small = std::move(b).finish();
  AnalysisOptions o;
  o.as_of = to_day(2024, 1, 31);
  const FunnelReport report = funnel(Scope(small, o));
  const auto& s = report.pipelines[0].steps;
  EXPECT_EQ(s[0].reached, 2u);
  EXPECT_EQ(s[1].reached, 1u);
  EXPECT_EQ(s[2].reached, 1u);
  EXPECT_EQ(s[3].reached, 0u);
  expect_rate(s[0].to_next, 1, 2, "a passed, b lost at the top");
  expect_rate(s[2].to_next, 0, 0, "a undecided in P");
}

// The synthetic generator knows each deal's true chance of leaving Qualify
// forward: New Business deals all start in Qualify, which has no way back
// (regress is 0 at the first stage), so a deal's first exit from Qualify is
// forward (to Discover, or a skip to Propose: both count as reaching
// Discover) or a loss.  A deal that later comes back to Qualify has already
// reached Discover.  So each decided deal's success is a Bernoulli draw with
// p_i = 1 - transition(Qualify, quality_i).lose, exactly our definition.
// The qualities vary, so the pooled count is a sum of Bernoullis with unequal
// p_i whose variance, sum p_i(1 - p_i), is below the binomial n p(1 - p) that
// the Wilson interval assumes: the interval is conservative for the mean p_i.
// The one difference: deals still in Qualify at T are left out, and those
// lean toward losses (a stay that ends in a loss lasts longer), which tilts
// the estimate up.  Using only the 2023 cohorts, a year or more before T,
// keeps those few; the test checks they are under 0.5% of the deals.
TEST(Funnel, SyntheticQualifyConversionMatchesTheTruth) {
  const SyntheticBook synth = generate_synthetic_book({50'000, 7});
  AnalysisOptions o;
  o.as_of = to_day(2024, 12, 31);
  o.pipeline = "New Business";
  o.cohort = PeriodKind::quarter;
  const Scope scope(synth.book, o);
  const FunnelReport r = funnel(scope);
  Rate pooled, raw, won;
  for (const FunnelCohort& c : r.cohorts) {
    if (c.cohort.last > to_day(2023, 12, 31)) continue;
    const FunnelStep& q = c.pipelines[0].steps[0];
    EXPECT_EQ(q.name, "Qualify");
    pooled.successes += q.to_next.successes;
    pooled.trials += q.to_next.trials;
    raw.trials += q.to_next_raw.trials;
    won.successes += q.to_won.successes;
    won.trials += q.to_won.trials;
  }
  const StageId qualify = *synth.book.find_stage(*synth.book.find_pipeline("New Business"), "Qualify");
  double truth_forward = 0.0, truth_win = 0.0;
  std::size_t n = 0;
  for (std::size_t k : scope.deals()) {
    if (scope.created(k) > to_day(2023, 12, 31)) continue;
    const DealIndex i = scope.view().deal(k);
    truth_forward += 1.0 - synth.truth.transition(qualify, synth.truth.quality[i]).lose;
    truth_win += synth.truth.win_at_creation[i];
    ++n;
  }
  ASSERT_GT(n, 10'000u);
  EXPECT_EQ(raw.trials, n);
  truth_forward /= static_cast<double>(n);
  truth_win /= static_cast<double>(n);
  const std::size_t undecided = raw.trials - pooled.trials;
  EXPECT_LT(static_cast<double>(undecided), 0.005 * static_cast<double>(n));
  const Interval ci = pooled.interval();
  EXPECT_GT(truth_forward, ci.low) << pooled.value();
  EXPECT_LT(truth_forward, ci.high) << pooled.value();

  // Win rate from creation against the mean true P(won | created).  Deals
  // still open at T are left out of the win rate; whatever their outcome,
  // the cohort's share won lies within open / n of the closed deals' rate,
  // so the interval is widened by that much.
  const double open_share = static_cast<double>(n - won.trials) / static_cast<double>(n);
  const Interval wi = won.interval();
  EXPECT_GT(truth_win, wi.low - open_share) << won.value();
  EXPECT_LT(truth_win, wi.high + open_share) << won.value();
}

// The real export: deals that were won went Engaging -> Won, so each reached
// every open stage (Prospecting by skipping it).  Counts from the CSV:
// 8800 deals, 500 still Prospecting (no engage date), 4238 won, 2473 lost.
TEST(Funnel, MavenWonDealsReachedEveryOpenStage) {
  const auto dir = std::filesystem::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities";
  if (!std::filesystem::exists(dir / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << dir << "; skipping the Maven funnel test";
  ImportOptions options;
  options.mapping = *ColumnMapping::preset("maven");
  const ImportResult imported = import_csv_directory(dir, options);
  const FunnelReport r = funnel(Scope(imported.book, AnalysisOptions{}));
  ASSERT_EQ(r.pipelines.size(), 1u);
  const auto& s = r.pipelines[0].steps;
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "Prospecting");
  EXPECT_EQ(s[1].name, "Engaging");
  EXPECT_EQ(s[2].name, "Won");
  EXPECT_EQ(s[0].reached, 8800u);
  EXPECT_EQ(s[1].reached, 8800u - 500u);
  EXPECT_EQ(s[2].reached, 4238u);
  for (const auto& step : s) EXPECT_GE(step.reached, s.back().reached) << step.name;
  expect_rate(s[1].to_next, 4238, 4238 + 2473, "Engaging to Won");
  expect_rate(s[0].to_won, 4238, 4238 + 2473, "win rate");
  std::size_t cohort_deals = 0;
  for (const auto& c : r.cohorts) cohort_deals += c.pipelines[0].deals;
  EXPECT_EQ(cohort_deals, 8800u);
}

}  // namespace
}  // namespace analytics_funnel_test
}  // namespace pipecast
