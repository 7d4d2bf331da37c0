// A host's log callback (pipecast_log_fn), as the calls that take one in
// their options use it.
#pragma once

#include "pipecast.h"

#include <cstdint>
#include <string>

namespace pipecast::capi {

/// Calls the host's callback, if any.  A throwing C++ callback must not
/// unwind through the library's frames, so it is stopped here.
class Log {
 public:
  Log(pipecast_log_fn fn, void* user_data) : fn_(fn), user_data_(user_data) {}
  explicit operator bool() const { return fn_ != nullptr; }
  void operator()(std::int32_t level, const std::string& message) const noexcept {
    if (fn_ == nullptr) return;
    try {
      fn_(user_data_, level, message.c_str());
    } catch (...) {
    }
  }

 private:
  pipecast_log_fn fn_;
  void* user_data_;
};

}  // namespace pipecast::capi
