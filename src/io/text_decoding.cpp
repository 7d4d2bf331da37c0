#include "io/text_decoding.hpp"

#include "io/csv_reader.hpp"

#include <array>
#include <cstdint>
#include <stdexcept>

namespace pipecast::csv {
namespace {

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Windows-1252's 0x80..0x9F (0: unassigned); the other bytes are Latin-1's.
constexpr std::array<std::uint16_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::string single_byte(std::string_view bytes, bool windows) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    std::uint32_t code = b;
    if (windows && b >= 0x80 && b < 0xA0) {
      code = kWindows1252High[b - 0x80];
      if (code == 0)
        throw std::runtime_error("byte " + std::to_string(i) + " (" + hex_byte(b) +
                                 ") is not a Windows-1252 character");
    }
    append_utf8(out, code);
  }
  return out;
}

bool starts_with(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

std::string utf16(std::string_view bytes) {
  bool big = false;
  std::size_t i = 0;
  if (starts_with(bytes, "\xFE\xFF")) big = true, i = 2;
  else if (starts_with(bytes, "\xFF\xFE")) i = 2;
  if ((bytes.size() - i) % 2 != 0) throw std::runtime_error("the UTF-16 text ends in the middle of a character");
  const auto unit = [&](std::size_t at) {
    const auto a = static_cast<unsigned char>(bytes[at]), b = static_cast<unsigned char>(bytes[at + 1]);
    return static_cast<std::uint32_t>(big ? (a << 8) | b : (b << 8) | a);
  };
  std::string out;
  out.reserve(bytes.size() / 2);
  for (; i < bytes.size(); i += 2) {
    std::uint32_t code = unit(i);
    if (code >= 0xD800 && code < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
      code = 0x10000 + ((code - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (code >= 0xD800 && code < 0xE000) {
      throw std::runtime_error("byte " + std::to_string(i) + " holds half of a UTF-16 surrogate pair");
    }
    append_utf8(out, code);
  }
  return out;
}

}  // namespace

std::optional<std::string> decode_to_utf8(std::string_view bytes, TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::automatic:
      if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) return utf16(bytes);
      return std::nullopt;
    case TextEncoding::utf8: return std::nullopt;
    case TextEncoding::utf16: return utf16(bytes);
    case TextEncoding::windows1252: return single_byte(bytes, true);
    case TextEncoding::latin1: return single_byte(bytes, false);
  }
  return std::nullopt;
}

char sniff_delimiter(std::string_view text) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  std::array<std::size_t, 4> counts{};
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t k = 0; k < kCandidates.size(); ++k) counts[k] += c == kCandidates[k];
  }
  std::size_t best = 0;
  for (std::size_t k = 1; k < kCandidates.size(); ++k)
    if (counts[k] > counts[best]) best = k;
  return kCandidates[best];
}

}  // namespace pipecast::csv
