// The process's thread cap (pipecast/core/threads.hpp), for C hosts.
#include "pipecast.h"

#include "pipecast/core/threads.hpp"

#include <limits>

static_assert(std::numeric_limits<unsigned>::max() >= std::numeric_limits<uint32_t>::max(),
              "the cap is kept as an unsigned");

extern "C" {

void pipecast_set_max_threads(uint32_t max_threads) { pipecast::set_max_threads(max_threads); }

uint32_t pipecast_max_threads(void) { return pipecast::max_threads(); }

}  // extern "C"
