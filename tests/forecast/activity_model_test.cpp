// The logistic model's activity features: what one pass over a deal's
// activities counts, that nothing dated after the day leaks in, that a book
// without activities keeps its model and file, the file's new format, and
// the drivers in words.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/activity_features.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "book_truncation.hpp"
#include "builder_support.hpp"
#include "storage/sealed_file.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace activity_model_test {
namespace {

const Day kDay = to_day(2024, 6, 30);

// D1 with activities around kDay (one after it), D2 with none.
Book hand_book() {
  BookBuilder b;
  test::add_sales_stages(b);
  OpportunityRecord r;
  r.pipeline = "Sales";
  r.stage = "Open";
  r.created = to_day(2024, 1, 1);
  for (const char* id : {"D1", "D2"}) {
    r.id = id;
    test::expect_accepted(b.add_opportunity(r));
  }
  const std::pair<const char*, int> rows[] = {{"call", -40}, {"email", -20}, {"call", -14}, {"meeting", -10},
                                              {"call", -3},  {"call", 0},    {"meeting", 1}};
  for (const auto& [type, offset] : rows) {
    ActivityRecord a;
    a.opportunity_id = "D1";
    a.type = type;
    a.date = kDay + offset;
    test::expect_accepted(b.add_activity(a));
  }
  return std::move(b).finish();
}

// The counts of `types` (by name) in the last 14 and 30 days, as one scan gives them.
std::vector<int> counts_of(const Book& book, DealIndex deal, Day day, const std::vector<std::string>& types,
                           DealActivity& activity) {
  const Dictionary& dictionary = book.activities().types();
  std::vector<std::int32_t> level(dictionary.size(), -1);
  for (std::size_t j = 0; j < types.size(); ++j) level[*dictionary.find(types[j])] = static_cast<std::int32_t>(j);
  std::vector<std::uint8_t> counts(2 * types.size(), 0);
  activity = scan_deal_activities(book.activities(), deal, day, level, counts);
  return {counts.begin(), counts.end()};
}

TEST(ActivityFeatures, OnePassCountsEachTypeInItsWindowsUpToTheDay) {
  const Book book = hand_book();
  DealActivity activity;
  // On kDay: the call of that day counts, the meeting of the next day does
  // not; the call 14 days before is in the 30-day window only.
  EXPECT_EQ(counts_of(book, 0, kDay, {"call", "email", "meeting"}, activity),
            (std::vector<int>{2, 3, 0, 1, 1, 1}));
  EXPECT_EQ(activity.days_since_last, 0);
  // A day earlier: the last is 2 days before it, the call 14 days before
  // kDay is 13 days before it (in both windows), the one 40 days before in
  // neither; "email" has no level here.
  EXPECT_EQ(counts_of(book, 0, kDay - 1, {"call", "meeting"}, activity), (std::vector<int>{2, 2, 1, 1}));
  EXPECT_EQ(activity.days_since_last, 2);
  EXPECT_EQ(counts_of(book, 1, kDay, {"call"}, activity), (std::vector<int>{0, 0}));
  EXPECT_EQ(activity.days_since_last, -1);
}

TEST(ActivityFeatures, BaseFeaturesAreRecencyNoneSilenceAndTheSilentFlag) {
  // Last activity 30 days ago, 25 days in the stage: silent the whole stage.
  const auto a = activity_base_features({30}, 25, 100);
  EXPECT_DOUBLE_EQ(a[0], std::log1p(30.0));
  EXPECT_EQ(a[1], 0.0);
  EXPECT_DOUBLE_EQ(a[2], std::log1p(25.0));
  EXPECT_EQ(a[3], 1.0);
  // None yet: the age stands for the recency, capped at a year.
  const auto none = activity_base_features({-1}, 10, 500);
  EXPECT_DOUBLE_EQ(none[0], std::log1p(365.0));
  EXPECT_EQ(none[1], 1.0);
  EXPECT_DOUBLE_EQ(none[2], std::log1p(10.0));
  EXPECT_EQ(none[3], 0.0);
  EXPECT_EQ(silent_days_in_stage({3}, 40), 3);
  EXPECT_EQ(activity_base_features({22}, 40, 60)[3], 1.0);  // more than 21 days
  EXPECT_EQ(activity_base_features({21}, 40, 60)[3], 0.0);
}

const SyntheticBook& synth_book() {
  static const SyntheticBook book = generate_synthetic_book({500, 3, to_day(2023, 1, 1), to_day(2024, 12, 31)});
  return book;
}

TEST(ActivityModel, NothingDatedAfterTheDayChangesItsFeaturesOrItsModel) {
  const Book& full = synth_book().book;
  BookBuilder b;
  test::copy_book(b, full, full.latest_day(), kDay);  // every fact but the activities after kDay
  const Book cut = std::move(b).finish();
  ASSERT_LT(cut.activities().size(), full.activities().size());

  const LogisticWinParams p = fit_logistic_win(full, build_training_set(full, full.latest_day()), {}, 0, true);
  ASSERT_FALSE(p.activities.empty());
  const DealStates on_full = open_deal_states(AsOfView(full, kDay));
  const DealStates on_cut = open_deal_states(AsOfView(cut, kDay));
  ASSERT_GT(on_full.size(), 20u);
  const SparseDesign x_full = logistic_design(p, full, on_full), x_cut = logistic_design(p, cut, on_cut);
  EXPECT_EQ(x_full.index, x_cut.index);
  EXPECT_EQ(x_full.value, x_cut.value);
  // The model fitted as of kDay reads snapshots before it: the same.
  EXPECT_EQ(fit_logistic_win(full, build_training_set(full, kDay), {}, 0, true),
            fit_logistic_win(cut, build_training_set(cut, kDay), {}, 0, true));
}

std::uint32_t version_of(const std::string& bytes) {
  return parse_sealed_bytes(bytes, kModelMagic, kModelFormatVersion, "model", "m").format_version;
}

TEST(ActivityModel, ABookWithoutActivitiesKeepsItsModelAndFileFormat) {
  SynthOptions options{500, 3, to_day(2023, 1, 1), to_day(2024, 12, 31)};
  options.activities = false;
  const Book plain = generate_synthetic_book(options).book;
  FitOptions off;
  off.activities = false;
  const FittedModel by_default = fit_model("logistic", plain, kDay), without = fit_model("logistic", plain, kDay, off);
  const std::string bytes = model_bytes(by_default);
  EXPECT_EQ(bytes, model_bytes(without));
  // The oldest format that holds the model: 7 for the censoring weights,
  // not 5 (activity features).
  ASSERT_FALSE(dynamic_cast<const LogisticWinModel&>(by_default.win_model()).params().censoring.empty());
  EXPECT_EQ(version_of(bytes), 7u);
  const auto& p = dynamic_cast<const LogisticWinModel&>(by_default.win_model()).params();
  EXPECT_TRUE(p.activities.empty());
}

TEST(ActivityModel, TheOptionTurnsTheFeaturesOffAndTheFileCarriesThem) {
  const Book& book = synth_book().book;
  FitOptions off;
  off.activities = false;
  EXPECT_TRUE(FitOptions{}.activities);  // on by default
  const FittedModel with = fit_model("logistic", book, kDay), without = fit_model("logistic", book, kDay, off);
  const auto& p = dynamic_cast<const LogisticWinModel&>(with.win_model()).params();
  const auto& q = dynamic_cast<const LogisticWinModel&>(without.win_model()).params();
  EXPECT_EQ(p.activities.types, (std::vector<std::string>{"call", "email", "meeting"}));
  EXPECT_EQ(p.activities.first, q.columns());  // after every other column
  EXPECT_EQ(p.columns(), q.columns() + kActivityBaseFeatures + 2 * 3);
  EXPECT_TRUE(q.activities.empty());
  // The censoring weights make both format 7.
  EXPECT_EQ(version_of(model_bytes(without)), 7u);

  const std::string bytes = model_bytes(with);
  EXPECT_EQ(version_of(bytes), 7u);
  const FittedModel loaded = model_from_bytes(bytes);
  EXPECT_EQ(dynamic_cast<const LogisticWinModel&>(loaded.win_model()).params(), p);
  EXPECT_EQ(model_bytes(loaded), bytes);
  const AsOfView view(book, kDay);
  EXPECT_EQ(loaded.score(view).win_probability, with.score(view).win_probability);
  // The folded scorer and the design agree.
  const DealScores scores = with.score(view);
  const SparseDesign x = logistic_design(p, book, scores.deals);
  for (std::size_t i = 0; i < scores.size(); ++i)
    EXPECT_NEAR(scores.win_probability[i], std::clamp(logistic(x.dot(i, p.coefficients)), 1e-4, 1 - 1e-4), 1e-12);
}

// Training snapshots each stand on a day of their own (the pipeline's spread
// scores them): their activities are read as logged by that day, as when the
// deals open then are scored as of it; read as of T they would tell of the
// snapshot's future.
TEST(ActivityModel, RowsOnTheirOwnDaysReadTheActivitiesLoggedByThen) {
  const Book& book = synth_book().book;
  const FittedModel model = fit_model("logistic", book, kDay);
  const WinModel& win = model.win_model();
  const TrainingSet training = build_training_set(book, kDay);
  std::vector<double> on_days(training.size()), at_t(training.size());
  win.predict_on_days(book, training.rows, training.snapshot, on_days);
  win.predict(book, training.rows, at_t);
  std::size_t checked = 0, differ_from_t = 0;
  for (const Day day : {training.snapshot.front(), training.snapshot[training.size() / 2]}) {
    const DealStates open = open_deal_states(AsOfView(book, day));
    std::vector<double> scored(open.size());
    win.predict(book, open, scored);
    for (std::size_t r = 0; r < training.size(); ++r) {
      if (training.snapshot[r] != day) continue;
      const auto at = std::find(open.deal.begin(), open.deal.end(), training.rows.deal[r]);
      ASSERT_NE(at, open.deal.end());
      EXPECT_NEAR(on_days[r], scored[static_cast<std::size_t>(at - open.deal.begin())], 1e-12);
      ++checked;
      differ_from_t += std::abs(at_t[r] - on_days[r]) > 1e-9;
    }
  }
  EXPECT_GT(checked, 20u);
  EXPECT_GT(differ_from_t, checked / 2);
  EXPECT_THROW(win.predict_on_days(book, training.rows, std::span(training.snapshot).first(1), on_days),
               std::invalid_argument);
}

// Days since deal's last activity on or before `day`, counted by hand; -1: none.
int days_since_last(const Book& book, DealIndex deal, Day day) {
  const Activities& a = book.activities();
  int out = -1;
  for (auto r = a.deal_begin(deal); r < a.deal_end(deal); ++r)
    if (a.date_column()[r] <= day) out = day - a.date_column()[r];
  return out;
}

TEST(ActivityModel, ExplainNamesTheActivityDriversInWords) {
  const Book& book = synth_book().book;
  FitOptions on;
  on.activities = true;
  const FittedModel model = fit_model("logistic", book, kDay, on);
  const DealScores scores = model.score(AsOfView(book, kDay));
  std::size_t silent = 0, recent = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const std::vector<Factor> factors = model.win_model().explain(book, scores.deals, i, 100);
    const auto has = [&](const std::string& text) {
      return std::any_of(factors.begin(), factors.end(), [&](const Factor& f) { return f.feature == text; });
    };
    const int since = days_since_last(book, scores.deals.deal[i], kDay);
    if (since > 1) {
      EXPECT_TRUE(has("activity=no activity for " + std::to_string(since) + " days") ||
                  has("activity=no activity for " + std::to_string(since) + " days (none in this stage)"))
          << "deal " << scores.deals.deal[i];
      ++silent;
    }
    if (since < 0) {
      EXPECT_TRUE(has("activity=no activity yet"));
    }
    if (has("meetings=a meeting in the last 14 days")) ++recent;
  }
  EXPECT_GT(silent, 10u);
  EXPECT_GT(recent, 0u);
}

}  // namespace
}  // namespace activity_model_test
}  // namespace pipecast
