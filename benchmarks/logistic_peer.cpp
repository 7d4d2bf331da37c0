// The logistic fit, side by side with scikit-learn (benchmarks/compare_logistic.sh).
//
// Builds the training rows of the `logistic` model from a synthetic book
// (snapshots of open deals, decided by T), keeps the first --rows of them,
// writes the design and labels for the Python side, and times pipecast's
// Newton fit on the same rows with the same penalty.
//
// Usage: logistic_peer --rows N --l2 L --out FILE
// File: u64 rows, u64 columns, u64 per_row, then rows*per_row u32 indices,
// rows*per_row f64 values, rows f64 labels (little-endian).
#include "forecast_fixture.hpp"

#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/training_set.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

using namespace pipecast;

int main(int argc, char** argv) {
  std::size_t rows = 1'000'000;
  double l2 = 1.0;
  std::string out;
  for (int a = 1; a + 1 < argc; a += 2) {
    if (!std::strcmp(argv[a], "--rows")) rows = std::stoull(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--l2")) l2 = std::stod(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--out")) out = argv[a + 1];
  }
  const Book& book = bench::synthetic_book(300'000);
  TrainingOptions training_options;
  training_options.step_days = 14;
  const TrainingSet training = build_training_set(book, bench::kForecastAsOf, training_options);
  // The encoding (levels, scaling) the model would use on these rows.
  const LogisticWinParams encoding = fit_logistic_win(book, training, {l2, 1, 1.0, 1});
  DealStates decided;
  std::vector<double> y;
  for (std::size_t r = 0; r < training.size() && y.size() < rows; ++r) {
    if (training.outcome[r] == Outcome::open) continue;
    append_row(decided, training.rows, r);
    y.push_back(training.outcome[r] == Outcome::won ? 1.0 : 0.0);
  }
  const SparseDesign x = logistic_design(encoding, book, decided);
  if (!out.empty()) {
    std::ofstream file(out, std::ios::binary);
    const std::uint64_t header[3] = {x.rows(), x.columns, x.per_row};
    file.write(reinterpret_cast<const char*>(header), sizeof header);
    file.write(reinterpret_cast<const char*>(x.index.data()), static_cast<std::streamsize>(x.index.size() * 4));
    file.write(reinterpret_cast<const char*>(x.value.data()), static_cast<std::streamsize>(x.value.size() * 8));
    file.write(reinterpret_cast<const char*>(y.data()), static_cast<std::streamsize>(y.size() * 8));
  }
  for (const unsigned threads : {1u, 2u}) {
    double best = 1e300;
    LogisticFit fit;
    for (int repeat = 0; repeat < 3; ++repeat) {
      const auto start = std::chrono::steady_clock::now();
      fit = fit_logistic(x, y, {l2, 50, 1e-9, threads});
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("{\"tool\": \"pipecast\", \"threads\": %u, \"rows\": %zu, \"columns\": %zu, \"nonzeros_per_row\": %zu, "
                "\"seconds\": %.4f, \"iterations\": %d, \"log_loss\": %.6f}\n",
                threads, x.rows(), x.columns, x.per_row, best, fit.iterations, fit.log_loss);
  }
  return 0;
}
