// The stalled-deals part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/stalled.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Totals, the threshold of each stage, and the flagged deals by value at risk
/// (the first kStalledRowsShown; the JSON output has them all).
void print_table(const StalledReport& report, const std::string& currency, std::ostream& out);

inline constexpr std::size_t kStalledRowsShown = 50;

}  // namespace pipecast::cli
