/// @file
/// Fitted models on disk: Boost.Serialization inside a sealed file (magic,
/// format version, CRC-64, written atomically), like book snapshots.
///
/// Only the built-in win models can be saved; a model of your own is refitted
/// instead.  A loaded model scores any book with the same pipeline and stage
/// names; categories are matched by their text.
#pragma once

#include "pipecast/forecast/model.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace pipecast {

/// The first 8 bytes of every model file (as kSnapshotMagic, with M for model).
inline constexpr std::string_view kModelMagic{"\x89PCM\r\n\x1a\n", 8};
// 2: containers in bounded chunks, bools as checked bytes (bounded_archive.hpp).
// 3: the pipeline's shared dispersion (pipeline_spread.hpp).
// 4: why the rate of new deals is unknown (new_deal_flow.hpp).
// 5: a logistic model's activity features (ActivityEncoding), after its
//    parameters.  Only a model with activity features is written as 5: a
//    model of a book without activities keeps format 4's bytes, and format
//    4 files still load (no activity feature).
// 6: the close timing's curves by segment and the quarter's rhythm of
//    closes (close_timing.hpp, close_season.hpp), at the end of the file.
//    Only a model with either is written as 6; the older formats still load
//    (no segment's curves, no rhythm).
// 7: a logistic model's censoring weights (censoring_weights.hpp), after its
//    activity features.  Only a logistic model with them is written as 7;
//    the older formats still load (every training row weighed 1).
// Files of older versions (pipecast before 0.1's release) must be fitted again.
/// The newest model file format this library writes and reads.
inline constexpr std::uint32_t kModelFormatVersion = 7;
/// The oldest model file format this library reads.
inline constexpr std::uint32_t kOldestModelFormatVersion = 4;

/// Throws std::invalid_argument for a model whose win model is not built in,
/// std::system_error when the file cannot be written (the old file is kept).
void save_model(const FittedModel& model, const std::filesystem::path& path);
/// Throws std::system_error when unreadable, std::runtime_error ("P: ...")
/// when not a model file, damaged, or of a newer format.
FittedModel load_model(const std::filesystem::path& path);

/// The bytes save_model() would write; throws as save_model() for a model
/// that cannot be saved.
std::string model_bytes(const FittedModel& model);
/// load_model() on bytes in memory; messages start with "origin: ".
FittedModel model_from_bytes(std::string_view bytes, std::string_view origin = "model");

}  // namespace pipecast
