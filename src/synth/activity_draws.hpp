// The synthetic activities of one deal, drawn from its path (see
// SynthActivities in pipecast/synth/synthetic_book.hpp).  Private to src/synth.
#pragma once

#include "pipecast/synth/synthetic_book.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace pipecast::synth {

class Random;

/// The parameters the generator draws activities from.
SynthActivities activity_model();

/// A stay of a deal in an open stage, [from, to), and the event that ended it
/// on `to` (none: still open at the book's end, `to` one past it).
struct Stay {
  Day from = kNoDay, to = kNoDay;
  std::optional<SynthEvent> end;
};

/// One activity drawn.
struct DrawnActivity {
  std::uint8_t type;  // in SynthActivities::types
  Day day;
  double minutes;     // kNoAmount when the type records none
  bool inbound;
};

/// Appends the activities of `stay` to `out`, in order of type then day.
void draw_activities(Random& rng, const SynthActivities& model, const Stay& stay, double pace,
                     std::vector<DrawnActivity>& out);

}  // namespace pipecast::synth
