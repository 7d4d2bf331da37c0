// The logistic model with activity features against the same model without
// them (issue 19, part 4): on the accuracy book, whose activities announce
// moves forward (meetings and calls) and losses (three weeks of silence),
// the activities must lower the Brier score; on the same deals with
// activities that say nothing (a steady stream while a deal is open), they
// must not raise it.
//
// The truth of the synthetic book (SynthTruth::win_probability) knows the
// stage and the days in it, not the activities, which are drawn after the
// deal's path and so tell of its future: a model that reads them can beat
// the truth's Brier score, so the score is against the outcomes, with the
// truth's beside it.
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
  double with, without, truth;
};

Briers briers(const SyntheticBook& book) {
  FitOptions on, off;
  on.activities = true;
  off.activities = false;
  const test::Scored with = test::scored(book, "logistic", test::kAccuracyOrigins, on);
  const test::Scored without = test::scored(book, "logistic", test::kAccuracyOrigins, off);
  EXPECT_EQ(with.outcome, without.outcome);
  return {test::brier(with.predicted, with.outcome), test::brier(without.predicted, without.outcome),
          test::brier(with.truth, with.outcome)};
}

// Issue 19's "done when": measured at three origins pooled (2024-03-31,
// -06-30, -09-30; 6,256 deals), Brier 0.14140 with the activities against
// 0.14745 without (the truth 0.13267), a margin of 0.0060; asserted at
// 0.005.  (An earlier note read "0.1375 without" and kept the activities
// off: a misprint of 0.1475, as the placebo below shows.)  The training rows
// are the snapshots decided by T, so near T they are the deals about to
// close, whose activities are extreme; but keeping only snapshots at least
// 30 to 180 days before T, for the activity model or for both, or letting
// those rows not teach the activity columns, changed the score by less than
// 0.0003, none for the better (docs/forecasting.md, "Activity features").
TEST(ActivityBrier, TheActivitiesLowerTheBrierScore) {
  const Briers b = briers(test::accuracy_book());
  std::printf("Brier with activities %.5f, without %.5f, the truth (without activities) %.5f\n", b.with, b.without,
              b.truth);
  EXPECT_LT(b.with, b.without - 0.005);
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
    return SyntheticBook{std::move(b).finish(), w.truth};
  }();
  return placebo;
}

TEST(ActivityBrier, ActivitiesOfNoMeaningDoNotMakeItWorse) {
  const Briers b = briers(placebo_book());
  std::printf("activities of no meaning: Brier with them %.5f, without %.5f\n", b.with, b.without);
  // Measured: 0.14736 with them, 0.14745 without.
  EXPECT_LT(b.with, b.without + 0.001);
}

}  // namespace
}  // namespace activity_brier_test
}  // namespace pipecast
