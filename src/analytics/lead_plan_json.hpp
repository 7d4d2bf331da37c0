// The lead plan as a JSON value with stable keys (the "lead_plan" part of
// `pipecast plan`).  Private to the library.  Dates are "YYYY-MM-DD" (null
// when unknown); a figure without data (NaN) is null; a rate is {"value",
// "low", "high", "successes", "trials"}; a count is {"p50", "p90"}.
#pragma once

#include "pipecast/analytics/lead_plan.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

/// {"status", "message", "as_of", "period": {"period", "first", "last"},
///  "currency", "target",
///  "won_in_period": {"amount", "deals"}, "expected_from_pipeline": {"amount", "deals"}, "gap",
///  "history": {"closed_deals", "won_amount": {"count", "mean", "sd", "median", "p75", "p90"},
///              "cycle_days": {"count", "mean", "median", "p75", "p90"}, "lead_conversion": rate},
///  "won_for_target", "won_needed", "leads_needed", "create_by": {"p50", "p90"},
///  "pipelines": [{"pipeline", "won_share", "won_amount": {...}, "won_needed",
///                 "stages": [{"stage", "conversion": rate, "open_deals", "open_amount", "needed"}]}]}
nlohmann::ordered_json to_json_value(const LeadPlan& plan);

}  // namespace pipecast
