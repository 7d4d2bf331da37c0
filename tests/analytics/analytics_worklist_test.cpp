// Where the next hour goes: the worklist and the time split on the tiny
// pipeline book (analytics_pipeline_book.hpp) with a few activities added,
// and a what-worked result written by hand (its playbooks and intervals are
// the worklist's input, so every figure below is worked out on paper).
//
// Activities added (T = 2024-03-31):
//   d1 (Ann, won 03-02, 1000): meeting 01-05 (Qualify), call 01-15 (Discover),
//                               call 02-10 and email 02-12 (Propose)
//   d2 (Bob, lost, 2000):      call 01-11 (Qualify)
//   d3 (Ann, open in Propose since 02-19, 500): email 03-10
//   d5 (Cat, open in Qualify since 02-10, 800): email 03-20, meeting 03-25
//   d7 (Ann, open in Due, 110): call 03-05
//   d6 (Cat, won 03-11, 1200): none
// Playbooks by hand: Propose "meeting" (rate ratio 2.1, 95% 1.6-2.8; stays
// 3 advanced, 1 lost), Qualify "email > meeting" (2.0, 1.5-3.0; 2 and 2),
// Discover and Due none.  Win probabilities: d3 0.4, d5 0.5, d7 0.9.
#include "analytics_pipeline_book.hpp"
#include "book_truncation.hpp"

#include "pipecast/analytics/time_split.hpp"
#include "pipecast/analytics/worklist.hpp"
#include "pipecast/analytics/worklist_tables.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_worklist_test {
namespace {

Book worked_book() {
  const Book plain = test::pipeline_book();
  BookBuilder b;
  test::copy_book(b, plain, kLastDay);
  const auto add = [&](std::string_view deal, std::string_view type, int month, int day) {
    const auto rejected = b.add_activity(
        {deal, "", type, to_day(2024, static_cast<unsigned>(month), static_cast<unsigned>(day)), "", kNoAmount, "", ""});
    EXPECT_FALSE(rejected) << rejected->message;
  };
  add("d1", "meeting", 1, 5); add("d1", "call", 1, 15); add("d1", "call", 2, 10); add("d1", "email", 2, 12);
  add("d2", "call", 1, 11);
  add("d3", "email", 3, 10);
  add("d5", "email", 3, 20); add("d5", "meeting", 3, 25);
  add("d7", "call", 3, 5);
  return std::move(b).finish();
}

ActivityStage stage(std::string pipeline, std::string name, std::size_t advanced, std::size_t lost,
                    std::string playbook) {
  ActivityStage s;
  s.pipeline = std::move(pipeline);
  s.stage = std::move(name);
  s.advanced = advanced;
  s.lost = lost;
  s.playbook = std::move(playbook);
  return s;
}

ActivityComparison comparison(std::string name, std::string pattern, double effect, double low, double high) {
  ActivityComparison c;
  c.pipeline = "New Business";
  c.stage = std::move(name);
  c.pattern = std::move(pattern);
  c.effect = effect;
  c.effect_interval = {low, high};
  c.flagged = true;
  c.associated_with = "advancing";
  return c;
}

ActivityEffects hand_effects() {
  ActivityEffects e;
  e.as_of = test::kPipelineBookDate;
  e.stages = {stage("New Business", "Qualify", 2, 2, "email > meeting"), stage("New Business", "Discover", 1, 0, ""),
              stage("New Business", "Propose", 3, 1, "meeting"), stage("Renewal", "Due", 0, 0, "")};
  e.comparisons = {comparison("Qualify", "email > meeting", 2.0, 1.5, 3.0),
                   comparison("Propose", "meeting", 2.1, 1.6, 2.8)};
  return e;
}

struct Fixture {
  Book book = worked_book();
  Scope scope{book, test::pipeline_book_options()};
};

Worklist hand_worklist(const Fixture& f, std::size_t rows_per_owner = 5) {
  const std::vector<DealIndex> deals{*f.book.find("d3"), *f.book.find("d5"), *f.book.find("d7")};
  const std::vector<double> p{0.4, 0.5, 0.9};
  return worklist(f.scope, hand_effects(), {deals, p}, {rows_per_owner});
}

TEST(Worklist, RanksByValueThenSilenceWithReasons) {
  const Fixture f;
  const Worklist w = hand_worklist(f);
  EXPECT_EQ(w.owners, (std::vector<std::string>{"Ann", "Cat"}));  // Bob has no open deal at T
  ASSERT_EQ(w.rows.size(), 3u);
  // d3: off Propose's playbook (no meeting since 03-18).  p0 = 3/4, L = 1.6:
  // p1 = 0.75 x 1.6 / (0.25 + 1.2) = 1.2 / 1.45, lift = p1 - 0.75.
  const WorklistRow& d3 = w.rows[0];
  EXPECT_EQ(d3.owner, "Ann");
  EXPECT_EQ(d3.rank, 1u);
  EXPECT_EQ(d3.deal, "d3");
  EXPECT_EQ(d3.step, WorklistStep::playbook);
  EXPECT_DOUBLE_EQ(d3.advance_rate, 0.75);
  EXPECT_NEAR(d3.lift, 1.2 / 1.45 - 0.75, 1e-12);
  EXPECT_NEAR(d3.value, 0.4 * 500 * (1.2 / 1.45 - 0.75), 1e-9);
  EXPECT_EQ(d3.days_silent, 21);
  EXPECT_EQ(d3.reason,
            "no meeting in the last 14 days; deals that advanced from Propose logged meeting 2.10x as often as deals "
            "lost there (95% CI 1.60-2.80)");
  // d7: Due has no playbook: the fallback, after every deal with a lift.
  const WorklistRow& d7 = w.rows[1];
  EXPECT_EQ(d7.deal, "d7");
  EXPECT_EQ(d7.rank, 2u);
  EXPECT_EQ(d7.step, WorklistStep::no_playbook);
  EXPECT_TRUE(std::isnan(d7.lift));
  EXPECT_NEAR(d7.amount, 110, 1e-9);
  EXPECT_EQ(d7.reason, "no pattern flagged for Due; 26 days since the last activity");
  // d5: email then meeting in its last 14 days: on Qualify's playbook, no lift.
  const WorklistRow& d5 = w.rows[2];
  EXPECT_EQ(d5.owner, "Cat");
  EXPECT_EQ(d5.rank, 1u);
  EXPECT_EQ(d5.step, WorklistStep::on_playbook);
  EXPECT_EQ(d5.lift, 0.0);
  EXPECT_EQ(d5.value, 0.0);
  EXPECT_EQ(d5.reason, "on the playbook (email > meeting in the last 14 days); 6 days since the last activity");
}

TEST(Worklist, KeepsTheFirstRowsOfEachOwnerAndRefusesAnotherDate) {
  const Fixture f;
  const Worklist w = hand_worklist(f, 1);
  ASSERT_EQ(w.rows.size(), 2u);
  EXPECT_EQ(w.rows[0].deal, "d3");
  EXPECT_EQ(w.rows[1].deal, "d5");
  ActivityEffects other = hand_effects();
  other.as_of = test::kPipelineBookDate - 1;
  EXPECT_THROW(worklist(f.scope, other, {}), std::invalid_argument);
  // Without a model's scores the deals still rank, by the fallback.
  const Worklist unscored = worklist(f.scope, hand_effects(), {});
  ASSERT_EQ(unscored.rows.size(), 3u);
  EXPECT_TRUE(std::isnan(unscored.rows[0].value));
  EXPECT_EQ(unscored.rows[0].deal, "d7");  // 26 days silent before d3's 21
}

const TimeSplitRow& find(const TimeSplit& s, std::string_view owner, std::string_view value) {
  for (const TimeSplitRow& r : s.rows)
    if (r.owner == owner && r.value == value) return r;
  ADD_FAILURE() << owner << " " << value << " not in the split";
  return s.rows.front();
}

TEST(TimeSplit, SharesOfActivitiesBesideWonRevenue) {
  const Fixture f;
  const TimeSplit s = time_split(f.scope, 365);
  EXPECT_EQ(s.to, test::kPipelineBookDate);
  // Amounts at T, sorted: 110 300 500 800 1000 1200 2000: terciles 500 and 1000.
  EXPECT_DOUBLE_EQ(s.small_up_to, 500);
  EXPECT_DOUBLE_EQ(s.medium_up_to, 1000);
  // Ann: 6 activities (d1 Qualify 1, Discover 1, Propose 2; d3 Propose 1; d7 Due 1);
  // d1's 1000 won, spread over its own activities 1, 1, 2 of 4.
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Qualify").activity_share, 1.0 / 6);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Qualify").won_share, 0.25);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Propose").activity_share, 3.0 / 6);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Propose").won_amount, 500);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Propose").won_share, 0.5);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Due").activity_share, 1.0 / 6);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "Due").won_share, 0.0);
  // Bands: d3 500 and d7 110 small (2 activities), d1 1000 medium (4, and the money).
  EXPECT_DOUBLE_EQ(find(s, "Ann", "small").activity_share, 2.0 / 6);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "small").won_share, 0.0);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "medium").activity_share, 4.0 / 6);
  EXPECT_DOUBLE_EQ(find(s, "Ann", "medium").won_share, 1.0);
  // Cat: all time on d5 (Qualify, medium); the money from d6 (large, no activity).
  EXPECT_DOUBLE_EQ(find(s, "Cat", "Qualify").activity_share, 1.0);
  EXPECT_DOUBLE_EQ(find(s, "Cat", "(no activity)").won_share, 1.0);
  EXPECT_DOUBLE_EQ(find(s, "Cat", "large").won_amount, 1200);
  EXPECT_DOUBLE_EQ(find(s, "Cat", "large").activity_share, 0.0);
  EXPECT_EQ(find(s, "Bob", "large").activities, 1u);
  // A shorter window: only the activities of the last 30 days (d3, d5 x2, d7).
  const TimeSplit month = time_split(f.scope, 30);
  EXPECT_EQ(find(month, "Ann", "Propose").activities, 1u);
  EXPECT_DOUBLE_EQ(find(month, "Ann", "Propose").activity_share, 0.5);
  EXPECT_THROW(time_split(f.scope, 0), std::invalid_argument);
}

TEST(Worklist, TablesNameEveryFigure) {
  const Fixture f;
  ActivityPlan plan{"hand", hand_worklist(f), time_split(f.scope, 365)};
  const ResultTable t = activity_plan_table(plan, "worklist");
  ASSERT_EQ(t.rows, 3u);
  EXPECT_EQ(t.column("step").texts[0], "playbook");
  EXPECT_EQ(t.column("reason").texts[2], plan.worklist.rows[2].reason);
  EXPECT_EQ(activity_plan_table(plan, "worklist_summary").column("model").texts[0], "hand");
  EXPECT_THROW(activity_plan_table(plan, "nope"), std::invalid_argument);
}

}  // namespace
}  // namespace analytics_worklist_test
}  // namespace pipecast
