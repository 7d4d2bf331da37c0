#include "bytes.hpp"

#include "error.hpp"
#include "input.hpp"

#include <memory>

using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {

void give_bytes(std::string bytes, pipecast_bytes** out) {
  auto handle = std::make_unique<pipecast_bytes>();
  handle->bytes = std::move(bytes);
  *out = handle.release();
}

std::string_view blob_argument(const void* data, std::size_t size, const char* argument) {
  if (size > 0) require(data, argument);
  return {static_cast<const char*>(data), size};
}

}  // namespace pipecast::capi

extern "C" {

int pipecast_bytes_data(const pipecast_bytes* bytes, const void** out_data, size_t* out_size) {
  return guard(__func__, [&] {
    const pipecast_bytes& b = live(bytes, "bytes");
    require(out_data, "out_data");
    require(out_size, "out_size");
    *out_data = b.bytes.data();
    *out_size = b.bytes.size();
    return PIPECAST_OK;
  });
}

void pipecast_bytes_free(pipecast_bytes* bytes) { pipecast::capi::destroy(bytes); }

}  // extern "C"
