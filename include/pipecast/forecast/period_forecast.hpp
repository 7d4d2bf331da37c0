/// @file
/// What each period will bring: bookings (won amount by close date, base
/// currency) from the deals open at T, from deals not yet created, and what is
/// already won, with P10/P50/P90 by Monte Carlo.
///
/// Expected values are exact sums; the quantiles come from `trials` simulated
/// futures.  In each, every open deal is won in at most one period with the
/// probability its score gives, independently of the others once the future's
/// shared level is drawn (a Gamma multiplier with mean 1 and the spread
/// DealScores::shared_dispersion, measured on the history: pipeline_spread.hpp),
/// and the deals not yet created bring a Poisson number of wins per period with
/// amounts drawn from recent wins.  Trials are cut into fixed blocks; in each,
/// every open deal draws from a stream of its own derived from the seed, the
/// block and its id, and the whole book's shared draws from streams of the
/// seed and the block, so the result is the same bit for bit whatever the
/// thread count, and whether the book is forecast whole or from its parts
/// (forecast_parts.hpp).
#pragma once

#include "pipecast/core/as_of.hpp"
#include "pipecast/core/calendar.hpp"
#include "pipecast/forecast/model.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The parts of a period's bookings.
enum class ForecastComponent : std::uint8_t {
  closed,     ///< already won by T
  pipeline,   ///< from the deals open at T
  new_deals,  ///< from deals not yet created at T
  total       ///< the three together (its quantiles are not the sum of theirs)
};
/// Every ForecastComponent, in order.
inline constexpr std::array<ForecastComponent, 4> kForecastComponents{
    ForecastComponent::closed, ForecastComponent::pipeline, ForecastComponent::new_deals,
    ForecastComponent::total};
/// "closed", "pipeline", "new", "total".
std::string_view to_string(ForecastComponent component);

/// What forecast_periods() forecasts, and how.
struct ForecastOptions {
  Day as_of = kNoDay;            ///< T; kNoDay: the date the model was fitted as of
  std::vector<Period> periods;   ///< in order; each must end after T to hold a forecast
  std::size_t trials = 10'000;   ///< 100 .. 10^7
  std::uint64_t seed = 1;        ///< the same seed gives the same forecast, bit for bit
  unsigned threads = 0;          ///< 0: one per hardware thread; any count gives the same result
};

/// One component of one period: its mean and quantiles over the trials,
/// base currency; NaN when the component is unknown.
struct ComponentForecast {
  double expected = 0.0;  ///< the mean
  double p10 = 0.0 /**< 10th percentile */, p50 = 0.0 /**< median */,
         p90 = 0.0 /**< 90th percentile */;
};

/// The forecast of one period.
struct PeriodForecast {
  Period period;                                ///< the period
  std::array<ComponentForecast, 4> components;  ///< by ForecastComponent
  /// The forecast of component `c`.
  const ComponentForecast& operator[](ForecastComponent c) const {
    return components[static_cast<std::size_t>(c)];
  }
};

/// A forecast of several periods.
struct Forecast {
  std::string model;                    ///< the model's name
  Day as_of = kNoDay;                   ///< T
  std::size_t trials = 0;               ///< simulated futures
  std::uint64_t seed = 0;               ///< their seed
  std::size_t open_deals = 0;           ///< deals open at T
  std::vector<PeriodForecast> periods;  ///< as ForecastOptions::periods
  /// The simulated totals, trials x periods (trial-major), for CRPS and the like.
  std::vector<double> total_samples;
  /// Why the new component is unknown ("" when it is known).  When it is,
  /// its figures are NaN and the total counts the closed and pipeline
  /// components only.
  std::string new_deals_unknown;
};

/// Forecasts `options.periods` with `model` from the book as of T.
/// Throws std::invalid_argument for no periods, a bad trial count, or
/// periods out of order.
Forecast forecast_periods(const FittedModel& model, const Book& book, const ForecastOptions& options);

/// The same from scores already made (as of scores.as_of(); options.as_of is
/// ignored) and a flow of new deals, e.g. a host's own win probabilities.
Forecast forecast_periods(const DealScores& scores, const NewDealFlow& new_deals, const Book& book,
                          const ForecastOptions& options);

/// The won amount (base currency) of the deals won in [first, last] as
/// known at `as_of`: what actually happened, for the closed component and
/// for comparing a forecast with the outcome.
double won_amount(const Book& book, Day as_of, Day first, Day last);

/// What deal k of `view` has booked in [first, last]: its amount (base
/// currency; blank: 0) when it was won on a day in it, else 0.  won_amount()
/// is its sum.
double booked_between(const AsOfView& view, std::size_t k, Day first, Day last);

}  // namespace pipecast
