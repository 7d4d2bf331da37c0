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
  std::string file;        ///< the file (or other origin) it is about; may be ""
  std::size_t line = 0;    ///< 1-based; 0: not known
  std::size_t column = 0;  ///< 1-based, in characters; 0: not known
  std::string message;     ///< what is wrong

  /// `file:line:column: message`, leaving out what is not known (a column
  /// without a line, an empty file).
  std::string to_string() const;
  /// Memberwise equality.
  bool operator==(const Diagnostic&) const = default;
};

/// Thrown by importers and loaders: every problem found, so that the user fixes
/// them in one go.  what() lists them one per line.
class ImportError : public std::runtime_error {
 public:
  /// The error for `diagnostics`; what() is their to_string() joined by
  /// newlines.
  explicit ImportError(std::vector<Diagnostic> diagnostics);
  /// Every problem, in the order found.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace pipecast
