// The cross-sell result as a JSON value with stable keys (the report's
// "cross_sell" part).  Private to the library.  Dates are "YYYY-MM-DD"; a
// figure without data (NaN) is null; a rate is {"value", "low", "high",
// "successes", "trials"} (value and interval null when there are no trials);
// products and segments are named, not indexed.
#pragma once

#include "pipecast/analytics/cross_sell.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

/// {"as_of", "won_deals", "buying_accounts", "min_support",
///  "products": [{"product", "base_rate"}],
///  "segments": [{"segment", "accounts", "products": [{"product", "base_rate"}]}],
///  "pairs": [{"from", "to", "support", "confidence", "lift"}],
///  "accounts": [{"account", "segment", "purchased": [product...],
///                "candidates": [{"product", "score", "segment_rate", "because",
///                                "support", "confidence", "lift"}]}]}
/// "because" is the best supporting product (null, with support 0 and null
/// confidence and lift, when no pair reaches min_support).
nlohmann::ordered_json to_json_value(const CrossSellReport& report);

}  // namespace pipecast
