// The lead plan: every figure on a tiny hand-made book, the statuses, and
// the stage win rates on a large synthetic book against the generator's truth.
#include "pipecast/analytics/lead_plan.hpp"
#include "pipecast/analytics/report.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <utility>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_lead_plan_test {
namespace {

Day day(const char* text) { return *parse_day(text); }

struct Step {
  const char* stage;
  const char* entered;
  const char* close_date = nullptr;  // expected close as of that row (blank: not recorded)
};

// Two pipelines; deals built from their stage history (the opportunity row's
// stage is the last step).
class PlanBook {
 public:
  PlanBook() {
    const char* names[] = {"Lead", "Proposal", "Negotiation", "Won", "Lost"};
    const StageKind kinds[] = {StageKind::open, StageKind::open, StageKind::open, StageKind::won, StageKind::lost};
    for (int s = 0; s < 5; ++s) ok(b_.add_stage({"Sales", names[s], s + 1, 0.5, kinds[s], ""}));
    ok(b_.add_stage({"Renewal", "Due", 1, 0.5, StageKind::open, ""}));
    ok(b_.add_stage({"Renewal", "Renewed", 2, 1.0, StageKind::won, ""}));
    ok(b_.add_stage({"Renewal", "Churned", 3, 0.0, StageKind::lost, ""}));
  }
  void deal(const char* id, double amount, const char* close_date, std::vector<Step> steps,
            const char* pipeline = "Sales") {
    const Day close = close_date ? day(close_date) : kNoDay;
    ok(b_.add_opportunity({id, pipeline, "Acme", "Ann", "Widget", "Web", "SMB", amount, "", day(steps.front().entered),
                           close, steps.back().stage, {}}));
    for (const Step& s : steps)
      ok(b_.add_history({id, s.stage, day(s.entered), kNoAmount, s.close_date ? day(s.close_date) : kNoDay, {}}));
  }
  Book finish() { return std::move(b_).finish(); }

 private:
  static void ok(const Checked& c) { EXPECT_FALSE(c) << c->field << ": " << c->message; }
  BookBuilder b_;
};

// As of T = 2024-07-15, period 2024-Q3 (07-01..09-30).
//   closed:  W1 1000  Lead 01-01, Proposal 01-10, Negotiation 01-20, Won 02-10   cycle 40
//            W2 3000  Lead 02-01, Negotiation 02-15 (skips Proposal), Won 03-02  cycle 30
//            W3 2000  Lead 03-01, Proposal 03-10, Won 04-30 (skips Negotiation)  cycle 60
//            W4 4000  Lead 06-01, Proposal 06-10, Won 07-05 (in Q3)              cycle 34
//            L1       Lead 01-05, Lost 01-20                      reached Lead
//            L2       Lead 01-10, Proposal 01-20, Lost 02-20      reached Proposal
//            L3       Lead, Proposal, Negotiation, back to Proposal, Lost   reached Negotiation
//   open at T: O1 10000 Lead, closes 09-15 (in Q3); O2 5000 Negotiation, closes 08-31 (in Q3);
//            O3 8000 Proposal, closes 10-15 (not in Q3); O4 1000 Lead, no close date;
//            W5 7000 Lead, expected 10-31 at T (won on 07-20, after T).
//   after T: F1 created 07-20.
Book hand_book(bool with_renewal = false) {
  PlanBook b;
  b.deal("W1", 1000, "2024-02-10", {{"Lead", "2024-01-01"}, {"Proposal", "2024-01-10"},
                                    {"Negotiation", "2024-01-20"}, {"Won", "2024-02-10"}});
  b.deal("W2", 3000, "2024-03-02", {{"Lead", "2024-02-01"}, {"Negotiation", "2024-02-15"}, {"Won", "2024-03-02"}});
  b.deal("W3", 2000, "2024-04-30", {{"Lead", "2024-03-01"}, {"Proposal", "2024-03-10"}, {"Won", "2024-04-30"}});
  b.deal("W4", 4000, "2024-07-05", {{"Lead", "2024-06-01"}, {"Proposal", "2024-06-10"}, {"Won", "2024-07-05"}});
  b.deal("L1", 500, "2024-01-20", {{"Lead", "2024-01-05"}, {"Lost", "2024-01-20"}});
  b.deal("L2", 500, "2024-02-20", {{"Lead", "2024-01-10"}, {"Proposal", "2024-01-20"}, {"Lost", "2024-02-20"}});
  b.deal("L3", 500, "2024-04-01", {{"Lead", "2024-02-01"}, {"Proposal", "2024-02-10"}, {"Negotiation", "2024-03-01"},
                                   {"Proposal", "2024-03-15"}, {"Lost", "2024-04-01"}});
  b.deal("O1", 10000, "2024-09-15", {{"Lead", "2024-07-01"}});
  b.deal("O2", 5000, "2024-08-31", {{"Lead", "2024-05-01"}, {"Negotiation", "2024-06-20"}});
  b.deal("O3", 8000, "2024-10-15", {{"Lead", "2024-06-15"}, {"Proposal", "2024-06-25"}});
  b.deal("O4", 1000, nullptr, {{"Lead", "2024-06-20"}});
  b.deal("W5", 7000, "2024-07-20", {{"Lead", "2024-06-05", "2024-10-31"}, {"Won", "2024-07-20", "2024-07-20"}});
  b.deal("F1", 50000, "2024-09-01", {{"Lead", "2024-07-20"}});
  if (with_renewal) b.deal("R1", 5000, "2024-03-01", {{"Due", "2024-02-01"}, {"Renewed", "2024-03-01"}}, "Renewal");
  return b.finish();
}

AnalysisOptions mid_july(const char* period = "2024-Q3") {
  AnalysisOptions o;
  o.as_of = day("2024-07-15");
  o.period = parse_period(period);
  return o;
}

void expect_count(const PlanCount& c, double p50, double p90) {
  EXPECT_DOUBLE_EQ(c.p50, p50);
  EXPECT_DOUBLE_EQ(c.p90, p90);
}

TEST(LeadPlan, EveryFigureByHand) {
  const Book book = hand_book();
  const LeadPlan plan = lead_plan(Scope(book, mid_july()), 30000);
  EXPECT_EQ(plan.status, LeadPlanStatus::ok) << plan.message;
  EXPECT_EQ(plan.as_of, day("2024-07-15"));
  EXPECT_EQ(plan.period.label, "2024-Q3");
  EXPECT_DOUBLE_EQ(plan.target, 30000);
  // Already there: W4 won 07-05; O1 10000 x Lead 4/7 + O2 5000 x Negotiation 4/5.
  EXPECT_DOUBLE_EQ(plan.won_in_period, 4000);
  EXPECT_EQ(plan.won_in_period_deals, 1u);
  EXPECT_DOUBLE_EQ(plan.expected_from_pipeline, 40000.0 / 7 + 4000);
  EXPECT_EQ(plan.pipeline_deals, 2u);
  // gap = 30000 - 4000 - 40000/7 - 4000 = 114000/7 = 16285.71
  const double gap = 114000.0 / 7;
  EXPECT_DOUBLE_EQ(plan.gap, gap);
  // History: 7 closed, 4 won (1000, 3000, 2000, 4000): mean 2500, median 2500,
  // p90 3000 + 0.7 * 1000 = 3700, sd sqrt(5e6 / 3); cycles 30, 34, 40, 60:
  // median 37, p90 40 + 0.7 * 20 = 54.
  EXPECT_EQ(plan.closed_deals, 7u);
  EXPECT_EQ(plan.lead_conversion, (Rate{4, 7}));
  EXPECT_EQ(plan.won_amount.count, 4u);
  EXPECT_DOUBLE_EQ(plan.won_amount.mean, 2500);
  EXPECT_DOUBLE_EQ(plan.won_amount.median, 2500);
  EXPECT_DOUBLE_EQ(plan.won_amount.p90, 3700);
  EXPECT_DOUBLE_EQ(plan.won_amount_sd, std::sqrt(5e6 / 3));
  EXPECT_DOUBLE_EQ(plan.cycle_days.median, 37);
  EXPECT_DOUBLE_EQ(plan.cycle_days.p90, 54);
  // Needs.  P50: won = gap / 2500 = 6.514; leads = won / (4/7) = 11.4.
  // P90: smallest n with n p m - 1.28155 sqrt(n p (s^2 + (1 - p) m^2)) >= gap:
  //   won (p = 1, b = 1.28155 x 1290.99 = 1654.5): n = 8 gives 20000 - 4680 = 15320 < gap,
  //     n = 9 gives 22500 - 4963 = 17537 >= gap: 9.
  //   leads (p = 4/7: a = 1428.57, b = 1.28155 x sqrt(4/7 (1.6667e6 + 3/7 x 6.25e6)) = 2019.4):
  //     n = 17: 24286 - 8326 = 15959 < gap; n = 18: 25714 - 8568 = 17147 >= gap: 18.
  EXPECT_DOUBLE_EQ(plan.won_for_target, 12);
  expect_count(plan.won_needed, gap / 2500, 9);
  expect_count(plan.leads_needed, gap / 2500 * 7 / 4, 18);
  EXPECT_NEAR(plan.leads_needed.p50, 11.4, 1e-12);
  // Create by 09-30 - 37 days = 08-24 (P50) and 09-30 - 54 days = 08-07 (P90).
  EXPECT_EQ(plan.create_by_p50, day("2024-08-24"));
  EXPECT_EQ(plan.create_by_p90, day("2024-08-07"));

  ASSERT_EQ(plan.pipelines.size(), 1u);  // Renewal has no deal
  const LeadPlanPipeline& sales = plan.pipelines[0];
  EXPECT_EQ(sales.pipeline, "Sales");
  EXPECT_DOUBLE_EQ(sales.won_share, 1.0);
  expect_count(sales.won_needed, gap / 2500, 9);
  ASSERT_EQ(sales.stages.size(), 3u);
  // Reached Lead: all 7 closed, 4 won.  Proposal: W1-W4 (won: passed every
  // stage), L2, L3 (reached Negotiation): 4/6.  Negotiation: W1-W4, L3: 4/5.
  // Open now: Lead O1, O4, W5 (18000); Proposal O3; Negotiation O2.
  // Needed: won needed / rate; P90 by the same rule (p = 2/3: 15, p = 4/5: 12).
  EXPECT_EQ(sales.stages[0].stage, "Lead");
  EXPECT_EQ(sales.stages[0].conversion, (Rate{4, 7}));
  EXPECT_EQ(sales.stages[0].open_deals, 3u);
  EXPECT_DOUBLE_EQ(sales.stages[0].open_amount, 18000);
  expect_count(sales.stages[0].needed, plan.leads_needed.p50, 18);
  EXPECT_EQ(sales.stages[1].conversion, (Rate{4, 6}));
  EXPECT_EQ(sales.stages[1].open_deals, 1u);
  expect_count(sales.stages[1].needed, gap / 2500 * 6 / 4, 15);
  EXPECT_EQ(sales.stages[2].conversion, (Rate{4, 5}));
  EXPECT_DOUBLE_EQ(sales.stages[2].open_amount, 5000);
  expect_count(sales.stages[2].needed, gap / 2500 * 5 / 4, 12);
  EXPECT_NE(plan.message.find("covers the gap"), std::string::npos) << plan.message;
}

TEST(LeadPlan, P90IsAtLeastP50AndDeterministic) {
  const Book book = hand_book();
  const Scope scope(book, mid_july());
  for (const double target : {20000.0, 30000.0, 100000.0, 1e7}) {
    const LeadPlan plan = lead_plan(scope, target);
    ASSERT_EQ(plan.status, LeadPlanStatus::ok);
    EXPECT_GE(plan.won_needed.p90, plan.won_needed.p50);
    EXPECT_GE(plan.leads_needed.p90, plan.leads_needed.p50);
    for (const auto& s : plan.pipelines[0].stages) EXPECT_GE(s.needed.p90, s.needed.p50) << s.stage;
    EXPECT_EQ(plan, lead_plan(scope, target));
  }
}

TEST(LeadPlan, SeveralPipelinesShareTheGapByWonRevenue) {
  // R1: Renewal, won 03-01 for 5000.  Won revenue: Sales 10000, Renewal 5000.
  // The gap is unchanged (no open renewal, and the open Sales deals use their
  // stage rates): Sales covers 2/3 of it at 2500 a deal, Renewal 1/3 at 5000.
  const Book book = hand_book(true);
  const LeadPlan plan = lead_plan(Scope(book, mid_july()), 30000);
  const double gap = 114000.0 / 7;
  EXPECT_DOUBLE_EQ(plan.gap, gap);
  EXPECT_EQ(plan.lead_conversion, (Rate{5, 8}));
  EXPECT_DOUBLE_EQ(plan.won_amount.mean, 3000);
  ASSERT_EQ(plan.pipelines.size(), 2u);
  EXPECT_DOUBLE_EQ(plan.pipelines[0].won_share, 2.0 / 3);
  EXPECT_DOUBLE_EQ(plan.pipelines[0].won_needed.p50, gap * 2 / 3 / 2500);
  EXPECT_DOUBLE_EQ(plan.pipelines[0].stages[0].needed.p50, gap * 2 / 3 / 2500 * 7 / 4);
  EXPECT_EQ(plan.pipelines[1].pipeline, "Renewal");
  EXPECT_DOUBLE_EQ(plan.pipelines[1].won_share, 1.0 / 3);
  ASSERT_EQ(plan.pipelines[1].stages.size(), 1u);
  EXPECT_EQ(plan.pipelines[1].stages[0].conversion, (Rate{1, 1}));
  // One won renewal: spread 0, rate 1: the P90 is the P50 rounded up.
  expect_count(plan.pipelines[1].stages[0].needed, gap / 3 / 5000, std::ceil(gap / 3 / 5000));
}

TEST(LeadPlan, LearningWindow) {
  // Only deals created by 02-28: W1, W2, L1, L2, L3.  Lead 2/5; Proposal
  // (W1, W2, L2, L3) 2/4; Negotiation (W1, W2, L3) 2/3; average won 2000.
  const Book book = hand_book();
  LeadPlanOptions o;
  o.learn_until = day("2024-02-28");
  const LeadPlan plan = lead_plan(Scope(book, mid_july()), 30000, o);
  EXPECT_EQ(plan.lead_conversion, (Rate{2, 5}));
  EXPECT_EQ(plan.pipelines[0].stages[1].conversion, (Rate{2, 4}));
  EXPECT_EQ(plan.pipelines[0].stages[2].conversion, (Rate{2, 3}));
  EXPECT_DOUBLE_EQ(plan.won_amount.mean, 2000);
  // Already won in the period does not depend on the window.
  EXPECT_DOUBLE_EQ(plan.won_in_period, 4000);
  // O1 x 2/5 + O2 x 2/3
  EXPECT_DOUBLE_EQ(plan.expected_from_pipeline, 4000 + 5000.0 * 2 / 3);
  o.learn_from = day("2024-02-01");  // W2, L3
  EXPECT_EQ(lead_plan(Scope(book, mid_july()), 30000, o).lead_conversion, (Rate{1, 2}));
}

TEST(LeadPlan, Statuses) {
  const Book book = hand_book();
  // Covered: 10000 - 4000 - 9714 < 0.
  LeadPlan plan = lead_plan(Scope(book, mid_july()), 10000);
  EXPECT_EQ(plan.status, LeadPlanStatus::covered);
  EXPECT_DOUBLE_EQ(plan.gap, 0);
  expect_count(plan.won_needed, 0, 0);
  expect_count(plan.leads_needed, 0, 0);
  expect_count(plan.pipelines[0].stages[2].needed, 0, 0);

  // Q2 ended before T: won in it W3 (04-30, 2000); the gap is the target minus that.
  plan = lead_plan(Scope(book, mid_july("2024-Q2")), 30000);
  EXPECT_EQ(plan.status, LeadPlanStatus::period_over);
  EXPECT_DOUBLE_EQ(plan.won_in_period, 2000);
  EXPECT_DOUBLE_EQ(plan.expected_from_pipeline, 0);
  EXPECT_DOUBLE_EQ(plan.gap, 28000);
  EXPECT_TRUE(std::isnan(plan.leads_needed.p50));
  EXPECT_EQ(plan.create_by_p50, kNoDay);
  EXPECT_NE(plan.message.find("ended"), std::string::npos) << plan.message;

  // As of 01-15 nothing has closed yet.
  AnalysisOptions early;
  early.as_of = day("2024-01-15");
  plan = lead_plan(Scope(book, early), 30000);
  EXPECT_EQ(plan.status, LeadPlanStatus::no_history);
  EXPECT_EQ(plan.period.label, "2024-Q1");
  EXPECT_EQ(plan.closed_deals, 0u);
  EXPECT_TRUE(std::isnan(plan.won_needed.p90));
  EXPECT_FALSE(plan.message.empty());

  // An empty scope.
  AnalysisOptions none = mid_july();
  none.filters.push_back({"owner", "Nobody"});
  plan = lead_plan(Scope(book, none), 30000);
  EXPECT_EQ(plan.status, LeadPlanStatus::no_history);
  EXPECT_DOUBLE_EQ(plan.gap, 30000);
  EXPECT_TRUE(plan.pipelines.empty());

  // Late: as of 08-30 (W5 won 07-20 in Q3 too), the P50 create-by date 08-24 has passed.
  AnalysisOptions late = mid_july();
  late.as_of = day("2024-08-30");
  plan = lead_plan(Scope(book, late), 1e6);
  EXPECT_EQ(plan.status, LeadPlanStatus::ok);
  EXPECT_LT(plan.create_by_p50, plan.as_of);
  EXPECT_NE(plan.message.find("late"), std::string::npos) << plan.message;

  EXPECT_THROW(lead_plan(Scope(book, mid_july()), -1), std::invalid_argument);
  EXPECT_THROW(lead_plan(Scope(book, mid_july()), std::nan("")), std::invalid_argument);
}

// The plan's JSON is its tables by name, every figure a cell; unknown ones null.
TEST(LeadPlan, JsonHoldsTheTablesWithNulls) {
  const Book book = hand_book();
  auto j = nlohmann::json::parse(to_json(lead_plan(Scope(book, mid_july()), 30000)));
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"lead_plan", "lead_plan_pipelines", "lead_plan_stages"}));
  const auto& plan = j["lead_plan"];
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0]["status"], "ok");
  EXPECT_EQ(plan[0]["create_by_p50"], "2024-08-24");
  EXPECT_EQ(plan[0]["leads_needed_p90"], 18);
  EXPECT_EQ(j["lead_plan_stages"][1]["conversion_trials"], 6);

  AnalysisOptions early;
  early.as_of = day("2024-01-15");
  const std::string text = to_json(lead_plan(Scope(book, early), 30000));
  j = nlohmann::json::parse(text);
  EXPECT_EQ(j["lead_plan"][0]["status"], "no_history");
  EXPECT_TRUE(j["lead_plan"][0]["leads_needed_p50"].is_null());
  EXPECT_TRUE(j["lead_plan"][0]["won_amount_mean"].is_null());
  EXPECT_EQ(j["lead_plan"][0]["won_amount_count"], 0);
  EXPECT_TRUE(j["lead_plan"][0]["create_by_p50"].is_null());
  EXPECT_EQ(text.find("NaN"), std::string::npos);
}

// Stage win rates on a synthetic book against the generator's truth.
//
// What is fair: the plan's rate for stage s is won / closed among deals that
// reached s (entered s or a later open stage).  The truth for one such deal
// is P(won | its first entry at or past s, its quality), which the generator
// knows exactly (SynthTruth::absorbing_win, stage choices being Markov given
// the quality); the true rate of the population is the mean of that over the
// deals that reached s.  The estimate only sees closed deals, so deals still
// open would bias it (slow losses stay open longest): we learn only from
// deals created at least two years before the as-of date (learn_until), when
// nearly all are closed, and check that they are (< 0.5% open).  The
// difference won - sum of truths is then a sum of independent zero-mean terms
// of variance p(1-p) each, so the estimate's Wilson interval covers the truth
// at its level; with 7 stages compared, z is Bonferroni-adjusted to keep the
// whole test at 95% (z for 0.05 / 7, two-sided: 2.69).
TEST(LeadPlan, SyntheticStageRatesMatchTheTruth) {
  SynthOptions so;
  so.deals = 50'000;
  so.seed = 11;
  so.start = to_day(2014, 1, 1);
  so.end = to_day(2024, 12, 31);
  const SyntheticBook synth = generate_synthetic_book(so);
  const Book& book = synth.book;
  LeadPlanOptions o;
  o.learn_until = so.end - 730;
  const Scope scope(book, AnalysisOptions{});
  ASSERT_EQ(scope.as_of(), so.end);
  const LeadPlan plan = lead_plan(scope, 1e6, o);

  constexpr double kZ = 2.69;
  std::size_t compared = 0, learned = 0, still_open = 0;
  for (const SynthPipeline& sp : synth.truth.pipelines) {
    const LeadPlanPipeline* pp = nullptr;
    for (const auto& p : plan.pipelines)
      if (p.pipeline == sp.name) pp = &p;
    ASSERT_NE(pp, nullptr) << sp.name;
    ASSERT_EQ(pp->stages.size(), sp.open.size());
    const auto rank_of = [&](StageId s) -> int {
      for (std::size_t r = 0; r < sp.open.size(); ++r)
        if (sp.open[r].stage == s) return static_cast<int>(r);
      return s == sp.won ? static_cast<int>(sp.open.size()) : -1;
    };
    std::vector<double> truth_sum(sp.open.size(), 0.0);
    std::vector<std::size_t> reached(sp.open.size(), 0);
    for (DealIndex i = 0; i < book.size(); ++i) {
      if (book.pipeline_column()[i] != sp.pipeline || book.created_column()[i] > o.learn_until) continue;
      ++learned;
      still_open += !book.stages()[book.stage_column()[i]].is_closed();
      const std::vector<double> win = synth.truth.absorbing_win(sp.pipeline, synth.truth.quality[i]);
      for (std::size_t s = 0; s < sp.open.size(); ++s) {
        // The first stage entered at or past s decides this deal's chance from s on.
        for (auto r = book.history_begin(i); r < book.history_end(i); ++r) {
          const int rank = rank_of(book.history_stage_column()[r]);
          if (rank < static_cast<int>(s)) continue;
          ++reached[s];
          truth_sum[s] += rank == static_cast<int>(sp.open.size()) ? 1.0 : win[static_cast<std::size_t>(rank)];
          break;
        }
      }
    }
    for (std::size_t s = 0; s < sp.open.size(); ++s) {
      const Rate& estimate = pp->stages[s].conversion;
      const double truth = truth_sum[s] / static_cast<double>(reached[s]);
      const Interval interval = estimate.interval(kZ);
      EXPECT_GE(truth, interval.low) << sp.name << " " << pp->stages[s].stage << " estimate " << estimate.value();
      EXPECT_LE(truth, interval.high) << sp.name << " " << pp->stages[s].stage << " estimate " << estimate.value();
      EXPECT_GT(estimate.trials, 1000u);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 7u);
  EXPECT_LT(static_cast<double>(still_open), 0.005 * static_cast<double>(learned));
  // The first stage's rate is the lead-to-won rate of its pipeline; all of
  // them together make the plan's lead conversion.
  EXPECT_GE(plan.leads_needed.p90, plan.leads_needed.p50);
}

// The Maven export (../shared/data; skipped when absent), as of its last day
// 2017-12-31, period 2017-Q4: the lead-to-won rate, the average won amount and
// what is won in the quarter equal a direct count of sales_pipeline.csv.
TEST(LeadPlan, MavenFiguresMatchTheCsv) {
  const auto dir = std::filesystem::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities";
  if (!std::filesystem::exists(dir / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << dir << "; skipping the Maven test";
  ImportOptions import;
  import.mapping = *ColumnMapping::preset("maven");
  const Book book = import_csv_directory(dir, import).book;
  std::size_t won = 0, lost = 0, won_in_q4 = 0;
  double won_amount = 0, won_in_q4_amount = 0;
  std::istringstream csv(test::read_text(dir / "sales_pipeline.csv"));
  std::string line;
  std::getline(csv, line);  // opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) f.push_back(cell);
    if (f.size() < 8) continue;
    lost += f[4] == "Lost";
    if (f[4] != "Won") continue;
    ++won;
    won_amount += std::stod(f[7]);
    if (f[6] >= "2017-10-01") {
      ++won_in_q4;
      won_in_q4_amount += std::stod(f[7]);
    }
  }
  ASSERT_GT(won, 0u);
  const Scope scope(book, AnalysisOptions{});
  ASSERT_EQ(scope.as_of(), day("2017-12-31"));
  const LeadPlan plan = lead_plan(scope, 5e6);
  EXPECT_EQ(plan.period.label, "2017-Q4");
  EXPECT_EQ(plan.lead_conversion, (Rate{won, won + lost}));
  EXPECT_NEAR(plan.won_amount.mean, won_amount / static_cast<double>(won), 1e-9);
  EXPECT_EQ(plan.won_in_period_deals, won_in_q4);
  EXPECT_NEAR(plan.won_in_period, won_in_q4_amount, 1e-6);
  EXPECT_EQ(plan.status, LeadPlanStatus::ok) << plan.message;
  ASSERT_EQ(plan.pipelines.size(), 1u);
  EXPECT_EQ(plan.pipelines[0].stages[0].conversion, plan.lead_conversion);
  EXPECT_GE(plan.leads_needed.p90, plan.leads_needed.p50);
  EXPECT_GT(plan.leads_needed.p50, 0.0);
}

}  // namespace
}  // namespace analytics_lead_plan_test
}  // namespace pipecast
