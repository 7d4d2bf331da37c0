// Period forecasts through the C ABI: a result of kind "forecast" whose
// table has the columns of `pipecast forecast --format csv` and whose JSON is
// its `--format json`.
#include "forecast.hpp"
#include "model.hpp"

#include "input.hpp"
#include "result.hpp"

#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/forecast_movement.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <stdexcept>
#include <string>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

constexpr std::size_t kForecastEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_forecast_options, fiscal_start_month)};
static_assert(std::size(kForecastEnds) == PIPECAST_FORECAST_OPTIONS_VERSION + 1);

constexpr const char* kForecastTables[] = {"forecast"};
constexpr const char* kMovementTables[] = {"movement", "movers"};

// The CLI's limits (command_forecast.cpp), so both doors refuse alike.
constexpr std::uint32_t kMaxPeriods = 60;
constexpr std::uint64_t kMinTrials = 100;
constexpr std::uint64_t kMaxTrials = 10'000'000;

// The periods asked for: the first by label (or the as-of quarter), then
// the next ones of the same kind.
std::vector<Period> periods_of(const pipecast_forecast_options& o, Day as_of) {
  require_in_range(o.periods, 1, kMaxPeriods, "options->periods");
  if (o.fiscal_start_month < 1 || o.fiscal_start_month > 12)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "options->fiscal_start_month is " + std::to_string(o.fiscal_start_month) + ", expected 1..12");
  const FiscalCalendar fiscal{static_cast<unsigned>(o.fiscal_start_month)};
  const std::string_view label = text_argument(o.period, "options->period", true);
  Period p;
  try {
    p = label.empty() ? period_containing(as_of, PeriodKind::quarter, fiscal) : parse_period(label, fiscal);
  } catch (const std::invalid_argument& e) {
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string("options->period: ") + e.what());
  }
  std::vector<Period> periods;
  for (std::uint32_t j = 0; j < o.periods; ++j, p = next_period(p, fiscal)) periods.push_back(p);
  return periods;
}

// What both forecast calls read of their options (or the defaults): the
// options themselves, the as-of day and the periods.
struct ForecastRequest {
  pipecast_forecast_options options;
  Day as_of = kNoDay;
  std::vector<Period> periods;
};

pipecast_forecast_options read_options(const pipecast_forecast_options* options) {
  const pipecast_forecast_options defaults = PIPECAST_FORECAST_OPTIONS_INIT;
  return options ? read_versioned(*options, defaults, kForecastEnds, "options") : defaults;
}

ForecastRequest read_request(const pipecast_book& book, const pipecast_forecast_options* options) {
  ForecastRequest r{read_options(options), kNoDay, {}};
  r.as_of = working_day(book, r.options.as_of_day, "options->as_of_day");
  r.periods = periods_of(r.options, r.as_of);
  return r;
}

// What the library's forecast takes from a request.
ForecastOptions simulation_options(const ForecastRequest& request) {
  const pipecast_forecast_options& o = request.options;
  ForecastOptions f;
  f.as_of = request.as_of;
  f.periods = request.periods;
  require_in_range(o.trials, kMinTrials, kMaxTrials, "options->trials");
  f.trials = static_cast<std::size_t>(o.trials);
  f.seed = o.seed;
  f.threads = o.threads;
  return f;
}

class ForecastSource final : public ResultSource {
 public:
  ForecastSource(Forecast forecast, std::string description, std::string currency)
      : forecast_(std::move(forecast)), description_(std::move(description)), currency_(std::move(currency)) {
    forecast_.total_samples.clear();  // trials x periods doubles nobody reads here
    forecast_.total_samples.shrink_to_fit();
  }

  const char* kind() const override { return "forecast"; }
  std::span<const char* const> table_names() const override { return kForecastTables; }

  ResultTable make_table(std::string_view name) const override {
    if (name != "forecast") throw std::logic_error("forecast table " + std::string(name) + " is listed but not made");
    return forecast_table(forecast_);
  }

  nlohmann::ordered_json make_json() const override {
    return nlohmann::ordered_json::parse(to_json(forecast_, description_));
  }

  // The page's fan, without the actuals it adds for periods already over.
  std::vector<render::Chart> make_charts() const override {
    render::ForecastFan fan;
    fan.model = forecast_.model;
    fan.table = forecast_table(forecast_);
    return {render::forecast_chart(fan, currency_)};
  }

  // The very text of `pipecast forecast --format json` (which indents by 2).
  std::optional<std::string> whole_text(int indent) const override {
    if (indent != 2) return std::nullopt;
    return to_json(forecast_, description_);
  }

 private:
  Forecast forecast_;
  std::string description_;
  std::string currency_;  // the book's base currency, the chart's unit
};

// Keeps the book whose ids the movers name, so that the tables and the
// JSON, made on request, may come after the host freed its handle.
class MovementSource final : public ResultSource {
 public:
  MovementSource(std::shared_ptr<const Book> book, ForecastMovement movement, std::size_t movers)
      : book_(std::move(book)), movement_(std::move(movement)), movers_(movers) {}

  const char* kind() const override { return "movement"; }
  std::span<const char* const> table_names() const override { return kMovementTables; }

  ResultTable make_table(std::string_view name) const override {
    if (name == "movement") return movement_table(movement_);
    if (name == "movers") return movers_table(*book_, movement_, movers_);
    throw std::logic_error("movement table " + std::string(name) + " is listed but not made");
  }

  nlohmann::ordered_json make_json() const override { return nlohmann::ordered_json::parse(text()); }

  // The very text of `pipecast forecast --since --format json`.
  std::optional<std::string> whole_text(int indent) const override {
    if (indent != 2) return std::nullopt;
    return text();
  }

 private:
  std::string text() const { return to_json(movement_, *book_, movers_); }

  std::shared_ptr<const Book> book_;
  ForecastMovement movement_;
  std::size_t movers_;
};

}  // namespace

ForecastOptions forecast_options_for_parts(const pipecast_forecast_options* options) {
  ForecastRequest r{read_options(options), kNoDay, {}};
  if (r.options.as_of_day == PIPECAST_NO_DAY)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "options->as_of_day must be given: no part says the whole book's latest day");
  r.as_of = day_argument(r.options.as_of_day, "options->as_of_day", false);
  r.periods = periods_of(r.options, r.as_of);
  return simulation_options(r);
}

pipecast_result* new_forecast_result(Forecast forecast, std::string description, std::string currency) {
  return new_result(std::make_unique<ForecastSource>(std::move(forecast), std::move(description), std::move(currency)));
}

}  // namespace pipecast::capi

extern "C" {

int pipecast_forecast_options_init(pipecast_forecast_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_forecast_options PIPECAST_FORECAST_OPTIONS_INIT,
                                        pipecast::capi::kForecastEnds, "options");
}

int pipecast_forecast(const pipecast_model* model, const pipecast_book* book, const pipecast_forecast_options* options,
                      pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast::ForecastOptions f =
        pipecast::capi::simulation_options(pipecast::capi::read_request(b, options));
    pipecast::Forecast forecast = pipecast::capi::forecasting([&] { return pipecast::forecast_periods(*m.model, *b.book, f); });
    *out = pipecast::capi::new_forecast_result(std::move(forecast), m.model->description(), b.book->base_currency());
    return PIPECAST_OK;
  });
}

int pipecast_forecast_movement(const pipecast_model* model, const pipecast_book* book,
                               const pipecast_forecast_options* options, int32_t since_day, uint32_t movers,
                               pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast::capi::ForecastRequest request = pipecast::capi::read_request(b, options);
    const pipecast::Day since = pipecast::capi::day_argument(since_day, "since_day", false);
    pipecast::ForecastMovement movement = [&] {
      try {
        return pipecast::forecast_movement(*m.model, *b.book, since, request.as_of, request.periods);
      } catch (const std::invalid_argument& e) {
        throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string("since_day: ") + e.what());
      }
    }();
    *out = pipecast::capi::new_result(
        std::make_unique<pipecast::capi::MovementSource>(b.book, std::move(movement), movers));
    return PIPECAST_OK;
  });
}

}  // extern "C"
