// The "no data" value of every figure (NaN), defined once for the library.
#pragma once

#include <limits>

namespace pipecast {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace pipecast
