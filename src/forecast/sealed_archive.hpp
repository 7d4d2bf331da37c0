// A value as a sealed blob (storage/sealed_file.hpp) around a Boost binary
// archive of its fields (storage/bounded_archive.hpp), and back: the byte
// forms of a fit from parts' requests and statistics, and of a forecast's
// partials.  Reading checks the magic, the version and the CRC, reads with
// bounded allocations, and turns every way bytes can be wrong into a
// std::runtime_error starting with "origin: what is damaged: ".  The value's
// archive_fields() must be visible where these are instantiated.
#pragma once

#include "forecast/archive_format.hpp"
#include "storage/bounded_archive.hpp"
#include "storage/sealed_file.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>

#include <cstdint>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pipecast {

/// `value`'s sealed bytes.
template <class Value>
std::string sealed_archive(std::string_view magic, std::uint32_t version, Value value) {
  std::ostringstream out;
  {
    boost::archive::binary_oarchive a(out, kArchiveFlags);
    bounded::field(a, value);
  }
  return sealed_bytes(magic, version, kBinaryArchive, std::move(out).str());
}

/// The value sealed_archive() wrote, checked as the file's comment says.
template <class Value>
Value unsealed_archive(std::string_view bytes, std::string_view magic, std::uint32_t version, std::string_view what,
                       std::string_view origin) {
  const SealedView view = parse_sealed_bytes(bytes, magic, version, what, origin);
  const std::string damaged = std::string(origin) + ": " + std::string(what) + " is damaged: ";
  if (view.payload_kind != kBinaryArchive)
    throw std::runtime_error(damaged + "unknown payload kind " + std::to_string(view.payload_kind));
  try {
    std::istringstream in{std::string(view.payload)};
    boost::archive::binary_iarchive a(in, kArchiveFlags);
    Value value;
    bounded::field(a, value);
    if (in.peek() != std::char_traits<char>::eof()) throw std::runtime_error("bytes after its end");
    return value;
  } catch (const boost::archive::archive_exception& e) {
    throw std::runtime_error(damaged + e.what());
  } catch (const std::bad_alloc&) {
    throw std::runtime_error(damaged + "a size in it is impossible");
  } catch (const std::length_error&) {
    throw std::runtime_error(damaged + "a size in it is impossible");
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(damaged + e.what());
  }
}

}  // namespace pipecast
