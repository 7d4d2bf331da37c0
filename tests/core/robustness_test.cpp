// Numerical robustness: books at the edges (empty, one deal, all won, all
// lost, one stage, zero or blank amounts, the first and last days of the
// calendar, no stage history) through every analysis.  Each call returns a
// result or refuses with a documented exception and a clear message; and no
// figure in the JSON is null (what NaN and infinity become) unless the
// result says why (see NullsAreExplained below).
#include "pipecast/analytics/report.hpp"
#include "pipecast/core/as_of.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/analytics/summary_table.hpp"
#include "pipecast/core/summary.hpp"

#include "builder_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <functional>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace robustness_test {
namespace {

using Json = nlohmann::json;

Day day(const char* text) {
  const auto d = parse_day(text);
  if (!d) throw std::invalid_argument(text);
  return *d;
}

// One deal: its stage path, each step with the day it was entered.
struct Step {
  const char* stage;
  const char* entered;
};

class EdgeBook {
 public:
  // The usual pipeline: two open stages, then won or lost.
  EdgeBook() : EdgeBook({{"Lead", StageKind::open}, {"Proposal", StageKind::open},
                         {"Won", StageKind::won}, {"Lost", StageKind::lost}}) {}
  explicit EdgeBook(std::vector<std::pair<const char*, StageKind>> stages, double team_quota = 10'000) {
    int order = 0;
    for (const auto& [name, kind] : stages)
      test::expect_accepted(b_.add_stage({"Sales", name, ++order,
                       kind == StageKind::won ? 1.0 : kind == StageKind::lost ? 0.0 : 0.3, kind, ""}));
    test::expect_accepted(b_.add_quota("*", "2024-Q2", team_quota));
    test::expect_accepted(b_.add_quota("Ann", "2024-Q2", team_quota));
  }
  // history: false gives the deal no stage-history row at all.
  EdgeBook& deal(const char* id, double amount, std::vector<Step> steps, const char* close = nullptr,
                 bool history = true, const char* owner = "Ann") {
    test::expect_accepted(b_.add_opportunity({id, "Sales", "Acme", owner, "Widget", "Web", "SMB", amount, "USD",
                           day(steps.front().entered), close ? day(close) : kNoDay, steps.back().stage, {}}));
    if (history)
      for (const Step& s : steps) test::expect_accepted(b_.add_history({id, s.stage, day(s.entered), kNoAmount, kNoDay, {}}));
    return *this;
  }
  Book finish() { return std::move(b_).finish(); }

 private:
  BookBuilder b_;
};

struct EdgeCase {
  std::string name;
  std::function<Book()> make;
  std::vector<const char*> as_of;  // the dates every analysis is run as of
};
void PrintTo(const EdgeCase& c, std::ostream* out) { *out << c.name; }

std::string deal_id(int i) { return "D" + std::to_string(i); }

std::vector<EdgeCase> edge_cases() {
  std::vector<EdgeCase> cases;
  cases.push_back({"EmptyBook", [] { return EdgeBook().finish(); }, {"2024-06-30"}});
  cases.push_back({"NoStagesNoDeals", [] { return Book{}; }, {"2024-06-30"}});
  cases.push_back({"SingleOpenDeal",
                   [] { return EdgeBook().deal("D1", 500, {{"Lead", "2024-04-02"}}, "2024-06-15").finish(); },
                   {"2024-04-02", "2024-06-30", "2025-01-01"}});
  cases.push_back({"SingleWonDeal",
                   [] {
                     return EdgeBook()
                         .deal("D1", 500, {{"Lead", "2024-04-02"}, {"Won", "2024-05-10"}}, "2024-05-10")
                         .finish();
                   },
                   {"2024-04-02", "2024-05-10", "2024-06-30"}});
  cases.push_back({"SingleLostDeal",
                   [] {
                     return EdgeBook()
                         .deal("D1", 500, {{"Lead", "2024-04-02"}, {"Lost", "2024-05-10"}}, "2024-05-10")
                         .finish();
                   },
                   {"2024-05-10", "2024-06-30"}});
  const auto many = [](const char* outcome, double amount) {
    EdgeBook b;
    for (int i = 0; i < 40; ++i) {
      const std::string created = "2024-0" + std::to_string(1 + i % 5) + "-1" + std::to_string(i % 9);
      const std::string closed = "2024-0" + std::to_string(2 + i % 5) + "-2" + std::to_string(i % 9);
      b.deal(deal_id(i).c_str(), amount,
             {{"Lead", created.c_str()}, {"Proposal", created.c_str()}, {outcome, closed.c_str()}},
             closed.c_str(), true, i % 2 ? "Ann" : "Bob");
    }
    return b.finish();
  };
  cases.push_back({"AllWon", [many] { return many("Won", 1000); }, {"2024-04-15", "2024-06-30", "2024-12-31"}});
  cases.push_back({"AllLost", [many] { return many("Lost", 1000); }, {"2024-04-15", "2024-06-30"}});
  cases.push_back({"ZeroAmounts", [many] { return many("Won", 0); }, {"2024-06-30"}});
  cases.push_back({"BlankAmounts", [many] { return many("Won", kNoAmount); }, {"2024-06-30"}});
  cases.push_back({"ZeroQuotas",
                   [] {
                     return EdgeBook({{"Lead", StageKind::open}, {"Won", StageKind::won}, {"Lost", StageKind::lost}}, 0)
                         .deal("D1", 100, {{"Lead", "2024-04-05"}, {"Won", "2024-05-01"}}, "2024-05-01")
                         .deal("D2", 200, {{"Lead", "2024-04-05"}}, "2024-06-01")
                         .deal("D3", 300, {{"Lead", "2024-04-05"}}, "2024-06-01", true, "Bob")
                         .finish();
                   },
                   {"2024-04-30", "2024-06-30"}});
  cases.push_back({"OneOpenStage",
                   [] {
                     return EdgeBook({{"Only", StageKind::open}})
                         .deal("D1", 100, {{"Only", "2024-01-05"}}, "2024-05-01")
                         .deal("D2", 200, {{"Only", "2024-03-05"}})
                         .finish();
                   },
                   {"2024-06-30"}});
  cases.push_back({"OnlyClosedStages",
                   [] {
                     return EdgeBook({{"Won", StageKind::won}, {"Lost", StageKind::lost}})
                         .deal("D1", 100, {{"Won", "2024-01-05"}}, "2024-01-05")
                         .deal("D2", 200, {{"Lost", "2024-03-05"}}, "2024-03-05")
                         .finish();
                   },
                   {"2024-06-30"}});
  cases.push_back({"FirstAndLastDaysOfTheCalendar",
                   [] {
                     return EdgeBook()
                         .deal("D1", 100, {{"Lead", "1400-01-01"}, {"Won", "1400-01-02"}}, "1400-01-02")
                         .deal("D2", 100, {{"Lead", "1400-01-01"}, {"Lost", "9999-12-31"}}, "9999-12-31")
                         .deal("D3", 100, {{"Lead", "1400-03-01"}}, "9999-12-31")
                         .deal("D4", 100, {{"Lead", "9999-12-31"}})
                         .finish();
                   },
                   {"1400-01-01", "1400-01-02", "5000-06-15", "9999-12-30", "9999-12-31"}});
  cases.push_back({"NoHistory",
                   [] {
                     return EdgeBook()
                         .deal("D1", 100, {{"Lead", "2024-01-05"}}, "2024-05-01", false)
                         .deal("D2", 200, {{"Won", "2024-02-05"}}, "2024-03-01", false)
                         .deal("D3", 300, {{"Lost", "2024-02-07"}}, "2024-03-01", false)
                         .finish();
                   },
                   {"2024-01-04", "2024-06-30"}});
  return cases;
}

// --- Nulls must be explained ---------------------------------------------------

// A null figure with the object holding it.
struct Null {
  std::string path;  // e.g. /funnel/steps/0/conversion/value
  std::string key;
  Json parent;
};

void collect_nulls(const Json& j, const std::string& path, std::vector<Null>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (value.is_null()) out.push_back({path + "/" + key, key, j});
      else collect_nulls(value, path + "/" + key, out);
    }
  }
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i) collect_nulls(j[i], path + "/" + std::to_string(i), out);
}


// A null cell of a Rate's or a Distribution's columns (result_table.hpp):
// r, r_low, r_high without trials; d_mean, d_median, ... (and a plan's
// amount sd) without values.
std::string composite_null(const Json& row, const std::string& key) {
  const auto base_of = [&](const std::string& suffix) -> std::optional<std::string> {
    if (key.size() < suffix.size() || key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0) return {};
    return key.substr(0, key.size() - suffix.size());
  };
  for (const char* suffix : {"", "_low", "_high"})
    if (const auto base = base_of(suffix); base && row.contains(*base + "_trials") && row[*base + "_trials"] == 0)
      return "a rate of no trials";
  for (const char* suffix : {"_mean", "_median", "_p75", "_p90", "_sd"})
    if (const auto base = base_of(suffix); base && row.contains(*base + "_count") && row[*base + "_count"] == 0)
      return "a distribution of no values";
  return "";
}

// The name of the table a null's path is in: "/funnel/2/to_next" is in "funnel".
std::string table_of(const std::string& path) { return path.substr(1, path.find('/', 1) - 1); }

// The rules for the report and the plan, both documents of tables: a row is
// the object holding the null, its rates and distributions spelt out in
// columns.
std::string table_explanation(const Null& n, const Json& report, const Json& plan) {
  const Json& p = n.parent;
  const std::string& k = n.key;
  const std::string table = table_of(n.path);
  const Json& tables = report;
  if (std::string why = composite_null(p, k); !why.empty()) return why;
  if (table == "coverage") {  // coverage.hpp
    if (p["quota"].is_null()) return "an owner without a quota";
    if ((k == "coverage" || k == "weighted_coverage") && p["quota_met"] == true) return "quota met";
    if (k == "attainment" && p["quota"] == 0.0) return "a quota of 0";
  }
  if (table == "patterns" || table == "patterns_top") {  // patterns.hpp
    if ((k == "average_won_amount" || k == "average_won_cycle_days") && p["win_rate_successes"] == 0) return "no win";
    if (k == "average_cycle_days" && p["win_rate_trials"] == 0) return "no closed deal";
    if ((k == "difference" || k == "z" || k == "p_value") &&
        (p["win_rate_trials"] == 0 || p["rest_win_rate_trials"] == 0))
      return "a side without closed deals";
  }
  if (table == "patterns_summary" && k == "lost_amount" && tables["lost_reasons"].empty())
    return "no lost_reason attribute";
  if (table == "products" || table == "product_families") {  // product_potential.hpp
    const Json& total = tables["sales_velocity"].back();
    double won_in_scope = 0;
    for (const Json& row : tables["products"]) won_in_scope += row["won_amount"].get<double>();
    std::vector<double> trend;
    const std::string level = table == "products" ? "product" : "family";
    for (const Json& row : tables["product_trends"])
      if (row["level"] == level && row["name"] == p["name"]) trend.push_back(row["won_amount"].get<double>());
    if ((k == "average_won_amount" || k == "median_cycle_days") && p["win_rate_successes"] == 0) return "no win";
    if ((k == "expected_win_rate" || k == "expected_revenue" || k == "score") && total["win_rate_trials"] == 0)
      return "no closed deal in scope";
    if (k == "revenue_share" && won_in_scope == 0) return "no won value in scope";
    if (k == "trend_change" && std::all_of(trend.begin(), trend.end(), [](double v) { return v == 0.0; }))
      return "no won value in the trend periods";
    if (k == "trend_change" && trend.size() < 2) return "a single trend period";
  }
  if (table == "sales_velocity") {  // sales_velocity.hpp
    if ((k == "average_won_amount" || k == "average_cycle_days") && p["win_rate_successes"] == 0) return "no win";
    if ((k == "value_per_day" || k == "value_per_30_days") && p["win_rate_trials"] == 0) return "no closed deal";
  }
  if (table == "stalled_thresholds" && k == "days" && p["source"] == "none") return "a stage without a threshold";
  if (table == "stalled" && k == "threshold") {  // stalled.hpp
    for (const Json& t : tables["stalled_thresholds"])
      if (t["pipeline"] == p["pipeline"] && t["stage"] == p["stage"] && t["source"] == "none")
        return "a stage without a threshold";
  }
  if (table.starts_with("lead_plan")) {  // lead_plan.hpp
    const Json& lp = plan["lead_plan"][0];
    if (lp["status"] == "no_history" || lp["status"] == "period_over") return "status " + lp["status"].get<std::string>();
    if (k.starts_with("create_by_") && lp["status"] == "covered") return "no lead needed";
    if (k == "won_for_target" && lp["won_amount_count"] == 0) return "no won amount to learn from";
    if (table == "lead_plan_stages" && k.starts_with("needed_") && p["conversion_successes"] == 0)
      return "a stage never won from";
  }
  return "";
}

// Why a null is there, by the rule the result's header documents, read from
// the JSON around it; "" when nothing explains it.
std::string explanation(const Null& n, const Json& report, const Json& plan) {
  return table_explanation(n, report, plan);
}

struct Outputs {
  Json report, plan, summary;
};

// Every analysis of `book` as of `day`, as the JSON a caller gets.
Outputs analyse(const Book& book, Day day, double target, std::optional<Period> period = {}) {
  AnalysisOptions options;
  options.as_of = day;
  options.period = period;
  const Scope scope(book, options);
  Outputs out;
  out.report = Json::parse(to_json(build_report(scope)));
  out.plan = Json::parse(to_json(lead_plan(scope, target)));
  out.summary = Json::parse(to_json(summarize(as_of(book, day))));
  // The forecasts of edge books are held to the same rule in
  // forecast_robustness_test.cpp.
  return out;
}

void expect_nulls_explained(const Outputs& out, const std::string& where) {
  std::vector<Null> nulls;
  collect_nulls(out.report, "", nulls);
  collect_nulls(out.plan, "", nulls);
  for (const Null& n : nulls)
    EXPECT_NE(explanation(n, out.report, out.plan), "") << where << ": " << n.path << " is null in " << n.parent.dump();
  std::vector<Null> in_summary;
  collect_nulls(out.summary, "", in_summary);
  for (const Null& n : in_summary) ADD_FAILURE() << where << ": summary " << n.path << " is null";
}

class Robustness : public ::testing::TestWithParam<EdgeCase> {};

// Every analysis on every edge book, for targets the plan covers and falls
// short of, in the current period and in one that is over.
TEST_P(Robustness, EveryAnalysisGivesAResultWhoseNullsAreExplained) {
  const Book book = GetParam().make();
  for (const char* date : GetParam().as_of) {
    const Day as_of_day = day(date);
    for (const double target : {0.0, 1e6}) {
      const Outputs out = analyse(book, as_of_day, target);
      expect_nulls_explained(out, std::string(date) + ", target " + std::to_string(target));
      EXPECT_EQ(out.report["summary"][0]["as_of"], date);
      EXPECT_EQ(out.summary["opportunities"].get<std::size_t>(),
                out.summary["open"].get<std::size_t>() + out.summary["won"].get<std::size_t>() +
                    out.summary["lost"].get<std::size_t>());
    }
    if (as_of_day > kFirstDay + 400) {
      const Outputs out = analyse(book, as_of_day, 1e6, period_containing(as_of_day - 400, PeriodKind::quarter));
      expect_nulls_explained(out, std::string(date) + ", a past period");
      EXPECT_EQ(out.plan["lead_plan"][0]["status"], "period_over");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EdgeBooks, Robustness, ::testing::ValuesIn(edge_cases()),
                         [](const auto& c) { return c.param.name; });

// --- What the edge books give ------------------------------------------------------

EdgeCase edge_case(const std::string& name) {
  for (EdgeCase& c : edge_cases())
    if (c.name == name) return c;
  throw std::invalid_argument(name);
}

TEST(RobustnessValues, AnEmptyBookNeedsADateAndThenGivesZeros) {
  const Book book = EdgeBook().finish();
  try {
    Scope scope(book, AnalysisOptions{});
    FAIL() << "an empty book has no latest day to default to";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "the book is empty: give an as-of date");
  }
  const Outputs out = analyse(book, day("2024-06-30"), 1e6);
  EXPECT_EQ(out.report["summary"][0]["deals"], 0);
  EXPECT_EQ(out.summary["opportunities"], 0);
  EXPECT_EQ(out.summary["open_amount"], 0.0);
  EXPECT_EQ(out.plan["lead_plan"][0]["status"], "no_history");
  EXPECT_EQ(out.plan["lead_plan"][0]["gap"], 1e6);
}

TEST(RobustnessValues, AllWonAndAllLostGiveTheirRatesAndVelocities) {
  const Outputs won = analyse(edge_case("AllWon").make(), day("2024-12-31"), 1e6);
  const Json& velocity = won.report["sales_velocity"].back();
  EXPECT_EQ(velocity["win_rate"], 1.0);
  EXPECT_EQ(velocity["win_rate_trials"], 40);
  EXPECT_EQ(velocity["average_won_amount"], 1000.0);
  EXPECT_EQ(won.plan["lead_plan"][0]["status"], "ok");
  EXPECT_EQ(won.plan["lead_plan"][0]["won_needed_p50"], 1000.0);  // 1e6 / 1000
  const Outputs lost = analyse(edge_case("AllLost").make(), day("2024-06-30"), 1e6);
  EXPECT_EQ(lost.report["sales_velocity"].back()["win_rate"], 0.0);
  EXPECT_EQ(lost.report["sales_velocity"].back()["value_per_day"], 0.0);  // closed, none won: 0, not NaN
  EXPECT_EQ(lost.plan["lead_plan"][0]["status"], "no_history");
}

TEST(RobustnessValues, ZeroAndBlankAmountsGiveZeroValueNotNaN) {
  for (const char* name : {"ZeroAmounts", "BlankAmounts"}) {
    const Outputs out = analyse(edge_case(name).make(), day("2024-06-30"), 1e6);
    EXPECT_EQ(out.report["sales_velocity"].back()["average_won_amount"], 0.0) << name;
    EXPECT_EQ(out.report["sales_velocity"].back()["value_per_day"], 0.0) << name;
    EXPECT_EQ(out.summary["won_amount"], 0.0) << name;
    EXPECT_EQ(out.summary["missing_amount"], std::string(name) == "BlankAmounts" ? 40 : 0) << name;
    EXPECT_EQ(out.plan["lead_plan"][0]["status"], "no_history") << name;
  }
}

// The quarter of 9999-12-31 ends on the calendar's last day, and trend
// periods stop at its first: nothing reaches past the supported range.
TEST(RobustnessValues, TheEndsOfTheCalendarGiveClippedPeriods) {
  const Book book = edge_case("FirstAndLastDaysOfTheCalendar").make();
  const Outputs last = analyse(book, day("9999-12-31"), 1e6);
  EXPECT_EQ(last.report["summary"][0]["period"], "9999-Q4");
  EXPECT_EQ(last.report["summary"][0]["period_last"], "9999-12-31");
  EXPECT_EQ(last.summary["lost"], 1);
  const Outputs first = analyse(book, day("1400-01-02"), 1e6);
  EXPECT_EQ(first.report["summary"][0]["period_first"], "1400-01-01");

  AnalysisOptions fiscal;
  fiscal.as_of = day("1400-01-02");
  fiscal.fiscal.first_month = 2;  // FY1400 would start on 1399-02-01
  fiscal.cohort = PeriodKind::fiscal_year;
  const Scope scope(book, fiscal);
  ASSERT_EQ(scope.trend_periods().size(), 1u);
  EXPECT_EQ(scope.trend_periods()[0].first, kFirstDay);
  EXPECT_EQ(scope.trend_periods()[0].label, "FY1400");
  EXPECT_NO_THROW(to_json(build_report(scope)));
}

// Deals without any history row sit in their current stage since creation.
TEST(RobustnessValues, DealsWithoutHistoryCountInTheirCurrentStage) {
  const Outputs out = analyse(edge_case("NoHistory").make(), day("2024-06-30"), 1e6);
  EXPECT_EQ(out.summary["open"], 1);
  EXPECT_EQ(out.summary["won"], 1);
  EXPECT_EQ(out.summary["lost"], 1);
  EXPECT_EQ(out.report["sales_velocity"].back()["win_rate"], 0.5);
}

}  // namespace
}  // namespace robustness_test
}  // namespace pipecast
