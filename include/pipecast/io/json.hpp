/// @file
/// Results as JSON text, with stable keys (the CLI's --format json and the C ABI).
#pragma once

#include "pipecast/core/summary.hpp"

#include <string>

namespace pipecast {

/// {"as_of", "currency", "opportunities", "open", "won", "lost", "open_amount",
///  "weighted_amount", "won_amount", "lost_amount", "missing_amount",
///  "by_stage": [{"pipeline", "stage", "kind", "probability", "count", "amount"}]}
/// indent < 0 gives one line.
std::string to_json(const Summary& summary, int indent = 2);

}  // namespace pipecast
