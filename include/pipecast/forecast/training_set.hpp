/// @file
/// The rows the history-based models learn from: snapshots of the deals that
/// were open at regular dates before T, each with what became of it by T.
///
/// A snapshot at date s sees only what was known at s (an as-of view), and its
/// outcome only what was known at T; nothing after T is read, so a model fitted
/// as of T is the same on the full data and on the data cut at T.
#pragma once

#include "pipecast/forecast/deal_state.hpp"

#include <cstdint>
#include <vector>

namespace pipecast {

/// When the training snapshots are taken.
struct TrainingOptions {
  int lookback_days = 730;  ///< the oldest snapshot is at most this far before T
  int step_days = 14;       ///< days between snapshots

  /// Memberwise equality.
  bool operator==(const TrainingOptions&) const = default;
};

/// What became of a deal by a date.
enum class Outcome : std::uint8_t {
  open,  ///< still open (or, in Outcomes, not yet created)
  won,   ///< won
  lost   ///< lost
};

/// Snapshots of the deals open at regular dates before T, each row with what
/// became of the deal by T.
struct TrainingSet {
  Day as_of = kNoDay;               ///< T
  DealStates rows;                  ///< every snapshot's open deals; rows.as_of and rows.position are unused
  std::vector<Day> snapshot;        ///< the snapshot date of each row
  std::vector<Outcome> outcome;     ///< the deal's state at T
  std::vector<std::int32_t> days_to_close;  ///< closed - snapshot, or T - snapshot when still open

  /// The number of rows.
  std::size_t size() const { return snapshot.size(); }
};

/// 2^(-age / half_life_days): how much a training row `age_days` old at T
/// counts, so that after a market change the new behaviour outweighs the
/// old (the logistic fit and the close timing weigh their rows by it).  1
/// for every row when half_life_days is 0 or less (no weighting).
double recency_weight(int half_life_days, int age_days);

/// Snapshots at T - step, T - 2 step, ... back to T - lookback.  Throws
/// std::invalid_argument when step or lookback is not positive.
TrainingSet build_training_set(const Book& book, Day as_of, const TrainingOptions& options = {});

/// What became of each deal of the book by `as_of`, by DealIndex: its state,
/// and the day it closed (kNoDay while open or not yet created).
struct Outcomes {
  std::vector<Outcome> state;      ///< open for a deal not yet created
  std::vector<Day> closed_on;      ///< the day it entered its closing stage
  std::vector<double> amount;  ///< base currency as known at as_of; 0 when blank
  std::vector<bool> known;     ///< created on or before as_of
};
/// The Outcomes of every deal of `book` at the end of `as_of`.
Outcomes outcomes_as_of(const Book& book, Day as_of);

}  // namespace pipecast
