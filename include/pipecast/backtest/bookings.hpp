/// @file
/// Bookings: the won amount by close day, as known at a date, summed over any
/// range of days for the whole company or for one group (an owner, a
/// segment).  What actually happened, for scoring forecasts, and the history
/// the seasonal-naive baseline repeats.
///
/// A deal counts when it is in a won stage as known at `known_at`; its close
/// day is the day it entered that stage and its amount the one known then, in
/// the base currency (blank amounts count 0): the same rule as won_amount() in
/// period_forecast.hpp, so a sum here equals won_amount(book, known_at, first,
/// last) up to rounding (it adds in another order).  Built from one as-of
/// view; each sum is then two binary searches in prefix sums.
#pragma once

#include "pipecast/core/as_of.hpp"

#include <optional>
#include <vector>

namespace pipecast {

/// The won amount by close day as known at a date, summed over any range of
/// days in O(log n) (prefix sums), for the company and per group.  Amounts
/// are in the base currency.
class Bookings {
 public:
  /// The deals won as known at the end of `known_at`; with `group`, also by
  /// that dimension's code.
  Bookings(const Book& book, Day known_at, std::optional<Dimension> group = std::nullopt);
  /// The same from a view: the deals won as known at view.as_of().
  explicit Bookings(const AsOfView& view, std::optional<Dimension> group = std::nullopt);

  /// The day the bookings are known at.
  Day known_at() const { return known_at_; }
  /// The earliest day a deal was closed (won or lost) as known at
  /// known_at(); kNoDay for none.  The book's record of outcomes starts
  /// there: a period starting before it has no bookings only because the
  /// export starts later (an export of the deals engaged since some date
  /// shows months of nothing won while its first deals were still open).
  Day first_close_day() const { return first_close_day_; }
  /// The group dimension given, if any.
  std::optional<Dimension> group_dimension() const { return dimension_; }

  /// The won amount closed on a day in [first, last].
  double won(Day first, Day last) const { return sum(0, first, last); }
  /// The same for the deals of one group (a code of the group dimension);
  /// 0 for a code with no wins.
  double won(Day first, Day last, Code group) const;

 private:
  struct Series {
    std::vector<Day> day;         ///< ascending
    std::vector<double> prefix;   ///< prefix[k] = amount of the first k wins
  };
  double sum(std::size_t series, Day first, Day last) const;

  Day known_at_ = kNoDay;
  Day first_close_day_ = kNoDay;
  std::optional<Dimension> dimension_;
  std::vector<Series> series_;  // [0] all deals, [1 + code] one group
};

}  // namespace pipecast
