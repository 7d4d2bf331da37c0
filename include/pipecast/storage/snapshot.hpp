/// @file
/// Snapshots: a whole Book in one file, loaded far faster than its CSV.
///
/// A snapshot is a sealed file (see sealed_file.hpp: magic, format version,
/// checksum, atomic write) whose payload is a Boost.Serialization archive of
/// the book, binary (compact, fast, for this kind of machine) or text (portable
/// across byte orders and word sizes).  Loading checks the file, then the book
/// (Book::check_consistency), so a damaged or crafted file is refused with a
/// clear message instead of leading to an out-of-range read later.
#pragma once

#include "pipecast/core/book.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace pipecast {

/// How a snapshot's payload is encoded.
enum class SnapshotFormat : std::uint8_t {
  binary,  ///< compact and fast, for machines of the same kind
  text     ///< portable across byte orders and word sizes
};

/// The first 8 bytes of every snapshot (PNG-style: the high byte and the
/// line endings expose a file mangled by a text-mode transfer).
inline constexpr std::string_view kSnapshotMagic{"\x89PCS\r\n\x1a\n", 8};
/// The snapshot format this library writes, and the newest it reads.  2 adds
/// activities; a format 1 snapshot still loads (with none), and a library
/// that reads only format 1 refuses a format 2 one as "written by a newer
/// version of pipecast".
inline constexpr std::uint32_t kSnapshotFormatVersion = 2;

/// Writes `book` to `path` atomically (temporary file, fsync, rename).  Throws
/// std::system_error naming the path when it cannot ("cannot write snapshot
/// /x/y.snap: No space left on device"); the previous file is then intact.
void save_snapshot(const Book& book, const std::filesystem::path& path,
                   SnapshotFormat format = SnapshotFormat::binary);

/// Reads a snapshot, in whichever format it was saved.  Throws
/// std::system_error when the file cannot be read ("cannot open P: No such
/// file or directory"), otherwise std::runtime_error starting with "P: "
/// ("P: snapshot is damaged: checksum mismatch").
Book load_snapshot(const std::filesystem::path& path);

/// The bytes save_snapshot() would write.  Deterministic: the same book gives
/// the same bytes.
std::string snapshot_bytes(const Book& book, SnapshotFormat format);

/// load_snapshot() on bytes in memory; messages start with "origin: ".
Book snapshot_from_bytes(std::string_view bytes, std::string_view origin = "snapshot");

/// True when `path` is a file starting with the snapshot magic (whatever its
/// state otherwise): tells a snapshot from a CSV directory or file.
bool looks_like_snapshot(const std::filesystem::path& path);

// --- The payload alone ---------------------------------------------------
// The Boost archive inside a snapshot, without the sealed header: for
// embedding a book in another container, and for fuzzing the archive reader
// past the checksum.

/// The Boost archive of `book` (binary_oarchive or text_oarchive).
std::string book_archive(const Book& book, SnapshotFormat format);

/// Reads a book back from book_archive() output and checks it
/// (Book::check_consistency).  Throws std::runtime_error saying what is wrong,
/// with `what` as its subject: "book archive is damaged: input stream error",
/// "... is damaged: inconsistent book: history offsets", "not enough memory
/// to load the book archive".  Whatever the bytes, it never allocates much
/// more than they could describe.
Book book_from_archive(std::string_view archive, SnapshotFormat format,
                       std::string_view what = "book archive");

}  // namespace pipecast
