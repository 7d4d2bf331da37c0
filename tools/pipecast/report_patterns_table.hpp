// The win/loss patterns part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// The strongest patterns each way, then each field's values (win rate with
/// its 95% interval, volumes, average won amount, cycles, the test against
/// the rest of the field), then the lost reasons when the book has them.
void print_patterns(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
