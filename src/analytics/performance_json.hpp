// The win/loss patterns, sales velocity, coverage and product potential
// results as JSON values with stable keys (the report's "patterns",
// "sales_velocity", "coverage" and "products" parts).  Private to the
// library.  Dates are "YYYY-MM-DD"; a figure without data (NaN) is null; a
// rate is {"value", "low", "high", "successes", "trials"} with value and
// interval null when there are no trials.  Amounts are in the base currency.
#pragma once

#include "pipecast/analytics/coverage.hpp"
#include "pipecast/analytics/patterns.hpp"
#include "pipecast/analytics/product_potential.hpp"
#include "pipecast/analytics/sales_velocity.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

/// {"as_of", "win_rate", "open", "min_closed",
///  "fields": [{"field", "values": [{"value", "won", "lost", "open", "win_rate",
///  "won_amount", "average_won_amount", "average_cycle_days",
///  "average_won_cycle_days", "rest_win_rate", "difference", "z", "p_value"}]}],
///  "positive": [{"field", "value", "win_rate", "rest_win_rate", "difference",
///  "z", "p_value"}], "negative": [...],
///  "lost_reasons": null | {"lost_deals", "lost_amount", "reasons": [{"reason",
///  "deals", "deal_share", "amount", "amount_share"}]}}
nlohmann::ordered_json to_json_value(const PatternReport& report);

/// {"as_of", "segments": [row], "total": row}; row = {"segment",
///  "opportunities", "win_rate", "average_won_amount", "average_cycle_days",
///  "value_per_day", "value_per_30_days"} ("segment" is null in the total).
nlohmann::ordered_json to_json_value(const SalesVelocityReport& report);

/// {"as_of", "period": {"period", "first", "last"}, "team_quota_source"
///  ("team" | "sum_of_owners" | "none"), "team": row, "owners": [row]};
///  row = {"owner", "quota", "won", "won_deals", "attainment", "remaining",
///  "quota_met", "open_deals", "open_amount", "weighted_amount", "coverage",
///  "weighted_coverage"}.
nlohmann::ordered_json to_json_value(const CoverageReport& report);

/// {"as_of", "win_rate", "won_amount", "prior_deals", "trend_weight", "trend_periods":
///  [{"period", "first", "last"}], "products": [row], "families": [row]};
///  row = {"rank", "name", "family", "win_rate", "won_amount",
///  "average_won_amount", "median_cycle_days", "open_deals", "open_amount",
///  "expected_win_rate", "expected_revenue", "revenue_share", "trend" (won
///  value per trend period), "trend_change", "trend_direction" ("growing" |
///  "shrinking" | "flat"), "score", "reason"}.
nlohmann::ordered_json to_json_value(const ProductReport& report);

}  // namespace pipecast
