// The cross-sell part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// From the report's tables (render::cross_sell_products_view() and the
/// views after it): product base rates (overall and by segment), the top
/// product pairs by lift, then the suggestions: every account's when few
/// accounts have one, else those of the accounts with the strongest best
/// suggestion (JSON has them all).  `currency` is unused (cross-sell has no
/// amounts); it keeps the signature of the other parts.
void print_cross_sell(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
