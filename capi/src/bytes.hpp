// pipecast_bytes: an immutable blob the library made (a model, a request or
// statistics of a fit from parts), and reading blobs handed back by hosts.
#pragma once

#include "handles.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct pipecast_bytes {
  static constexpr std::uint32_t kTag = 0x53455942u;  // "BYES"
  static constexpr const char* kTypeName = "pipecast_bytes";
  std::uint32_t tag = kTag;
  std::string bytes;
};

namespace pipecast::capi {

/// A new blob holding `bytes`, in *out.
void give_bytes(std::string bytes, pipecast_bytes** out);

/// `size` bytes at `data` (NULL only when size is 0), named `argument` in
/// the error otherwise.
std::string_view blob_argument(const void* data, std::size_t size, const char* argument);

}  // namespace pipecast::capi
