// LogisticNewton's path to the optimum: where a seed starts, and which
// passes it can do without.  Driven pass by pass, as a fit from parts does.
#include "pipecast/forecast/logistic_regression.hpp"
#include "core/splitmix64.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace logistic_newton_test {
namespace {

/// Rows of an intercept, a one-hot group of six levels (one of them rare,
/// with few wins: the ridge decides its coefficient on a sample) and a
/// continuous column, keyed at random.
struct Rows {
  SparseDesign x;
  std::vector<double> y;
  std::vector<std::uint64_t> keys;
};

Rows newton_rows(std::size_t rows, std::uint64_t seed) {
  Rows out;
  out.x.columns = 8;
  out.x.per_row = 3;
  std::uint64_t state = seed;
  const auto uniform = [&state] { return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53; };
  const double effect[] = {0.0, -3.0, -1.0, 0.0, 0.5, 1.5, 2.5};
  for (std::size_t r = 0; r < rows; ++r) {
    const auto level = static_cast<std::uint32_t>(r % 50 == 0 ? 1 : 2 + r % 5);  // level 1: one row in 50
    const double z = 2.0 * uniform() - 1.0;
    out.x.index.insert(out.x.index.end(), {0, level, 7});
    out.x.value.insert(out.x.value.end(), {1.0, 1.0, z});
    out.y.push_back(uniform() < logistic(-0.3 + effect[level] + 1.2 * z) ? 1.0 : 0.0);
    out.keys.push_back(splitmix64(state));
  }
  return out;
}

double largest_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double d = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  return d;
}

double largest_magnitude(const std::vector<double>& a) {
  double m = 1.0;
  for (const double v : a) m = std::max(m, std::abs(v));
  return m;
}

/// Runs `newton` to the end over `rows` (level 0) and `sample` (level 1),
/// counting its passes; `seed` gets the coefficients of its first pass over
/// every row.
int drive(LogisticNewton& newton, const Rows& rows, const LogisticRows& sample, std::vector<double>* seed,
          int* passes_without_hessian) {
  int passes = 0;
  while (!newton.done()) {
    const LogisticPass& pass = newton.pass();
    if (pass.level == 0 && seed != nullptr && seed->empty()) *seed = pass.beta;
    if (passes_without_hessian != nullptr && pass.hessian_one_in == 0) ++*passes_without_hessian;
    newton.receive(pass.level == 0 ? logistic_sums(rows.x, rows.y, {}, rows.keys, pass)
                                   : logistic_sums(sample.x, sample.y, {}, sample.keys, pass));
    ++passes;
  }
  return passes;
}

TEST(LogisticNewton, ASeedIsTheSamplesOptimumWithTheRidgeScaledToTheSample) {
  // 4,000 rows told as if 200,000 (the counts scaled alike, so the ratio of
  // sample to whole is the real one): Newton seeds at level 1 (one row in
  // 8) without a design that big.
  const Rows rows = newton_rows(4000, 7);
  const LogisticRows sample = sample_logistic_level(rows.x, rows.y, {}, rows.keys, 1);
  const double in_sample = static_cast<double>(sample.y.size()) / 4000.0;
  ASSERT_GT(sample.y.size(), 400u);
  ASSERT_LT(sample.y.size(), 600u);
  constexpr std::uint64_t kTold = 50;
  LogisticOptions options;
  options.l2 = 8.0;
  LogisticNewton newton(8, {4000 * kTold, sample.y.size() * kTold}, options, {}, false);
  std::vector<double> seed;
  drive(newton, rows, sample, &seed, nullptr);

  // The sample's optimum under l2 x (its share of the rows), fitted apart.
  LogisticOptions scaled = options;
  scaled.l2 = options.l2 * in_sample;
  const LogisticFit expected = fit_logistic(sample.x, sample.y, scaled);
  ASSERT_TRUE(expected.converged);
  EXPECT_LE(largest_difference(seed, expected.coefficients), 1e-2 * largest_magnitude(expected.coefficients));
  // The whole ridge on the sample is another fit, far from the seed: the
  // rare level's coefficient pulled towards zero.
  const LogisticFit whole_ridge = fit_logistic(sample.x, sample.y, options);
  EXPECT_GT(largest_difference(whole_ridge.coefficients, expected.coefficients), 0.2);
  // And the end is the full design's optimum, as without a seed.
  const LogisticFit direct = fit_logistic(rows.x, rows.y, options);
  EXPECT_TRUE(newton.fit().converged);
  EXPECT_LE(largest_difference(newton.fit().coefficients, direct.coefficients), 1e-10);
}

TEST(LogisticNewton, AStartAtTheOptimumCostsOnePassAndTheLossOne) {
  // The step from the optimum is below the tolerance: it is taken without a
  // pass at its end, so what is left is the pass at the start and, when
  // asked for, the loss's.
  const Rows rows = newton_rows(600, 11);
  const LogisticFit optimum = fit_logistic(rows.x, rows.y);
  ASSERT_TRUE(optimum.converged);
  for (const bool report_loss : {true, false}) {
    LogisticNewton newton(8, {600}, {}, optimum.coefficients, report_loss);
    EXPECT_EQ(drive(newton, rows, {}, nullptr, nullptr), report_loss ? 2 : 1);
    EXPECT_TRUE(newton.fit().converged);
    EXPECT_EQ(newton.fit().iterations, 1);
    EXPECT_LE(largest_difference(newton.fit().coefficients, optimum.coefficients),
              1e-12 * largest_magnitude(optimum.coefficients));
  }
  // fit_logistic() without the loss: the same coefficients, a loss of 0.
  LogisticOptions no_loss;
  no_loss.report_loss = false;
  const LogisticFit quiet = fit_logistic(rows.x, rows.y, no_loss);
  EXPECT_EQ(quiet.coefficients, optimum.coefficients);
  EXPECT_EQ(quiet.log_loss, 0.0);
  EXPECT_GT(optimum.log_loss, 0.1);
}

TEST(LogisticNewton, StepsWithAFrozenHessianStopWithinTheTolerance) {
  // The frozen Hessian's steps shrink geometrically; Newton stops once their
  // tail is below the tolerance, before a step that small.  The result must
  // still be within the tolerance of the optimum.
  const Rows rows = newton_rows(2000, 13);
  LogisticOptions tight;
  tight.tolerance = 1e-15;
  tight.max_iterations = 100;
  const LogisticFit optimum = fit_logistic(rows.x, rows.y, tight);
  const double size = largest_magnitude(optimum.coefficients);
  for (const double tolerance : {1e-4, 1e-6, 1e-9, 1e-12}) {
    LogisticOptions options;
    options.tolerance = tolerance;
    LogisticNewton newton(8, {2000}, options, {}, false);
    int frozen = 0;
    drive(newton, rows, {}, nullptr, &frozen);
    EXPECT_TRUE(newton.fit().converged) << tolerance;
    EXPECT_LE(largest_difference(newton.fit().coefficients, optimum.coefficients), tolerance * size) << tolerance;
    if (tolerance <= 1e-9) {
      EXPECT_GE(frozen, 1) << tolerance;  // the frozen steps were taken
    }
  }
}

}  // namespace
}  // namespace logistic_newton_test
}  // namespace pipecast
