/// @file
/// Stages named by pipeline and stage name, so that a fitted model applies to
/// any book with the same pipelines (a later export, a truncated copy), whatever
/// order its stages were read in.
#pragma once

#include "pipecast/core/book.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace pipecast {

/// A stage of the book the model does not know (StageKeys::map_to()).
inline constexpr std::uint32_t kUnknownStage = std::numeric_limits<std::uint32_t>::max();

/// The stages a model knows, by (pipeline name, stage name), indexed by model
/// stage.
struct StageKeys {
  std::vector<std::string> pipeline;  ///< by model stage index
  std::vector<std::string> stage;     ///< the stage's name, by model stage index

  /// Every stage of the book, in StageId order.
  static StageKeys of(const Book& book);
  /// Every stage of `stages` (Book::stages()) of `pipelines`, in order.
  static StageKeys of(const std::vector<Pipeline>& pipelines, const std::vector<Stage>& stages);
  /// The number of stages.
  std::size_t size() const { return stage.size(); }
  /// For each StageId of `book`, the model's index of that stage, or kUnknownStage.
  std::vector<std::uint32_t> map_to(const Book& book) const;

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  /// Memberwise equality.
  bool operator==(const StageKeys&) const = default;
};

}  // namespace pipecast
