/// @file
/// Product potential: how well each product (and product family) sells, and
/// where the open pipeline is most likely to turn into revenue.
///
/// How it counts, as of the scope's date T (pipeline and filters apply):
/// - A deal belongs to its primary product (the opportunity's product; line
///   items are not split out).  The family comes from the products table;
///   "(none)" when the product is not in it or its family is blank.
/// - Win rate: won / (won + lost) over every deal closed as of T, whatever the
///   day it closed, with a Wilson 95% interval.
/// - Average won amount, and the cycle: the median number of days from
///   creation to the won stage, over won deals.
/// - Open pipeline: deals open at T, their count and value.
/// - Expected revenue: open value x the expected win rate, where the expected
///   win rate is the row's own win rate shrunk toward the overall win rate:
///   (won + m x overall) / (won + lost + m), with m = prior_deals (20): a
///   product with 20 closed deals lands halfway between its own rate and the
///   overall one, one with 200 closed deals keeps about 90% of its own.
/// - Revenue share: the row's won value / all won value (every closed deal in
///   scope).
/// - Trend: won value in each of scope.trend_periods() (by the day the deal
///   was won).  The slope is a least-squares line through the won value per
///   day of each period (the current period counts only its days up to T, so
///   a half-finished month is not read as a drop), divided by the average:
///   growing above +5% a period, shrinking below -5%, flat in between.  With
///   no won value in those periods, or a single period (trend_periods = 1,
///   or the calendar's first period), there is no slope: trend_change is NaN
///   and the trend flat.
/// - Rank: by score = expected revenue x 1.2 when growing, x 0.8 when
///   shrinking, x 1 when flat; the highest score first (rows whose score
///   cannot be computed, e.g. with no closed deal in scope, last).  `reason`
///   says why in words: the win rate against the overall (called high or low
///   only when its interval lies wholly above or below the overall rate), the
///   open deals and the trend.
/// - Amounts are in the base currency; a blank amount counts as 0.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// How product potential shrinks rates and weighs trends.
struct ProductOptions {
  double prior_deals = 20.0;  ///< m: the weight of the overall win rate, in closed deals
  double flat_band = 0.05;    ///< |relative slope| per period below which a trend is flat
  double trend_weight = 0.2;  ///< score multiplier: 1 + trend_weight x trend_sign
};

/// One product, or one family (then `family` equals `name`).
struct ProductPotential {
  std::string name;       ///< the product, or the family
  std::string family;     ///< "(none)" when not known
  Rate win_rate;          ///< won / (won + lost), every deal closed as of T
  Interval win_interval;  ///< Wilson 95%
  double won_amount = 0.0;  ///< base currency
  double average_won_amount = std::numeric_limits<double>::quiet_NaN();  ///< base currency
  double median_cycle_days = std::numeric_limits<double>::quiet_NaN();  ///< won deals
  std::size_t open_deals = 0;  ///< open at T
  double open_amount = 0.0;    ///< their value, base currency
  double expected_win_rate = std::numeric_limits<double>::quiet_NaN();  ///< shrunk
  double expected_revenue = std::numeric_limits<double>::quiet_NaN();   ///< open value x expected rate
  double revenue_share = std::numeric_limits<double>::quiet_NaN();  ///< of all won value in scope
  std::vector<double> trend;  ///< won value per trend period, oldest first
  double trend_change = std::numeric_limits<double>::quiet_NaN();  ///< fitted change per period / average
  int trend_sign = 0;  ///< +1 growing, -1 shrinking, 0 flat
  double score = std::numeric_limits<double>::quiet_NaN();  ///< expected revenue x the trend's weight
  std::size_t rank = 0;  ///< 1 = first
  std::string reason;    ///< the rank explained in words
};

/// Product potential of a scope: products and families, ranked.
struct ProductReport {
  Day as_of = kNoDay;  ///< the scope's date T
  Rate win_rate;  ///< every closed deal in scope: what rows are compared with
  double won_amount = 0.0;    ///< every won deal in scope, base currency
  double prior_deals = 0.0;   ///< the options used
  double trend_weight = 0.0;  ///< the option used
  std::vector<Period> trend_periods;  ///< scope.trend_periods(), oldest first
  std::vector<ProductPotential> products;  ///< by rank
  std::vector<ProductPotential> families;  ///< by rank
};

/// Ranks the scope's products and families as of its date (see the file's
/// documentation).
ProductReport product_potential(const Scope& scope, const ProductOptions& options = {});

/// "growing", "shrinking" or "flat": a trend_sign in words.
std::string_view trend_direction(int trend_sign);

}  // namespace pipecast
