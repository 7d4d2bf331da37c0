// Deals not yet created: how many arrive, how many of them are won, when and
// for how much.  The "new" component of a period forecast.
//
// The creation rate is the mean over the last `window_days` days; the time from
// creation to a win is a cumulative incidence (won and lost competing, deals
// still open censored) over the deals created in the last two years; amounts
// are those of the deals won in the window.  A future day's creations are
// Poisson, so the wins they bring into a period are Poisson too (thinning).
#pragma once

#include "pipecast/book.hpp"
#include "pipecast/forecast/competing_risks.hpp"

#include <boost/serialization/vector.hpp>

#include <vector>

namespace pipecast {

struct NewDealFlow {
  static constexpr int kWindowDays = 365;
  static constexpr int kHorizonDays = 730;
  static constexpr std::size_t kAmountQuantiles = 1024;

  Day as_of = kNoDay;
  double daily_rate = 0.0;             // deals created per day
  CumulativeIncidence from_creation;   // cause 1 won, 2 lost; days after creation
  std::vector<double> won_amounts;     // base currency, ascending (order statistics)

  static NewDealFlow fit(const Book& book, Day as_of);

  /// Expected number of deals created after as_of that are won on a day in
  /// [first, last].
  double expected_wins(Day first, Day last) const;
  double mean_won_amount() const;

  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    archive & as_of & daily_rate & from_creation & won_amounts;
  }
  bool operator==(const NewDealFlow&) const = default;
};

}  // namespace pipecast
