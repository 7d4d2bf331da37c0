// The rolling-origin backtest: 24 monthly origins, every built-in model
// (crm, stage, markov, logistic, auto, and seasonal-naive), two monthly
// horizons, 2,000 Monte Carlo trials, on a synthetic book of 10^5 deals over
// four and a half years.  Origins run in parallel on every core; the
// process's CPU time is measured besides the wall time.
//
// Where the time goes: one fit per model and origin, at one origin (auto fits
// its three candidates twice more to choose among them).
#include "pipecast/backtest/backtest.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <benchmark/benchmark.h>

namespace pipecast {
namespace {

const Book& book() {
  static const Book b =
      generate_synthetic_book({100'000, 1, to_day(2021, 1, 1), to_day(2025, 6, 30)}).book;
  return b;
}

void BM_Backtest24MonthlyOrigins(benchmark::State& state) {
  BacktestOptions options;
  options.from = to_day(2023, 1, 31);
  options.to = to_day(2024, 12, 31);
  options.every = OriginStep::month;
  options.horizon = PeriodKind::month;
  options.trials = 2000;
  options.threads = 0;
  std::size_t origins = 0;
  for (auto _ : state) {
    Backtest bt = run_backtest(book(), options);
    origins = bt.origins.size();
    benchmark::DoNotOptimize(bt);
  }
  state.counters["deals"] = static_cast<double>(book().size());
  state.counters["origins"] = static_cast<double>(origins);
  state.counters["models"] = 6;
}
BENCHMARK(BM_Backtest24MonthlyOrigins)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

const char* const kModels[] = {"crm", "stage", "markov", "logistic", "auto"};

void BM_FitOneOrigin(benchmark::State& state) {
  const char* name = kModels[state.range(0)];
  state.SetLabel(name);
  const ModelRegistry registry = ModelRegistry::builtin();
  for (auto _ : state) {
    FittedModel model = fit_model(registry, name, book(), to_day(2024, 6, 30));
    benchmark::DoNotOptimize(model);
  }
}
BENCHMARK(BM_FitOneOrigin)->DenseRange(0, 4)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ForecastOneOrigin(benchmark::State& state) {
  const FittedModel model = fit_model("markov", book(), to_day(2024, 6, 30));
  ForecastOptions options;
  options.periods = {parse_period("2024-07"), parse_period("2024-08")};
  options.trials = 2000;
  options.threads = 1;
  for (auto _ : state) {
    Forecast f = forecast_periods(model, book(), options);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_ForecastOneOrigin)->Unit(benchmark::kMillisecond);

void BM_TrainingSet(benchmark::State& state) {
  for (auto _ : state) {
    TrainingSet set = build_training_set(book(), to_day(2024, 6, 30));
    benchmark::DoNotOptimize(set);
  }
}
BENCHMARK(BM_TrainingSet)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pipecast
