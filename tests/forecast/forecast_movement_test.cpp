// The waterfall of a forecast between two days: every bar on a book where
// each one is known by hand, and on a synthetic book the bars summing from
// one forecast's expected total to the other's.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/forecast_movement.hpp"
#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/forecast/score_changes.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace forecast_movement_test {
namespace {

const Day kSince = to_day(2024, 7, 1);
const Day kAsOf = to_day(2024, 7, 31);
const Period kQ3 = period_containing(kSince, PeriodKind::quarter);

struct Change {
  std::string stage;
  Day day;
  double amount;
  Day close;
};

struct Deal {
  std::string id;
  double amount;
  Day created;
  Day close;
  std::vector<Change> later;  // after the creation row, in date order
};

// One pipeline, Qualify (CRM probability 0.3) and Propose (0.6); crm scores
// each open deal at its stage's probability, closing on its close date.
Book book_of(const std::vector<Deal>& deals) {
  BookBuilder b;
  const auto ok = [](const Checked& c) {
    if (c) ADD_FAILURE() << c->field << ": " << c->message;
  };
  ok(b.add_stage({"P", "Qualify", 1, 0.3, StageKind::open, ""}));
  ok(b.add_stage({"P", "Propose", 2, 0.6, StageKind::open, ""}));
  ok(b.add_stage({"P", "Won", 3, 1.0, StageKind::won, ""}));
  ok(b.add_stage({"P", "Lost", 4, 0.0, StageKind::lost, ""}));
  for (const Deal& d : deals) {
    const Change last = d.later.empty() ? Change{"Qualify", d.created, d.amount, d.close} : d.later.back();
    ok(b.add_opportunity({d.id, "P", "a", "o", "p", "s", "g", last.amount, "", d.created, last.close, last.stage, {}}));
    ok(b.add_history({d.id, "Qualify", d.created, d.amount, d.close, {}}));
    for (const Change& c : d.later) ok(b.add_history({d.id, c.stage, c.day, c.amount, c.close, {}}));
  }
  return std::move(b).finish();
}

const Day kMay = to_day(2024, 5, 1);
Day july(int day) { return to_day(2024, 7, day); }

TEST(ForecastMovement, EachBarIsWhatItsDealsDid) {
  const Book book = book_of({
      {"amount", 1000, kMay, july(28), {{"Qualify", july(12), 1500, july(28)}}},
      {"won", 2000, kMay, to_day(2024, 8, 1), {{"Won", july(15), 2000, july(15)}}},
      {"lost", 1000, kMay, to_day(2024, 9, 1), {{"Lost", july(10), 1000, july(10)}}},
      {"slipped", 1000, kMay, to_day(2024, 8, 20), {{"Qualify", july(20), 1000, to_day(2024, 10, 15)}}},
      {"pulled", 1000, kMay, to_day(2024, 10, 10), {{"Qualify", july(20), 1000, to_day(2024, 9, 10)}}},
      {"advanced", 1000, kMay, to_day(2024, 8, 30), {{"Propose", july(5), 1000, to_day(2024, 8, 30)}}},
      {"new", 500, july(10), to_day(2024, 9, 1), {}},
      {"still", 100, kMay, to_day(2024, 8, 1), {}},
  });
  const FittedModel crm = fit_model("crm", book, kAsOf);
  const ForecastMovement m = forecast_movement(crm, book, kSince, kAsOf, {kQ3});
  ASSERT_EQ(m.periods.size(), 1u);
  const PeriodMovement& p = m.periods[0];
  EXPECT_DOUBLE_EQ(p.before, 300 + 600 + 300 + 300 + 0 + 300 + 30);
  EXPECT_DOUBLE_EQ(p.after, 450 + 2000 + 0 + 0 + 300 + 600 + 150 + 30);
  EXPECT_DOUBLE_EQ(p[MovementCause::new_deals], 0.3 * 500);
  EXPECT_DOUBLE_EQ(p[MovementCause::won], 2000 - 0.3 * 2000);
  EXPECT_DOUBLE_EQ(p[MovementCause::lost], -0.3 * 1000);
  EXPECT_DOUBLE_EQ(p[MovementCause::slipped], -0.3 * 1000);
  EXPECT_DOUBLE_EQ(p[MovementCause::pulled_in], 0.3 * 1000);
  EXPECT_DOUBLE_EQ(p[MovementCause::amount], 0.3 * 500);
  EXPECT_NEAR(p[MovementCause::probability], (0.6 - 0.3) * 1000, 1e-9);
  EXPECT_EQ(p.not_yet_created, 0.0);  // crm forecasts no deal not yet created
  // Seven deals moved, the largest first; the one that did not is absent.
  ASSERT_EQ(p.deals.size(), 7u);
  EXPECT_EQ(book.ids()[p.deals[0].deal], "won");
  EXPECT_EQ(p.deals[0].cause, MovementCause::won);
  for (const DealMovement& d : p.deals) EXPECT_NE(book.ids()[d.deal], "still");
  const auto mover = [&](std::string_view id) {
    for (const DealMovement& d : p.deals)
      if (book.ids()[d.deal] == id) return d;
    ADD_FAILURE() << id;
    return DealMovement{};
  };
  EXPECT_EQ(mover("advanced").cause, MovementCause::probability);
  EXPECT_DOUBLE_EQ(mover("advanced").probability_before, 0.3);
  EXPECT_DOUBLE_EQ(mover("advanced").probability_after, 0.6);
  EXPECT_EQ(mover("slipped").close_after, to_day(2024, 10, 15));
  EXPECT_FALSE(mover("new").existed_before);
  EXPECT_EQ(mover("new").cause, MovementCause::new_deals);
  EXPECT_TRUE(std::isnan(mover("lost").probability_after));

  // The table: before, a bar per cause, after; its running level ends at after.
  const ResultTable t = movement_table(m);
  ASSERT_EQ(t.rows, 9u);
  EXPECT_EQ(t.find("bar")->texts.front(), "before");
  EXPECT_EQ(t.find("bar")->texts[1], "new deals");
  EXPECT_EQ(t.find("bar")->texts.back(), "after");
  EXPECT_EQ(t.find("day")->days.front(), kSince);
  EXPECT_NEAR(t.find("running")->numbers[7], p.after, 1e-9);
  const ResultTable movers = movers_table(book, m, 3);
  EXPECT_EQ(movers.rows, 3u);
  EXPECT_EQ(movers.find("stage_before")->texts[0], "Qualify");
  EXPECT_EQ(movers.find("stage_after")->texts[0], "Won");
  const std::string json = to_json(m, book, 2);
  EXPECT_NE(json.find(R"("since": "2024-07-01")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("bar": "pulled in")"), std::string::npos);
  EXPECT_NE(json.find(R"("id": "won")"), std::string::npos);
}

TEST(ForecastMovement, TheBarsSumFromOneForecastToTheOther) {
  const Book book = generate_synthetic_book({.deals = 4000, .seed = 31}).book;
  const Day as_of = to_day(2024, 6, 30), since = as_of - 28;
  const Period quarter = period_containing(as_of + 1, PeriodKind::quarter);
  const std::vector<Period> periods{period_containing(as_of, PeriodKind::quarter), quarter, next_period(quarter)};
  for (const std::string model_name : {"stage", "markov", "logistic"}) {
    SCOPED_TRACE(model_name);
    const FittedModel model = fit_model(model_name, book, as_of);
    const ForecastMovement m = forecast_movement(model, book, since, as_of, periods);
    ForecastOptions options;
    options.periods = periods;
    options.trials = 100;
    options.as_of = since;
    const Forecast before = forecast_periods(model, book, options);
    options.as_of = as_of;
    const Forecast after = forecast_periods(model, book, options);
    for (std::size_t j = 0; j < periods.size(); ++j) {
      const PeriodMovement& p = m.periods[j];
      const double scale = std::max(1.0, std::abs(p.after));
      EXPECT_NEAR(p.before, before.periods[j][ForecastComponent::total].expected, 1e-12 * scale);
      EXPECT_NEAR(p.after, after.periods[j][ForecastComponent::total].expected, 1e-12 * scale);
      double bars = 0.0, movers = 0.0;
      for (const MovementCause c : kMovementCauses) bars += p[c];
      for (const DealMovement& d : p.deals) movers += d.change();
      EXPECT_NEAR(p.before + bars, p.after, 1e-9 * scale);
      EXPECT_NEAR(movers + p.not_yet_created, p.after - p.before, 1e-9 * scale);
      EXPECT_GT(p.deals.size(), 10u);
      EXPECT_NE(p[MovementCause::won], 0.0);
    }
  }
}

TEST(ScoreChanges, EachDealSaysWhatMovedIt) {
  const Book book = book_of({
      {"advanced", 1000, kMay, to_day(2024, 8, 30), {{"Propose", july(5), 1000, to_day(2024, 8, 30)}}},
      {"amount", 1000, kMay, july(28), {{"Qualify", july(12), 1500, to_day(2024, 8, 28)}}},
      {"new", 500, july(10), to_day(2024, 9, 1), {}},
  });
  const FittedModel crm = fit_model("crm", book, kAsOf);
  const DealScores scores = crm.score(AsOfView(book, kAsOf));
  const ScoreChanges changes = score_changes(crm, book, scores, kSince);
  ASSERT_EQ(changes.deals.size(), 3u);
  const auto row = [&](std::string_view id) {
    for (std::size_t i = 0; i < scores.size(); ++i)
      if (book.ids()[scores.deals.deal[i]] == id) return changes.deals[i];
    ADD_FAILURE() << id;
    return ScoreChange{};
  };
  EXPECT_DOUBLE_EQ(row("advanced").before, 0.3);
  EXPECT_DOUBLE_EQ(row("advanced").after, 0.6);
  // crm measures no effects: the drivers say what changed in the deal (a
  // history row in the same stage does not restart its days there).
  EXPECT_EQ(factors_text(row("advanced").drivers), "stage: Qualify -> Propose; days in stage: 61 -> 26");
  EXPECT_EQ(factors_text(row("amount").drivers),
            "close date: 2024-07-28 -> 2024-08-28; amount: 1000 -> 1500; days in stage: 61 -> 91");
  EXPECT_TRUE(std::isnan(row("new").before));
  EXPECT_TRUE(row("new").drivers.empty());
  const ResultTable t = scores_table(book, scores, {.changes = &changes});
  EXPECT_NE(t.find("win_probability_change"), nullptr);
  EXPECT_EQ(t.find("drivers")->texts.size(), 3u);
}

TEST(ScoreChanges, LogisticDriversAddUpToTheChangeInLogOdds) {
  // Its factors are every column's effect against the average row, so their
  // changes sum to the change of the linear predictor (drivers under 0.005
  // left out).
  const Book book = generate_synthetic_book({.deals = 4000, .seed = 31}).book;
  const Day as_of = to_day(2024, 6, 30);
  const FittedModel model = fit_model("logistic", book, as_of);
  const DealScores scores = model.score(AsOfView(book, as_of));
  const ScoreChanges changes = score_changes(model, book, scores, as_of - 28, 100);
  const auto logit = [](double p) { return std::log(p / (1 - p)); };
  std::size_t compared = 0;
  for (const ScoreChange& c : changes.deals) {
    if (std::isnan(c.before) || c.after <= kMinWinProbability || c.before <= kMinWinProbability) continue;
    double sum = 0.0;
    for (const Factor& f : c.drivers) sum += f.contribution;
    EXPECT_NEAR(sum, logit(c.after) - logit(c.before), 0.005 * 20) << factors_text(c.drivers);
    ++compared;
  }
  EXPECT_GT(compared, 100u);
}

TEST(ForecastMovement, ADayNotBeforeTheForecastsOrBeforeTheBookIsRefused) {
  const Book book = book_of({{"a", 100, kMay, to_day(2024, 8, 1), {}}});
  const FittedModel crm = fit_model("crm", book, kAsOf);
  const auto refusal = [&](Day since) {
    try {
      (void)forecast_movement(crm, book, since, kAsOf, {kQ3});
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(none)");
  };
  EXPECT_EQ(refusal(kAsOf), "the day to compare with (2024-07-31) must be before the as-of day (2024-07-31)");
  EXPECT_EQ(refusal(kAsOf + 3), "the day to compare with (2024-08-03) must be before the as-of day (2024-07-31)");
  EXPECT_EQ(refusal(kMay - 1),
            "the day to compare with (2024-04-30) is before the book's first record (2024-05-01)");
  EXPECT_EQ(refusal(kMay), "(none)");
}

}  // namespace
}  // namespace forecast_movement_test
}  // namespace pipecast
