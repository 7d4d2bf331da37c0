// The close timing by segment: a segment's deals close at its own pace, a
// segment with too few snapshots (or none named) borrows the curves that
// ignore the segment, and a model file keeps the segments' curves.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/close_timing.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/training_set.hpp"

#include "storage/sealed_file.hpp"

#include "builder_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace close_timing_test {
namespace {

const Day kT = to_day(2024, 3, 31);

// A deal a day in 2023 for each of "Fast" (won 10 days after it is created)
// and "Slow" (won after 80), five of "Few" and thirty without a segment (won
// after 40); and, open at kT, one Fast and one Slow deal created 3 days
// before it.
Book paced_book() {
  BookBuilder b;
  test::add_sales_stages(b, true);
  const auto ok = [](const Checked& c) { test::expect_accepted(c); };
  std::vector<std::string> ids;
  const auto add = [&](std::string_view segment, Day created, int days_to_win) {
    const std::string id = "D" + std::to_string(ids.size());
    ids.push_back(id);
    const bool won = created + days_to_win <= kT;
    ok(b.add_opportunity({id, "Sales", "", "", "", "", segment, 1000.0, "", created, created + days_to_win,
                          won ? "Won" : "Open", {}}));
    ok(b.add_history({id, "Open", created, kNoAmount, kNoDay, {}}));
    if (won) ok(b.add_history({id, "Won", created + days_to_win, kNoAmount, kNoDay, {}}));
  };
  for (Day d = to_day(2023, 1, 1); d <= to_day(2023, 12, 31); ++d) {
    add("Fast", d, 10);
    add("Slow", d, 80);
  }
  for (int i = 0; i < 5; ++i) add("Few", to_day(2023, 3, 1) + 9 * i, 40);
  for (int i = 0; i < 30; ++i) add("", to_day(2023, 2, 1) + 9 * i, 40);
  add("Fast", kT - 3, 10);
  add("Slow", kT - 3, 80);
  return std::move(b).finish();
}

const Book& book() {
  static const Book b = paced_book();
  return b;
}

TEST(CloseTimingBySegment, EachSegmentWithEnoughSnapshotsHasItsOwnPace) {
  const CloseTiming timing = CloseTiming::fit(book(), build_training_set(book(), kT));
  // "Few" has too few snapshots, and a blank segment is no segment.
  ASSERT_EQ(timing.segments(), (std::vector<std::string>{"Fast", "Slow"}));
  const std::vector<std::uint32_t> map = timing.segment_map(book());
  const Dictionary& names = book().dictionary(Dimension::segment);
  const auto model_segment = [&](std::string_view name) { return map[*names.find(name)]; };
  ASSERT_EQ(model_segment("Fast"), 0u);
  ASSERT_EQ(model_segment("Slow"), 1u);
  EXPECT_EQ(model_segment("Few"), CloseTiming::kNoSegment);
  EXPECT_EQ(model_segment(""), CloseTiming::kNoSegment);

  const std::uint32_t open = 0;  // model stage 0: "Open"
  const auto median = [&](std::uint32_t segment, int days_in_stage) {
    return timing.curves()[timing.curve_for(open, days_in_stage, segment)].median();
  };
  // Seen 0 to 14 days after it was created, a Fast deal closes 1 to 10 days
  // later, a Slow one 66 to 80 days later.
  EXPECT_LE(median(0, 3), 10);
  EXPECT_GE(median(1, 3), 66);
  EXPECT_LE(median(1, 3), 80);
  // Without a segment of its own, the curve of the stage's band for every
  // deal: about 260 Fast snapshots in the band (10 days in 14) closed within
  // 10 days, against 365 Slow ones (one each) that did not.
  const auto within_10_days = [&](std::uint32_t segment) {
    return timing.curves()[timing.curve_for(open, 3, segment)].within(10);
  };
  EXPECT_DOUBLE_EQ(within_10_days(0), 1.0);
  EXPECT_DOUBLE_EQ(within_10_days(1), 0.0);
  EXPECT_NEAR(within_10_days(CloseTiming::kNoSegment), 260.0 / 625.0, 0.05);
  EXPECT_EQ(timing.curve_for(open, 3, model_segment("Few")), timing.curve_for(open, 3));
}

TEST(CloseTimingBySegment, WeightedSnapshotsCountAsTheirEffectiveNumber) {
  // Slow deals 0 to 14 days into their stage: about 14 a snapshot, one
  // snapshot every 14 days through 2023 (365 rows).  Unweighted, they have
  // a curve of their own.  Weighted with a half-life of 10 days, each
  // snapshot counts 0.38 times the next: Kish's effective number is 14 (1 -
  // 0.38^2) / (1 - 0.38)^2 = 31, under 40, and the band borrows the curve of
  // the segment's stage (as does the band beyond 120 days, which has no row).
  // Fast deals, about 10 a snapshot, lose every curve of their own.
  const TrainingSet training = build_training_set(book(), kT);
  const std::uint32_t open = 0;
  const CloseTiming unweighted = CloseTiming::fit(book(), training, 0);
  const CloseTiming weighted = CloseTiming::fit(book(), training, 10);
  ASSERT_EQ(unweighted.segments(), (std::vector<std::string>{"Fast", "Slow"}));
  ASSERT_EQ(weighted.segments(), (std::vector<std::string>{"Slow"}));
  EXPECT_NE(unweighted.curve_for(open, 3, 1), unweighted.curve_for(open, 200, 1));
  EXPECT_EQ(weighted.curve_for(open, 3, 0), weighted.curve_for(open, 200, 0));
}

TEST(CloseTimingBySegment, OnlyTheLargestSegmentsGetCurves) {
  // 35 segments, segment k with 20 + k deals of 40 days (about three
  // snapshots each): the five smallest are left to the segment-blind curves.
  BookBuilder b;
  test::add_sales_stages(b);
  int n = 0;
  for (int k = 0; k < 35; ++k) {
    const std::string segment = (k < 10 ? "S0" : "S") + std::to_string(k);
    for (int i = 0; i < 20 + k; ++i) {
      const std::string id = "D" + std::to_string(n++);
      const Day created = to_day(2023, 1, 1) + 7 * i;
      test::expect_accepted(b.add_opportunity({id, "Sales", "", "", "", "", segment, 100.0, "", created, created + 40,
                                               "Won", {}}));
      test::expect_accepted(b.add_history({id, "Open", created, kNoAmount, kNoDay, {}}));
      test::expect_accepted(b.add_history({id, "Won", created + 40, kNoAmount, kNoDay, {}}));
    }
  }
  const Book many = std::move(b).finish();
  const std::vector<std::string> segments = CloseTiming::fit(many, build_training_set(many, kT), 0).segments();
  ASSERT_EQ(segments.size(), CloseTiming::kMaxSegments);
  EXPECT_EQ(segments.front(), "S05");
  EXPECT_EQ(segments.back(), "S34");
}

TEST(CloseTimingBySegment, AnOpenDealIsExpectedToCloseAtItsSegmentsPace) {
  const FittedModel model = fit_model("stage", book(), kT);
  const DealScores scores = model.score(AsOfView(book(), kT));
  ASSERT_EQ(scores.size(), 2u);  // the Fast and the Slow deal created 3 days before kT
  const Dictionary& names = book().dictionary(Dimension::segment);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const std::string& segment = names[book().codes(Dimension::segment)[scores.deals.deal[i]]];
    const int days = scores.expected_close(i) - kT;
    if (segment == "Fast") EXPECT_LE(days, 7) << segment;
    else EXPECT_GE(days, 63) << segment;
  }
}

TEST(CloseTimingBySegment, AModelFileKeepsTheSegmentsCurves) {
  const FittedModel model = fit_model("stage", book(), kT);
  ASSERT_FALSE(model.timing().segments().empty());
  const std::string bytes = model_bytes(model);
  EXPECT_EQ(parse_sealed_bytes(bytes, kModelMagic, kModelFormatVersion, "model", "m").format_version, 6u);
  EXPECT_TRUE(model_from_bytes(bytes, "m").timing() == model.timing());
}

}  // namespace
}  // namespace close_timing_test
}  // namespace pipecast
