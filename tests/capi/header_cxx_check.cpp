// pipecast.h must compile as C++ too (extern "C" guards, no C-only syntax),
// and its macros must be usable in C++ code.
#include "pipecast.h"

namespace {
[[maybe_unused]] const pipecast_counts kInitialised = PIPECAST_COUNTS_INIT;
static_assert(PIPECAST_NO_DAY < PIPECAST_DAY_MIN);
static_assert(PIPECAST_VERSION_NUMBER >= 0);
}  // namespace
