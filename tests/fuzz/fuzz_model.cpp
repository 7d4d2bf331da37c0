// Model loading (model_from_bytes), twice per input, as fuzz_snapshot.cpp
// does for books: the bytes as a whole file, which exercises the sealed
// header's checks; and the bytes as the payload of a correctly sealed file,
// which gets past the checksum to the archive reader and the checks of each
// part of a model.  A loaded model must score the small book and forecast
// a quarter with it, giving probabilities in 0..1 and finite figures.
#include "pipecast/core/as_of.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "storage/sealed_file.hpp"

#include "fuzz_support.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pipecast::fuzz::model_target {
namespace {

const pipecast::Book& small_book() {
  static const pipecast::Book book = pipecast::import_csv_book(pipecast::fuzz::fixture("small_book")).book;
  return book;
}

void use(const pipecast::FittedModel& model) {
  using namespace pipecast;
  const Book& book = small_book();
  const Day today = book.latest_day();
  const DealScores scores = model.score(as_of(book, today));
  for (std::size_t i = 0; i < scores.size(); ++i) {
    FUZZ_CHECK(scores.win_probability[i] >= 0.0 && scores.win_probability[i] <= 1.0,
               "a win probability outside 0..1: " + std::to_string(scores.win_probability[i]));
  }
  ForecastOptions options;
  options.as_of = today;
  options.periods = {period_containing(today + 1, PeriodKind::quarter)};
  options.trials = 100;
  options.threads = 1;
  const Forecast forecast = forecast_periods(model, book, options);
  for (const PeriodForecast& period : forecast.periods)
    for (const ForecastComponent component : kForecastComponents) {
      const ComponentForecast& c = period[component];
      // An unknown rate of new deals makes that component NaN, and says why.
      if (component == ForecastComponent::new_deals && !forecast.new_deals_unknown.empty()) {
        FUZZ_CHECK(std::isnan(c.expected), "an unknown new component that has a figure");
        continue;
      }
      FUZZ_CHECK(std::isfinite(c.expected) && std::isfinite(c.p10) && std::isfinite(c.p90),
                 "a forecast that is not finite");
    }
  (void)to_json(forecast);  // a reason read from the file is text that JSON can hold
}

// A refusal must be a std::runtime_error naming the origin; anything else
// escapes, and libFuzzer reports it.
std::optional<pipecast::FittedModel> load(std::string_view bytes) {
  try {
    return pipecast::model_from_bytes(bytes, "fuzz.model");
  } catch (const std::runtime_error& e) {
    FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz.model: "), e.what());
    return std::nullopt;
  }
}

}  // namespace
}  // namespace pipecast::fuzz::model_target

PIPECAST_FUZZ_TARGET(fuzz_model, data, size) {
  using namespace pipecast;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const std::string& file : {std::string(bytes), sealed_bytes(kModelMagic, kModelFormatVersion, 1, bytes)})
    if (const auto model = fuzz::model_target::load(file)) fuzz::model_target::use(*model);
  return 0;
}
