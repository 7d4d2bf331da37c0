// The product potential part of `pipecast report` as terminal tables.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// Products by rank, then families by rank, from the report's tables
/// (render::products_view() and the views after it): win rate with its
/// interval, average won amount, median cycle, open pipeline, expected
/// revenue and revenue share; then the won value of the trend periods, the
/// trend and the reason for the rank.
void print_products(const Report& report, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
