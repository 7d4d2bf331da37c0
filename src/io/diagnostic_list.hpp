// Problems collected during one import, up to a limit.
#pragma once

#include "pipecast/io/diagnostics.hpp"

#include <string>
#include <vector>

namespace pipecast {

class DiagnosticList {
 public:
  explicit DiagnosticList(std::size_t max) : max_(max == 0 ? 1 : max) {}

  void add(Diagnostic d) {
    if (list_.size() < max_) list_.push_back(std::move(d));
    else ++dropped_;
  }
  bool full() const { return list_.size() >= max_; }
  bool empty() const { return list_.empty(); }

  /// Throws ImportError with everything collected (and how many were not shown).
  [[noreturn]] void raise() {
    if (dropped_ > 0 || full())
      list_.push_back(Diagnostic{{}, 0, 0, "stopped after " + std::to_string(max_) + " errors"});
    throw ImportError(std::move(list_));
  }

 private:
  std::size_t max_;
  std::size_t dropped_ = 0;
  std::vector<Diagnostic> list_;
};

}  // namespace pipecast
