#include "pipecast/analytics/statistics.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pipecast {
namespace {
}

Interval wilson_interval(std::size_t successes, std::size_t trials, double z) {
  if (trials == 0) return {0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double Rate::value() const {
  return trials == 0 ? kNaN : static_cast<double>(successes) / static_cast<double>(trials);
}

double quantile(std::vector<double>& values, double q) {
  if (values.empty()) return kNaN;
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(below);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(below), values.end());
  const double low = values[below];
  if (fraction == 0.0 || below + 1 >= values.size()) return low;
  const double high = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(below) + 1, values.end());
  return low + fraction * (high - low);
}

Distribution describe(std::vector<double> values) {
  Distribution d;
  d.count = values.size();
  if (values.empty()) {
    d.mean = d.median = d.p75 = d.p90 = kNaN;
    return d;
  }
  d.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  d.median = quantile(values, 0.5);
  d.p75 = quantile(values, 0.75);
  d.p90 = quantile(values, 0.9);
  return d;
}

double two_sided_p_value(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

ProportionTest two_proportion_test(std::size_t successes_a, std::size_t trials_a,
                                   std::size_t successes_b, std::size_t trials_b) {
  ProportionTest t;
  if (trials_a == 0 || trials_b == 0) return t;
  const double na = static_cast<double>(trials_a), nb = static_cast<double>(trials_b);
  const double pa = static_cast<double>(successes_a) / na;
  const double pb = static_cast<double>(successes_b) / nb;
  t.difference = pa - pb;
  const double pooled = static_cast<double>(successes_a + successes_b) / (na + nb);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  if (se == 0.0) return t;
  t.z = t.difference / se;
  t.p_value = two_sided_p_value(t.z);
  return t;
}

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
  std::vector<double> q(p_values.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!std::isnan(p_values[i])) order.push_back(i);
  // Largest p first, so that each q is the running minimum of p * m / rank.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] > p_values[b]; });
  const double m = static_cast<double>(order.size());
  double running = 1.0;
  for (std::size_t n = 0; n < order.size(); ++n) {
    const double rank = m - static_cast<double>(n);
    running = std::min(running, p_values[order[n]] * m / rank);
    q[order[n]] = running;
  }
  return q;
}

}  // namespace pipecast
