// The stalled-deals part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <cstddef>
#include <ostream>
#include <string>

namespace pipecast::cli {

/// From the report's tables stalled_summary, stalled_thresholds and
/// stalled: the totals, the threshold of each stage, and the flagged deals by
/// value at risk (the first kStalledRowsShown; the JSON output has them all).
void print_stalled(const Report& report, const std::string& currency, std::ostream& out);

inline constexpr std::size_t kStalledRowsShown = 50;

}  // namespace pipecast::cli
