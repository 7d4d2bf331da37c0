/// @file
/// A period forecast (period_forecast.hpp) from the parts of a book
/// (book_partition.hpp) without bringing the deals together: each part
/// simulates its own open deals and sends a partial; partials merge; the
/// merge and the model make the Forecast, equal bit for bit to
/// forecast_periods() on the whole book with the same options.
///
///   ForecastPartial merged = part_forecast(model, parts[0], options);  // on each part's worker
///   for (p = 1; p < n; ++p) merged = merge_forecast_partials(merged, part_forecast(model, parts[p], options));
///   Forecast f = forecast_from_partial(model, merged, options);
///
/// Why the parts add up to the whole book, exactly:
/// - a deal's uniforms in a block of trials come from a stream seeded by
///   (seed, block, the hash of its id), so a deal draws the same numbers
///   whichever other deals are in its book;
/// - each trial's pipeline sum per period is an integer (amounts in units of
///   2^-16, kForecastAmountUnit) in a 128-bit accumulator, and the expected
///   pipeline and the closed amounts are exact sums (exact_sum.hpp), so the
///   sums do not depend on the order the deals come in;
/// - what a trial draws once for the whole book (the level the open deals
///   share, the new deals' flow) comes from the model, drawn by
///   forecast_from_partial(), never per part.
/// forecast_periods() itself is one part's partial finished, so there is one
/// definition of the simulation.
///
/// What travels: the per-trial pipeline sums, 16 bytes per trial and period
/// (10,000 trials of 4 periods: 640 KB), and a few exact sums per period.
/// Never a deal.
#pragma once

#include "pipecast/forecast/exact_sum.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// A 128-bit signed integer: a trial's exact pipeline sum.
__extension__ typedef __int128 ForecastWideSum;

/// The unit of the pipeline's exact sums: amounts are rounded to 2^-16 of a
/// currency unit (about 1.5e-5) before they are summed.
inline constexpr double kForecastAmountUnit = 0x1.0p-16;
/// The largest open deal's amount a forecast sums exactly (2^80, about
/// 1.2e24; a CSV import refuses amounts above 1e18).
inline constexpr double kForecastMaxAmount = 0x1.0p80;

/// One part's share of a forecast, or the merge of several parts' shares.
struct ForecastPartial {
  std::uint64_t request = 0;     ///< what it answers: forecast_request_id() of the model and the options
  std::uint64_t parts = 0;       ///< how many parts it holds
  std::uint64_t open_deals = 0;  ///< the parts' deals open at T
  std::uint64_t trials = 0;      ///< the trials simulated
  std::uint64_t periods = 0;     ///< the periods forecast
  /// Per trial and period (trial-major): the won amounts of the parts' open
  /// deals, in kForecastAmountUnit, before the level they share.
  std::vector<ForecastWideSum> pipeline;
  std::vector<ExactSum> expected;  ///< per period: the open deals' expected bookings
  std::vector<ExactSum> closed;    ///< per period: the amounts won by T in it
  /// Memberwise equality.
  bool operator==(const ForecastPartial&) const = default;
};

/// What a partial answers: a checksum of the model (its file's bytes, or
/// its name for a model that cannot be saved), T and the options' periods,
/// trials and seed (not their threads).
std::uint64_t forecast_request_id(const FittedModel& model, const ForecastOptions& options);

/// The share of `part` (a book holding some deals whole, with the whole
/// book's reference tables; the whole book is one part) in the forecast of
/// `options` with `model`.  Throws as forecast_periods().
ForecastPartial part_forecast(const FittedModel& model, const Book& part, const ForecastOptions& options);

/// The partial of the parts of `a` and of `b` together: associative and
/// commutative, exactly.  Throws std::invalid_argument when they answer
/// different forecasts.
ForecastPartial merge_forecast_partials(const ForecastPartial& a, const ForecastPartial& b);

/// The forecast from the merge of every part's partial: forecast_periods()
/// of the whole book, bit for bit.  Throws std::invalid_argument when
/// `merged` answers another forecast (another model, T, periods, trials or
/// seed) and as forecast_periods() for bad options.
Forecast forecast_from_partial(const FittedModel& model, const ForecastPartial& merged, const ForecastOptions& options);

/// The sealed bytes of a partial (a magic, a format version, a CRC-64).
std::string to_bytes(const ForecastPartial& partial);
/// A partial read back from to_bytes().  Throws std::runtime_error starting
/// with "origin: " for bytes that are not a partial of this pipecast
/// (another kind of blob, a later format, truncated, damaged).
ForecastPartial forecast_partial_from_bytes(std::string_view bytes, std::string_view origin = "partial forecast");

}  // namespace pipecast
