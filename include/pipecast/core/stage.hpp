/// @file
/// Pipelines and their stages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Index of a stage in Book::stages(); stage ids are unique across pipelines.
using StageId = std::uint32_t;
/// Index of a pipeline in Book::pipelines().
using PipelineId = std::uint32_t;

/// Whether a stage is still open or closes the deal, won or lost.
enum class StageKind : std::uint8_t {
  open,  ///< the deal is still being worked
  won,   ///< closed, won
  lost   ///< closed, lost
};

/// "open", "won" or "lost", as in stages.csv.
std::string_view to_string(StageKind kind);
/// The kind named exactly "open", "won" or "lost" (case matters); nullopt for
/// anything else.
std::optional<StageKind> parse_stage_kind(std::string_view text);

/// One stage of a pipeline: a row of stages.csv.
struct Stage {
  PipelineId pipeline = 0;     ///< the pipeline it belongs to
  std::string name;            ///< unique within its pipeline
  int order = 0;               ///< position in its pipeline, ascending
  double probability = 0.0;    ///< configured in the CRM, in [0, 1]
  StageKind kind = StageKind::open;  ///< open, or closing the deal won or lost
  std::string forecast_category;  ///< optional, as configured in the CRM

  /// True for a won or lost stage.
  bool is_closed() const { return kind != StageKind::open; }
  /// Memberwise equality.
  bool operator==(const Stage&) const = default;
};

/// A pipeline: a name and its stages.
struct Pipeline {
  std::string name;             ///< unique in the book
  std::vector<StageId> stages;  ///< sorted by Stage::order

  /// Memberwise equality.
  bool operator==(const Pipeline&) const = default;
};

}  // namespace pipecast
