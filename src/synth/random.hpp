// Random numbers and the few transcendental functions the generator needs,
// written so that every platform computes the same bits: xoshiro256** for the
// stream, and log/exp from IEEE basic operations only (std::log and std::exp
// may differ in the last bit between C libraries; a different last bit could
// move a day across a rounding boundary).  Include this header last: the
// pragmas below stop the compiler from fusing a*b+c, which would also change
// the bits on machines with FMA.
#pragma once

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#elif defined(_MSC_VER)
#pragma fp_contract(off)
#endif

#include "core/splitmix64.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace pipecast::synth {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2, top bits
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // the rest

// Series coefficients, computed by the compiler (constant evaluation is
// correctly rounded, so every platform gets the same bits).
inline constexpr std::array<double, 12> kOddReciprocals = [] {
  std::array<double, 12> c{};
  for (int k = 0; k < 12; ++k) c[k] = 1.0 / (2 * k + 1);
  return c;
}();
inline constexpr std::array<double, 14> kInverseFactorials = [] {
  std::array<double, 14> c{};
  double f = 1.0;
  for (int n = 0; n < 14; ++n) {
    if (n > 0) f *= n;
    c[n] = 1.0 / f;
  }
  return c;
}();

/// Natural logarithm for finite x > 0, within about one ulp.
inline double log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // exact: x = m * 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --e;
  }
  // ln m = 2 atanh(t), |t| <= 0.1716: the odd series converges fast.
  const double t = (m - 1.0) / (m + 1.0);
  const double s = t * t;
  double series = kOddReciprocals.back();
  for (std::size_t k = kOddReciprocals.size() - 1; k-- > 0;) series = kOddReciprocals[k] + s * series;
  const double ln_m = 2.0 * t * series;
  return e * kLn2Hi + (e * kLn2Lo + ln_m);
}

/// e^x, within about one ulp (0 below -745, infinity above 709.78).
inline double exp(double x) {
  if (x > 709.78) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0.0;
  const double k = std::floor(x * 1.44269504088896340736 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= 0.35: 13 terms suffice
  double poly = kInverseFactorials.back();
  for (std::size_t n = kInverseFactorials.size() - 1; n-- > 0;) poly = kInverseFactorials[n] + r * poly;
  return std::ldexp(poly, static_cast<int>(k));
}

inline double logistic(double x) { return 1.0 / (1.0 + synth::exp(-x)); }

/// xoshiro256** (Blackman and Vigna), seeded through splitmix64.
class Random {
 public:
  /// Stream `stream` of the generator seeded with `seed`: deal i draws from
  /// its own stream, so its story does not depend on the other deals.
  Random(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ull);
    sm = splitmix64(sm) + stream;
    for (auto& word : s_) word = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in (0, 1): safe to take the log of.
  double open_uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  /// Uniform integer in [0, n), n > 0 (Lemire's multiply, bias below 2^-32 for small n).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }

  /// Standard normal by Marsaglia's polar method (no sin/cos).
  double normal() {
    for (;;) {
      const double u = 2.0 * uniform() - 1.0;
      const double v = 2.0 * uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * synth::log(s) / s);
    }
  }
  double lognormal(double mu, double sigma) { return synth::exp(mu + sigma * normal()); }

  /// Exponential with rate `rate` (mean 1 / rate) by inversion.
  double exponential(double rate) { return -synth::log(open_uniform()) / rate; }

  /// Weibull(scale, shape) by inversion.
  double weibull(double scale, double shape) {
    const double e = -synth::log(open_uniform());
    return scale * synth::exp(synth::log(e) / shape);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace pipecast::synth
