// The random numbers of the period forecast: generators whose streams are
// cheap to derive from (seed, block) and the same on every platform, and
// the exact samplers the simulation needs (Poisson, gamma, a discrete law).
// Written here rather than taken from <random> because the standard's
// distributions may give different numbers on different standard libraries,
// and a forecast must be the same wherever it runs.
#pragma once

#include "core/splitmix64.hpp"  // relative: tests include this header without src/ on their path

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace pipecast::draws {

/// A splitmix64 stream (splitmix64.hpp).
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() { return splitmix64(state); }
  /// Uniform on [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

/// The seed of the stream for one (block, purpose) of a run seeded `seed`.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t block, std::uint64_t purpose) {
  SplitMix mix{seed ^ (block * 0xd1b54a32d192ed03ULL) ^ (purpose << 56)};
  mix.next();
  return mix.next();
}

/// xoshiro128+ in eight independent lanes held in SIMD registers (GCC and
/// clang vector extensions), for the 10^9 uniforms of a large simulation.
/// Callers compare the numbers with thresholds, where xoshiro128+'s weak low
/// bits do not matter.
class LaneGenerator {
 public:
  static constexpr std::size_t kLanes = 8;

  explicit LaneGenerator(SplitMix& seeder) {
    // Each state vector is built whole from its four words, in registers: a
    // generator is seeded for every deal and block of trials, and vectors
    // read back from words stored one by one stall the first fill().
    for (std::size_t half = 0; half < 2; ++half) {
      std::uint64_t a[4], b[4];
      for (int l = 0; l < 4; ++l) {
        a[l] = seeder.next();
        b[l] = seeder.next();
      }
      const auto low = [](std::uint64_t x) { return static_cast<std::uint32_t>(x); };
      const auto high = [](std::uint64_t x) { return static_cast<std::uint32_t>(x >> 32); };
      s_[half][0] = Lanes{low(a[0]) | 1u, low(a[1]) | 1u, low(a[2]) | 1u, low(a[3]) | 1u};  // never all zero
      s_[half][1] = Lanes{high(a[0]), high(a[1]), high(a[2]), high(a[3])};
      s_[half][2] = Lanes{low(b[0]), low(b[1]), low(b[2]), low(b[3])};
      s_[half][3] = Lanes{high(b[0]), high(b[1]), high(b[2]), high(b[3])};
    }
  }

  /// Writes n uniform 32-bit numbers (n a multiple of kLanes).
  void fill(std::uint32_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; i += kLanes)
      for (std::size_t half = 0; half < 2; ++half) {
        Lanes* s = s_[half];
        const Lanes result = s[0] + s[3];
        std::memcpy(out + i + 4 * half, &result, sizeof result);
        const Lanes t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = (s[3] << 11) | (s[3] >> 21);
      }
  }

 private:
  using Lanes = std::uint32_t __attribute__((vector_size(16)));
  Lanes s_[2][4];
};

/// log(k!), exact to about 1e-14 relative: a table for small k, Stirling's
/// series beyond.  (std::lgamma writes the global signgam, which races
/// between threads.)
double log_factorial(std::uint64_t k);

/// Poisson(lambda), exactly: by inversion for small means, by Hormann's
/// transformed rejection (PTRS, 1993) for means of 10 and more, whose cost
/// does not grow with the mean.
std::uint64_t poisson(SplitMix& rng, double lambda);

/// A standard normal (Box-Muller, one of the pair).
double standard_normal(SplitMix& rng);

/// Gamma(shape, 1 / shape): mean 1, variance 1 / shape (Marsaglia and Tsang).
/// Beyond kGammaShapeOfOne (an infinite shape included, as 1 / a denormal
/// dispersion gives) the draw is exactly 1: its spread is below what a double
/// holds around 1, and the method itself would give inf / inf.
double gamma_mean_one(SplitMix& rng, double shape);
inline constexpr double kGammaShapeOfOne = 1e32;

/// Draws an index with probability proportional to its weight in O(1)
/// (Walker's alias method, built as Vose describes): the new deals of a
/// period bring thousands of amounts per simulated future.
class AliasTable {
 public:
  AliasTable() = default;
  /// Weights must be finite and not negative; all zero (or none) gives an
  /// empty table.
  explicit AliasTable(std::span<const double> weights);

  bool empty() const { return keep_.empty(); }
  std::size_t size() const { return keep_.size(); }
  std::size_t draw(SplitMix& rng) const {
    const double x = rng.uniform() * static_cast<double>(keep_.size());
    // x rounds up to the size for the largest uniforms and large tables.
    const auto i = std::min(static_cast<std::size_t>(x), keep_.size() - 1);
    return x - static_cast<double>(i) < keep_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> keep_;         // the chance of keeping slot i
  std::vector<std::uint32_t> alias_;  // where slot i goes otherwise
};

}  // namespace pipecast::draws
