#include "synth/activity_draws.hpp"

#include <algorithm>
#include <cmath>

#include "synth/random.hpp"  // last: its pragmas apply to the code below

namespace pipecast::synth {
namespace {

SynthActivityType activity_type(const char* name, double per_week, double before_advance, bool directed,
                                 double inbound, double minutes) {
  return {name, per_week, before_advance, directed, inbound, minutes};
}

// Appends the days of a Poisson process of `per_day` over [from, to).
void poisson_days(Random& rng, double per_day, Day from, Day to, std::uint8_t type, const SynthActivityType& spec,
                  std::vector<DrawnActivity>& out) {
  if (per_day <= 0.0 || from >= to) return;
  for (double t = from + rng.exponential(per_day); t < to; t += rng.exponential(per_day)) {
    double minutes = kNoAmount;
    if (spec.minutes > 0.0) minutes = std::max(1.0, std::round(spec.minutes * rng.lognormal(0.0, 0.5)));
    const bool inbound = spec.directed && rng.chance(spec.inbound);
    out.push_back({type, static_cast<Day>(t), minutes, inbound});
  }
}

}  // namespace

// Rough weekly rates of a seller's logged activities on one deal.  Meetings
// matter most: five times as frequent in the two weeks before progress; calls
// twice; emails flow regardless.  Three weeks of silence precede a loss.
SynthActivities activity_model() {
  SynthActivities model;
  model.types = {activity_type("email", 0.35, 1.0, true, 0.4, 0.0),
                 activity_type("call", 0.20, 2.0, true, 0.25, 8.0),
                 activity_type("meeting", 0.06, 5.0, false, 0.0, 45.0)};
  model.window = 14;
  model.silence = 21;
  return model;
}

void draw_activities(Random& rng, const SynthActivities& model, const Stay& stay, double pace,
                     std::vector<DrawnActivity>& out) {
  const bool forward = stay.end == SynthEvent::advance || stay.end == SynthEvent::win;
  const bool lost = stay.end == SynthEvent::lose;
  // The stay's plain part, and the lifted (forward) or silent (lost) part before its end.
  const Day quiet_from = lost ? std::max(stay.from, stay.to - model.silence) : stay.to;
  const Day lifted_from = forward ? std::max(stay.from, stay.to - model.window) : stay.to;
  for (std::size_t k = 0; k < model.types.size(); ++k) {
    const SynthActivityType& spec = model.types[k];
    const double per_day = spec.per_week / 7.0 / pace;
    const auto type = static_cast<std::uint8_t>(k);
    poisson_days(rng, per_day, stay.from, std::min(quiet_from, lifted_from), type, spec, out);
    if (forward) poisson_days(rng, per_day * spec.before_advance, lifted_from, stay.to, type, spec, out);
  }
}

}  // namespace pipecast::synth
