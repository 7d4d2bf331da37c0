/// @file
/// Headline figures of a book as of a date: what `pipecast summary` prints.
#pragma once

#include "pipecast/core/as_of.hpp"

#include <string>
#include <vector>

namespace pipecast {

/// The deals in one stage at the summary's day.
struct StageSummary {
  std::string pipeline;              ///< the pipeline's name
  std::string stage;                 ///< the stage's name
  StageKind kind = StageKind::open;  ///< open, won or lost
  double probability = 0.0;  ///< configured
  std::size_t count = 0;     ///< deals in the stage at the day
  double amount = 0.0;       ///< in the base currency (blank amounts as 0)
  /// Memberwise equality.
  bool operator==(const StageSummary&) const = default;
};

/// Headline figures of a book as of a day.
struct Summary {
  Day as_of = kNoDay;              ///< the day of the view summarised
  std::string currency;            ///< the base currency, "" when the book does not say
  std::size_t opportunities = 0;   ///< known at as_of
  std::size_t open = 0 /**< deals in an open stage at as_of */,
      won = 0 /**< deals in a won stage at as_of */,
      lost = 0 /**< deals in a lost stage at as_of */;
  std::size_t missing_amount = 0;  ///< deals with a blank amount (counted as 0)
  double open_amount = 0.0;        ///< of the open deals, base currency
  double weighted_amount = 0.0;    ///< configured stage probability x amount, open deals
  double won_amount = 0.0;         ///< of the won deals, base currency
  double lost_amount = 0.0;        ///< of the lost deals, base currency
  std::vector<StageSummary> by_stage;  ///< every stage of every pipeline, in pipeline order
  /// Memberwise equality.
  bool operator==(const Summary&) const = default;
};

/// The headline figures of `view`: what `pipecast summary` prints.
Summary summarize(const AsOfView& view);

}  // namespace pipecast
