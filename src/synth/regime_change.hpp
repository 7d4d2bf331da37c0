// The regime change of a synthetic book: which parameters change, which
// owners leave and join, and the product that launches.  Private to src/synth.
#pragma once

#include "synth/model.hpp"

#include <array>
#include <string_view>

namespace pipecast::synth {

struct SegmentChange {
  std::string_view name;
  double effect, pace;
};

struct SourceChange {
  std::string_view name;
  double effect;
};

struct StageChange {
  std::string_view name;  // stage names are unique across the pipelines
  double lose_logit;
};

struct JoinerSpec {
  OwnerSpec owner;
  std::string_view replaces;  // the leaver whose accounts the joiner takes over
};

// The changes are mixed (some values win more, others less) and large, so
// that a model that weighs all history alike is clearly wrong after the
// change: on a 60,000-deal book, `auto`'s Brier excess over the truth at three
// probes after the change is about 2.3 times the excess without it
// (tests/accuracy/regime_change_brier_test.cpp).
//
// A price rise makes small buyers harder to win; an Enterprise offer wins
// more big buyers, but a security review makes their deals move slower.
inline constexpr std::array<SegmentChange, 2> kSegmentChanges{{
    {"SMB", -0.45, 0.6},
    {"Enterprise", 0.35, 2.6},
}};

// Paid campaigns flood the inbound queue with poor leads, while a new SDR
// team makes outbound work.
inline constexpr std::array<SourceChange, 2> kSourceChanges{{
    {"Inbound", -0.90},
    {"Outbound", 0.60},
}};

// Better qualification loses fewer deals early, a new discount approval step
// kills proposals, and a competitor's launch raises churn.
inline constexpr std::array<StageChange, 3> kStageChanges{{
    {"Discover", -1.6},
    {"Propose", 0.0},
    {"Renewal Due", -1.2},
}};

// The best rep of each segment leaves and a newcomer takes over the accounts:
// two of them still ramping, one a star hire.
inline constexpr std::array<JoinerSpec, 3> kJoiners{{
    {{"Maya Singh", 0, -0.50}, "Ava Patel"},
    {{"Noah Fischer", 1, 0.55}, "Felix Schmidt"},
    {{"Olivia Chen", 2, -0.40}, "Jack Wilson"},
}};

// Sold from the change on, to new business only; buyers are wary of it.
inline constexpr ProductSpec kLaunch{"Insights AI", "Analytics", 9000, -0.50, 0.20, 0.0};

/// The changed regime's parameters, from the first regime's: the changes
/// above applied, the leavers out of `owners`, the joiners and the launch in.
SynthRegime changed_regime(const SynthRegime& first);

}  // namespace pipecast::synth
