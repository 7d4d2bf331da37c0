// The forecast engine: scoring open deals, the Monte Carlo of period
// bookings, and fitting.  Targets (issue 4): scoring at least 10^7 deals/s;
// 10^5 open deals x 10^4 trials under 1 s on two cores.
#include "forecast_fixture.hpp"

#include "pipecast/forecast/period_forecast.hpp"

#include <benchmark/benchmark.h>

namespace pipecast {
namespace {

using bench::kForecastAsOf;

const Book& book() { return bench::synthetic_book(100'000); }

const FittedModel& model(const std::string& name) {
  static std::map<std::string, std::unique_ptr<FittedModel>> cache;
  auto& slot = cache[name];
  if (!slot) slot = std::make_unique<FittedModel>(fit_model(name, book(), kForecastAsOf));
  return *slot;
}

void score(benchmark::State& state, const std::string& name) {
  const DealStates deals = bench::many_open_deals(book(), static_cast<std::size_t>(state.range(0)));
  const FittedModel& m = model(name);
  DealScores scores;
  for (auto _ : state) {
    // Not timed: the caller's deal states, moved in, and freeing the last
    // iteration's scores (the caller's business too).
    state.PauseTiming();
    DealStates copy = deals;
    scores = DealScores{};
    state.ResumeTiming();
    scores = m.score(book(), std::move(copy));
    benchmark::DoNotOptimize(scores);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(deals.size()) * state.iterations());
}
void BM_ScoreLogistic(benchmark::State& state) { score(state, "logistic"); }
void BM_ScoreMarkov(benchmark::State& state) { score(state, "markov"); }
void BM_ScoreCrm(benchmark::State& state) { score(state, "crm"); }
BENCHMARK(BM_ScoreLogistic)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreMarkov)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreCrm)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Arguments: open deals, trials, periods, threads.
void BM_MonteCarlo(benchmark::State& state) {
  const FittedModel& m = model("logistic");
  const DealScores scores = m.score(book(), bench::many_open_deals(book(), static_cast<std::size_t>(state.range(0))));
  ForecastOptions options;
  options.trials = static_cast<std::size_t>(state.range(1));
  options.threads = static_cast<unsigned>(state.range(3));
  Period p = period_containing(kForecastAsOf + 1, PeriodKind::quarter);
  for (std::int64_t j = 0; j < state.range(2); ++j, p = next_period(p)) options.periods.push_back(p);
  for (auto _ : state) {
    Forecast f = forecast_periods(scores, m.new_deals(), book(), options);
    benchmark::DoNotOptimize(f);
  }
  state.SetItemsProcessed(state.range(0) * state.range(1) * state.iterations());
  state.SetLabel("deal-trials/s");
}
BENCHMARK(BM_MonteCarlo)
    ->Args({100'000, 10'000, 1, 1})
    ->Args({100'000, 10'000, 1, 2})
    ->Args({100'000, 10'000, 4, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// A whole fit as of T on a 100,000-deal book (training snapshots included).
void BM_Fit(benchmark::State& state, const std::string& name) {
  for (auto _ : state) {
    FittedModel m = fit_model(name, book(), kForecastAsOf);
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK_CAPTURE(BM_Fit, crm, std::string("crm"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Fit, stage, std::string("stage"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Fit, markov, std::string("markov"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Fit, logistic, std::string("logistic"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Fit, auto, std::string("auto"))->Unit(benchmark::kMillisecond);

// The close timing alone on the same book's training set (its exact sums
// per row are what keeps a fit from parts equal to the whole).
void BM_CloseTiming(benchmark::State& state) {
  const TrainingSet training = build_training_set(book(), kForecastAsOf);
  for (auto _ : state) {
    CloseTiming timing = CloseTiming::fit(book(), training);
    benchmark::DoNotOptimize(timing);
  }
  state.counters["rows"] = static_cast<double>(training.size());
}
BENCHMARK(BM_CloseTiming)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pipecast
