// A period forecast from the parts of a book through the C ABI: each part's
// partial, the merge of partials, and the forecast made from the merge
// (forecast_parts.hpp), the blobs travelling as pipecast_bytes.
#include "bytes.hpp"
#include "forecast.hpp"
#include "model.hpp"
#include "parts.hpp"

#include "input.hpp"

#include "pipecast/forecast/forecast_parts.hpp"

#include <stdexcept>
#include <string>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

extern "C" {

int pipecast_part_forecast(const pipecast_model* model, const pipecast_book* part,
                           const pipecast_forecast_options* options, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    const pipecast_book& b = live(part, "part");
    require(out, "out");
    pipecast::capi::require_whole_book(b);
    const pipecast::ForecastOptions f = pipecast::capi::forecast_options_for_parts(options);
    const pipecast::ForecastPartial partial =
        pipecast::capi::forecasting([&] { return pipecast::part_forecast(*m.model, *b.book, f); });
    pipecast::capi::give_bytes(pipecast::to_bytes(partial), out);
    return PIPECAST_OK;
  });
}

int pipecast_forecast_partial_merge(const void* a, size_t a_size, const void* b, size_t b_size,
                                    pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(out, "out");
    const std::string_view first = pipecast::capi::blob_argument(a, a_size, "a");
    const std::string_view second = pipecast::capi::blob_argument(b, b_size, "b");
    const pipecast::ForecastPartial x =
        pipecast::capi::read_blob([&] { return pipecast::forecast_partial_from_bytes(first, "a"); });
    const pipecast::ForecastPartial y =
        pipecast::capi::read_blob([&] { return pipecast::forecast_partial_from_bytes(second, "b"); });
    const pipecast::ForecastPartial merged =
        pipecast::capi::forecasting([&] { return pipecast::merge_forecast_partials(x, y); });
    pipecast::capi::give_bytes(pipecast::to_bytes(merged), out);
    return PIPECAST_OK;
  });
}

int pipecast_forecast_from_partial(const pipecast_model* model, const void* partial, size_t size,
                                   const pipecast_forecast_options* options, pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    require(out, "out");
    const std::string_view blob = pipecast::capi::blob_argument(partial, size, "partial");
    const pipecast::ForecastOptions f = pipecast::capi::forecast_options_for_parts(options);
    const pipecast::ForecastPartial merged =
        pipecast::capi::read_blob([&] { return pipecast::forecast_partial_from_bytes(blob, "partial"); });
    pipecast::Forecast forecast =
        pipecast::capi::forecasting([&] { return pipecast::forecast_from_partial(*m.model, merged, f); });
    // No book here to name the base currency: the chart's unit is left blank.
    *out = pipecast::capi::new_forecast_result(std::move(forecast), m.model->description(), "");
    return PIPECAST_OK;
  });
}

}  // extern "C"
