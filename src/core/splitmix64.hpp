// splitmix64 (Steele, Lea and Flood, with Vigna's constants): the one mixing
// step behind every seed of the library: the synthetic book's generators,
// the Monte Carlo's streams and the backtest's origins.  Small, fast, the
// same on every platform, and every 64-bit state gives a good stream.
#pragma once

#include <cstdint>

namespace pipecast {

/// Advances `state` by the golden-ratio increment and returns its mix.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace pipecast
