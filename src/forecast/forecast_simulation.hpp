// The period forecast's Monte Carlo in its two halves (forecast_parts.hpp
// says why): what a part's open deals bring to each trial, and the forecast
// made from the merge of every part's share with the draws the whole book
// shares.  forecast_periods() and the forecast from parts both run these,
// so the two cannot drift apart.
#pragma once

#include "pipecast/forecast/forecast_parts.hpp"

#include <cstdint>
#include <string>

namespace pipecast {

/// Throws std::invalid_argument for no periods, a bad trial count, or
/// periods out of order.
void check_forecast_options(const ForecastOptions& options);

/// The share of the deals of `scores` (open in `book`, as of
/// scores.as_of()) in the forecast of `options`, answering `request`.
ForecastPartial simulate_part(const DealScores& scores, const Book& book, const ForecastOptions& options,
                              std::uint64_t request);

/// What the whole book's forecast needs beside the merged partial.
struct ForecastBasis {
  std::string model;              ///< the model's name
  Day as_of = kNoDay;             ///< T
  double shared_dispersion = 0.0; ///< of the level the open deals share (DealScores::shared_dispersion)
  NewDealFlow new_deals;          ///< the flow of deals created after T
};

/// The forecast from the merge of every part's partial (`merged`'s request
/// is not checked here).
Forecast finish_forecast(const ForecastBasis& basis, const ForecastPartial& merged, const ForecastOptions& options);

}  // namespace pipecast
