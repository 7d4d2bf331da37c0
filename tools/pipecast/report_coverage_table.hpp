// The coverage part of `pipecast report` as a terminal table.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Each owner and the team: quota for the period, won so far, remaining, the
/// open pipeline expected to close in the period (raw and weighted) and the
/// coverage ratios ("quota met" when nothing remains).
void print_coverage(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
