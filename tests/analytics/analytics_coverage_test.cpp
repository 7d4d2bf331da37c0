// Coverage against quota: every figure by hand on a tiny book with quotas of
// several kinds, a team quota, two currencies and a close date that moves.
#include "pipecast/analytics/coverage.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "report_table_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_coverage_test {
namespace {

using test::section_table_names;
using test::table_rows;

Day d(unsigned month, unsigned day, int year = 2024) { return to_day(year, month, day); }

struct Step {
  const char* stage;
  Day entered;
  Day close_date = kNoDay;  // the expected close date from this row on
};

struct TinyDeal {
  const char* id;
  const char* owner;
  double amount;
  const char* currency;
  Day created;
  Day close_date;  // the opportunity row's
  std::vector<Step> history;  // the last step is the deal's current stage
};

struct TinyQuota {
  const char* owner;
  const char* period;
  double amount;
};

Book tiny_book(const std::vector<TinyDeal>& deals, const std::vector<TinyQuota>& quotas) {
  BookBuilder b;
  BookLayout layout;
  layout.history_close_date = true;
  b.set_layout(layout);
  b.add_stage({"Sales", "Lead", 1, 0.2, StageKind::open, ""});
  b.add_stage({"Sales", "Proposal", 2, 0.5, StageKind::open, ""});
  b.add_stage({"Sales", "Won", 3, 1.0, StageKind::won, ""});
  b.add_stage({"Sales", "Lost", 4, 0.0, StageKind::lost, ""});
  b.add_fx_rate("USD", 1.0);
  b.add_fx_rate("EUR", 1.1);
  for (const TinyDeal& t : deals) {
    const auto bad = b.add_opportunity({t.id, "Sales", "Acct", t.owner, "Widget", "Inbound", "SMB", t.amount,
                                        t.currency, t.created, t.close_date, t.history.back().stage, {}});
    EXPECT_FALSE(bad) << t.id << ": " << bad->message;
    for (const Step& s : t.history) {
      const auto rejected = b.add_history({t.id, s.stage, s.entered, kNoAmount, s.close_date, {}});
      EXPECT_FALSE(rejected) << t.id << ": " << rejected->message;
    }
  }
  for (const TinyQuota& q : quotas) {
    const auto bad = b.add_quota(q.owner, q.period, q.amount);
    EXPECT_FALSE(bad) << q.owner << " " << q.period << ": " << bad->message;
  }
  return std::move(b).finish();
}

// Deals (amounts in USD; EUR x 1.1; T = 2024-02-29, period 2024-Q1):
//   A1 Ann 4000        won 01-20                          -> won in Q1
//   A2 Ann 1000 EUR    won 2023-12-20                     -> won before Q1 (1100)
//   A3 Ann 5000        Proposal, expected 03-15           -> open 5000, weighted 0.5 -> 2500
//   A4 Ann 2000 EUR    Lead, expected 03-30               -> open 2200, weighted 0.2 -> 440
//   A5 Ann 3000        Lead, expected 04-15               -> after Q1
//   A6 Ann 1000        Lead, expected 03-05 at T; won 03-10 (after T) with close date 03-10
//                                                          -> open 1000, weighted 200
//   A7 Ann  900        Lead, no expected date             -> not counted
//   L1 Ann  600        lost 02-05                          -> nothing
//   B1 Bob 9500        won 02-20                          -> won in Q1
//   B2 Bob 2000        Proposal, expected 03-20           -> open 2000, weighted 1000
//   E1 Eve  500        won 02-01                          -> won in Q1 (no quota)
std::vector<TinyDeal> coverage_deals() {
  return {
      {"A1", "Ann", 4000, "USD", d(1, 2), d(1, 20), {{"Lead", d(1, 2), d(2, 1)}, {"Won", d(1, 20), d(1, 20)}}},
      {"A2", "Ann", 1000, "EUR", d(12, 1, 2023), d(12, 20, 2023),
       {{"Lead", d(12, 1, 2023), d(12, 31, 2023)}, {"Won", d(12, 20, 2023), d(12, 20, 2023)}}},
      {"A3", "Ann", 5000, "USD", d(1, 5), d(3, 15), {{"Lead", d(1, 5), d(3, 15)}, {"Proposal", d(2, 1)}}},
      {"A4", "Ann", 2000, "EUR", d(2, 1), d(3, 30), {{"Lead", d(2, 1), d(3, 30)}}},
      {"A5", "Ann", 3000, "USD", d(2, 10), d(4, 15), {{"Lead", d(2, 10), d(4, 15)}}},
      {"A6", "Ann", 1000, "USD", d(1, 10), d(3, 10), {{"Lead", d(1, 10), d(3, 5)}, {"Won", d(3, 10), d(3, 10)}}},
      {"A7", "Ann", 900, "USD", d(1, 3), kNoDay, {{"Lead", d(1, 3)}}},
      {"L1", "Ann", 600, "USD", d(1, 4), d(2, 5), {{"Lead", d(1, 4), d(3, 1)}, {"Lost", d(2, 5), d(2, 5)}}},
      {"B1", "Bob", 9500, "USD", d(1, 3), d(2, 20), {{"Lead", d(1, 3), d(3, 1)}, {"Won", d(2, 20), d(2, 20)}}},
      {"B2", "Bob", 2000, "USD", d(1, 15), d(3, 20), {{"Lead", d(1, 15), d(3, 20)}, {"Proposal", d(2, 10)}}},
      {"E1", "Eve", 500, "USD", d(1, 15), d(2, 1), {{"Lead", d(1, 15), d(2, 1)}, {"Won", d(2, 1), d(2, 1)}}},
  };
}

// Ann: the quarter.  Bob: the year (36600 over 366 days: 100 a day).  Cat:
// three months and a quarter (the months are used, not both).  Dan: 2023-Q4.
std::vector<TinyQuota> coverage_quotas(bool team) {
  std::vector<TinyQuota> q{{"Ann", "2024-Q1", 10000}, {"Bob", "2024", 36600},   {"Cat", "2024-01", 3000},
                           {"Cat", "2024-02", 3000},  {"Cat", "2024-03", 3000}, {"Cat", "2024-Q1", 8000},
                           {"Dan", "2023-Q4", 5000}};
  if (team) q.push_back({"*", "2024-Q1", 30000});
  return q;
}

AnalysisOptions options(const char* period, Day as_of = d(2, 29)) {
  AnalysisOptions o;
  o.as_of = as_of;
  o.period = parse_period(period);
  return o;
}

const CoverageRow& owner(const CoverageReport& r, const std::string& name) {
  for (const auto& row : r.owners)
    if (row.owner == name) return row;
  throw std::runtime_error("no owner " + name);
}

TEST(Coverage, HandComputedQuarter) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(true));
  const CoverageReport r = coverage(Scope(book, options("2024-Q1")));
  EXPECT_EQ(r.as_of, d(2, 29));
  EXPECT_EQ(r.period.label, "2024-Q1");
  ASSERT_EQ(r.owners.size(), 4u);  // Ann, Bob, Cat (quota, no deal), Eve (deals, no quota); not Dan
  EXPECT_EQ(r.owners[0].owner, "Ann");
  EXPECT_EQ(r.owners[3].owner, "Eve");

  const CoverageRow& ann = owner(r, "Ann");
  EXPECT_DOUBLE_EQ(ann.quota, 10000);
  EXPECT_EQ(ann.won_deals, 1u);
  EXPECT_DOUBLE_EQ(ann.won, 4000);
  EXPECT_DOUBLE_EQ(ann.attainment, 0.4);
  EXPECT_DOUBLE_EQ(ann.remaining, 6000);
  EXPECT_FALSE(ann.quota_met);
  EXPECT_EQ(ann.open_deals, 3u);                    // A3, A4, A6
  EXPECT_DOUBLE_EQ(ann.open_amount, 8200);          // 5000 + 2200 + 1000
  EXPECT_DOUBLE_EQ(ann.weighted_amount, 3140);      // 2500 + 440 + 200
  EXPECT_DOUBLE_EQ(ann.coverage, 8200.0 / 6000);
  EXPECT_DOUBLE_EQ(ann.weighted_coverage, 3140.0 / 6000);

  // Bob: 36600 x 91 / 366 = 9100; won 9500 > 9100: quota met, no ratios.
  const CoverageRow& bob = owner(r, "Bob");
  EXPECT_DOUBLE_EQ(bob.quota, 9100);
  EXPECT_DOUBLE_EQ(bob.won, 9500);
  EXPECT_DOUBLE_EQ(bob.remaining, -400);
  EXPECT_DOUBLE_EQ(bob.attainment, 9500.0 / 9100);
  EXPECT_TRUE(bob.quota_met);
  EXPECT_DOUBLE_EQ(bob.open_amount, 2000);
  EXPECT_DOUBLE_EQ(bob.weighted_amount, 1000);
  EXPECT_TRUE(std::isnan(bob.coverage));
  EXPECT_TRUE(std::isnan(bob.weighted_coverage));

  // Cat: the three months (9000), not the quarter row as well.
  const CoverageRow& cat = owner(r, "Cat");
  EXPECT_DOUBLE_EQ(cat.quota, 9000);
  EXPECT_DOUBLE_EQ(cat.remaining, 9000);
  EXPECT_DOUBLE_EQ(cat.coverage, 0);

  const CoverageRow& eve = owner(r, "Eve");
  EXPECT_FALSE(eve.has_quota());
  EXPECT_DOUBLE_EQ(eve.won, 500);
  EXPECT_TRUE(std::isnan(eve.remaining));
  EXPECT_TRUE(std::isnan(eve.coverage));
  EXPECT_FALSE(eve.quota_met);

  // Team: the "*" quota 30000; won 4000 + 9500 + 500; open 8200 + 2000.
  EXPECT_EQ(r.team_quota, TeamQuota::team);
  EXPECT_EQ(r.team.owner, "*");
  EXPECT_DOUBLE_EQ(r.team.quota, 30000);
  EXPECT_EQ(r.team.won_deals, 3u);
  EXPECT_DOUBLE_EQ(r.team.won, 14000);
  EXPECT_DOUBLE_EQ(r.team.remaining, 16000);
  EXPECT_EQ(r.team.open_deals, 4u);
  EXPECT_DOUBLE_EQ(r.team.open_amount, 10200);
  EXPECT_DOUBLE_EQ(r.team.weighted_amount, 4140);
  EXPECT_DOUBLE_EQ(r.team.coverage, 10200.0 / 16000);
  EXPECT_DOUBLE_EQ(r.team.weighted_coverage, 4140.0 / 16000);
}

TEST(Coverage, TeamIsTheSumOfOwnersWithoutAStarQuota) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(false));
  const CoverageReport r = coverage(Scope(book, options("2024-Q1")));
  EXPECT_EQ(r.team_quota, TeamQuota::sum_of_owners);
  EXPECT_DOUBLE_EQ(r.team.quota, 10000 + 9100 + 9000);
  EXPECT_DOUBLE_EQ(r.team.remaining, 28100 - 14000);
  EXPECT_DOUBLE_EQ(r.team.coverage, 10200.0 / 14100);
}

TEST(Coverage, PartialOverlapsAreProratedByDays) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(true));
  // March as of 02-29: Ann's quarter 10000 x 31/91; Bob's year 36600 x 31/366
  // = 3100; Cat's March row 3000 (the month covers March as well as the
  // quarter does, and is shorter); the team 30000 x 31/91.  Nothing won yet;
  // open in March: A3, A4, A6 (Ann) and B2 (Bob).
  const CoverageReport r = coverage(Scope(book, options("2024-03")));
  EXPECT_DOUBLE_EQ(owner(r, "Ann").quota, 10000.0 * 31 / 91);
  EXPECT_DOUBLE_EQ(owner(r, "Bob").quota, 3100);
  EXPECT_DOUBLE_EQ(owner(r, "Cat").quota, 3000);
  EXPECT_EQ(r.owners.size(), 3u);  // Eve won in February: not listed for March
  EXPECT_DOUBLE_EQ(r.team.quota, 30000.0 * 31 / 91);
  EXPECT_DOUBLE_EQ(owner(r, "Ann").won, 0);
  EXPECT_DOUBLE_EQ(owner(r, "Ann").open_amount, 8200);
  EXPECT_DOUBLE_EQ(owner(r, "Ann").coverage, 8200 / (10000.0 * 31 / 91));

  const Quota range{"X", parse_period("2024-02-15..2024-03-15"), 3000};  // 30 days, 100 a day
  EXPECT_DOUBLE_EQ(prorated_quota(range, parse_period("2024-Q1")), 3000);
  EXPECT_DOUBLE_EQ(prorated_quota(range, parse_period("2024-03")), 1500);
  EXPECT_DOUBLE_EQ(prorated_quota(range, parse_period("2024-02")), 1500);
  EXPECT_DOUBLE_EQ(prorated_quota(range, parse_period("2024-04")), 0);
}

TEST(Coverage, PastPeriodFallsBackToOwnerQuotas) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(true));
  // 2023-Q4: only Dan has a quota (5000) and the "*" row does not overlap.
  // Ann won A2: 1000 EUR = 1100 USD.
  const CoverageReport r = coverage(Scope(book, options("2023-Q4")));
  ASSERT_EQ(r.owners.size(), 2u);
  EXPECT_DOUBLE_EQ(owner(r, "Ann").won, 1100);
  EXPECT_FALSE(owner(r, "Ann").has_quota());
  EXPECT_DOUBLE_EQ(owner(r, "Dan").quota, 5000);
  EXPECT_DOUBLE_EQ(owner(r, "Dan").coverage, 0);
  EXPECT_EQ(r.team_quota, TeamQuota::sum_of_owners);
  EXPECT_DOUBLE_EQ(r.team.quota, 5000);
  EXPECT_DOUBLE_EQ(r.team.won, 1100);
  EXPECT_DOUBLE_EQ(r.team.remaining, 3900);
}

TEST(Coverage, OwnerFilterNarrowsOwnersAndTeam) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(true));
  AnalysisOptions o = options("2024-Q1");
  o.filters = {{"owner", "Ann"}};
  const CoverageReport r = coverage(Scope(book, o));
  ASSERT_EQ(r.owners.size(), 1u);
  EXPECT_EQ(r.team_quota, TeamQuota::sum_of_owners);
  EXPECT_DOUBLE_EQ(r.team.quota, 10000);
  EXPECT_DOUBLE_EQ(r.team.won, 4000);
  EXPECT_DOUBLE_EQ(r.team.open_amount, 8200);
}

TEST(Coverage, LaterFactsDoNotCount) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(true));
  // As of 03-31, A6 is won (03-10) and no longer open.
  const CoverageReport r = coverage(Scope(book, options("2024-Q1", d(3, 31))));
  EXPECT_DOUBLE_EQ(owner(r, "Ann").won, 5000);
  EXPECT_EQ(owner(r, "Ann").open_deals, 2u);
  EXPECT_DOUBLE_EQ(owner(r, "Ann").open_amount, 7200);
}

// The coverage table: a row per owner, then the team's with where its quota
// came from; null where a ratio is unknown.  The period is the report's
// (its summary table).
TEST(Coverage, EmptyScopeAndTable) {
  const Book book = tiny_book(coverage_deals(), coverage_quotas(true));
  AnalysisOptions none = options("2024-Q1");
  none.filters = {{"owner", "Nobody"}};
  const CoverageReport empty = coverage(Scope(book, none));
  EXPECT_TRUE(empty.owners.empty());
  EXPECT_EQ(empty.team_quota, TeamQuota::none);
  EXPECT_FALSE(empty.team.has_quota());
  EXPECT_EQ(empty.team.won_deals, 0u);
  Report only_empty;
  only_empty.coverage = empty;
  const std::string text = result_table_json(report_table(only_empty, "coverage"));
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto je = nlohmann::json::parse(text);
  ASSERT_EQ(je.size(), 1u);  // the team alone
  EXPECT_TRUE(je[0]["quota"].is_null());
  EXPECT_TRUE(je[0]["attainment"].is_null());
  EXPECT_EQ(je[0]["quota_source"], "none");
  EXPECT_EQ(je[0]["won_deals"], 0);

  EXPECT_EQ(section_table_names("coverage"), (std::vector<std::string>{"coverage"}));
  const Report report = build_report(Scope(book, options("2024-Q1")));
  const auto summary = table_rows(report, "summary");
  EXPECT_EQ(summary[0]["as_of"], "2024-02-29");
  EXPECT_EQ(summary[0]["period"], "2024-Q1");
  EXPECT_EQ(summary[0]["period_first"], "2024-01-01");
  EXPECT_EQ(summary[0]["period_last"], "2024-03-31");
  const ResultTable table = report_table(report, "coverage");
  ASSERT_EQ(table.rows, 5u);  // Ann, Bob, Cat, Eve, the team
  EXPECT_DOUBLE_EQ(table.find("weighted_amount")->numbers[0], 3140);
  const auto j = nlohmann::json::parse(result_table_json(table));
  const auto& ann = j[0];
  EXPECT_EQ(ann["owner"], "Ann");
  EXPECT_EQ(ann["quota_source"], "owner");
  EXPECT_DOUBLE_EQ(ann["quota"].get<double>(), 10000);
  EXPECT_DOUBLE_EQ(ann["attainment"].get<double>(), 0.4);
  EXPECT_EQ(ann["open_deals"], 3);
  EXPECT_DOUBLE_EQ(ann["coverage"].get<double>(), 8200.0 / 6000);
  EXPECT_EQ(ann["open_no_close_date"], 1);  // A7
  const auto& bob = j[1];
  EXPECT_EQ(bob["owner"], "Bob");
  EXPECT_EQ(bob["quota_met"], true);
  EXPECT_TRUE(bob["coverage"].is_null());
  EXPECT_TRUE(bob["weighted_coverage"].is_null());
  const auto& eve = j[3];
  EXPECT_EQ(eve["owner"], "Eve");
  EXPECT_EQ(eve["quota_source"], "none");
  EXPECT_TRUE(eve["quota"].is_null());
  EXPECT_TRUE(eve["remaining"].is_null());
  const auto& team = j[4];
  EXPECT_EQ(team["owner"], "*");
  EXPECT_EQ(team["quota_source"], "team");
  EXPECT_DOUBLE_EQ(team["quota"].get<double>(), 30000);
  EXPECT_EQ(team["won_deals"], 3);
  EXPECT_DOUBLE_EQ(team["weighted_coverage"].get<double>(), 4140.0 / 16000);
}

TEST(Coverage, SyntheticTeamAddsUpItsDeals) {
  const SyntheticBook s = generate_synthetic_book({.deals = 20'000, .seed = 3});
  AnalysisOptions o;
  o.period = parse_period("2024-Q3");
  const CoverageReport r = coverage(Scope(s.book, o));
  EXPECT_EQ(r.team_quota, TeamQuota::team);
  double won = 0, open = 0;
  std::size_t quotas = 0;
  for (const auto& row : r.owners) {
    won += row.won;
    open += row.open_amount;
    quotas += row.has_quota();
  }
  EXPECT_EQ(quotas, s.truth.owners.size());
  EXPECT_NEAR(won, r.team.won, 1e-6 * r.team.won);
  EXPECT_NEAR(open, r.team.open_amount, 1e-6 * (1 + r.team.open_amount));
  EXPECT_GT(r.team.won, 0);
}

}  // namespace
}  // namespace analytics_coverage_test
}  // namespace pipecast
