// The Boost archive inside the library's sealed blobs of the forecast layer
// (model files, a fit from parts' requests and statistics): one definition
// of the payload kind and the archive's flags.
#pragma once

#include <boost/archive/basic_archive.hpp>

#include <cstdint>

namespace pipecast {

/// The sealed payload kind of a Boost binary archive.
inline constexpr std::uint8_t kBinaryArchive = 1;
/// No Boost header (the sealed header says what the bytes are) and no
/// locale conversion.
inline constexpr unsigned kArchiveFlags = boost::archive::no_header | boost::archive::no_codecvt;

}  // namespace pipecast
