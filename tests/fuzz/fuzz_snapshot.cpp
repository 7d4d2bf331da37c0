// Snapshot loading (snapshot_from_bytes), twice per input: the bytes as a
// whole file, which exercises the sealed header's checks; and the bytes
// after the first as the payload of a correctly sealed file (the first byte
// picks binary or text), which gets past the checksum that random bytes
// never match and exercises the Boost archive reader and the book's
// consistency checks.  A loaded book must survive exercise().
#include "storage/sealed_file.hpp"
#include "pipecast/storage/snapshot.hpp"

#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace pipecast::fuzz::snapshot_target {
namespace {

void load(std::string_view bytes) {
  pipecast::Book book;
  try {
    book = pipecast::snapshot_from_bytes(bytes, "fuzz.snap");
  } catch (const std::runtime_error& e) {
    FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz.snap: "), e.what());
    return;
  }
  pipecast::fuzz::exercise(book);
}

}  // namespace
}  // namespace pipecast::fuzz::snapshot_target

PIPECAST_FUZZ_TARGET(fuzz_snapshot, data, size) {
  using namespace pipecast;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::snapshot_target::load(bytes);
  if (size > 0) {
    const std::uint8_t kind = (data[0] & 1) ? 1 : 2;  // 1: binary, 2: text
    fuzz::snapshot_target::load(sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, kind, bytes.substr(1)));
  }
  return 0;
}
