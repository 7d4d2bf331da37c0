// The lead plan of `pipecast plan` as terminal tables.
#pragma once

#include "pipecast/analytics/lead_plan.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

/// The status and message; what is already won and expected, and the gap;
/// what history says; the won deals and leads needed (P50 rounded up to whole
/// deals, and P90) with the create-by dates; then each pipeline's stages with
/// their win rates (95% interval, sample) and the opportunities needed.
void print_table(const LeadPlan& plan, const std::string& currency, std::ostream& out);

}  // namespace pipecast::cli
