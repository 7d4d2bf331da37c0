// What the C ABI's forecast calls share: the options read into the
// library's, and a forecast as a result of kind "forecast" (forecast.cpp),
// for the whole book's forecast and the forecast from parts
// (forecast_parts.cpp).
#pragma once

#include "error.hpp"

#include "pipecast.h"
#include "pipecast/forecast/period_forecast.hpp"

#include <stdexcept>
#include <string>

namespace pipecast::capi {

/// `options` (NULL: the defaults) for a forecast from parts: as
/// pipecast_forecast reads them, except that as_of_day must be given (no
/// part says the whole book's latest day).
ForecastOptions forecast_options_for_parts(const pipecast_forecast_options* options);

/// A new result of kind "forecast" holding `forecast`.
pipecast_result* new_forecast_result(Forecast forecast, std::string description, std::string currency);

/// forecast(), its std::invalid_argument (bad options) as INVALID_ARGUMENT.
template <class Body>
auto forecasting(Body forecast) {
  try {
    return forecast();
  } catch (const std::invalid_argument& e) {
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
  }
}

}  // namespace pipecast::capi
