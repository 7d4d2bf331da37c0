// The exception firewall of the C ABI: every exported function that can fail
// runs its body inside guard(), which turns whatever the body throws into a
// return code and a thread-local message, so no C++ exception reaches C.
#pragma once

#include "pipecast.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace pipecast::capi {

/// Thrown by the C ABI layer itself when it knows the code to report.  Not a
/// std::exception, so that no `catch (std::exception&)` between the throw and
/// the firewall can mistake it for a failure of the C++ library.
class Error {
 public:
  Error(int code, std::string message) : code_(code), message_(std::move(message)) {}
  int code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  int code_;
  std::string message_;
};

/// Records `message` as this thread's last error and returns `code`.
int fail(int code, std::string_view message) noexcept;

/// Records the exception being handled (call only inside a catch block) and
/// returns its code.  `function` prefixes messages of invalid arguments, which
/// are the caller's mistakes and so best located by the function called.
int fail_current_exception(const char* function) noexcept;

/// The message pipecast_last_error() returns.
const char* last_error() noexcept;

/// Throws INVALID_ARGUMENT naming `argument` when `pointer` is NULL.
inline void require(const void* pointer, const char* argument) {
  if (pointer == nullptr) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string(argument) + " is NULL");
}

/// Throws INVALID_ARGUMENT naming `argument` and the accepted range when
/// `value` is outside least..most.
void require_in_range(std::uint64_t value, std::uint64_t least, std::uint64_t most, const char* argument);

/// Runs `body` (returning PIPECAST_OK or an error code) behind the firewall.
template <class Body>
int guard(const char* function, Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return fail_current_exception(function);
  }
}

}  // namespace pipecast::capi
