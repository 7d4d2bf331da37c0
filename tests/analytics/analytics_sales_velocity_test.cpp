// Sales velocity: every factor by hand on a tiny book, edge cases, and the
// order of the segments on a synthetic book.
#include "pipecast/analytics/sales_velocity.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "report_table_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_sales_velocity_test {
namespace {

using test::column_names;

Day d(unsigned month, unsigned day) { return to_day(2024, month, day); }

struct Step {
  const char* stage;
  Day entered;
};

struct TinyDeal {
  const char* id;
  const char* segment;
  double amount;
  const char* currency;
  Day created;
  std::vector<Step> history;  // the last step is the deal's current stage
};

Book tiny_book(const std::vector<TinyDeal>& deals) {
  BookBuilder b;
  b.add_stage({"Sales", "Lead", 1, 0.1, StageKind::open, ""});
  b.add_stage({"Sales", "Proposal", 2, 0.5, StageKind::open, ""});
  b.add_stage({"Sales", "Won", 3, 1.0, StageKind::won, ""});
  b.add_stage({"Sales", "Lost", 4, 0.0, StageKind::lost, ""});
  b.add_fx_rate("USD", 1.0);
  b.add_fx_rate("EUR", 1.1);
  for (const TinyDeal& t : deals) {
    const auto bad = b.add_opportunity({t.id, "Sales", "Acct", "Ann", "Widget", "Inbound", t.segment, t.amount,
                                        t.currency, t.created, t.history.back().entered, t.history.back().stage, {}});
    EXPECT_FALSE(bad) << t.id << ": " << bad->message;
    for (const Step& s : t.history) {
      const auto rejected = b.add_history({t.id, s.stage, s.entered, kNoAmount, kNoDay, {}});
      EXPECT_FALSE(rejected) << t.id << ": " << rejected->message;
    }
  }
  return std::move(b).finish();
}

// As of 2024-06-30:
//   SMB:        S1 won 1000 (01-01 -> 01-11, 10 days), S2 won 2000 EUR = 2200
//               (01-05 -> 01-25, 20 days), S3 lost, S4 open, S5 open (won
//               07-15, after T).
//   Enterprise: E1 won 3000 (01-10 -> 03-10, 60 days), E2 lost, E3 lost, E4 open.
//   Startup:    U1 open only.
//   Partner:    P1 lost only.
Book velocity_book() {
  return tiny_book({
      {"S1", "SMB", 1000, "USD", d(1, 1), {{"Lead", d(1, 1)}, {"Won", d(1, 11)}}},
      {"S2", "SMB", 2000, "EUR", d(1, 5), {{"Lead", d(1, 5)}, {"Won", d(1, 25)}}},
      {"S3", "SMB", 500, "USD", d(2, 1), {{"Lead", d(2, 1)}, {"Lost", d(2, 16)}}},
      {"S4", "SMB", 800, "USD", d(5, 1), {{"Lead", d(5, 1)}, {"Proposal", d(5, 20)}}},
      {"S5", "SMB", 700, "USD", d(6, 1), {{"Lead", d(6, 1)}, {"Won", d(7, 15)}}},
      {"E1", "Enterprise", 3000, "USD", d(1, 10), {{"Lead", d(1, 10)}, {"Proposal", d(2, 1)}, {"Won", d(3, 10)}}},
      {"E2", "Enterprise", 400, "USD", d(2, 1), {{"Lead", d(2, 1)}, {"Lost", d(3, 2)}}},
      {"E3", "Enterprise", 600, "USD", d(3, 1), {{"Lead", d(3, 1)}, {"Lost", d(3, 11)}}},
      {"E4", "Enterprise", 1000, "USD", d(4, 1), {{"Lead", d(4, 1)}}},
      {"U1", "Startup", 100, "USD", d(4, 1), {{"Lead", d(4, 1)}}},
      {"P1", "Partner", 100, "USD", d(4, 1), {{"Lead", d(4, 1)}, {"Lost", d(4, 2)}}},
  });
}

AnalysisOptions at(Day as_of) {
  AnalysisOptions o;
  o.as_of = as_of;
  return o;
}

TEST(SalesVelocity, HandComputedBook) {
  const Book book = velocity_book();
  const SalesVelocityReport r = sales_velocity(Scope(book, at(d(6, 30))));
  EXPECT_EQ(r.as_of, d(6, 30));
  ASSERT_EQ(r.segments.size(), 4u);  // by name
  EXPECT_EQ(r.segments[0].segment, "Enterprise");
  EXPECT_EQ(r.segments[1].segment, "Partner");
  EXPECT_EQ(r.segments[2].segment, "SMB");
  EXPECT_EQ(r.segments[3].segment, "Startup");

  // SMB: 2 open (S4, S5) x 2/3 x (1000 + 2200) / 2 = 1600 / ((10 + 20) / 2 = 15)
  //      = 2 x 2/3 x 1600 / 15 = 142.2222 a day.
  const SalesVelocity& smb = r.segments[2];
  EXPECT_EQ(smb.opportunities, 2u);
  EXPECT_EQ(smb.win_rate, (Rate{2, 3}));
  EXPECT_EQ(smb.win_interval, wilson_interval(2, 3));
  EXPECT_DOUBLE_EQ(smb.average_won_amount, 1600);
  EXPECT_DOUBLE_EQ(smb.average_cycle_days, 15);
  EXPECT_DOUBLE_EQ(smb.value_per_day, 2 * (2.0 / 3.0) * 1600 / 15);
  EXPECT_DOUBLE_EQ(smb.value_per_30_days, 30 * 2 * (2.0 / 3.0) * 1600 / 15);

  // Enterprise: 1 open x 1/3 x 3000 / 60 = 16.6667 a day.
  const SalesVelocity& ent = r.segments[0];
  EXPECT_EQ(ent.opportunities, 1u);
  EXPECT_EQ(ent.win_rate, (Rate{1, 3}));
  EXPECT_DOUBLE_EQ(ent.average_won_amount, 3000);
  EXPECT_DOUBLE_EQ(ent.average_cycle_days, 60);
  EXPECT_DOUBLE_EQ(ent.value_per_day, (1.0 / 3.0) * 3000 / 60);

  // Partner: lost only: nothing won, velocity 0, won factors unknown.
  const SalesVelocity& partner = r.segments[1];
  EXPECT_EQ(partner.win_rate, (Rate{0, 1}));
  EXPECT_TRUE(std::isnan(partner.average_won_amount));
  EXPECT_DOUBLE_EQ(partner.value_per_day, 0);
  // Startup: open only: no closed deal, velocity unknown.
  const SalesVelocity& startup = r.segments[3];
  EXPECT_EQ(startup.opportunities, 1u);
  EXPECT_TRUE(std::isnan(startup.win_rate.value()));
  EXPECT_TRUE(std::isnan(startup.value_per_day));

  // Total: 4 open (S4 S5 E4 U1) x 3/7 x (1000 + 2200 + 3000) / 3 / ((10 + 20 + 60) / 3 = 30).
  EXPECT_EQ(r.total.segment, "");
  EXPECT_EQ(r.total.opportunities, 4u);
  EXPECT_EQ(r.total.win_rate, (Rate{3, 7}));
  EXPECT_DOUBLE_EQ(r.total.average_won_amount, 6200.0 / 3);
  EXPECT_DOUBLE_EQ(r.total.average_cycle_days, 30);
  EXPECT_DOUBLE_EQ(r.total.value_per_day, 4 * (3.0 / 7.0) * (6200.0 / 3) / 30);
}

TEST(SalesVelocity, NothingAfterTheDateCounts) {
  const Book book = velocity_book();
  // As of 03-05: SMB S1 S2 won, S3 lost, nothing open; Enterprise E1 open
  // (Proposal), E2 lost, E3 open (created 03-01); later deals unknown.
  const SalesVelocityReport r = sales_velocity(Scope(book, at(d(3, 5))));
  ASSERT_EQ(r.segments.size(), 2u);
  EXPECT_EQ(r.segments[0].opportunities, 2u);
  EXPECT_EQ(r.segments[0].win_rate, (Rate{0, 1}));
  EXPECT_EQ(r.segments[1].opportunities, 0u);
  EXPECT_DOUBLE_EQ(r.segments[1].value_per_day, 0);  // no open deal: nothing flows
}

TEST(SalesVelocity, SameDayWinsCountAtLeastOneDay) {
  const Book book = tiny_book({
      {"A", "SMB", 500, "USD", d(1, 1), {{"Won", d(1, 1)}}},
      {"B", "SMB", 800, "USD", d(1, 2), {{"Lead", d(1, 2)}}},
  });
  const SalesVelocityReport r = sales_velocity(Scope(book, at(d(1, 31))));
  EXPECT_DOUBLE_EQ(r.total.average_cycle_days, 0);
  EXPECT_DOUBLE_EQ(r.total.value_per_day, 1 * 1.0 * 500 / 1);
}

// The sales velocity's table: a row per segment, then the total, flagged;
// its win rate in five columns; null where a factor is unknown.
TEST(SalesVelocity, EmptyScopeAndTable) {
  const Book book = velocity_book();
  AnalysisOptions none = at(d(6, 30));
  none.filters = {{"segment", "Nobody"}};
  const SalesVelocityReport empty = sales_velocity(Scope(book, none));
  EXPECT_TRUE(empty.segments.empty());
  EXPECT_EQ(empty.total.opportunities, 0u);
  EXPECT_TRUE(std::isnan(empty.total.value_per_day));
  Report report;
  report.sales_velocity = empty;
  const std::string text = result_table_json(report_table(report, "sales_velocity"));
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  ASSERT_EQ(j.size(), 1u);  // the total alone
  EXPECT_EQ(j[0]["total"], true);
  EXPECT_EQ(j[0]["segment"], "");
  EXPECT_EQ(j[0]["opportunities"], 0);
  EXPECT_TRUE(j[0]["win_rate"].is_null());
  EXPECT_TRUE(j[0]["value_per_day"].is_null());
  EXPECT_TRUE(j[0]["value_per_30_days"].is_null());

  report.sales_velocity = sales_velocity(Scope(book, at(d(6, 30))));
  const ResultTable table = report_table(report, "sales_velocity");
  EXPECT_EQ(column_names(table),
            (std::vector<std::string>{"segment", "total", "opportunities", "win_rate", "win_rate_low",
                                      "win_rate_high", "win_rate_successes", "win_rate_trials",
                                      "average_won_amount", "average_cycle_days", "value_per_day",
                                      "value_per_30_days"}));
  ASSERT_EQ(table.rows, 5u);  // Enterprise, Partner, SMB, Startup, the total
  EXPECT_DOUBLE_EQ(table.find("average_won_amount")->numbers[2], 1600);
  const auto full = nlohmann::json::parse(result_table_json(table));
  const auto& smb = full[2];
  EXPECT_EQ(smb["segment"], "SMB");
  EXPECT_EQ(smb["total"], false);
  EXPECT_EQ(smb["opportunities"], 2);
  EXPECT_EQ(smb["win_rate_successes"], 2);
  EXPECT_EQ(smb["win_rate_trials"], 3);
  EXPECT_DOUBLE_EQ(smb["win_rate_low"].get<double>(), wilson_interval(2, 3).low);
  EXPECT_DOUBLE_EQ(smb["average_won_amount"].get<double>(), 1600);
  EXPECT_DOUBLE_EQ(smb["average_cycle_days"].get<double>(), 15);
  EXPECT_DOUBLE_EQ(smb["value_per_30_days"].get<double>(), 30 * 2 * (2.0 / 3.0) * 1600 / 15);
  EXPECT_TRUE(full[1]["average_won_amount"].is_null());  // Partner: lost only
  EXPECT_TRUE(full[3]["value_per_day"].is_null());       // Startup: open only
  const auto& total = full[4];
  EXPECT_EQ(total["total"], true);
  EXPECT_EQ(total["segment"], "");
  EXPECT_EQ(total["opportunities"], 4);
  EXPECT_EQ(total["win_rate_successes"], 3);
  EXPECT_EQ(total["win_rate_trials"], 7);
  EXPECT_DOUBLE_EQ(total["average_cycle_days"].get<double>(), 30);
}

TEST(SalesVelocity, SyntheticSegmentWinRatesFollowTheTrueEffects) {
  const SyntheticBook s = generate_synthetic_book({.deals = 50'000, .seed = 5});
  AnalysisOptions options;
  options.pipeline = "New Business";
  const SalesVelocityReport r = sales_velocity(Scope(s.book, options));
  ASSERT_EQ(r.segments.size(), s.truth.segments.size());
  const auto effect = [&](const std::string& name) {
    for (const auto& seg : s.truth.segments)
      if (seg.name == name) return seg.effect;
    ADD_FAILURE() << name;
    return 0.0;
  };
  const auto pace = [&](const std::string& name) {
    for (const auto& seg : s.truth.segments)
      if (seg.name == name) return seg.pace;
    return 0.0;
  };
  for (const auto& a : r.segments)
    for (const auto& b : r.segments) {
      if (effect(a.segment) > effect(b.segment)) {
        EXPECT_GT(a.win_rate.value(), b.win_rate.value()) << a.segment << " vs " << b.segment;
      }
      if (pace(a.segment) > pace(b.segment)) {  // slower segments have longer cycles
        EXPECT_GT(a.average_cycle_days, b.average_cycle_days) << a.segment << " vs " << b.segment;
      }
    }
  EXPECT_GT(r.total.value_per_day, 0);
}

}  // namespace
}  // namespace analytics_sales_velocity_test
}  // namespace pipecast
