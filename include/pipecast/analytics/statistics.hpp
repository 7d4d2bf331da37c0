/// @file
/// Small statistics the analytics share: rates with Wilson intervals,
/// quantiles, two-proportion tests.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace pipecast {

/// A two-sided 95% interval by default.
inline constexpr double kZ95 = 1.959963984540054;

/// A closed interval [low, high], e.g. a rate's confidence interval.
struct Interval {
  double low = 0.0;   ///< lower bound
  double high = 0.0;  ///< upper bound
  /// Memberwise equality.
  bool operator==(const Interval&) const = default;
};

/// Wilson score interval for `successes` out of `trials`; [0, 1] when trials is 0.
Interval wilson_interval(std::size_t successes, std::size_t trials, double z = kZ95);

/// A proportion with its sample: the value is NaN when there are no trials.
struct Rate {
  std::size_t successes = 0;  ///< e.g. deals won
  std::size_t trials = 0;     ///< e.g. deals closed
  /// successes / trials; NaN when trials is 0.
  double value() const;
  /// Its Wilson interval (95% by default; [0, 1] when trials is 0).
  Interval interval(double z = kZ95) const { return wilson_interval(successes, trials, z); }
  /// Same successes and trials.
  bool operator==(const Rate&) const = default;
};

/// The q-quantile (0..1) with linear interpolation between order statistics
/// (Hyndman-Fan type 7, as numpy and pandas default); NaN when empty.
/// Reorders `values`.
double quantile(std::vector<double>& values, double q);

/// Summary of a sample: NaN fields when count is 0.
struct Distribution {
  std::size_t count = 0;  ///< sample size
  double mean = 0.0;      ///< arithmetic mean
  double median = 0.0;    ///< quantile 0.5
  double p75 = 0.0;       ///< quantile 0.75
  double p90 = 0.0;       ///< quantile 0.9
  /// Memberwise equality of the numbers: two empty distributions (NaN
  /// fields) compare unequal.
  bool operator==(const Distribution&) const = default;
};
/// Count, mean and the quantiles (as quantile()) of `values`; NaN figures
/// for an empty sample.
Distribution describe(std::vector<double> values);

/// Pooled two-proportion z test of a against b.
struct ProportionTest {
  double difference = 0.0;  ///< rate a - rate b
  double z = 0.0;           ///< the test statistic
  double p_value = 1.0;     ///< two-sided
};
/// The two-sided p-value of a standard normal statistic z: P(|Z| >= |z|).
double two_sided_p_value(double z);

/// The test of successes_a / trials_a against successes_b / trials_b.  With
/// no trials on either side, or a pooled rate of 0 or 1 (no variance), there
/// is no test: z is 0 and the p-value 1 (the difference is still given when
/// both sides have trials).
ProportionTest two_proportion_test(std::size_t successes_a, std::size_t trials_a,
                                   std::size_t successes_b, std::size_t trials_b);

/// Benjamini-Hochberg adjusted p-values (q-values) of `p_values`, in their
/// order: q_i = min over j with p_j >= p_i of p_j * m / rank_j, at most 1,
/// m counting the p-values that are not NaN.  A NaN p-value stays NaN and
/// takes no part.  Flagging q < alpha keeps the expected share of false
/// findings among the flagged at most alpha (independent or positively
/// dependent tests).
std::vector<double> benjamini_hochberg(std::span<const double> p_values);

}  // namespace pipecast
