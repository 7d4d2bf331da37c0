// The changed regime's parameters: the first regime's with the changes of
// regime_change.hpp applied.
#include "synth/regime_change.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace pipecast::synth {
namespace {

template <class Named>
auto& named(std::vector<Named>& values, std::string_view name) {
  const auto at = std::find_if(values.begin(), values.end(),
                               [&](const Named& v) { return v.name == name; });
  if (at == values.end()) throw std::logic_error("regime change: no " + std::string(name));
  return *at;
}

SynthOpenStage& open_stage_named(std::vector<SynthPipeline>& pipelines, std::string_view name) {
  for (std::size_t p = 0; p < kPipelines.size(); ++p)
    for (std::size_t k = 0; k < pipelines[p].open.size(); ++k)
      if (kPipelines[p].stages[k].name == name) return pipelines[p].open[k];
  throw std::logic_error("regime change: no open stage " + std::string(name));
}

void change_owners(std::vector<SynthEffect>& owners) {
  for (const JoinerSpec& joiner : kJoiners) {
    std::erase_if(owners, [&](const SynthEffect& o) { return o.name == joiner.replaces; });
    owners.push_back({std::string(joiner.owner.name), joiner.owner.effect});
  }
}

}  // namespace

SynthRegime changed_regime(const SynthRegime& first) {
  SynthRegime changed = first;
  for (const SegmentChange& c : kSegmentChanges) {
    SynthSegment& segment = named(changed.segments, c.name);
    segment.effect = c.effect;
    segment.pace = c.pace;
  }
  for (const SourceChange& c : kSourceChanges) named(changed.sources, c.name).effect = c.effect;
  for (const StageChange& c : kStageChanges) open_stage_named(changed.pipelines, c.name).lose_logit = c.lose_logit;
  change_owners(changed.owners);
  changed.products.push_back({std::string(kLaunch.name), kLaunch.effect});
  changed.reference.clear();
  add_reference(changed);
  return changed;
}

}  // namespace pipecast::synth
