/// @file
/// A sealed file: a payload framed by a magic, a format version and a checksum,
/// written atomically.  Snapshots of books use it, and so can anything else the
/// library persists (fitted models): one place that gets durability and the
/// refusal of damaged input right.
///
/// Layout (integers little-endian, so the header reads the same everywhere):
///
///   offset  size  field
///        0     8  magic: says which kind of pipecast file this is
///        8     4  format version (u32), 1 and up
///       12     1  payload kind (u8), meaning chosen by the file's owner
///       13     3  reserved, zero
///       16     8  payload length in bytes (u64)
///       24     8  checksum (u64): CRC-64/XZ of bytes 0..23, then of the payload
///       32     -  payload
///
/// The checksum covers the header too, so a flipped bit in the kind or the
/// reserved bytes is caught as well as one in the payload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace pipecast {

/// Bytes of the magic that starts a sealed file.
inline constexpr std::size_t kSealedMagicSize = 8;
/// Bytes before the payload.
inline constexpr std::size_t kSealedHeaderSize = 32;

/// A payload read back, owning its bytes.
struct SealedPayload {
  std::uint32_t format_version = 0;  ///< from the header; at most the max_version asked for
  std::uint8_t payload_kind = 0;     ///< from the header; its meaning is the file owner's
  std::string payload;               ///< the payload's bytes, checksum verified
};

/// A payload found inside a buffer; `payload` points into that buffer.
struct SealedView {
  std::uint32_t format_version = 0;  ///< as SealedPayload::format_version
  std::uint8_t payload_kind = 0;     ///< as SealedPayload::payload_kind
  std::string_view payload;          ///< into the buffer parsed, checksum verified
};

/// The whole file (header then payload) in memory.  `magic` has 8 bytes.
std::string sealed_bytes(std::string_view magic, std::uint32_t format_version,
                         std::uint8_t payload_kind, std::string_view payload);

/// Writes a sealed file atomically: into a new temporary file beside `path`,
/// flushed to disk, then renamed over `path`.  On failure the temporary file is
/// removed, whatever was at `path` is left as it was, and std::system_error
/// says what failed, e.g. "cannot write snapshot /x/y.snap: No space left on
/// device" (`what` names the kind of file in messages).
void write_sealed_file(const std::filesystem::path& path, std::string_view magic,
                       std::uint32_t format_version, std::uint8_t payload_kind,
                       std::string_view payload, std::string_view what = "file");

/// Reads and checks a sealed file.  Throws std::system_error when the file
/// cannot be opened or read ("cannot open P: No such file or directory"), and
/// std::runtime_error starting with "P: " when it is not a sealed file with
/// this magic, has a format version above `max_version`, is truncated, has
/// trailing bytes or fails its checksum.  Never allocates more than the file
/// holds, whatever its header says.
SealedPayload read_sealed_file(const std::filesystem::path& path, std::string_view magic,
                               std::uint32_t max_version, std::string_view what);

/// The same checks on bytes in memory (for fuzzing, or bytes from elsewhere);
/// messages start with "origin: ".
SealedView parse_sealed_bytes(std::string_view bytes, std::string_view magic,
                              std::uint32_t max_version, std::string_view what,
                              std::string_view origin);

/// CRC-64/XZ (ECMA-182 polynomial, reflected, inverted), the sealed checksum:
/// of `header_fields` (bytes 0..23 of the header), then of `payload`.
std::uint64_t sealed_checksum(std::string_view header_fields, std::string_view payload);

}  // namespace pipecast
