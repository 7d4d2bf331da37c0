// What the activities logged in a deal's current stay say about how the
// stay will end: SynthActivities draws them from the stay's end event and
// day, so given an event and a day their likelihood is known, against the
// plain rates.  SynthTruth::win_probability_given_activities() weighs each
// next event by it.  Private to src/synth.
#pragma once

#include "pipecast/synth/synthetic_book.hpp"

#include <cstddef>
#include <vector>

namespace pipecast::synth {

/// The activities a book logs in a deal's current stay, on its last days up
/// to the end of `as_of`, counted by type, and their likelihood ratios
/// against the plain rates.
class StayActivities {
 public:
  /// Throws std::invalid_argument for an activity type the truth does not know.
  StayActivities(const SynthTruth& truth, const Book& book, DealIndex deal, Day entered, Day as_of, double pace);

  Day as_of() const { return as_of_; }
  Day entered() const { return entered_; }

  /// ln of the ratio if days [from, as_of] were in the window before a move
  /// forward: each type at before_advance times its rate.
  double log_lifted(Day from) const;
  /// ln of the ratio if days [from, as_of] were in the silence before a
  /// loss: -infinity when an activity was logged then.
  double log_silent(Day from) const;

 private:
  // Activities of type k on days [from, as_of]; from within the last span_ days.
  double count(std::size_t k, Day from) const {
    return since_[static_cast<std::size_t>(as_of_ - from) * types_ + k];
  }

  const SynthActivities& model_;
  Day entered_, as_of_;
  int span_;
  std::size_t types_;
  std::vector<double> rate_;   // per day, by type
  std::vector<double> since_;  // [days back][type]
};

/// ln E[the likelihood ratio of the stay's activities | it ends with `event`
/// after as_of], against the plain rates; `dwell` is the event's, `log_stay`
/// ln P(it has not happened by as_of).  An end within a window's reach of
/// as_of weighs its own ratio; a later one, or one after the book's end
/// (such a stay drew at the plain rates), weighs 1.
double log_expected_ratio(const SynthTruth& truth, const StayActivities& logged, SynthEvent event,
                          const SynthDwell& dwell, double pace, double log_stay);

}  // namespace pipecast::synth
