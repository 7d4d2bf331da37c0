// The synthetic generator's configuration tables and the calendar helpers
// that the generator and SynthTruth share.  Private to src/synth.
#pragma once

#include "pipecast/synth/synthetic_book.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace pipecast::synth {

struct StageSpec {
  std::string_view name;
  double probability;  // configured in the CRM
  StageKind kind;
  std::string_view forecast_category;
  // True behaviour, for open stages only.
  double lose_logit, regress, skip;
  double forward_days, regress_days, lose_days;  // Weibull scales at pace 1
};

struct PipelineSpec {
  std::string_view name;
  double share;             // of the deals
  double cycle_days;        // first expected close: this many days at pace 1, about
  double line_item_share;   // deals quoted with line items
  std::array<StageSpec, 6> stages;
  std::size_t stage_count;  // open stages first, then won, then lost
};

struct SegmentSpec {
  std::string_view name;
  double effect, pace, share;
  double size;  // typical number of units bought
};

struct ProductSpec {
  std::string_view name, family;
  double list_price;  // USD per unit
  double effect;
  double share_new, share_renewal;  // as a deal's primary product, by pipeline
};

struct SourceSpec {
  std::string_view name;
  double effect;
  double share_new, share_renewal;
};

struct OwnerSpec {
  std::string_view name;
  std::size_t segment;  // home segment, in kSegments
  double effect;
};

struct CurrencySpec {
  std::string_view code;
  double rate;   // in USD
  double share;  // of the accounts
};

// Dwell shapes: a stay ending in a move is fairly regular; one ending in a
// loss has a long tail (deals die slowly).
inline constexpr double kForwardShape = 1.4, kRegressShape = 1.2, kLoseShape = 0.9;

inline constexpr std::array<PipelineSpec, 2> kPipelines{{
    {"New Business", 0.82, 80.0, 0.35,
     {{{"Qualify", 0.1, StageKind::open, "Pipeline", -0.3, 0.0, 0.06, 12, 15, 40},
       {"Discover", 0.2, StageKind::open, "Pipeline", -0.7, 0.05, 0.04, 20, 18, 55},
       {"Propose", 0.4, StageKind::open, "Best Case", -0.9, 0.10, 0.0, 25, 20, 65},
       {"Negotiate", 0.7, StageKind::open, "Commit", -1.2, 0.12, 0.0, 21, 20, 60},
       {"Closed Won", 1.0, StageKind::won, "Closed", 0, 0, 0, 0, 0, 0},
       {"Closed Lost", 0.0, StageKind::lost, "Omitted", 0, 0, 0, 0, 0, 0}}},
     6},
    {"Renewal", 0.18, 50.0, 0.25,
     {{{"Renewal Due", 0.6, StageKind::open, "Pipeline", -2.0, 0.0, 0.10, 20, 14, 45},
       {"Renewal Negotiation", 0.8, StageKind::open, "Best Case", -2.4, 0.06, 0.0, 15, 14, 40},
       {"Renewal Committed", 0.9, StageKind::open, "Commit", -3.0, 0.08, 0.0, 12, 14, 30},
       {"Renewed", 1.0, StageKind::won, "Closed", 0, 0, 0, 0, 0, 0},
       {"Churned", 0.0, StageKind::lost, "Omitted", 0, 0, 0, 0, 0, 0},
       {}}},
     5},
}};

inline constexpr std::array<SegmentSpec, 3> kSegments{{
    {"SMB", 0.25, 0.6, 0.55, 1.0},
    {"Mid-Market", 0.0, 1.0, 0.30, 3.5},
    {"Enterprise", -0.35, 1.7, 0.15, 12.0},
}};

inline constexpr std::array<ProductSpec, 8> kProducts{{
    {"Core Platform", "Platform", 12000, 0.10, 0.30, 0.40},
    {"Platform Plus", "Platform", 30000, -0.20, 0.15, 0.25},
    {"Analytics Pro", "Analytics", 8000, 0.0, 0.20, 0.20},
    {"Insights Dashboard", "Analytics", 3000, 0.25, 0.10, 0.10},
    {"API Access", "Add-on", 2500, 0.15, 0.08, 0.0},
    {"Extra Seats Pack", "Add-on", 1500, 0.35, 0.05, 0.0},
    {"Onboarding", "Services", 5000, -0.10, 0.07, 0.0},
    {"Premium Support", "Services", 4000, 0.05, 0.05, 0.05},
}};

inline constexpr std::array<SourceSpec, 6> kSources{{
    {"Inbound", 0.30, 0.32, 0.0},
    {"Outbound", -0.45, 0.28, 0.0},
    {"Partner", 0.35, 0.15, 0.0},
    {"Event", -0.10, 0.13, 0.0},
    {"Referral", 0.60, 0.12, 0.0},
    {"Existing Customer", 0.0, 0.0, 1.0},
}};

// Effects sum to about zero within each home segment, so that a segment's win
// rate shows its own effect.
inline constexpr std::array<OwnerSpec, 12> kOwners{{
    {"Ava Patel", 0, 0.45},     {"Ben Carter", 0, -0.30},  {"Chloe Nguyen", 0, 0.10},
    {"Daniel Kim", 0, -0.15},   {"Ella Rossi", 0, -0.05},  {"Felix Schmidt", 1, 0.30},
    {"Grace Okafor", 1, -0.40}, {"Hugo Martin", 1, 0.15},  {"Isla Brown", 1, -0.05},
    {"Jack Wilson", 2, 0.35},   {"Kara Johansson", 2, -0.25}, {"Liam Murphy", 2, -0.10},
}};

inline constexpr std::array<CurrencySpec, 3> kCurrencies{{
    {"USD", 1.0, 0.65},
    {"EUR", 1.08, 0.22},
    {"GBP", 1.27, 0.13},
}};

inline constexpr double kQualityNoise = 0.5;
inline constexpr int kQuarterEndWindow = 14;
inline constexpr double kQuarterEndSlip = 0.4;
inline constexpr double kOwnAccountOwner = 0.85;  // deals owned by the account's owner

/// The true parameters, with stage ids as the generator adds the stages
/// (pipeline by pipeline, in kPipelines order); no per-deal data yet, and
/// no changed regime.
SynthTruth make_truth();

/// Appends the reference deal's view of every open stage of `regime`.
void add_reference(SynthRegime& regime);

/// Largest number of open stages in a pipeline (bounds the absorbing solve).
inline constexpr std::size_t kMaxOpenStages = 6;

/// P(won eventually | just entered open stage k), k < pipeline.open.size().
std::array<double, kMaxOpenStages> absorbing_win(const SynthPipeline& pipeline, double quality);
SynthTransition transition(const SynthOpenStage& stage, bool last, double quality);

/// ln P(a stay of `dwell` lasts more than `days` days) for a deal of `pace`:
/// the Weibull survival, in logs so that long stays compare by their tails
/// instead of all underflowing to 0.
double log_survival(const SynthDwell& dwell, double days, double pace);

Day month_end(Day day);
Day quarter_end(Day day);

}  // namespace pipecast::synth
