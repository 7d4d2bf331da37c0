// The text rule of a book: UTF-8 without NUL bytes.  The CSV reader checks
// whole files with it; a loaded snapshot's text is checked the same way, so
// every book holds text the CSV export, JSON and the C ABI can pass on.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace pipecast {

inline constexpr std::size_t kAllGood = static_cast<std::size_t>(-1);

namespace utf8_detail {
inline bool has_zero_byte(std::uint64_t v) {
  return ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL) != 0;
}

/// Whether the 64 bytes at `p` are all ASCII and none is NUL, in a loop the
/// compiler vectorises: a byte is neither when byte - 1 (wrapping) < 0x7F.
inline bool plain_ascii_64(const char* p) {
  unsigned char worst = 0;
  for (int k = 0; k < 64; ++k)
    worst = std::max<unsigned char>(worst, static_cast<unsigned char>(static_cast<unsigned char>(p[k]) - 1));
  return worst < 0x7F;
}
}  // namespace utf8_detail

/// Offset of the first byte that is NUL or not part of valid UTF-8 (overlong
/// forms, surrogates and code points past U+10FFFF are not); kAllGood if none.
inline std::size_t first_bad_byte(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    while (i + 64 <= n && utf8_detail::plain_ascii_64(s.data() + i)) i += 64;  // the common case
    if (i == n) break;
    if (i + 8 <= n) {  // eight ASCII bytes at a time
      std::uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      if (!(v & 0x8080808080808080ULL) && !utf8_detail::has_zero_byte(v)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    std::uint32_t min;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return kAllGood;
}

inline bool is_text(std::string_view s) { return first_bad_byte(s) == kAllGood; }

}  // namespace pipecast
