// The hash of a deal's key (its id, owner, pipeline or account): what
// split_book() sends a deal to a part by, and what seeds a deal's own random
// stream in the period forecast, so that a deal draws the same numbers in
// whichever part, or whole book, it is simulated.
#pragma once

#include "core/splitmix64.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pipecast {

/// Eight bytes at a time, assembled little-endian whatever the machine's
/// order, each folded into the state and mixed (splitmix64): the same on
/// every platform and in every run.
inline std::uint64_t key_hash(std::string_view key) {
  const auto mix = [](std::uint64_t value) { return splitmix64(value); };  // a step from a copy
  std::uint64_t state = key.size();
  for (std::size_t at = 0; at < key.size(); at += 8) {
    std::uint64_t chunk = 0;
    for (std::size_t k = 0; k < 8 && at + k < key.size(); ++k)
      chunk |= std::uint64_t{static_cast<unsigned char>(key[at + k])} << (8 * k);
    state = mix(state ^ chunk);
  }
  return mix(state);
}

}  // namespace pipecast
