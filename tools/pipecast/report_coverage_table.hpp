// The coverage part of `pipecast report` as a terminal table.
#pragma once

#include "pipecast/analytics/coverage.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// The team and each owner: quota for the period, won so far, remaining, the
/// open pipeline expected to close in the period (raw and weighted) and the
/// coverage ratios ("quota met" when nothing remains).
void print_table(const CoverageReport& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
