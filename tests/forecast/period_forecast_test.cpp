// Period forecasts: exact expected values and seeded quantiles that do not
// depend on the thread count (whether the intervals cover what happened:
// tests/accuracy/interval_coverage_test.cpp).
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "period_forecast_book.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace period_forecast_test {
namespace {

const SyntheticBook& world() { return test::period_forecast_book(); }

ForecastOptions quarters_from(Day t, std::size_t count, std::size_t trials = 2000) {
  ForecastOptions options;
  options.trials = trials;
  Period p = period_containing(t, PeriodKind::quarter);
  for (std::size_t j = 0; j < count; ++j, p = next_period(p)) options.periods.push_back(p);
  return options;
}

TEST(PeriodForecast, ExpectedValuesAreTheExactSums) {
  const Day t = to_day(2024, 5, 15);
  const FittedModel model = fit_model("markov", world().book, t);
  const ForecastOptions options = quarters_from(t, 2);
  const Forecast f = forecast_periods(model, world().book, options);
  const DealScores scores = model.score(AsOfView(world().book, t));
  ASSERT_EQ(f.periods.size(), 2u);
  for (std::size_t j = 0; j < 2; ++j) {
    const Period& p = options.periods[j];
    double pipeline = 0;
    for (std::size_t i = 0; i < scores.size(); ++i)
      pipeline += scores.won_between(i, p.first, p.last) * scores.deals.amount[i];
    EXPECT_NEAR(f.periods[j][ForecastComponent::pipeline].expected, pipeline, 1e-6 * pipeline);
    const double closed = j == 0 ? won_amount(world().book, t, p.first, t) : 0.0;
    EXPECT_EQ(f.periods[j][ForecastComponent::closed].expected, closed);
    EXPECT_EQ(f.periods[j][ForecastComponent::closed].p10, closed);
    const auto& total = f.periods[j][ForecastComponent::total];
    EXPECT_NEAR(total.expected,
                closed + pipeline + f.periods[j][ForecastComponent::new_deals].expected, 1e-6 * total.expected);
    EXPECT_LE(total.p10, total.p50);
    EXPECT_LE(total.p50, total.p90);
    // The Monte Carlo mean agrees with the exact expectation.
    double mean = 0;
    for (std::size_t s = 0; s < f.trials; ++s) mean += f.total_samples[s * 2 + j];
    mean /= static_cast<double>(f.trials);
    EXPECT_NEAR(mean, total.expected, 0.03 * total.expected);
  }
  EXPECT_GT(f.periods[0][ForecastComponent::closed].expected, 0.0);
  EXPECT_GT(f.periods[1][ForecastComponent::new_deals].expected, 0.0);
}

TEST(PeriodForecast, SameResultWhateverTheThreadCount) {
  const Day t = to_day(2024, 5, 15);
  const FittedModel model = fit_model("logistic", world().book, t);
  ForecastOptions options = quarters_from(t, 3, 3000);
  options.seed = 99;
  options.threads = 1;
  const Forecast one = forecast_periods(model, world().book, options);
  for (const unsigned threads : {2u, 3u, 8u}) {
    options.threads = threads;
    const Forecast many = forecast_periods(model, world().book, options);
    EXPECT_EQ(one.total_samples, many.total_samples) << threads << " threads";
  }
  options.seed = 100;
  EXPECT_NE(one.total_samples, forecast_periods(model, world().book, options).total_samples);
}

TEST(PeriodForecast, RefusesBadOptions) {
  const FittedModel model = fit_model("crm", world().book, to_day(2024, 5, 15));
  ForecastOptions options;
  EXPECT_THROW(forecast_periods(model, world().book, options), std::invalid_argument);
  options = quarters_from(to_day(2024, 5, 15), 1, 10);
  EXPECT_THROW(forecast_periods(model, world().book, options), std::invalid_argument);
  options = quarters_from(to_day(2024, 5, 15), 2);
  std::swap(options.periods[0], options.periods[1]);
  EXPECT_THROW(forecast_periods(model, world().book, options), std::invalid_argument);
}

TEST(ModelFile, RoundTripsEveryBuiltInModel) {
  const Day t = to_day(2024, 5, 15);
  const auto dir = test::fresh_directory("model-file");
  // Fitted together, the models fit_model() gives one by one, sharing one
  // training set, timing and flow: the longest test of the forecast suite
  // under ASan, 5 s, when each was fitted alone.
  const std::vector<std::string_view> names{"crm", "stage", "markov", "logistic", "auto"};
  const std::vector<FittedModel> models = fit_models(ModelRegistry::builtin(), names, world().book, t);
  for (std::size_t m = 0; m < names.size(); ++m) {
    const std::string name(names[m]);
    const FittedModel& model = models[m];
    const auto path = dir / (name + ".pcm");
    save_model(model, path);
    const FittedModel loaded = load_model(path);
    EXPECT_EQ(loaded.name(), model.name());
    EXPECT_EQ(loaded.as_of(), t);
    EXPECT_EQ(loaded.description(), model.description());
    EXPECT_EQ(loaded.pipeline_dispersion(), model.pipeline_dispersion()) << name;
    const DealScores a = model.score(AsOfView(world().book, t));
    const DealScores b = loaded.score(AsOfView(world().book, t));
    EXPECT_EQ(a.win_probability, b.win_probability) << name;
    EXPECT_EQ(a.shift, b.shift) << name;
    EXPECT_EQ(a.curve, b.curve) << name;
    ForecastOptions options = quarters_from(t, 1, 500);
    EXPECT_EQ(forecast_periods(model, world().book, options).total_samples,
              forecast_periods(loaded, world().book, options).total_samples) << name;
  }
}

TEST(ModelFile, RefusesDamagedFilesAndKeepsTheOldOne) {
  const Day t = to_day(2024, 5, 15);
  const auto dir = test::fresh_directory("model-damage");
  const auto path = dir / "m.pcm";
  const FittedModel model = fit_model("stage", world().book, t);
  save_model(model, path);
  std::string bytes = model_bytes(model);
  for (std::size_t at : {std::size_t{0}, std::size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
    EXPECT_THROW(model_from_bytes(flipped, "m.pcm"), std::runtime_error) << at;
  }
  EXPECT_THROW(model_from_bytes(bytes.substr(0, bytes.size() - 3), "m.pcm"), std::runtime_error);
  try {
    model_from_bytes(bytes.substr(0, 40), "m.pcm");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("m.pcm: ", 0), 0u) << e.what();
  }
  // A directory where the file should go: the error names it; nothing else changes.
  EXPECT_THROW(save_model(model, dir), std::system_error);
  EXPECT_EQ(load_model(path).name(), "stage");
}

TEST(ModelFile, RefusesToSaveAModelThatIsNotBuiltIn) {
  struct Half final : WinModel {
    void predict(const Book&, const DealStates& d, std::span<double> out) const override {
      for (std::size_t i = 0; i < d.size(); ++i) out[i] = 0.5;
    }
  };
  ModelRegistry registry = ModelRegistry::builtin();
  ModelSpec spec;
  spec.name = "half";
  spec.fit_win = [](const FitContext&, const FitOptions&) { return std::make_shared<const Half>(); };
  registry.add(spec);
  const FittedModel model = fit_model(registry, "half", world().book, to_day(2024, 5, 15));
  EXPECT_THROW(model_bytes(model), std::invalid_argument);
}

}  // namespace
}  // namespace period_forecast_test
}  // namespace pipecast
