/// @file
/// The seasonal-naive bookings forecast: the baseline every backtest shows,
/// and the scale of MASE.
///
/// The forecast of a month's (or quarter's) bookings made at T is:
/// - the bookings of the same period a year earlier, as known at T, when that
///   period had ended by T and the book's record covers it: it starts on or
///   after the first day a deal was closed (won or lost) as known at T, so the
///   months of an export before its first deals closed do not count as months
///   with nothing won;
/// - otherwise the mean of the last (up to) three periods of the same kind
///   that had ended by T and are covered: a recent run rate, for books with
///   less than a year of history;
/// - otherwise none (NaN): the book has no complete period before T.
/// It is a point forecast of the company's (or a group's) bookings only: it
/// says nothing about single deals, so it has no per-deal metrics.
///
/// MASE's scale at T is this forecaster's in-sample mean absolute error: over
/// every covered period Q that ended by T and has a forecast by the rule above
/// (from the periods before Q), the mean of |bookings(Q) - forecast(Q)|, all as
/// known at T.  Nothing after T is read, so the scale is leak-free.
#pragma once

#include "pipecast/backtest/bookings.hpp"
#include "pipecast/core/calendar.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace pipecast {

/// How far the recent run rate looks back when a year-ago period is missing.
inline constexpr std::size_t kNaiveRecentPeriods = 3;

/// Which rule made a seasonal-naive forecast.
enum class NaiveMethod : std::uint8_t {
  year_ago,     ///< the same period a year earlier
  recent_mean,  ///< the mean of the last (up to) kNaiveRecentPeriods periods
  none          ///< no complete period before T: no forecast
};
/// "year_ago", "recent_mean", "none".
std::string_view to_string(NaiveMethod method);

/// A seasonal-naive forecast and how it was made.
struct NaiveForecast {
  double value = 0.0;  ///< NaN when method is none
  NaiveMethod method = NaiveMethod::none;  ///< the rule used
  std::size_t periods = 0;  ///< periods averaged (1 for year_ago)
};

/// The seasonal-naive forecast of `period` (a month or a quarter) from
/// `known` (bookings as known at T); with `group`, of that group's bookings.
/// Throws std::invalid_argument for another kind of period.
NaiveForecast seasonal_naive(const Bookings& known, const Period& period,
                             std::optional<Code> group = std::nullopt);

/// MASE's scale at known.known_at() for periods of `kind` (month or
/// quarter); NaN when no period has an in-sample forecast or the errors are
/// all zero.
double seasonal_naive_scale(const Bookings& known, PeriodKind kind,
                            std::optional<Code> group = std::nullopt);

}  // namespace pipecast
