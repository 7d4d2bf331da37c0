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

enum class StageKind : std::uint8_t { open, won, lost };

std::string_view to_string(StageKind kind);
std::optional<StageKind> parse_stage_kind(std::string_view text);

struct Stage {
  PipelineId pipeline = 0;
  std::string name;
  int order = 0;               // position in its pipeline, ascending
  double probability = 0.0;    // configured in the CRM, in [0, 1]
  StageKind kind = StageKind::open;
  std::string forecast_category;  // optional, as configured in the CRM

  bool is_closed() const { return kind != StageKind::open; }
  bool operator==(const Stage&) const = default;
};

struct Pipeline {
  std::string name;
  std::vector<StageId> stages;  // sorted by Stage::order

  bool operator==(const Pipeline&) const = default;
};

}  // namespace pipecast
