/// @file
/// Problems found in input, each with the place it was found.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace pipecast {

/// One problem in one place: `file:line:column: message`.  Line and column are
/// 1-based (the column counts characters of the line); 0 means "not known".
struct Diagnostic {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;

  std::string to_string() const;
  bool operator==(const Diagnostic&) const = default;
};

/// Thrown by importers and loaders: every problem found, so that the user fixes
/// them in one go.  what() lists them one per line.
class ImportError : public std::runtime_error {
 public:
  explicit ImportError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace pipecast
