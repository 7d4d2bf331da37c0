// The full pipeline report (every analysis of `pipecast report`) on synthetic
// books of 10^4 to 10^6 deals with their history, after load.  Target: under
// 2 s for 10^6 deals on one core.
#include "pipecast/analytics/report.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <benchmark/benchmark.h>

#include <map>
#include <string>

namespace pipecast {
namespace {

const Book& book_of(std::size_t deals) {
  static std::map<std::size_t, Book> cache;
  auto it = cache.find(deals);
  if (it == cache.end()) {
    SynthOptions options;
    options.deals = deals;
    it = cache.emplace(deals, generate_synthetic_book(options).book).first;
  }
  return it->second;
}

void BM_FullReport(benchmark::State& state) {
  const Book& book = book_of(static_cast<std::size_t>(state.range(0)));
  AnalysisOptions options;
  options.as_of = to_day(2024, 12, 31);
  for (auto _ : state) {
    const Scope scope(book, options);
    Report report = build_report(scope);
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(book.size()) * state.iterations());
  state.counters["history_rows"] = static_cast<double>(book.history_size());
}
BENCHMARK(BM_FullReport)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// What `pipecast report --format json` adds to the report: its document.
void BM_ReportJson(benchmark::State& state) {
  const Book& book = book_of(static_cast<std::size_t>(state.range(0)));
  AnalysisOptions options;
  options.as_of = to_day(2024, 12, 31);
  const Scope scope(book, options);
  const Report report = build_report(scope);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string json = to_json(report);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ReportJson)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_LeadPlan(benchmark::State& state) {
  const Book& book = book_of(static_cast<std::size_t>(state.range(0)));
  AnalysisOptions options;
  options.as_of = to_day(2024, 12, 31);
  options.period = parse_period("2025-Q1");
  for (auto _ : state) {
    const Scope scope(book, options);
    LeadPlan plan = lead_plan(scope, 50'000'000.0);
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(book.size()) * state.iterations());
}
BENCHMARK(BM_LeadPlan)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pipecast
