// Faults in the parallel runtime (src/core/parallel_for.hpp) and in each
// of its users.  An exception on a helper thread must reach the caller as it
// was thrown, the lowest task's first, and never end the process through
// std::terminate: std::bad_alloc stays std::bad_alloc, so the C ABI's
// firewall reports PIPECAST_ERROR_OUT_OF_MEMORY.
//
// The users (the import's text scan, the logistic fit, the Monte Carlo
// forecast, the backtest) are made to fail on a helper thread through the
// runtime's test hook (src/core/fault_injection.hpp: the first task a
// helper takes throws std::bad_alloc; per thread, off unless armed), and the
// backtest also through a model of our own whose predict() throws
// std::bad_alloc.  After each fault the same call, unarmed, gives what one
// thread gives: nothing was left half done.
//
// Like the other tests that reach private headers, this one includes them by
// relative path (docs/architecture.md, "Known debts").
#include "core/fault_injection.hpp"
#include "core/parallel_for.hpp"

#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_output.hpp"
#include "pipecast/forecast/crm_model.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/logistic_regression.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"
#include "pipecast/core/threads.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace parallel_runtime_test {
namespace {

namespace injection = parallel_fault_injection;

const unsigned kThreadCounts[] = {1, 2, 8};

// Disarms the hook when a test ends, whatever happens in it.
struct Disarm {
  ~Disarm() { injection::disarm(); }
};

// --- The runtime -------------------------------------------------------------

TEST(ParallelRuntime, ResolveThreadsMakesZeroTheHardwareCount) {
  EXPECT_GE(resolve_threads(0), 1u);
  EXPECT_EQ(resolve_threads(0), resolve_threads(0));
  EXPECT_EQ(resolve_threads(1), 1u);
  EXPECT_EQ(resolve_threads(5), 5u);
}

TEST(ParallelRuntime, TheProcessCapBoundsEveryThreadCountAndIsLiftedByZero) {
  const unsigned hardware = resolve_threads(0);
  ASSERT_EQ(max_threads(), 0u);
  set_max_threads(3);
  EXPECT_EQ(max_threads(), 3u);
  EXPECT_EQ(resolve_threads(0), std::min(hardware, 3u));
  EXPECT_EQ(resolve_threads(8), 3u);
  EXPECT_EQ(resolve_threads(2), 2u);
  // Work still runs whole under the cap.
  std::vector<std::atomic<int>> runs(50);
  parallel_for(runs.size(), 8, [&](std::size_t i) { ++runs[i]; });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
  set_max_threads(0);
  EXPECT_EQ(max_threads(), 0u);
  EXPECT_EQ(resolve_threads(8), 8u);
  EXPECT_EQ(resolve_threads(0), hardware);
}

TEST(ParallelRuntime, EveryTaskRunsOnceWithAnyThreadCount) {
  for (const unsigned threads : {0u, 1u, 2u, 3u, 8u, 64u}) {
    std::vector<int> runs(1000, 0);
    parallel_for(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
    EXPECT_EQ(runs, std::vector<int>(1000, 1)) << threads << " threads";
  }
  bool ran = false;
  parallel_for(0, 4, [&](std::size_t) { ran = true; });
  EXPECT_FALSE(ran);
}

TEST(ParallelRuntime, TheLowestFailingTaskIsRethrownAndEveryTaskBelowItRan) {
  constexpr std::size_t kTasks = 200;
  for (const unsigned threads : kThreadCounts) {
    std::vector<char> ran(kTasks, 0);
    try {
      parallel_for(kTasks, threads, [&](std::size_t i) {
        ran[i] = 1;
        // Later failures are quicker, so that on several threads they are
        // often caught first: the lowest must still win.
        if (i == 37) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          throw std::runtime_error("task 37");
        }
        if (i == 61 || i == 150) throw std::runtime_error("task " + std::to_string(i));
      });
      ADD_FAILURE() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "task 37") << threads << " threads";
    }
    for (std::size_t i = 0; i <= 37; ++i) EXPECT_TRUE(ran[i]) << "task " << i << ", " << threads << " threads";
  }
}

TEST(ParallelRuntime, BadAllocOnAHelperThreadComesOutAsBadAlloc) {
  // Two tasks that wait for each other run on two threads at once, so one
  // of them is on the helper: that one throws.
  for (int round = 0; round < 20; ++round) {
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> started{0};
    std::atomic<bool> thrown_on_helper{false};
    EXPECT_THROW(parallel_for(2, 2,
                              [&](std::size_t) {
                                ++started;
                                const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
                                while (started < 2 && std::chrono::steady_clock::now() < deadline)
                                  std::this_thread::yield();
                                if (std::this_thread::get_id() != caller) {
                                  thrown_on_helper = true;
                                  throw std::bad_alloc();
                                }
                              }),
                 std::bad_alloc);
    EXPECT_TRUE(thrown_on_helper);
  }
}

TEST(ParallelRuntime, AnythingThrownOnAHelperComesOutAsItWas) {
  // Not a std::exception: once it ended the process (std::terminate).
  for (const unsigned threads : kThreadCounts) {
    try {
      parallel_for(16, threads, [](std::size_t i) {
        if (i >= 3) throw static_cast<int>(i);
      });
      ADD_FAILURE() << "no exception";
    } catch (int i) {
      EXPECT_EQ(i, 3);
    }
  }
}

TEST(ParallelRuntime, TheHookFailsATaskOnAHelperOnlyWhenArmed) {
  const Disarm disarm;
  // Off: nothing fails.
  parallel_for(8, 2, [](std::size_t) {});
  EXPECT_FALSE(injection::disarm());
  // Armed: a call on this thread alone leaves it armed...
  injection::arm_bad_alloc_on_helper();
  parallel_for(8, 1, [](std::size_t) {});
  // ...and the next with a helper fails there.
  EXPECT_THROW(parallel_for(8, 2, [](std::size_t) {}), std::bad_alloc);
  EXPECT_TRUE(injection::disarm());
  // It fires once.
  parallel_for(8, 2, [](std::size_t) {});
  // Another thread's calls never see it.
  injection::arm_bad_alloc_on_helper();
  std::thread([] { parallel_for(8, 2, [](std::size_t) {}); }).join();
  EXPECT_FALSE(injection::disarm());
}

// --- Its users ------------------------------------------------------------------

const Book& synthetic_book() {
  static const Book book = generate_synthetic_book({.deals = 3000, .seed = 14}).book;
  return book;
}

Day day(const char* text) { return *parse_day(text); }

TEST(ParallelRuntimeUsers, AnImportFailingOnAHelperThrowsBadAllocAndTheNextImportWorks) {
  const Disarm disarm;
  // Over a megabyte of opportunities: scanned in pieces of half a megabyte,
  // so with helpers.
  SynthOptions synth;
  synth.deals = 12'000;
  const CsvFiles files = export_csv_book(generate_synthetic_book(synth).book);
  ASSERT_GT(files.at("opportunities.csv").size(), std::size_t{1} << 20);
  ImportOptions options;
  options.threads = 3;
  injection::arm_bad_alloc_on_helper();
  EXPECT_THROW(import_csv_book(files, options), std::bad_alloc);
  EXPECT_TRUE(injection::disarm());

  const CsvFiles again = export_csv_book(import_csv_book(files, options).book);
  options.threads = 1;
  EXPECT_EQ(again, export_csv_book(import_csv_book(files, options).book));
}

// 70,000 rows: three chunks of the fit's partial sums.
SparseDesign logistic_design(std::vector<double>& labels) {
  SparseDesign x;
  x.columns = 3;
  x.per_row = 3;
  std::uint64_t state = 88172645463325252ull;
  for (std::size_t r = 0; r < 70'000; ++r) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    const double a = static_cast<double>(state % 1000) / 500.0 - 1.0;
    const double b = static_cast<double>((state >> 20) % 1000) / 500.0 - 1.0;
    x.index.insert(x.index.end(), {0, 1, 2});
    x.value.insert(x.value.end(), {1.0, a, b});
    labels.push_back(static_cast<double>((state >> 40) % 1000) < 500.0 + 300.0 * a - 200.0 * b ? 1.0 : 0.0);
  }
  return x;
}

TEST(ParallelRuntimeUsers, ALogisticFitFailingOnAHelperThrowsBadAllocAndTheNextFitWorks) {
  const Disarm disarm;
  std::vector<double> y;
  const SparseDesign x = logistic_design(y);
  LogisticOptions options;
  options.threads = 4;
  injection::arm_bad_alloc_on_helper();
  EXPECT_THROW(fit_logistic(x, y, options), std::bad_alloc);
  EXPECT_TRUE(injection::disarm());

  const LogisticFit parallel = fit_logistic(x, y, options);
  options.threads = 1;
  const LogisticFit serial = fit_logistic(x, y, options);
  EXPECT_TRUE(parallel.converged);
  EXPECT_EQ(parallel.coefficients, serial.coefficients);
}

TEST(ParallelRuntimeUsers, AForecastFailingOnAHelperThrowsBadAllocAndTheNextForecastWorks) {
  const Disarm disarm;
  const FittedModel model = fit_model("stage", synthetic_book(), day("2024-06-30"));
  ForecastOptions options;
  options.periods = {parse_period("2024-Q3"), parse_period("2024-Q4")};
  options.trials = 4'000;  // 16 blocks
  options.threads = 3;
  injection::arm_bad_alloc_on_helper();
  EXPECT_THROW(forecast_periods(model, synthetic_book(), options), std::bad_alloc);
  EXPECT_TRUE(injection::disarm());

  const std::string parallel = to_json(forecast_periods(model, synthetic_book(), options));
  options.threads = 1;
  EXPECT_EQ(parallel, to_json(forecast_periods(model, synthetic_book(), options)));
}

BacktestOptions quarterly_backtest(unsigned threads) {
  BacktestOptions options;
  options.from = day("2023-09-30");
  options.to = day("2024-06-30");
  options.every = OriginStep::quarter;
  options.models = {"crm", "stage"};
  options.trials = 200;
  options.threads = threads;
  return options;
}

TEST(ParallelRuntimeUsers, ABacktestFailingOnAHelperThrowsBadAllocAndTheNextBacktestWorks) {
  const Disarm disarm;
  BacktestOptions options = quarterly_backtest(3);
  injection::arm_bad_alloc_on_helper();
  EXPECT_THROW(run_backtest(synthetic_book(), options), std::bad_alloc);
  EXPECT_TRUE(injection::disarm());

  const std::string parallel = to_json(run_backtest(synthetic_book(), options));
  EXPECT_EQ(parallel, to_json(run_backtest(synthetic_book(), quarterly_backtest(1))));
}

// A model of one's own that runs out of memory when it predicts.
class OutOfMemoryModel final : public WinModel {
 public:
  void predict(const Book&, const DealStates&, std::span<double>) const override { throw std::bad_alloc(); }
};

TEST(ParallelRuntimeUsers, AModelThrowingBadAllocInABacktestGivesBadAllocNotAMessage) {
  // The backtest tells a model's failure with its origin, as a
  // std::runtime_error; running out of memory must stay std::bad_alloc.
  ModelSpec spec = crm_model_spec();  // its timing, and no training
  spec.name = "greedy";
  spec.description = "runs out of memory";
  spec.fit_win = [](const FitContext&, const FitOptions&) { return std::make_shared<OutOfMemoryModel>(); };
  for (const unsigned threads : kThreadCounts) {
    BacktestOptions options = quarterly_backtest(threads);
    options.registry.add(spec);
    options.models = {"greedy"};
    EXPECT_THROW(run_backtest(synthetic_book(), options), std::bad_alloc) << threads << " threads";
  }
}

}  // namespace
}  // namespace parallel_runtime_test
}  // namespace pipecast
