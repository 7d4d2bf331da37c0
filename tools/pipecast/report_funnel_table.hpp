// The funnel part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Per pipeline: each step's deals and value reached, conversion to the next
/// step (decided deals, with its 95% interval and sample; then the raw ratio)
/// and win rate; then the reached counts and win rate by creation cohort.
void print_funnel(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
