// The backtest's metrics against values worked out by hand (the arithmetic is
// in the comments), and ROC AUC against a direct count over every pair.
#include "pipecast/backtest/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace backtest_metrics_test {
namespace {

const std::vector<double> kPredicted{0.9, 0.2, 0.6, 0.4};
const std::vector<double> kOutcome{1, 0, 0, 1};

TEST(BacktestMetrics, BrierScoreIsTheMeanSquaredError) {
  // (0.1^2 + 0.2^2 + 0.6^2 + 0.6^2) / 4 = (0.01 + 0.04 + 0.36 + 0.36) / 4
  EXPECT_NEAR(brier_score(kPredicted, kOutcome), 0.1925, 1e-15);
  EXPECT_DOUBLE_EQ(brier_score(std::vector<double>{1, 0}, std::vector<double>{1, 0}), 0.0);
  EXPECT_TRUE(std::isnan(brier_score({}, {})));
  EXPECT_THROW(brier_score(kPredicted, std::vector<double>{1}), std::invalid_argument);
}

TEST(BacktestMetrics, LogLossIsTheMeanNegativeLogLikelihood) {
  // -(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.4) / 4
  //  = (0.1053605 + 0.2231436 + 0.9162907 + 0.9162907) / 4 = 0.5402714
  EXPECT_NEAR(log_loss(kPredicted, kOutcome), 0.5402714, 1e-7);
  // A certain miss costs -ln(1e-6) = 13.8155 rather than infinity.
  EXPECT_NEAR(log_loss(std::vector<double>{1.0}, std::vector<double>{0}), 13.8155106, 1e-6);
  EXPECT_NEAR(log_loss(std::vector<double>{0.0}, std::vector<double>{0}), 1e-6, 1e-9);
  EXPECT_TRUE(std::isnan(log_loss({}, {})));
}

TEST(BacktestMetrics, AucCountsCorrectlyOrderedPairs) {
  // Won 0.9, 0.4 against lost 0.2, 0.6: 0.9 > 0.2, 0.9 > 0.6, 0.4 > 0.2, 0.4 < 0.6: 3 of 4.
  EXPECT_DOUBLE_EQ(roc_auc(kPredicted, kOutcome), 0.75);
  // Ties count one half: won 0.5, 0.3 against lost 0.5, 0.8: only (0.5, 0.5), a half: 0.5 / 4.
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<double>{0.5, 0.5, 0.3, 0.8}, std::vector<double>{1, 0, 1, 0}), 0.125);
  // Every prediction equal: one half.
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<double>{0.3, 0.3, 0.3}, std::vector<double>{1, 0, 1}), 0.5);
  // Perfect and perfectly wrong.
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<double>{0.1, 0.9}, std::vector<double>{0, 1}), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<double>{0.1, 0.9}, std::vector<double>{1, 0}), 0.0);
  // One class only: undefined.
  EXPECT_TRUE(std::isnan(roc_auc(std::vector<double>{0.1, 0.9}, std::vector<double>{1, 1})));
  EXPECT_TRUE(std::isnan(roc_auc({}, {})));
}

double pairwise_auc(const std::vector<double>& p, const std::vector<double>& y) {
  double favourable = 0.0, pairs = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = 0; j < p.size(); ++j) {
      if (y[i] < 0.5 || y[j] > 0.5) continue;  // i won, j lost
      pairs += 1.0;
      favourable += p[i] > p[j] ? 1.0 : p[i] == p[j] ? 0.5 : 0.0;
    }
  return favourable / pairs;
}

TEST(BacktestMetrics, RankAucEqualsThePairwiseCountWithManyTies) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 20; ++round) {
    const std::size_t n = 50 + static_cast<std::size_t>(round) * 37;
    std::vector<double> p(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
      // Predictions on a coarse grid (many ties), outcomes related to them.
      p[i] = static_cast<double>(rng() % 11) / 10.0;
      y[i] = static_cast<double>(rng() % 1000) / 1000.0 < 0.2 + 0.6 * p[i] ? 1.0 : 0.0;
    }
    EXPECT_NEAR(roc_auc(p, y), pairwise_auc(p, y), 1e-12) << "round " << round;
  }
}

TEST(BacktestMetrics, CalibrationTableBinsByTenthsWithCounts) {
  const std::vector<double> p{0.05, 0.15, 0.12, 0.95, 1.0, 0.3};
  const std::vector<double> y{0, 1, 0, 1, 1, 0};
  const auto table = calibration_table(p, y);
  ASSERT_EQ(table.size(), 10u);
  // [0, 0.1): 0.05 lost.  [0.1, 0.2): 0.15 won, 0.12 lost.  [0.3, 0.4): 0.3 lost
  // (the edge belongs to the upper bin).  [0.9, 1]: 0.95 and 1.0 won.
  EXPECT_EQ(table[0].count, 1u);
  EXPECT_DOUBLE_EQ(table[0].mean_predicted, 0.05);
  EXPECT_DOUBLE_EQ(table[0].observed, 0.0);
  EXPECT_EQ(table[1].count, 2u);
  EXPECT_EQ(table[1].positives, 1u);
  EXPECT_DOUBLE_EQ(table[1].mean_predicted, 0.135);
  EXPECT_DOUBLE_EQ(table[1].observed, 0.5);
  EXPECT_EQ(table[2].count, 0u);
  EXPECT_TRUE(std::isnan(table[2].mean_predicted));
  EXPECT_TRUE(std::isnan(table[2].observed));
  EXPECT_EQ(table[3].count, 1u);
  EXPECT_DOUBLE_EQ(table[3].lower, 0.3);
  EXPECT_EQ(table[9].count, 2u);
  EXPECT_DOUBLE_EQ(table[9].mean_predicted, 0.975);
  EXPECT_DOUBLE_EQ(table[9].observed, 1.0);
  EXPECT_DOUBLE_EQ(table[9].upper, 1.0);
  std::size_t total = 0;
  for (const auto& bin : table) total += bin.count;
  EXPECT_EQ(total, 6u);
  // (1 x 0.05 + 2 x |0.135 - 0.5| + 1 x 0.3 + 2 x 0.025) / 6 = 1.13 / 6
  EXPECT_NEAR(expected_calibration_error(table), 1.13 / 6.0, 1e-15);
  EXPECT_TRUE(std::isnan(expected_calibration_error(calibration_table({}, {}))));
}

TEST(BacktestMetrics, WapeAndBiasAreRatiosOfSums) {
  const std::vector<double> actual{100, 200, 0}, forecast{110, 150, 20};
  // (10 + 50 + 20) / 300 and (10 - 50 + 20) / 300.
  EXPECT_NEAR(wape(actual, forecast), 80.0 / 300.0, 1e-15);
  EXPECT_NEAR(relative_bias(actual, forecast), -20.0 / 300.0, 1e-15);
  EXPECT_TRUE(std::isnan(wape(std::vector<double>{0}, std::vector<double>{5})));
  EXPECT_TRUE(std::isnan(relative_bias({}, {})));
}

TEST(BacktestMetrics, MaseIsTheMeanScaledError) {
  // |100 - 110| / 20 = 0.5 and |200 - 150| / 25 = 2: mean 1.25; the third
  // pair has no usable scale and is left out.
  const std::vector<double> actual{100, 200, 300}, forecast{110, 150, 0};
  const std::vector<double> scale{20, 25, std::nan("")};
  EXPECT_DOUBLE_EQ(mase(actual, forecast, scale), 1.25);
  EXPECT_DOUBLE_EQ(scaled_error(100, 130, 20), 1.5);
  EXPECT_TRUE(std::isnan(scaled_error(100, 130, 0)));
  EXPECT_TRUE(std::isnan(mase(std::vector<double>{1}, std::vector<double>{2}, std::vector<double>{0})));
}

TEST(BacktestMetrics, PinballLossWeighsUnderAndOverForecastsByTheQuantile) {
  // Actual 100, forecast 80 (under): q x 20.  Forecast 130 (over): (1 - q) x 30.
  EXPECT_DOUBLE_EQ(pinball_loss(100, 80, 0.1), 2.0);
  EXPECT_DOUBLE_EQ(pinball_loss(100, 80, 0.5), 10.0);
  EXPECT_DOUBLE_EQ(pinball_loss(100, 80, 0.9), 18.0);
  EXPECT_DOUBLE_EQ(pinball_loss(100, 130, 0.1), 27.0);
  EXPECT_DOUBLE_EQ(pinball_loss(100, 130, 0.5), 15.0);
  EXPECT_NEAR(pinball_loss(100, 130, 0.9), 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(pinball_loss(100, 100, 0.9), 0.0);
  EXPECT_THROW(pinball_loss(1, 1, 1.0), std::invalid_argument);
}

TEST(BacktestMetrics, CrpsOfSamplesMatchesTheIntegralByHand) {
  // Samples {1, 2, 3}, actual 2.  By the definition, the integral of
  // (F(x) - 1{x >= 2})^2: F = 1/3 on [1, 2) and 2/3 on [2, 3), so
  // (1/3)^2 + (1/3)^2 = 2/9.  By the energy form: E|X - 2| = 2/3,
  // E|X - X'| = 8/9, 2/3 - 4/9 = 2/9.
  const std::vector<double> samples{3, 1, 2};
  EXPECT_NEAR(crps_from_samples(samples, 2.0), 2.0 / 9.0, 1e-15);
  // Actual 0: E|X| = 2, so 2 - 4/9 = 14/9.
  EXPECT_NEAR(crps_from_samples(samples, 0.0), 14.0 / 9.0, 1e-15);
  // A point forecast: the absolute error.
  EXPECT_DOUBLE_EQ(crps_from_samples(std::vector<double>{7.0}, 10.0), 3.0);
  EXPECT_TRUE(std::isnan(crps_from_samples({}, 1.0)));
}

TEST(BacktestMetrics, CrpsAgreesWithTheEnergyFormOnRandomSamples) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> normal(100.0, 30.0);
  std::vector<double> x(300);
  for (double& v : x) v = normal(rng);
  const double actual = 120.0;
  double absolute = 0.0, spread = 0.0;
  for (double a : x) {
    absolute += std::abs(a - actual);
    for (double b : x) spread += std::abs(a - b);
  }
  const double n = static_cast<double>(x.size());
  EXPECT_NEAR(crps_from_samples(x, actual), absolute / n - spread / (2 * n * n), 1e-9);
}

TEST(BacktestMetrics, CoverageIsTheShareInsideTheInterval) {
  // 5 in [0, 5] (ends count), 10 not in [11, 20], 15 in [10, 20].
  const std::vector<double> actual{5, 10, 15}, low{0, 11, 10}, high{5, 20, 20};
  EXPECT_DOUBLE_EQ(interval_coverage(actual, low, high), 2.0 / 3.0);
  EXPECT_TRUE(std::isnan(interval_coverage({}, {}, {})));
}

}  // namespace
}  // namespace backtest_metrics_test
}  // namespace pipecast
