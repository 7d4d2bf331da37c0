// Input text quoted inside a message.  Cut short, so that a runaway cell (a
// line of 100 MB, a header of a million characters) cannot flood the message
// or the terminal, and cut between characters, so that the message stays
// valid UTF-8 for the C ABI and Python.
#pragma once

#include <string>
#include <string_view>

namespace pipecast {

inline std::string in_quotes(std::string_view s) {
  constexpr std::size_t kShown = 40;
  if (s.size() <= kShown) return "'" + std::string(s) + "'";
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
  return "'" + std::string(s.substr(0, cut)) + "...'";
}

}  // namespace pipecast
