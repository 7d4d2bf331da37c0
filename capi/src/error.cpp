#include "error.hpp"

#include "pipecast/io/diagnostics.hpp"

#include <exception>
#include <new>
#include <stdexcept>
#include <system_error>

namespace pipecast::capi {
namespace {

// The only mutable state of the C ABI.  `fallback` is used when the message
// itself cannot be stored (out of memory), so recording never throws.
struct LastError {
  std::string message;
  const char* fallback = nullptr;
};

thread_local LastError tls_last_error;

int fail_static(int code, const char* message) noexcept {
  tls_last_error.fallback = message;
  return code;
}

std::string located(const char* function, const std::string& message) {
  return std::string(function) + ": " + message;
}

}  // namespace

int fail(int code, std::string_view message) noexcept {
  try {
    tls_last_error.message.assign(message);
    tls_last_error.fallback = nullptr;
  } catch (...) {
    tls_last_error.fallback = "out of memory (while recording an error)";
  }
  return code;
}

int fail_current_exception(const char* function) noexcept {
  // Handlers build strings and may themselves run out of memory: the outer
  // catch keeps that from escaping.
  try {
    try {
      throw;
    } catch (const Error& e) {
      const bool argument = e.code() == PIPECAST_ERROR_INVALID_ARGUMENT;
      return fail(e.code(), argument ? located(function, e.message()) : e.message());
    } catch (const ImportError& e) {
      return fail(PIPECAST_ERROR_PARSE, e.what());
    } catch (const std::bad_alloc&) {
      return fail_static(PIPECAST_ERROR_OUT_OF_MEMORY, "out of memory");
    } catch (const std::length_error& e) {
      // More rows or ids than a book can index: the data, not the caller.
      return fail(PIPECAST_ERROR_INVALID_DATA, e.what());
    } catch (const std::system_error& e) {
      // What the operating system refused (filesystem_error, ios failures).
      return fail(PIPECAST_ERROR_IO, e.what());
    } catch (const std::exception& e) {
      return fail(PIPECAST_ERROR_INTERNAL, located(function, e.what()));
    } catch (...) {
      return fail_static(PIPECAST_ERROR_INTERNAL, "internal error: unknown exception");
    }
  } catch (...) {
    return fail_static(PIPECAST_ERROR_OUT_OF_MEMORY, "out of memory");
  }
}

const char* last_error() noexcept {
  return tls_last_error.fallback != nullptr ? tls_last_error.fallback
                                            : tls_last_error.message.c_str();
}

void require_in_range(std::uint64_t value, std::uint64_t least, std::uint64_t most, const char* argument) {
  if (value < least || value > most)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string(argument) + " is " + std::to_string(value) +
                                                     ", expected " + std::to_string(least) + ".." +
                                                     std::to_string(most));
}

}  // namespace pipecast::capi

extern "C" {

const char* pipecast_last_error(void) { return pipecast::capi::last_error(); }

const char* pipecast_error_string(int code) {
  switch (code) {
    case PIPECAST_OK: return "ok";
    case PIPECAST_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case PIPECAST_ERROR_PARSE: return "parse error";
    case PIPECAST_ERROR_IO: return "input/output error";
    case PIPECAST_ERROR_NOT_FOUND: return "not found";
    case PIPECAST_ERROR_BUFFER_TOO_SMALL: return "buffer too small";
    case PIPECAST_ERROR_OUT_OF_MEMORY: return "out of memory";
    case PIPECAST_ERROR_INTERNAL: return "internal error";
    case PIPECAST_ERROR_INVALID_DATA: return "invalid data";
    case PIPECAST_ERROR_CALLBACK: return "callback failed";
    default: return "unknown error code";
  }
}

}  // extern "C"
