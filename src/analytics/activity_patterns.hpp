// Activity patterns as what worked (activity_effects.cpp) names them and the
// worklist (worklist.cpp) looks for them in an open deal's recent days: one
// to three activity types in a row, written "email > meeting".
#pragma once

#include "pipecast/core/dictionary.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::activity_patterns {

// A pattern's steps: one to three type codes.
using Key = std::vector<Code>;

// How often `key` occurs as consecutive entries of `types`.
inline std::size_t occurrences(const std::vector<Code>& types, const Key& key) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + key.size() <= types.size(); ++i)
    if (std::equal(key.begin(), key.end(), types.begin() + static_cast<std::ptrdiff_t>(i))) ++n;
  return n;
}

// The codes of `pattern`'s steps, by name ("email > meeting").
inline Key pattern_key(const std::string& pattern, const Dictionary& types) {
  Key key;
  std::size_t from = 0;
  while (from <= pattern.size()) {
    const std::size_t to = std::min(pattern.find(" > ", from), pattern.size());
    if (const auto code = types.find(std::string_view(pattern).substr(from, to - from))) key.push_back(*code);
    from = to + 3;
  }
  return key;
}

}  // namespace pipecast::activity_patterns
