/// @file
/// Headline figures of a book as of a date: what `pipecast summary` prints.
#pragma once

#include "pipecast/as_of.hpp"

#include <string>
#include <vector>

namespace pipecast {

struct StageSummary {
  std::string pipeline;
  std::string stage;
  StageKind kind = StageKind::open;
  double probability = 0.0;  // configured
  std::size_t count = 0;
  double amount = 0.0;       // in the base currency
  bool operator==(const StageSummary&) const = default;
};

struct Summary {
  Day as_of = kNoDay;
  std::string currency;            // the base currency, "" when the book does not say
  std::size_t opportunities = 0;   // known at as_of
  std::size_t open = 0, won = 0, lost = 0;
  std::size_t missing_amount = 0;  // deals with a blank amount (counted as 0)
  double open_amount = 0.0;
  double weighted_amount = 0.0;    // configured stage probability x amount, open deals
  double won_amount = 0.0;
  double lost_amount = 0.0;
  std::vector<StageSummary> by_stage;  // every stage of every pipeline, in pipeline order
  bool operator==(const Summary&) const = default;
};

Summary summarize(const AsOfView& view);

}  // namespace pipecast
