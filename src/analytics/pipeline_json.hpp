// The funnel, velocity and stalled-deal results as JSON values with stable
// keys (the report's "funnel", "velocity" and "stalled" parts).  Private to
// the library.  Dates are "YYYY-MM-DD"; a figure without data (NaN) is null;
// a rate is {"value", "low", "high", "successes", "trials"} with value and
// interval null when there are no trials.
#pragma once

#include "pipecast/analytics/funnel.hpp"
#include "pipecast/analytics/stalled.hpp"
#include "pipecast/analytics/velocity.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

/// {"as_of", "cohort_kind", "pipelines": [{"pipeline", "deals", "steps": [{"stage",
///  "kind", "reached", "reached_value", "to_next", "to_next_raw", "to_won"}]}],
///  "cohorts": [{"cohort", "first", "last", "pipelines": [...]}]}
nlohmann::ordered_json to_json_value(const FunnelReport& report);

/// {"as_of", "periods": [{"period", "first", "last"}], "pipelines": [{"pipeline",
///  "stages": [{"stage", "completed", "current", "by_period"}], "won_cycle",
///  "lost_cycle", "won_cycle_by_period", "lost_cycle_by_period"}]}; each
///  distribution is {"count", "mean", "median", "p75", "p90"} (by period: with
///  "period" first).
nlohmann::ordered_json to_json_value(const VelocityReport& report);

/// {"as_of", "stalled", "stalled_value", "overdue", "overdue_value",
///  "thresholds": [{"pipeline", "stage", "days", "source", "sample"}],
///  "deals": [{"id", "pipeline", "stage", "owner", "amount", "days_in_stage",
///  "threshold", "stalled", "close_date", "days_overdue", "overdue"}]}
nlohmann::ordered_json to_json_value(const StalledReport& report);

}  // namespace pipecast
