// The velocity part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Per pipeline, from the report's tables velocity, cycles and
/// velocity_trend: days in each stage (completed stays; open deals' current
/// stays apart), cycle length of won and lost deals, and the median of each
/// by trend period.
void print_velocity(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
