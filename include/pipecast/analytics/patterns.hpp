/// @file
/// Win/loss patterns: which owners, products, sources, segments (or values of
/// any custom attribute) win more, or less, often than the rest.
///
/// How deals count:
/// - "Closed" means won or lost as of the scope's date T, whatever the day it
///   closed: patterns need every closed deal they can get, so they are not
///   limited to the scope's period (filter or choose T to narrow them).  A deal
///   reopened after a loss counts by its stage at T.  The pipeline and the
///   filters of the scope apply.
/// - Open deals are counted (volume) but never enter a win rate.
/// - The cycle of a closed deal is the number of days from its creation to the
///   day it entered its closing stage (0 when the same day).
/// - A value is compared with the rest of its field: all the other values of
///   the same field pooled together (pooled two-proportion z test).
/// - A blank value ("") is a value like any other.
/// - Custom attributes have no history: their value is today's, also for
///   deals seen as of an earlier T.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pipecast {

/// Which patterns count as the strongest.
struct PatternOptions {
  /// Closed deals a value needs, and the rest of its field needs, before it
  /// can rank among the strongest patterns (it is always listed in its field).
  std::size_t min_closed = 30;
  /// How many patterns each list (positive, negative) holds at most.
  std::size_t top = 5;
};

/// One value of a field (e.g. owner "Ann") as of T.
struct PatternValue {
  std::string value;             ///< "" for the blank value
  Rate win_rate;                 ///< successes = won, trials = won + lost
  Interval win_interval;         ///< Wilson 95%; [0, 1] with no closed deal
  std::size_t open = 0;          ///< deals open at T
  double won_amount = 0.0;       ///< total, base currency
  double average_won_amount = std::numeric_limits<double>::quiet_NaN();      ///< base currency
  double average_cycle_days = std::numeric_limits<double>::quiet_NaN();      ///< won and lost
  double average_won_cycle_days = std::numeric_limits<double>::quiet_NaN();  ///< won only
  // Against all other values of the same field together.  The test is NaN
  // when either side has no closed deal.
  Rate rest_win_rate;  ///< the other values of the field together
  double difference = std::numeric_limits<double>::quiet_NaN();  ///< win rate - rest's
  double z = std::numeric_limits<double>::quiet_NaN();  ///< of the two-proportion test
  double p_value = std::numeric_limits<double>::quiet_NaN();  ///< two-sided

  /// Deals won as of T.
  std::size_t won() const { return win_rate.successes; }
  /// Deals lost as of T.
  std::size_t lost() const { return win_rate.trials - win_rate.successes; }
  /// Deals won or lost as of T.
  std::size_t closed() const { return win_rate.trials; }
};

/// A field and its values, most closed deals first (then by value).
struct PatternField {
  std::string field;                 ///< the dimension or attribute name
  std::vector<PatternValue> values;  ///< every value the scope's deals have
};

/// A value that wins notably more (z > 0) or less (z < 0) than the rest.
struct Pattern {
  std::string field;        ///< as PatternValue's field
  std::string value;        ///< as PatternValue::value
  Rate win_rate;            ///< as PatternValue::win_rate
  Rate rest_win_rate;       ///< as PatternValue::rest_win_rate
  double difference = 0.0;  ///< win rate - rest's
  double z = 0.0;           ///< of the two-proportion test
  double p_value = 1.0;     ///< two-sided
  /// Memberwise equality.
  bool operator==(const Pattern&) const = default;
};

/// Why deals were lost: the custom attribute `lost_reason` of the deals lost
/// as of T (blank reasons are the value "").
struct LostReason {
  std::string reason;         ///< the value of lost_reason ("" for blank)
  std::size_t deals = 0;      ///< lost deals with that reason
  double deal_share = 0.0;    ///< of the lost deals
  double amount = 0.0;        ///< base currency
  double amount_share = 0.0;  ///< of the lost value; NaN when it is 0
};

/// The lost reasons of a scope's lost deals.
struct LostReasons {
  std::size_t lost_deals = 0;       ///< deals lost as of T in scope
  double lost_amount = 0.0;         ///< their amounts, base currency
  std::vector<LostReason> reasons;  ///< most deals first (then by reason)
};

/// Win/loss patterns of a scope.
struct PatternReport {
  Day as_of = kNoDay;          ///< the scope's date T
  Rate win_rate;               ///< every closed deal in scope
  std::size_t open = 0;        ///< deals open at T in scope
  std::size_t min_closed = 0;  ///< the option used
  std::vector<PatternField> fields;  ///< one per field asked for, in that order
  /// Values with at least min_closed closed deals (and a rest of at least as
  /// many), strongest first by |z|: winning more than the rest, and less.
  std::vector<Pattern> positive;
  std::vector<Pattern> negative;  ///< as `positive`, for values winning less
  /// Present when the book has a custom attribute named `lost_reason`.
  std::optional<LostReasons> lost_reasons;
};

/// The fields used when none are given.
inline const std::vector<std::string> kDefaultPatternFields{"owner", "product", "source", "segment"};

/// Win/loss patterns of `fields` (dimension names or custom attribute names;
/// empty: kDefaultPatternFields).  Throws std::invalid_argument for an
/// unknown field, naming the known ones.
PatternReport win_loss_patterns(const Scope& scope, const std::vector<std::string>& fields = {},
                                const PatternOptions& options = {});

}  // namespace pipecast
