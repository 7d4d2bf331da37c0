// The cross-sell part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/cross_sell.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Product base rates (overall and by segment), the top product pairs by lift,
/// then the suggestions: every account when there are few, else the accounts
/// with the strongest best suggestion (JSON has them all).  `currency` is
/// unused (cross-sell has no amounts); it keeps the signature of the other parts.
void print_table(const CrossSellReport& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
