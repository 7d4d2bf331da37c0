// The censoring weights, against training sets worked out by hand.
#include "pipecast/forecast/censoring_weights.hpp"
#include "pipecast/forecast/stage_keys.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace censoring_weights_test {
namespace {

constexpr Day kT = 20'000;

// Appends a row of stage `stage` snapshotted `window` days before kT that
// was `outcome` after `days` days (open: still open at kT, days = window).
void add_row(TrainingSet& set, StageId stage, int window, Outcome outcome, int days) {
  set.rows.deal.push_back(static_cast<DealIndex>(set.size()));
  set.rows.stage.push_back(stage);
  set.snapshot.push_back(kT - window);
  set.outcome.push_back(outcome);
  set.days_to_close.push_back(outcome == Outcome::open ? window : days);
}

CensoringWeights weights_of(const TrainingSet& set, std::size_t stages) {
  FitStatistics stats;
  CensoringWeights::add_statistics(set, stats);
  return CensoringWeights::from_statistics(stages, stats);
}

// Stage 0 of twelve rows.  From 730 days back, four wins on day 100 and four
// losses, two on day 10 and two on day 200; from 14 days back, one loss on
// day 10 and three rows still open.  By hand (Aalen-Johansen): day 10, 3
// lost of 12 at risk, F_lost = 1/4, S = 3/4; after day 14, 3 censored; day
// 100, 4 won of 6, F_won = 3/4 * 4/6 = 1/2, S = 1/4; day 200, 2 lost of 2,
// F_lost = 1/4 + 1/4 = 1/2.  So a loss decided within 14 days is half of
// the losses (weight 2) and a win none of the wins (weight 1 / kMinShare).
TrainingSet hand_set() {
  TrainingSet set;
  set.as_of = kT;
  for (int i = 0; i < 4; ++i) add_row(set, 0, 730, Outcome::won, 100);
  for (int i = 0; i < 2; ++i) add_row(set, 0, 730, Outcome::lost, 10);
  for (int i = 0; i < 2; ++i) add_row(set, 0, 730, Outcome::lost, 200);
  add_row(set, 0, 14, Outcome::lost, 10);
  for (int i = 0; i < 3; ++i) add_row(set, 0, 14, Outcome::open, 0);
  return set;
}

TEST(CensoringWeights, AreTheInverseShareOfTheOutcomeDecidedWithinTheWindow) {
  const CensoringWeights w = weights_of(hand_set(), 2);
  EXPECT_EQ(w.windows(), (std::vector<int>{14, 730}));
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::lost, 14), 2.0);
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::won, 14), 1.0 / CensoringWeights::kMinShare);
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::lost, 730), 1.0);
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::won, 730), 1.0);
  // A window between two the fit saw takes the shorter one's, and one
  // below them all the first one's.
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::lost, 400), 2.0);
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::lost, 3), 2.0);
  // Stage 1 had no row, an unknown stage and an open row weigh 1.
  EXPECT_DOUBLE_EQ(w.weight(1, Outcome::lost, 14), 1.0);
  EXPECT_DOUBLE_EQ(w.weight(kUnknownStage, Outcome::lost, 14), 1.0);
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::open, 14), 1.0);
  EXPECT_EQ(w.flaw(2), "");
  EXPECT_NE(w.flaw(3), "");  // the table is of two stages
}

TEST(CensoringWeights, PartsMergeIntoTheWholeSetsWeights) {
  const TrainingSet whole = hand_set();
  TrainingSet first, second;
  first.as_of = second.as_of = kT;
  for (std::size_t r = 0; r < whole.size(); ++r)
    add_row(r % 2 == 0 ? first : second, whole.rows.stage[r], kT - whole.snapshot[r], whole.outcome[r],
            whole.days_to_close[r]);
  FitStatistics a, b;
  CensoringWeights::add_statistics(first, a);
  CensoringWeights::add_statistics(second, b);
  a.merge(b);
  EXPECT_EQ(CensoringWeights::from_statistics(2, a), weights_of(whole, 2));
}

TEST(CensoringWeights, WithoutTrainingRowsThereIsNothingToCorrect) {
  TrainingSet none;
  none.as_of = kT;
  const CensoringWeights w = weights_of(none, 3);
  EXPECT_TRUE(w.empty());
  EXPECT_DOUBLE_EQ(w.weight(0, Outcome::won, 14), 1.0);
  EXPECT_EQ(w.flaw(3), "");
}

// Statistics come from the parts of a book, over the wire: ones no fit
// makes are refused with what is wrong, before anything is allocated for
// them.
TEST(CensoringWeights, StatisticsNoFitMakesAreRefused) {
  const auto refusal = [](const FitStatistics& stats, std::size_t stages) -> std::string {
    try {
      (void)CensoringWeights::from_statistics(stages, stats);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(accepted)";
  };
  FitStatistics stats;
  CensoringWeights::add_statistics(hand_set(), stats);
  EXPECT_EQ(refusal(stats, 2), "(accepted)");  // guards the cases below
  EXPECT_EQ(refusal(stats, 0), "censoring statistics: a stage out of range");
  FitStatistics outcome = stats;
  outcome.counts["censoring.events"][table_key(0, 3, 10)] = 1;
  EXPECT_EQ(refusal(outcome, 2), "censoring statistics: an outcome out of range");
  FitStatistics far = stats;
  far.counts["censoring.windows"][1'000'000] = 1;
  EXPECT_EQ(refusal(far, 2), "censoring statistics: a window out of range");
  FitStatistics many = stats;
  for (std::uint64_t w = 1; w <= 20'000; ++w) many.counts["censoring.windows"][w] = 1;
  EXPECT_EQ(refusal(many, 1'000), "censoring statistics: more stages and windows than a fit makes");
}

// Snapshots every 14 days over two years, each of 200 open deals of which
// half are won, on days 2, 4, ..., 200 after it, and half lost, on days 1
// to 40: losses come five times faster.  From the recent snapshots mostly
// losses are decided, so weighing rows by recency alone (as after a change
// of market) sees far fewer wins than there are; with the censoring
// weights too, about the half there are.
TEST(CensoringWeights, RestoreTheWinRateThatFastLossesHideFromRecentRows) {
  TrainingSet set;
  set.as_of = kT;
  for (int window = 14; window <= 728; window += 14)
    for (int k = 0; k < 100; ++k) {
      const int won_on = 2 * (k + 1), lost_on = k % 40 + 1;
      add_row(set, 0, window, won_on <= window ? Outcome::won : Outcome::open, won_on);
      add_row(set, 0, window, lost_on <= window ? Outcome::lost : Outcome::open, lost_on);
    }
  const CensoringWeights censoring = weights_of(set, 1);
  const auto share_won = [&](bool corrected) {
    double won = 0.0, decided = 0.0;
    for (std::size_t r = 0; r < set.size(); ++r) {
      if (set.outcome[r] == Outcome::open) continue;
      const int window = kT - set.snapshot[r];
      double w = recency_weight(90, window);
      if (corrected) w *= censoring.weight(0, set.outcome[r], window);
      decided += w;
      won += set.outcome[r] == Outcome::won ? w : 0.0;
    }
    return won / decided;
  };
  EXPECT_LT(share_won(false), 0.40);
  EXPECT_NEAR(share_won(true), 0.5, 0.01);
}

}  // namespace
}  // namespace censoring_weights_test
}  // namespace pipecast
