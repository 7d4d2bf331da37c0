/// @file
/// Deals not yet created: how many arrive, how many of them are won, when and
/// for how much.  The "new" component of a period forecast.
///
/// The creation rate is the mean over the last kWindowDays days; the time from
/// creation to a win is a cumulative incidence (won and lost competing, deals
/// still open censored) over the deals created in the last two years.  A
/// future day's creations are Poisson, so the wins they bring into a period
/// are Poisson too (thinning).  Months differ more than Poisson allows
/// (seasons, campaigns): the extra spread of the last twelve 30-day counts
/// becomes a Gamma-distributed rate in the simulation (a negative binomial).
/// A period's win amounts are drawn from the recent wins, each weighed by how
/// many creation days would put its close in the period: a win soon after T
/// is a fast one, and fast deals are not the big ones.
///
/// The rate is measured only from creation dates that can be trusted: a day
/// on which creations pile up as a data migration leaves them (the data
/// check's piled_creations) dates its deals by their first stage entry when
/// that is earlier, and leaves out the others.  When the trusted dates cover
/// less than kMinWindowDays before T, the rate is unknown: the flow says
/// why, brings no deals, and a forecast reports its new component as
/// unknown rather than extrapolate it from a few days.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/forecast/competing_risks.hpp"
#include "pipecast/forecast/fit_statistics.hpp"

#include <string>
#include <vector>

namespace pipecast {

/// The flow of deals created after T, fitted on the book as of T (see the
/// file's documentation).  A default-constructed flow brings no deals.
struct NewDealFlow {
  /// Days the creation rate and the recent wins are taken over.
  static constexpr int kWindowDays = 365;
  /// Days of creations the time to a win is learned from, and its horizon.
  static constexpr int kHorizonDays = 730;

  /// Most recent wins kept for amounts (a sample of them when there are more).
  static constexpr std::size_t kMaxWins = 4096;
  /// Days of trusted creation dates the rate needs at least.
  static constexpr int kMinWindowDays = 90;
  /// The largest rate a model file may carry: above any fitted rate (a
  /// book's 2^32 deals in kMinWindowDays make 4.8e7 a day).
  static constexpr double kMaxDailyRate = 5e7;
  /// The largest squared coefficient of variation of 12 monthly counts
  /// (all of them in one month gives 12 - 12 / count).
  static constexpr double kMaxRateDispersion = 12.0;

  Day as_of = kNoDay;                  ///< T
  double daily_rate = 0.0;             ///< deals created per day
  double rate_dispersion = 0.0;        ///< squared coefficient of variation of the rate
  CumulativeIncidence from_creation;   ///< cause 1 won, 2 lost; days after creation
  std::vector<std::int32_t> won_days;  ///< recent wins: days from creation to close
  std::vector<double> won_amounts;     ///< and their amounts (base currency)
  /// Why the rate of new deals cannot be measured; "" when it can.
  std::string unknown;

  /// The flow of `book` as of `as_of`.
  static NewDealFlow fit(const Book& book, Day as_of);

  /// From statistics, in two steps (fit() takes them on the whole book):
  /// first the deals created on each day by `as_of` (table "flow.created"),
  /// from which piled_days() finds the days creations pile up on; then,
  /// with those days, what fit() counts (add_statistics()).
  static void add_creation_statistics(const Book& book, Day as_of, FitStatistics& stats);
  /// The days on which creations pile up (data_check.hpp), from
  /// add_creation_statistics() of the whole book.
  static std::vector<Day> piled_days(const FitStatistics& stats);
  /// Adds what the flow is made of: the deals of the book ("flow.deals"),
  /// the trusted creation days of the deals known at `as_of`
  /// ("flow.trusted"), the outcomes of those created within the horizon by
  /// days after creation ("flow.outcomes") and a sample of their recent
  /// wins: the kMaxWins with the smallest hash of their deal id, by it.
  static void add_statistics(const Book& book, Day as_of, const std::vector<Day>& piled_days,
                             FitStatistics& stats);
  /// The flow of statistics from add_statistics() of a whole book.
  static NewDealFlow from_statistics(Day as_of, const FitStatistics& stats);

  /// Whether the rate of new deals is known (see `unknown`).
  bool known() const { return unknown.empty(); }
  /// Expected number of deals created after as_of that are won on a day in
  /// [first, last]; NaN when the rate is unknown.
  double expected_wins(Day first, Day last) const;
  /// The weight of each recent win as the amount of a win in [first, last].
  std::vector<double> amount_weights(Day first, Day last) const;
  /// The mean and the standard deviation of a win's amount.
  struct AmountMoments {
    double mean = 0.0;  ///< 0 without recent wins
    double sd = 0.0;    ///< 0 without recent wins
  };
  /// The amount of a win in [first, last]: recent wins weighted by
  /// amount_weights().
  AmountMoments won_amount(Day first, Day last) const;
  /// Expected bookings in [first, last] of the deals created after as_of
  /// (the new component's expectation): expected wins x the mean won
  /// amount; 0 when the rate is unknown.
  double expected_bookings(Day first, Day last) const;

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  /// Memberwise equality.
  bool operator==(const NewDealFlow&) const = default;
};

}  // namespace pipecast
