// Bookings: the won amount by close day, as known at a date, summed over any
// range of days for the whole company or for one group (an owner, a
// segment).  What actually happened, for scoring forecasts, and the history
// the seasonal-naive baseline repeats.
//
// A deal counts when it is in a won stage as known at `known_at`; its close
// day is the day it entered that stage and its amount the one known then, in
// the base currency (blank amounts count 0): the same rule as won_amount() in
// period_forecast.hpp, so a sum here equals won_amount(book, known_at, first,
// last) up to rounding (it adds in another order).  Built from one as-of
// view; each sum is then two binary searches in prefix sums.
#pragma once

#include "pipecast/as_of.hpp"

#include <optional>
#include <vector>

namespace pipecast {

class Bookings {
 public:
  /// The deals won as known at the end of `known_at`; with `group`, also by
  /// that dimension's code.
  Bookings(const Book& book, Day known_at, std::optional<Dimension> group = std::nullopt);
  explicit Bookings(const AsOfView& view, std::optional<Dimension> group = std::nullopt);

  Day known_at() const { return known_at_; }
  /// The earliest creation day of a deal known at known_at(); kNoDay for none.
  /// A period starting before it is not covered by the book's history.
  Day first_day() const { return first_day_; }
  std::optional<Dimension> group_dimension() const { return dimension_; }

  /// The won amount closed on a day in [first, last].
  double won(Day first, Day last) const { return sum(0, first, last); }
  /// The same for the deals of one group (a code of the group dimension);
  /// 0 for a code with no wins.
  double won(Day first, Day last, Code group) const;

 private:
  struct Series {
    std::vector<Day> day;         // ascending
    std::vector<double> prefix;   // prefix[k] = amount of the first k wins
  };
  double sum(std::size_t series, Day first, Day last) const;

  Day known_at_ = kNoDay;
  Day first_day_ = kNoDay;
  std::optional<Dimension> dimension_;
  std::vector<Series> series_;  // [0] all deals, [1 + code] one group
};

}  // namespace pipecast
