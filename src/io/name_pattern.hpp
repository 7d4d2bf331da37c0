// Names matched against a pattern (inline: two small functions, used by
// the file loader and the headers' ignore list): `*` for any run of characters, `?` for
// one (a byte: the names are file names and headers of exports, ASCII in
// practice, and a byte-wise match of UTF-8 is still exact for `*`).
#pragma once

#include <string_view>

namespace pipecast {

inline bool is_pattern(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

inline bool matches_pattern(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p, ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++, resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1, n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace pipecast
