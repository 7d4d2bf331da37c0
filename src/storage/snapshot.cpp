#include "pipecast/storage/snapshot.hpp"

#include "storage/sealed_file.hpp"

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace pipecast {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kWhat = "snapshot";

// Kind 0 is never used, so that a zeroed header is not a valid snapshot.
std::uint8_t payload_kind(SnapshotFormat format) { return static_cast<std::uint8_t>(format) + 1; }

SnapshotFormat format_of(std::uint8_t kind, std::string_view origin) {
  if (kind == payload_kind(SnapshotFormat::binary)) return SnapshotFormat::binary;
  if (kind == payload_kind(SnapshotFormat::text)) return SnapshotFormat::text;
  throw std::runtime_error(std::string(origin) + ": snapshot is damaged: unknown payload kind " +
                           std::to_string(kind));
}

Book decode(std::string_view payload, std::uint8_t kind, std::string_view origin) {
  const SnapshotFormat format = format_of(kind, origin);
  try {
    return book_from_archive(payload, format, kWhat);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(origin) + ": " + e.what());
  }
}

}  // namespace

void save_snapshot(const Book& book, const fs::path& path, SnapshotFormat format) {
  write_sealed_file(path, kSnapshotMagic, kSnapshotFormatVersion, payload_kind(format),
                    book_archive(book, format), kWhat);
}

Book load_snapshot(const fs::path& path) {
  const SealedPayload sealed = read_sealed_file(path, kSnapshotMagic, kSnapshotFormatVersion, kWhat);
  return decode(sealed.payload, sealed.payload_kind, path.string());
}

std::string snapshot_bytes(const Book& book, SnapshotFormat format) {
  return sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, payload_kind(format),
                      book_archive(book, format));
}

Book snapshot_from_bytes(std::string_view bytes, std::string_view origin) {
  const SealedView sealed =
      parse_sealed_bytes(bytes, kSnapshotMagic, kSnapshotFormatVersion, kWhat, origin);
  return decode(sealed.payload, sealed.payload_kind, origin);
}

bool looks_like_snapshot(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[kSealedMagicSize] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == static_cast<std::streamsize>(sizeof magic) &&
         std::string_view(magic, sizeof magic) == kSnapshotMagic;
}

}  // namespace pipecast
