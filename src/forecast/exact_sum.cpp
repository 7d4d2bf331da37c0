#include "pipecast/forecast/exact_sum.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace pipecast {

void ExactSum::add(double x) {
  if (!std::isfinite(x)) throw std::domain_error("exact sum: a value that is not finite");
  // Each partial is added to x with its rounding error kept (two-sum); the
  // errors, non-zero ones only, become the new partials below the total.
  std::size_t kept = 0;
  for (std::size_t j = 0; j < partials_.size(); ++j) {
    double y = partials_[j];
    if (std::abs(x) < std::abs(y)) std::swap(x, y);
    const double high = x + y;
    const double low = y - (high - x);
    if (low != 0.0) partials_[kept++] = low;
    x = high;
  }
  partials_.resize(kept);
  if (!std::isfinite(x)) throw std::overflow_error("exact sum: the sum is beyond the range of a double");
  if (x != 0.0) partials_.push_back(x);
}

void ExactSum::add(const ExactSum& other) {
  for (const double p : other.partials_) add(p);
}

double ExactSum::value() const {
  std::size_t n = partials_.size();
  if (n == 0) return 0.0;
  double high = partials_[--n], low = 0.0;
  while (n > 0) {
    const double x = high, y = partials_[--n];
    high = x + y;
    low = y - (high - x);
    if (low != 0.0) break;
  }
  // Half-way cases: the partials below `low` say on which side of the tie
  // the exact sum lies, so round away from `high` when they point that way.
  if (n > 0 && ((low < 0.0 && partials_[n - 1] < 0.0) || (low > 0.0 && partials_[n - 1] > 0.0))) {
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
  while (!rest.partials_.empty() && out.size() < 64) {
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
