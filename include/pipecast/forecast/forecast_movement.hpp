/// @file
/// What moved a period's forecast between two days: the waterfall of
/// `pipecast forecast --since`, the first question of every forecast call
/// ("what changed since last week?").
///
/// Both forecasts are the expected bookings of the same period by the same
/// fitted model, one as of `since` and one as of `as_of`, so the bars are
/// the deals' movement, not a refit.  Each deal's part of the expectation
/// (its won amount when it was won in the period, else its expected
/// bookings in it while open) changes for one reason, by what became of it:
///
/// | cause | the deal |
/// |---|---|
/// | new deals | created after `since`; with the change in the expected bookings of deals not yet created |
/// | won | open (or lost) at `since`, won at `as_of` |
/// | lost | open (or won) at `since`, lost at `as_of` |
/// | slipped / pulled in | open at both: its chance of closing within the period, if won, fell / rose (a close date moved, or time passed) |
/// | amount | open at both: its amount changed; or won at both with another amount |
/// | probability | open at both: its win probability changed; or reopened |
///
/// A deal open at both days has all three of amount, probability and timing
/// (as b = a p q: amount first, at the old probability and timing; then the
/// probability at the new amount; then the timing at both new), so that the
/// bars sum exactly from one forecast's expected total to the other's.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/core/calendar.hpp"
#include "pipecast/forecast/model.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Why a period's forecast moved (see the file's table).
enum class MovementCause : std::uint8_t { new_deals, won, lost, slipped, pulled_in, amount, probability };
/// Every MovementCause, in the order of the waterfall.
inline constexpr std::array<MovementCause, 7> kMovementCauses{
    MovementCause::new_deals, MovementCause::won,    MovementCause::lost,       MovementCause::slipped,
    MovementCause::pulled_in, MovementCause::amount, MovementCause::probability};
/// "new deals", "won", "lost", "slipped", "pulled in", "amount", "probability".
std::string_view to_string(MovementCause cause);

/// One deal's part of a period's forecast on each day.  Fields of a day the
/// deal was not open are NaN (kNoDay for dates).
struct DealMovement {
  DealIndex deal = 0;                          ///< in the book
  MovementCause cause = MovementCause::amount; ///< its largest part of the change
  double before = 0.0;                         ///< its part of the forecast as of `since`
  double after = 0.0;                          ///< as of `as_of`
  double probability_before = 0.0;             ///< win probability while open at `since`
  double probability_after = 0.0;              ///< while open at `as_of`
  double amount_before = 0.0;                  ///< base currency, as known at `since` (NaN: blank or not yet created)
  double amount_after = 0.0;                   ///< as known at `as_of`
  Day close_before = kNoDay;                   ///< the expected close date at `since`
  Day close_after = kNoDay;                    ///< at `as_of`
  StageId stage_before = 0;                    ///< its stage at `since` (valid when it existed)
  StageId stage_after = 0;                     ///< at `as_of`
  bool existed_before = false;                 ///< created by `since`

  /// after - before.
  double change() const { return after - before; }
};

/// How one period's forecast moved.
struct PeriodMovement {
  Period period;        ///< the period forecast on both days
  double before = 0.0;  ///< expected bookings as of `since` (a forecast's total.expected)
  double after = 0.0;   ///< as of `as_of`
  /// By MovementCause: they sum to after - before.
  std::array<double, kMovementCauses.size()> by_cause{};
  /// The part of the new-deals bar from deals not yet created (the
  /// expectation of those after `as_of` less those after `since`).
  double not_yet_created = 0.0;
  /// Every deal whose part changed, the largest change (in absolute value) first.
  std::vector<DealMovement> deals;

  /// The bar of `cause`.
  double operator[](MovementCause cause) const { return by_cause[static_cast<std::size_t>(cause)]; }
};

/// The waterfall of each period.
struct ForecastMovement {
  std::string model;                    ///< the model's name
  Day since = kNoDay;                   ///< the earlier day
  Day as_of = kNoDay;                   ///< the later day, T
  std::vector<PeriodMovement> periods;  ///< as asked
  /// Why the rate of new deals is unknown ("" when known); the forecasts
  /// then leave deals not yet created out on both days, as their totals do.
  std::string new_deals_unknown;
};

/// Throws std::invalid_argument, saying why, when `since` cannot be compared
/// with `as_of`: it is not before it, or falls before the book's first record.
void check_since(const Book& book, Day since, Day as_of);

/// The waterfall from the forecast as of `since` to the one as of `as_of` of
/// each of `periods`, both by `model`.  Throws std::invalid_argument as
/// check_since() does, or when no period is given.
ForecastMovement forecast_movement(const FittedModel& model, const Book& book, Day since, Day as_of,
                                   const std::vector<Period>& periods);

}  // namespace pipecast
