// What the C ABI's calls on the parts of a book share (the fit from parts,
// parts_fit.cpp; the forecast from parts, forecast_parts.cpp).
#pragma once

#include "error.hpp"
#include "handles.hpp"

#include <stdexcept>

namespace pipecast::capi {

/// Reads a blob with `read`.  Blobs come from elsewhere (a worker, a file):
/// one that is not what it should be is input that could not be understood
/// (PARSE), not a mistake in the call.
template <class Read>
auto read_blob(Read read) {
  try {
    return read();
  } catch (const std::runtime_error& e) {
    throw Error(PIPECAST_ERROR_PARSE, e.what());
  }
}

/// Refuses a view where a part's whole book is needed.
inline void require_whole_book(const pipecast_book& part) {
  if (part.is_view()) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "part is a view: answer with the part's whole book");
}

}  // namespace pipecast::capi
