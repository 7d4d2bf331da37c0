// The period forecast's samplers: each must follow its law exactly, since
// the intervals it reports are only as honest as its draws.
#include "forecast/random_draws.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

namespace pipecast::draws {
// Named for the file: a unity build compiles the files of a program as one.
namespace random_draws_test {
namespace {

TEST(RandomDraws, LogFactorialAgreesWithLogGamma) {
  for (const std::uint64_t k : {0ull, 1ull, 2ull, 10ull, 170ull, 255ull, 256ull, 257ull, 1000ull, 123456ull, 10000000ull})
    EXPECT_NEAR(log_factorial(k), std::lgamma(static_cast<double>(k) + 1.0),
                1e-13 * std::max(1.0, std::lgamma(static_cast<double>(k) + 1.0)))
        << "k = " << k;
}

struct Moments {
  double mean = 0.0, variance = 0.0;
};

Moments poisson_moments(double lambda, std::size_t n, std::uint64_t seed) {
  SplitMix rng{seed};
  double sum = 0.0, squares = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = static_cast<double>(poisson(rng, lambda));
    sum += k;
    squares += k * k;
  }
  const double mean = sum / static_cast<double>(n);
  return {mean, squares / static_cast<double>(n) - mean * mean};
}

// Both samplers (inversion below 10, rejection from 10) and very large means.
TEST(RandomDraws, PoissonHasTheRightMeanAndVariance) {
  constexpr std::size_t n = 200'000;
  for (const double lambda : {0.5, 3.0, 9.99, 10.0, 37.5, 1000.0, 1e6}) {
    const Moments m = poisson_moments(lambda, n, 7);
    // Five standard errors of the sample mean and (about) of the variance.
    EXPECT_NEAR(m.mean, lambda, 5.0 * std::sqrt(lambda / n)) << "lambda = " << lambda;
    EXPECT_NEAR(m.variance, lambda, 5.0 * lambda * std::sqrt(2.0 / n) + 5.0 * std::sqrt(lambda / n))
        << "lambda = " << lambda;
  }
}

// The whole law, not only two moments: a chi-square test of the counts
// against the Poisson probabilities, on the rejection sampler's side.
TEST(RandomDraws, PoissonFollowsItsLawCountByCount) {
  for (const double lambda : {4.0, 15.0, 60.0}) {
    constexpr std::size_t n = 400'000;
    SplitMix rng{42};
    std::map<std::uint64_t, double> seen;
    for (std::size_t i = 0; i < n; ++i) seen[poisson(rng, lambda)] += 1.0;
    // Cells with at least 20 expected draws; the tails pooled.
    double chi2 = 0.0, tail_expected = n, tail_seen = n;
    int cells = 0;
    for (std::uint64_t k = 0; k < 400; ++k) {
      const double expected = n * std::exp(-lambda + static_cast<double>(k) * std::log(lambda) - log_factorial(k));
      if (expected < 20.0) continue;
      const double o = seen.count(k) ? seen[k] : 0.0;
      chi2 += (o - expected) * (o - expected) / expected;
      tail_expected -= expected;
      tail_seen -= o;
      ++cells;
    }
    chi2 += (tail_seen - tail_expected) * (tail_seen - tail_expected) / tail_expected;
    // The 99.9% point of chi-square is below cells + 4.5 sqrt(2 cells) + 10 for these sizes.
    EXPECT_LT(chi2, cells + 4.5 * std::sqrt(2.0 * cells) + 10.0) << "lambda = " << lambda << ", " << cells << " cells";
  }
}

TEST(RandomDraws, PoissonOfNothingIsZeroAndOfTooMuchIsRefused) {
  SplitMix rng{1};
  EXPECT_EQ(poisson(rng, 0.0), 0u);
  EXPECT_EQ(poisson(rng, -3.0), 0u);
  EXPECT_THROW(poisson(rng, INFINITY), std::invalid_argument);
}

TEST(RandomDraws, AliasTableDrawsInProportionToTheWeights) {
  const std::vector<double> weights{1.0, 0.0, 3.0, 6.0, 0.5};
  const AliasTable table(weights);
  ASSERT_EQ(table.size(), weights.size());
  SplitMix rng{3};
  constexpr std::size_t n = 1'000'000;
  std::vector<double> count(weights.size(), 0.0);
  for (std::size_t i = 0; i < n; ++i) count[table.draw(rng)] += 1.0;
  const double total = 10.5;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double p = weights[i] / total;
    EXPECT_NEAR(count[i] / n, p, 5.0 * std::sqrt(p * (1 - p) / n) + 1e-12) << "index " << i;
  }
  EXPECT_EQ(count[1], 0.0);
}

TEST(RandomDraws, AliasTableOfNoWeightIsEmptyAndBadWeightsAreRefused) {
  EXPECT_TRUE(AliasTable(std::vector<double>{}).empty());
  EXPECT_TRUE(AliasTable(std::vector<double>{0.0, 0.0}).empty());
  EXPECT_THROW(AliasTable(std::vector<double>{1.0, -1.0}), std::invalid_argument);
  EXPECT_THROW(AliasTable(std::vector<double>{1.0, NAN}), std::invalid_argument);
}

TEST(RandomDraws, GammaHasMeanOneAndVarianceOneOverShape) {
  for (const double shape : {0.5, 2.0, 20.0}) {
    SplitMix rng{9};
    constexpr std::size_t n = 200'000;
    double sum = 0.0, squares = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double g = gamma_mean_one(rng, shape);
      sum += g;
      squares += g * g;
    }
    const double mean = sum / n, variance = squares / n - mean * mean;
    EXPECT_NEAR(mean, 1.0, 5.0 * std::sqrt(1.0 / shape / n)) << "shape " << shape;
    EXPECT_NEAR(variance, 1.0 / shape, 0.05 / shape) << "shape " << shape;
  }
}

// Found by fuzz_model: a model file whose dispersion was a denormal (1e-320)
// made every simulated level inf / inf, and the forecast NaN.
TEST(RandomDraws, GammaOfAnInfiniteOrHugeShapeIsOne) {
  SplitMix rng{3};
  for (const double shape : {1.0 / 1e-320, kGammaShapeOfOne * 10, std::numeric_limits<double>::infinity()})
    EXPECT_EQ(gamma_mean_one(rng, shape), 1.0) << "shape " << shape;
  const double near_one = gamma_mean_one(rng, 1e12);
  EXPECT_TRUE(std::isfinite(near_one));
  EXPECT_NEAR(near_one, 1.0, 1e-4);
}

}  // namespace
}  // namespace random_draws_test
}  // namespace pipecast::draws
