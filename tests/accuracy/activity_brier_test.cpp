// The logistic model with activity features against the same model without
// them (issue 19, part 4): on the accuracy book, whose activities announce
// moves forward (meetings and calls) and losses (three weeks of silence),
// the activities must lower the Brier score against the truth; on the same
// deals with activities that say nothing (a steady stream while a deal is
// open), they must not raise it.
//
// The truth here is SynthTruth::win_probability_given_activities: the exact
// chance given the stage, the days in it and the activities logged so far,
// which is what a model that reads the activities can at best know.  (The
// truth given the stage and the days alone is beaten by such a model, since
// the activities tell of the deal's future.)  The Brier scores against the
// outcomes are printed beside.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/training_set.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "book_truncation.hpp"
#include "truth_scoring.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace activity_brier_test {
namespace {

struct Briers {
  double with, without;  // against the truth given the activities
  double with_outcomes, without_outcomes, truth_outcomes, plain_truth_outcomes;
};

Briers briers(const SyntheticBook& book) {
  FitOptions on, off;
  on.activities = true;
  off.activities = false;
  const test::Scored with = test::scored(book, "logistic", test::kAccuracyOrigins, on);
  const test::Scored without = test::scored(book, "logistic", test::kAccuracyOrigins, off);
  EXPECT_EQ(with.outcome, without.outcome);
  EXPECT_EQ(with.truth_given_activities, without.truth_given_activities);
  const auto& truth = with.truth_given_activities;
  return {test::brier(with.predicted, truth),        test::brier(without.predicted, truth),
          test::brier(with.predicted, with.outcome), test::brier(without.predicted, with.outcome),
          test::brier(truth, with.outcome),          test::brier(with.truth, with.outcome)};
}

void print(const char* book, const Briers& b) {
  std::printf("%s: Brier against the truth given the activities: %.5f with them, %.5f without; against the "
              "outcomes: %.5f with, %.5f without, the truth given the activities %.5f, given the stage and "
              "days only %.5f\n",
              book, b.with, b.without, b.with_outcomes, b.without_outcomes, b.truth_outcomes,
              b.plain_truth_outcomes);
}

// Issue 19's "done when": three origins pooled (2024-03-31, -06-30, -09-30;
// 6,256 deals).  Measured, against the truth given the activities: 0.01577
// with them, 0.02009 without (asserted: a margin of 0.003); against the
// outcomes: 0.14140 with, 0.14745 without, and the two truths 0.12443 (given
// the activities) and 0.13267 (given the stage and days).  The training rows are the snapshots decided by T, so
// near T they are the deals about to close, whose activities are extreme;
// keeping only snapshots at least 30 to 180 days before T, or letting those
// rows not teach the activity columns, changed the score against the
// outcomes by less than 0.0003 (docs/forecasting.md, "Activity features").
TEST(ActivityBrier, TheActivitiesLowerTheBrierScoreAgainstTheTruth) {
  const Briers b = briers(test::accuracy_book());
  print("accuracy book", b);
  EXPECT_LT(b.with, b.without - 0.003);
  EXPECT_LT(b.with_outcomes, b.without_outcomes - 0.005);
  // The truth that knows the activities is the better forecaster of the two truths.
  EXPECT_LT(b.truth_outcomes, b.plain_truth_outcomes - 0.005);
}

// The accuracy book's deals with activities of no meaning: each deal gets
// a steady stream (a call or an email every 10 days on average) from its
// creation to its close or the book's end, whatever happens next.
const SyntheticBook& placebo_book() {
  static const SyntheticBook placebo = [] {
    const SyntheticBook& w = test::accuracy_book();
    const Book& full = w.book;
    BookBuilder b;
    test::copy_book(b, full, full.latest_day(), kFirstDay - 1);  // no activity
    const Outcomes final_state = outcomes_as_of(full, full.latest_day());
    std::mt19937_64 random(11);
    std::exponential_distribution<double> gap(0.1);
    for (DealIndex i = 0; i < full.size(); ++i) {
      const Day end = final_state.closed_on[i] == kNoDay ? full.latest_day() : final_state.closed_on[i] - 1;
      for (double day = full.created_column()[i] + gap(random); day <= end; day += gap(random)) {
        ActivityRecord r;
        r.opportunity_id = full.ids()[i];
        r.type = random() % 2 ? "call" : "email";
        r.date = static_cast<Day>(day);
        const auto rejected = b.add_activity(r);
        EXPECT_FALSE(rejected) << rejected->message;
      }
    }
    // Activities that say nothing: the truth given them is the truth without.
    SynthTruth truth = w.truth;
    truth.activities = {};
    return SyntheticBook{std::move(b).finish(), std::move(truth)};
  }();
  return placebo;
}

TEST(ActivityBrier, ActivitiesOfNoMeaningDoNotMakeItWorse) {
  const Briers b = briers(placebo_book());
  print("activities of no meaning", b);
  // Measured against the truth: 0.01400 with them, 0.01415 without; against
  // the outcomes: 0.14736 with them, 0.14745 without.
  EXPECT_LT(b.with, b.without + 0.001);
  EXPECT_LT(b.with_outcomes, b.without_outcomes + 0.001);
}

}  // namespace
}  // namespace activity_brier_test
}  // namespace pipecast
