/// @file
/// A sum of doubles kept exactly, so that it does not depend on the order
/// the numbers come in: the partial statistics of a fit from parts
/// (parts_fit.hpp) merge in any order, and the whole book summed in one go
/// gives the same figures bit for bit.
///
/// The sum is held as a list of non-overlapping doubles whose exact sum is
/// the sum of every number added (Shewchuk's expansions, as in Python's
/// math.fsum); value() rounds it once, correctly, to the nearest double.  An
/// add costs a pass over the list, which stays at two or three doubles for
/// sums of like-signed numbers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pipecast {

/// The exact sum of finite doubles.
class ExactSum {
 public:
  /// Zero.
  ExactSum() = default;
  /// Adds `x` exactly.  Throws std::domain_error when `x` is not finite and
  /// std::overflow_error when the sum leaves the range of a double.
  void add(double x);
  /// Adds the exact sum of `other`.
  void add(const ExactSum& other);
  /// Adds `x` `n` times, exactly: the sum `n` calls of add(x) make, in one
  /// add per bit of `n`.  Throws as add() does (nothing for an `n` of 0).
  void add_multiple(double x, std::uint64_t n);
  /// Whether the sum is exactly zero (nothing added, or what was added cancels).
  bool is_zero() const { return size_ == 0; }
  /// The sum rounded once to the nearest double (ties to even).
  double value() const;
  /// The sum as doubles of decreasing magnitude, each the rounded rest of
  /// the ones before: the same list for the same exact sum, whatever was
  /// added in which order (the form it is stored and compared in).
  std::vector<double> canonical() const;
  /// The sum of `terms` (any list of finite doubles, e.g. canonical()).
  static ExactSum of(std::span<const double> terms);
  /// Equal exact sums.
  bool operator==(const ExactSum& other) const { return canonical() == other.canonical(); }

 private:
  // The partials: non-overlapping, increasing magnitude, no zeros.  The
  // first few are kept inline: a part's sum is one double, a merge of a few
  // parts two or three, and a table holds thousands of sums.
  static constexpr std::size_t kInline = 3;
  std::size_t size_ = 0;
  std::array<double, kInline> inline_{};
  std::vector<double> spilled_;  // all the partials when there are more than kInline
  double* data() { return size_ <= kInline && spilled_.empty() ? inline_.data() : spilled_.data(); }
  const double* data() const { return size_ <= kInline && spilled_.empty() ? inline_.data() : spilled_.data(); }
  void push(double x);
};

}  // namespace pipecast
