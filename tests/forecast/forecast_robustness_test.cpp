// Every model and the period forecast on degenerate books: a result a person
// can use (probabilities in [0, 1], finite amounts, no NaN in the JSON) or a
// clear error, never a crash.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace forecast_robustness_test {
namespace {

struct DealSpec {
  std::string id;
  double amount;
  Day created;
  std::vector<std::pair<std::string, Day>> history;  // stage entered
};

Book make_book(const std::vector<DealSpec>& deals, bool one_stage = false) {
  BookBuilder b;
  auto check = [](const Checked& c) {
    if (c) ADD_FAILURE() << c->field << ": " << c->message;
  };
  check(b.add_stage({"P", "Open", 1, 0.3, StageKind::open, ""}));
  if (!one_stage) {
    check(b.add_stage({"P", "Won", 2, 1.0, StageKind::won, ""}));
    check(b.add_stage({"P", "Lost", 3, 0.0, StageKind::lost, ""}));
  }
  for (const auto& d : deals) {
    const std::string& stage = d.history.empty() ? std::string("Open") : d.history.back().first;
    check(b.add_opportunity({d.id, "P", "a", "o", "p", "s", "g", d.amount, "", d.created, d.created + 30, stage, {}}));
    for (const auto& [name, day] : d.history) check(b.add_history({d.id, name, day, d.amount, d.created + 30, {}}));
  }
  return std::move(b).finish();
}

std::vector<DealSpec> many(int count, const std::function<DealSpec(int)>& make) {
  std::vector<DealSpec> out;
  for (int i = 0; i < count; ++i) out.push_back(make(i));
  return out;
}

void expect_sane(const Book& book, Day t, const std::string& what) {
  for (const std::string& name : ModelRegistry::builtin().names()) {
    SCOPED_TRACE(what + ", model " + name);
    const FittedModel model = fit_model(name, book, t);
    const DealScores scores = model.score(AsOfView(book, t));
    for (std::size_t i = 0; i < scores.size(); ++i) {
      // Never certain (issue 16): a 0 or a 1 makes the log loss infinite
      // the day the deal closes the other way.  AllWon and AllLost would
      // give them.
      EXPECT_TRUE(scores.win_probability[i] >= kMinWinProbability &&
                  scores.win_probability[i] <= 1.0 - kMinWinProbability)
          << scores.win_probability[i];
      EXPECT_TRUE(std::isfinite(scores.expected_amount(i)));
      EXPECT_GE(scores.expected_close(i), t);
    }
    ForecastOptions options;
    options.trials = 200;
    options.periods = {period_containing(t, PeriodKind::quarter), next_period(period_containing(t, PeriodKind::quarter))};
    const Forecast f = forecast_periods(model, book, options);
    // A thin book's rate of new deals is unknown, and then only the new
    // component is (NaN, null in JSON), with the reason.
    const bool new_unknown = !f.new_deals_unknown.empty();
    for (const PeriodForecast& p : f.periods)
      for (const ForecastComponent c : kForecastComponents) {
        if (c == ForecastComponent::new_deals && new_unknown) {
          EXPECT_TRUE(std::isnan(p[c].expected) && std::isnan(p[c].p10) && std::isnan(p[c].p90));
          continue;
        }
        EXPECT_TRUE(std::isfinite(p[c].expected) && std::isfinite(p[c].p10) && std::isfinite(p[c].p90));
        EXPECT_GE(p[c].expected, 0.0);
      }
    // In the JSON, the unknown new component's figures are null, and
    // nothing else is.
    const std::string forecast_json = to_json(f);
    const nlohmann::json rows = nlohmann::json::parse(forecast_json)["forecast"];
    ASSERT_EQ(rows.size(), f.periods.size() * kForecastComponents.size());
    std::size_t unknown = 0;
    for (const nlohmann::json& row : rows)
      for (const char* key : {"expected", "p10", "p50", "p90"}) {
        const bool unknown_new = new_unknown && row["component"] == "new";
        EXPECT_EQ(row[key].is_null(), unknown_new) << row.dump();
        unknown += row[key].is_null();
      }
    EXPECT_EQ(unknown, new_unknown ? 4 * f.periods.size() : 0u);
    EXPECT_EQ(forecast_json.find("\"new_deals_unknown\"") != std::string::npos, new_unknown);
    const std::string deals_json = to_json(scores, book);
    EXPECT_EQ(deals_json.find("null"), std::string::npos) << deals_json.substr(0, 400);
    EXPECT_EQ((forecast_json + deals_json).find("nan"), std::string::npos);
  }
}

const Day kStart = to_day(2024, 1, 1);

TEST(ForecastRobustness, EmptyBook) { expect_sane(BookBuilder().finish(), kStart, "empty book"); }

TEST(ForecastRobustness, SingleOpenDeal) {
  expect_sane(make_book({{"d", 1000, kStart, {{"Open", kStart}}}}), kStart + 10, "one deal");
}

TEST(ForecastRobustness, AllWon) {
  const auto deals = many(60, [](int i) {
    return DealSpec{"w" + std::to_string(i), 100.0 + i, kStart + i, {{"Open", kStart + i}, {"Won", kStart + i + 20}}};
  });
  auto open = deals;
  open.push_back({"x", 500, kStart + 100, {{"Open", kStart + 100}}});
  expect_sane(make_book(open), kStart + 110, "all won");
}

TEST(ForecastRobustness, AllLost) {
  auto deals = many(60, [](int i) {
    return DealSpec{"l" + std::to_string(i), 100.0, kStart + i, {{"Open", kStart + i}, {"Lost", kStart + i + 9}}};
  });
  deals.push_back({"x", 500, kStart + 100, {{"Open", kStart + 100}}});
  expect_sane(make_book(deals), kStart + 110, "all lost");
}

TEST(ForecastRobustness, MarkovShrinksTheRateOfALongStayTowardItsStage) {
  // 100 stays leave Open within 10 days, half won; 5 linger 200 days and
  // are lost.  After 150 days the only exits left are those 5 losses: the
  // rate among them is 0, which a deal lingering that long used to get.
  auto deals = many(100, [](int i) {
    return DealSpec{"q" + std::to_string(i), 100.0, kStart + i, {{"Open", kStart + i}, {i % 2 ? "Won" : "Lost", kStart + i + 5}}};
  });
  for (int i = 0; i < 5; ++i)
    deals.push_back({"s" + std::to_string(i), 100.0, kStart + i, {{"Open", kStart + i}, {"Lost", kStart + i + 200}}});
  const Book book = make_book(deals);
  const MarkovWinParams params = fit_markov_win(book, kStart + 400, 10 * 365);
  const std::uint32_t open = *book.find_stage(*book.find_pipeline("P"), "Open");
  const double entry = params.win_on_entry[open];
  EXPECT_NEAR(entry, 50.0 / 105.0, 1e-12);
  // 5 losses seen after day 150, and kDwellPriorStays stays at the entry rate.
  const double prior = MarkovWinParams::kDwellPriorStays;
  EXPECT_NEAR(params.win_by_dwell[open][150], prior * entry / (5 + prior), 1e-12);
  // Early on, the exits of 105 stays outweigh the prior.
  EXPECT_NEAR(params.win_by_dwell[open][1], (50.0 + prior * entry) / (105 + prior), 1e-12);
}

TEST(ForecastRobustness, OneStageAndNoHistory) {
  const auto deals = many(20, [](int i) { return DealSpec{"o" + std::to_string(i), 10.0, kStart + i, {}}; });
  expect_sane(make_book(deals, true), kStart + 40, "one open stage, no history");
}

TEST(ForecastRobustness, ZeroAmounts) {
  const auto deals = many(60, [](int i) {
    std::vector<std::pair<std::string, Day>> h{{"Open", kStart + i}};
    if (i < 50) h.push_back({i % 2 ? "Won" : "Lost", kStart + i + 15});
    return DealSpec{"z" + std::to_string(i), 0.0, kStart + i, h};
  });
  expect_sane(make_book(deals), kStart + 70, "zero amounts");
}

TEST(ForecastRobustness, DatesAtTheEndsOfTheCalendar) {
  const Day early = to_day(1400, 3, 1), late = to_day(9999, 6, 1);
  expect_sane(make_book({{"e", 100, early, {{"Open", early}}}}), early + 5, "year 1400");
  expect_sane(make_book({{"f", 100, late, {{"Open", late}}}}), late + 5, "year 9999");
}

}  // namespace
}  // namespace forecast_robustness_test
}  // namespace pipecast
