// The sales velocity part of `pipecast report` as a terminal table.
#pragma once

#include "pipecast/analytics/sales_velocity.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// One row per segment and a total: open deals x win rate x average won
/// amount / average cycle, each factor shown, and the value per day and per
/// 30 days.
void print_table(const SalesVelocityReport& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
