// CSV import speed (MB/s) and the memory a book holds (bytes per opportunity
// and per history row), on synthetic books of 10^4 to 10^6 deals.
//
//   make bench   or   build-release/benchmarks/import_benchmark
#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <unistd.h>

namespace pipecast {
namespace {

// The exported files of a synthetic book of `deals` deals, made once per size.
const CsvFiles& files_of(std::size_t deals) {
  static std::map<std::size_t, CsvFiles> cache;
  auto it = cache.find(deals);
  if (it == cache.end()) {
    SynthOptions options;
    options.deals = deals;
    it = cache.emplace(deals, export_csv_book(generate_synthetic_book(options).book)).first;
  }
  return it->second;
}

std::size_t total_bytes(const CsvFiles& files) {
  std::size_t bytes = 0;
  for (const auto& [name, content] : files) bytes += content.size();
  return bytes;
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Arguments: deals, threads.  Rates are per second of wall time (the
// import reads ahead on helper threads); CPU time is the whole process's.
void BM_ImportCsv(benchmark::State& state) {
  const CsvFiles& files = files_of(static_cast<std::size_t>(state.range(0)));
  ImportOptions options;
  options.threads = static_cast<unsigned>(state.range(1));
  std::size_t opportunities = 0, history = 0, held = 0;
  for (auto _ : state) {
    ImportResult result = import_csv_book(files, options);
    opportunities = result.book.size();
    history = result.book.history_size();
    held = result.book.memory_bytes();
    benchmark::DoNotOptimize(result);
  }
  const auto bytes = static_cast<double>(total_bytes(files));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(opportunities) * state.iterations());
  state.counters["history_rows"] = static_cast<double>(history);
  // What the book holds, against the budget of 150 B per deal + 32 B per history row.
  state.counters["book_bytes_per_deal"] = static_cast<double>(held) / static_cast<double>(opportunities);
  state.counters["budget_bytes_per_deal"] =
      150.0 + 32.0 * static_cast<double>(history) / static_cast<double>(opportunities);
}
BENCHMARK(BM_ImportCsv)
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {1, 2}})
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

// Resident memory growth while a book is held, measured by the kernel
// (/proc/self/statm), which also counts allocator overhead.
void BM_ResidentBytes(benchmark::State& state) {
  const CsvFiles& files = files_of(static_cast<std::size_t>(state.range(0)));
  double per_deal = 0, budget = 0;
  for (auto _ : state) {
    const std::size_t before = resident_bytes();
    ImportResult result = import_csv_book(files);
    const std::size_t after = resident_bytes();
    const auto n = static_cast<double>(result.book.size());
    per_deal = static_cast<double>(after > before ? after - before : 0) / n;
    budget = 150.0 + 32.0 * static_cast<double>(result.book.history_size()) / n;
  }
  state.counters["resident_bytes_per_deal"] = per_deal;
  state.counters["budget_bytes_per_deal"] = budget;
}
BENCHMARK(BM_ResidentBytes)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pipecast
