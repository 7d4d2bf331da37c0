/// @file
/// Scores and period forecasts as result tables (analytics/result_table.hpp),
/// defined here once for the C ABI and the bindings:
/// - scores: id, stage, amount, win_probability, expected_close_date,
///   expected_amount; top_factors when explained, may_add with products,
///   win_probability_before, win_probability_change and drivers since a day;
/// - forecast: one row per period and component (closed, pipeline, new,
///   total, in that order), with the period's label and days, and the
///   expectation and the P10/P50/P90 of its bookings;
/// - movement: a forecast's waterfall between two days, bar by bar;
/// - movers: the deals that moved it, the largest change first.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/core/book.hpp"
#include "pipecast/forecast/deal_products.hpp"
#include "pipecast/forecast/deal_scores.hpp"
#include "pipecast/forecast/forecast_movement.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/forecast/score_changes.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pipecast {

/// A deal's strongest factors in words: "stage=Negotiate (+1.20); owner=Ann
/// (-0.31)", contributions to the log-odds with two decimals (none for a
/// NaN contribution: a driver of a model that does not measure them).
std::string factors_text(const std::vector<Factor>& factors);

/// The products a deal's account may add, in words: "Gadget (0.42); Widget
/// (0.17)", each with its score to two decimals.
std::string products_text(const DealProducts& products, std::size_t deal);

/// What a "scores" table adds to its columns.
struct ScoreColumns {
  /// 1..20: a top_factors column with the `explain` strongest factors of
  /// each deal by `model` (factors_text; "" for models without factors).
  std::size_t explain = 0;
  const FittedModel* model = nullptr;  ///< the model that made the scores; needed with `explain`
  /// A may_add column (products_text), made for the scores' deals.
  const DealProducts* products = nullptr;
  /// win_probability_before, win_probability_change and drivers columns
  /// (score_changes(), for the same scores; drivers in factors_text()).
  const ScoreChanges* changes = nullptr;
};

/// The "scores" table of `scores`, made from `book`, with `columns`.
/// Throws std::invalid_argument for `explain` without its model.
ResultTable scores_table(const Book& book, const DealScores& scores, const ScoreColumns& columns = {});

/// The "forecast" table of `forecast`: model, component ("closed",
/// "pipeline", "new", "total"), period (its label), period_start,
/// period_end, expected, p10, p50, p90 (base currency; NaN when the
/// component is unknown), four rows a period in kForecastComponents' order.
ResultTable forecast_table(const Forecast& forecast);

/// The "movement" table of `movement`: per period, a row "before" (the
/// expected bookings as of `since`, on day `since`), one per MovementCause
/// (its bar), and "after" (as of `as_of`); `change` is the bar's height (the
/// level for before and after) and `running` the level after it.
ResultTable movement_table(const ForecastMovement& movement);

/// The "movers" table: per period, the `top` deals whose part changed most
/// (0: every one), with their cause and both days' part, win probability,
/// amount, stage and expected close date (blank on a day the deal was not
/// open, or did not exist).
ResultTable movers_table(const Book& book, const ForecastMovement& movement, std::size_t top = 0);

}  // namespace pipecast
