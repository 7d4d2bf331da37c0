// The level the open deals share: measured on the history by hand, and
// drawn in the simulation with the spread it should have.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/forecast/pipeline_spread.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace pipeline_spread_test {
namespace {

class Half final : public WinModel {
 public:
  void predict(const Book&, const DealStates& deals, std::span<double> out) const override {
    std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(deals.size()), 0.5);
  }
};

/// Ten deals of amount 1 at each snapshot, `won` of them won within the
/// quarter (the others lost).
void add_snapshot(TrainingSet& t, Day snapshot, int won) {
  for (int d = 0; d < 10; ++d) {
    DealStates row;
    row.deal = {0};
    row.position = {0};
    row.stage = {0};
    row.days_in_stage = {5};
    row.age = {5};
    row.amount = {1.0};
    row.amount_in_deal_currency = {1.0};
    row.close_date = {kNoDay};
    row.close_in_days = {kNoDay};
    row.regressions = {0};
    row.pushes = {0};
    append_row(t.rows, row, 0);
    t.snapshot.push_back(snapshot);
    t.outcome.push_back(d < won ? Outcome::won : Outcome::lost);
    t.days_to_close.push_back(30);
  }
}

// P = 1/2 and no timing curve (every win within the quarter): each
// snapshot expects 5 of 10 with variance 10 x 1/4 = 2.5.  Bookings of 9, 1,
// 9, 1 are 4 off each time: (4 x (16 - 2.5)) / (4 x 25) = 0.54.  The
// snapshot 30 days before T cannot be judged yet and is left out.
TEST(PipelineSpread, IsTheExcessVarianceOverTheSquaredExpectation) {
  const Book book = BookBuilder().finish();
  TrainingSet t;
  t.as_of = to_day(2024, 12, 31);
  const int won[] = {9, 1, 9, 1};
  for (int s = 0; s < 4; ++s) add_snapshot(t, t.as_of - 120 - 14 * s, won[s]);
  add_snapshot(t, t.as_of - 30, 10);
  EXPECT_NEAR(pipeline_dispersion(Half(), CloseTiming{}, book, t), 0.54, 1e-12);
}

TEST(PipelineSpread, IsZeroWhenBookingsVaryLessThanIndependentDealsWould) {
  const Book book = BookBuilder().finish();
  TrainingSet t;
  t.as_of = to_day(2024, 12, 31);
  for (int s = 0; s < 4; ++s) add_snapshot(t, t.as_of - 120 - 14 * s, 5);
  EXPECT_EQ(pipeline_dispersion(Half(), CloseTiming{}, book, t), 0.0);
  TrainingSet one;
  one.as_of = t.as_of;
  add_snapshot(one, t.as_of - 120, 10);  // a single snapshot says nothing of a spread
  EXPECT_EQ(pipeline_dispersion(Half(), CloseTiming{}, book, one), 0.0);
}

// With a shared level of dispersion 1/4 (Gamma with shape 4), the pipeline's
// P10 and P90 are close to the level's: chi-square(8) / 8 has its 10% and
// 90% points at 0.436 and 1.670; the deals' own randomness adds little.
TEST(PipelineSpread, TheSimulationDrawsTheSharedLevel) {
  const Book book = generate_synthetic_book({20000, 3}).book;
  const Day t = to_day(2024, 6, 30);
  const FittedModel model = fit_model("markov", book, t);
  DealScores scores = model.score(AsOfView(book, t));
  ForecastOptions options;
  options.trials = 20000;
  options.periods = {next_period(period_containing(t, PeriodKind::quarter))};
  scores.shared_dispersion = 0.25;
  const Forecast with_level = forecast_periods(scores, NewDealFlow{}, book, options);
  const ComponentForecast& shared = with_level.periods[0][ForecastComponent::pipeline];
  EXPECT_NEAR(shared.p10 / shared.expected, 0.436, 0.03);
  EXPECT_NEAR(shared.p90 / shared.expected, 1.670, 0.05);
  scores.shared_dispersion = 0.0;
  const Forecast without_level = forecast_periods(scores, NewDealFlow{}, book, options);
  const ComponentForecast& alone = without_level.periods[0][ForecastComponent::pipeline];
  EXPECT_GT(alone.p10 / alone.expected, 0.8);
  EXPECT_LT(alone.p90 / alone.expected, 1.2);
}

// A fitted model carries the spread into its scores and its file.
TEST(PipelineSpread, AFittedModelMeasuresItAndScoresCarryIt) {
  const Book book = generate_synthetic_book({20000, 3}).book;
  const FittedModel model = fit_model("stage", book, to_day(2024, 6, 30));
  EXPECT_GT(model.pipeline_dispersion(), 0.0);
  EXPECT_LE(model.pipeline_dispersion(), kMaxPipelineDispersion);
  EXPECT_EQ(model.score(AsOfView(book, to_day(2024, 6, 30))).shared_dispersion, model.pipeline_dispersion());
  EXPECT_EQ(fit_model("crm", book, to_day(2024, 6, 30)).pipeline_dispersion(), 0.0);
}

}  // namespace
}  // namespace pipeline_spread_test
}  // namespace pipecast
