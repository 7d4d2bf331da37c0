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

struct Interval {
  double low = 0.0;
  double high = 0.0;
  bool operator==(const Interval&) const = default;
};

/// Wilson score interval for `successes` out of `trials`; [0, 1] when trials is 0.
Interval wilson_interval(std::size_t successes, std::size_t trials, double z = kZ95);

/// A proportion with its sample: the value is NaN when there are no trials.
struct Rate {
  std::size_t successes = 0;
  std::size_t trials = 0;
  double value() const;
  Interval interval(double z = kZ95) const { return wilson_interval(successes, trials, z); }
  bool operator==(const Rate&) const = default;
};

/// The q-quantile (0..1) with linear interpolation between order statistics
/// (Hyndman-Fan type 7, as numpy and pandas default); NaN when empty.
/// Reorders `values`.
double quantile(std::vector<double>& values, double q);

/// Summary of a sample: NaN fields when count is 0.
struct Distribution {
  std::size_t count = 0;
  double mean = 0.0;
  double median = 0.0;
  double p75 = 0.0;
  double p90 = 0.0;
  bool operator==(const Distribution&) const = default;
};
Distribution describe(std::vector<double> values);

/// Pooled two-proportion z test of a against b.
struct ProportionTest {
  double difference = 0.0;  // rate a - rate b
  double z = 0.0;
  double p_value = 1.0;     // two-sided
};
ProportionTest two_proportion_test(std::size_t successes_a, std::size_t trials_a,
                                   std::size_t successes_b, std::size_t trials_b);

}  // namespace pipecast
