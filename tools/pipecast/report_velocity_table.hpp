// The velocity part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/velocity.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Per pipeline: days in each stage (completed stays; open deals' current
/// stays apart), cycle length of won and lost deals, and the median of each
/// by trend period.  `currency` is unused (no amounts) but kept for symmetry.
void print_table(const VelocityReport& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
