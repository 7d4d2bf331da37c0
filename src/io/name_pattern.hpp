// Names matched against a pattern (inline: small functions, used by the
// file loader, the headers' ignore list and the values of computed cases
// and dropped rows): `*` for any run of characters, `?` for
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

// A value of a mapping (a computed case's condition, drop_rows, keep_rows)
// against a cell: equal, or, for a value holding a `*`, matching it as a
// pattern ("006*": Salesforce ids of opportunities, whose prefix is 006).
inline bool matches_value(std::string_view value, std::string_view cell) {
  return value == cell || (value.find('*') != std::string_view::npos && matches_pattern(value, cell));
}

}  // namespace pipecast
