#include "pipecast/forecast/exact_sum.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace pipecast {

void ExactSum::add(double x) {
  if (!std::isfinite(x)) throw std::domain_error("exact sum: a value that is not finite");
  // Each partial is added to x with its rounding error kept (two-sum); the
  // errors, non-zero ones only, become the new partials below the total.
  double* partials = data();
  std::size_t kept = 0;
  for (std::size_t j = 0; j < size_; ++j) {
    double y = partials[j];
    if (std::abs(x) < std::abs(y)) std::swap(x, y);
    const double high = x + y;
    const double low = y - (high - x);
    if (low != 0.0) partials[kept++] = low;
    x = high;
  }
  size_ = kept;
  if (!spilled_.empty()) spilled_.resize(kept);
  if (!std::isfinite(x)) throw std::overflow_error("exact sum: the sum is beyond the range of a double");
  if (x != 0.0) push(x);
}

void ExactSum::push(double x) {
  if (spilled_.empty() && size_ < kInline) {
    inline_[size_++] = x;
    return;
  }
  if (spilled_.empty()) spilled_.assign(inline_.begin(), inline_.begin() + static_cast<std::ptrdiff_t>(size_));
  spilled_.push_back(x);
  ++size_;
}

void ExactSum::add(const ExactSum& other) {
  if (&other == this) {  // adding a sum to itself: from a copy
    const ExactSum copy = other;
    add(copy);
    return;
  }
  for (std::size_t k = 0; k < other.size_; ++k) add(other.data()[k]);
}

void ExactSum::add_multiple(double x, std::uint64_t n) {
  // n x is the sum of x 2^k over n's bits, and scaling by a power of two is
  // exact: only a term beyond a double's range, where the sum would be too,
  // is not.
  for (int k = 0; n != 0; ++k, n >>= 1) {
    if ((n & 1) == 0) continue;
    const double term = std::ldexp(x, k);
    if (std::isfinite(x) && !std::isfinite(term))
      throw std::overflow_error("exact sum: the sum is beyond the range of a double");
    add(term);
  }
}

double ExactSum::value() const {
  const double* partials = data();
  std::size_t n = size_;
  if (n == 0) return 0.0;
  double high = partials[--n], low = 0.0;
  while (n > 0) {
    const double x = high, y = partials[--n];
    high = x + y;
    low = y - (high - x);
    if (low != 0.0) break;
  }
  // Half-way cases: the partials below `low` say on which side of the tie
  // the exact sum lies, so round away from `high` when they point that way.
  if (n > 0 && ((low < 0.0 && partials[n - 1] < 0.0) || (low > 0.0 && partials[n - 1] > 0.0))) {
    const double y = low * 2.0, x = high + y;
    if (y == x - high) high = x;
  }
  return high;
}

std::vector<double> ExactSum::canonical() const {
  std::vector<double> out;
  ExactSum rest = *this;
  // Each step takes off the rounded rest exactly, so at least 53 more bits
  // each time: a double's range is spent in fewer than 45 steps.
  while (rest.size_ > 0 && out.size() < 64) {
    const double v = rest.value();
    out.push_back(v);
    rest.add(-v);
  }
  return out;
}

ExactSum ExactSum::of(std::span<const double> terms) {
  ExactSum sum;
  for (const double t : terms) sum.add(t);
  return sum;
}

}  // namespace pipecast
