// The report as text: a heading, then each part's table.
#pragma once

#include "pipecast/analytics/report.hpp"

#include <ostream>

namespace pipecast::cli {

void print_report(const Report& report, std::ostream& out);

}  // namespace pipecast::cli
