/// @file
/// Forecasts and scores as JSON text: what the CLI's --format json, the C
/// ABI's *_json calls and the HTML report read.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/forecast/deal_scores.hpp"
#include "pipecast/forecast/forecast_movement.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <string>

namespace pipecast {

/// {"model", "description" (when given), "as_of", "trials", "seed",
/// "open_deals", "new_deals_unknown" (when the new component is unknown:
/// why), "forecast": the rows of forecast_table()}: the header's single
/// values, then the table, each row {"model", "component", "period",
/// "period_start", "period_end", "expected", "p10", "p50", "p90"}; amounts
/// in the base currency, null when unknown.
std::string to_json(const Forecast& forecast, const std::string& description = {});

/// {"model", "as_of", "deals": [{"id", "stage", "amount", "win_probability",
/// "expected_close_date", "expected_amount"}]}; amounts in the base currency.
std::string to_json(const DealScores& scores, const Book& book);

/// The same with the rows of a scores_table() of `scores` (any extra
/// columns), and "since" after "as_of" when `since` is a day.
std::string scores_json(const DealScores& scores, const ResultTable& table, Day since = kNoDay);

/// {"model", "since", "as_of", "new_deals_unknown" (when unknown: why),
/// "movement": the rows of movement_table(), "movers": the rows of
/// movers_table() with its `top`}.
std::string to_json(const ForecastMovement& movement, const Book& book, std::size_t top = 10);

}  // namespace pipecast
