// The sales velocity part of `pipecast report` as a terminal table.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// One row per segment and the total: open deals x win rate x average won
/// amount / average cycle, each factor shown, and the value per 30 days.
void print_sales_velocity(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
