// The owners and products of a synthetic book across its regimes.
#include "synth/roster.hpp"

#include "synth/regime_change.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace pipecast::synth {
namespace {

// The index of the owner named `name` in `owners`.
std::uint8_t roster_index(const std::vector<OwnerSpec>& owners, std::string_view name) {
  const auto at = std::find_if(owners.begin(), owners.end(), [&](const OwnerSpec& o) { return o.name == name; });
  if (at == owners.end()) throw std::logic_error("roster: no owner " + std::string(name));
  return static_cast<std::uint8_t>(at - owners.begin());
}

}  // namespace

Roster::Roster(const SynthTruth& truth)
    : owners_(kOwners.begin(), kOwners.end()), products_(kProducts.begin(), kProducts.end()) {
  const bool change = truth.regime_change != kNoDay;
  if (change) {
    for (const JoinerSpec& joiner : kJoiners) owners_.push_back(joiner.owner);
    products_.push_back(kLaunch);
  }
  add_regime(kSynthFirstRegime, truth);
  if (change) add_regime(kSynthChangedRegime, truth.changed);
}

void Roster::add_regime(std::uint8_t regime, const SynthRegime& parameters) {
  sold_[regime] = parameters.products.size();
  active_[regime].assign(owners_.size(), false);
  effect_[regime].assign(owners_.size(), 0.0);
  for (const SynthEffect& owner : parameters.owners) {
    const std::uint8_t o = roster_index(owners_, owner.name);
    active_[regime][o] = true;
    effect_[regime][o] = owner.effect;
  }
  by_segment_[regime].assign(kSegments.size(), {});
  successor_[regime].resize(owners_.size());
  for (std::size_t o = 0; o < owners_.size(); ++o) {
    successor_[regime][o] = static_cast<std::uint8_t>(o);
    if (active_[regime][o]) by_segment_[regime][owners_[o].segment].push_back(static_cast<std::uint8_t>(o));
  }
  if (regime != kSynthChangedRegime) return;
  // The leavers' accounts go to the joiners.
  for (const JoinerSpec& joiner : kJoiners)
    successor_[regime][roster_index(owners_, joiner.replaces)] = roster_index(owners_, joiner.owner.name);
}

}  // namespace pipecast::synth
