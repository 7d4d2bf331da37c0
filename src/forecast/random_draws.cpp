#include "forecast/random_draws.hpp"

#include <array>
#include <stdexcept>

namespace pipecast::draws {

double log_factorial(std::uint64_t k) {
  constexpr std::size_t kTable = 256;
  static const std::array<double, kTable> table = [] {
    std::array<double, kTable> t{};
    for (std::size_t n = 1; n < kTable; ++n) t[n] = t[n - 1] + std::log(static_cast<double>(n));
    return t;
  }();
  if (k < kTable) return table[k];
  // Stirling's series for log Gamma(n), n = k + 1 >= 257: the next term is
  // below 1e-20.
  const double n = static_cast<double>(k) + 1.0, n2 = n * n;
  constexpr double kHalfLogTwoPi = 0.91893853320467274178;
  return (n - 0.5) * std::log(n) - n + kHalfLogTwoPi +
         (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / (1260.0 * n2)) / n2) / n;
}

namespace {

/// Inversion: one uniform, and a walk up the cumulative law from 0.
std::uint64_t poisson_by_inversion(SplitMix& rng, double lambda) {
  double p = std::exp(-lambda), cdf = p;
  const double u = rng.uniform();
  std::uint64_t k = 0;
  while (u > cdf && p > 0.0) {
    ++k;
    p *= lambda / static_cast<double>(k);
    cdf += p;
  }
  return k;
}

/// PTRS: a candidate from a transformed uniform, accepted in most cases by a
/// cheap test (the squeeze), otherwise by the exact Poisson density.  The
/// constants are Hormann's.
std::uint64_t poisson_by_rejection(SplitMix& rng, double lambda) {
  const double root = std::sqrt(lambda), log_lambda = std::log(lambda);
  const double b = 0.931 + 2.53 * root;
  const double a = -0.059 + 0.02483 * b;
  const double log_inv_alpha = std::log(1.1239 + 1.1328 / (b - 3.4));
  const double squeeze = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rng.uniform() - 0.5, v = rng.uniform();
    const double us = 0.5 - std::abs(u);
    if (us <= 0.0) continue;
    const double candidate = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
    if (candidate < 0.0) continue;
    if (us >= 0.07 && v <= squeeze) return static_cast<std::uint64_t>(candidate);
    if (us < 0.013 && v > us) continue;
    const auto k = static_cast<std::uint64_t>(candidate);
    if (std::log(v) + log_inv_alpha - std::log(a / (us * us) + b) <=
        -lambda + candidate * log_lambda - log_factorial(k))
      return k;
  }
}

}  // namespace

std::uint64_t poisson(SplitMix& rng, double lambda) {
  if (!(lambda > 0.0)) return 0;
  if (!std::isfinite(lambda) || lambda > 1e15) throw std::invalid_argument("a Poisson mean is too large to draw from");
  return lambda < 10.0 ? poisson_by_inversion(rng, lambda) : poisson_by_rejection(rng, lambda);
}

double standard_normal(SplitMix& rng) {
  const double u = 1.0 - rng.uniform(), v = rng.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

double gamma_mean_one(SplitMix& rng, double shape) {
  if (!(shape <= kGammaShapeOfOne)) return 1.0;
  const double boost = shape < 1.0 ? std::pow(rng.uniform(), 1.0 / shape) : 1.0;
  const double d = (shape < 1.0 ? shape + 1.0 : shape) - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
      return boost * d * v / shape;
  }
}

AliasTable::AliasTable(std::span<const double> weights) {
  double total = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) throw std::invalid_argument("alias table: a weight is negative or not finite");
    total += w;
  }
  if (!(total > 0.0)) return;
  const std::size_t n = weights.size();
  keep_.resize(n);
  alias_.resize(n);
  // Scaled so the average slot holds 1; slots below 1 are topped up from one above.
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    keep_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left is 1 up to rounding.
  for (const std::uint32_t i : large) { keep_[i] = 1.0; alias_[i] = i; }
  for (const std::uint32_t i : small) { keep_[i] = 1.0; alias_[i] = i; }
}

}  // namespace pipecast::draws
