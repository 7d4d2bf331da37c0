#include "pipecast/forecast/forecast_parts.hpp"

#include "pipecast/forecast/model_file.hpp"

#include "forecast/forecast_simulation.hpp"
#include "storage/sealed_file.hpp"

#include <limits>
#include <stdexcept>

namespace pipecast {
namespace {

Day as_of_of(const FittedModel& model, const ForecastOptions& options) {
  return options.as_of == kNoDay ? model.as_of() : options.as_of;
}

// The model as its file's bytes; a model that cannot be saved (a host's
// own) by its name and T.
std::string model_identity(const FittedModel& model) {
  try {
    return model_bytes(model);
  } catch (const std::invalid_argument&) {
    return "unsaved model " + model.name() + " as of " + std::to_string(model.as_of());
  }
}

void append_number(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
}

}  // namespace

std::uint64_t forecast_request_id(const FittedModel& model, const ForecastOptions& options) {
  std::string key = model_identity(model);
  append_number(key, static_cast<std::uint64_t>(static_cast<std::int64_t>(as_of_of(model, options))));
  append_number(key, options.trials);
  append_number(key, options.seed);
  for (const Period& p : options.periods) {
    append_number(key, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.first)));
    append_number(key, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.last)));
  }
  return sealed_checksum({}, key);
}

ForecastPartial part_forecast(const FittedModel& model, const Book& part, const ForecastOptions& options) {
  check_forecast_options(options);
  const DealScores scores = model.score(AsOfView(part, as_of_of(model, options)));
  return simulate_part(scores, part, options, forecast_request_id(model, options));
}

ForecastPartial merge_forecast_partials(const ForecastPartial& a, const ForecastPartial& b) {
  if (a.request != b.request || a.trials != b.trials || a.periods != b.periods ||
      a.pipeline.size() != b.pipeline.size() || a.expected.size() != b.expected.size() ||
      a.closed.size() != b.closed.size())
    throw std::invalid_argument("partial forecasts of different forecasts (model, as-of day, periods, trials or "
                                "seed) cannot be merged");
  if (b.parts > std::numeric_limits<std::uint64_t>::max() - a.parts)
    throw std::overflow_error("partial forecasts of too many parts");
  ForecastPartial out = a;
  out.parts += b.parts;
  out.open_deals += b.open_deals;
  for (std::size_t i = 0; i < out.pipeline.size(); ++i) out.pipeline[i] += b.pipeline[i];
  for (std::size_t j = 0; j < out.expected.size(); ++j) {
    out.expected[j].add(b.expected[j]);
    out.closed[j].add(b.closed[j]);
  }
  return out;
}

Forecast forecast_from_partial(const FittedModel& model, const ForecastPartial& merged,
                               const ForecastOptions& options) {
  check_forecast_options(options);
  if (merged.request != forecast_request_id(model, options))
    throw std::invalid_argument("the partial forecast answers another forecast: its model, as-of day, periods, "
                                "trials or seed are not these");
  const ForecastBasis basis{model.name(), as_of_of(model, options), model.pipeline_dispersion(), model.new_deals()};
  return finish_forecast(basis, merged, options);
}

}  // namespace pipecast
