// The product potential part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/product_potential.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Products by rank, then families by rank: win rate with its interval,
/// average won amount, median cycle, open pipeline, expected revenue, revenue
/// share, the won value of the trend periods and the reason for the rank.
void print_table(const ProductReport& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
