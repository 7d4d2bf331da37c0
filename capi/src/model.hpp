// pipecast_model: a fitted forecast model behind the C ABI's handle.
#pragma once

#include "handles.hpp"
#include "input.hpp"

#include "pipecast/forecast/model.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>

struct pipecast_model {
  static constexpr std::uint32_t kTag = 0x4C444F4Du;  // "MODL"
  static constexpr const char* kTypeName = "pipecast_model";
  std::uint32_t tag = kTag;
  // Shared, not copied: a model is immutable, and results made from it may
  // keep it (forecasts name it) after the handle is freed.
  std::shared_ptr<const pipecast::FittedModel> model;
  // A model of the host's own (pipecast_model_from_callback): cannot be saved.
  bool callback = false;
};

namespace pipecast::capi {

/// Where each layout of pipecast_fit_options ends (read_versioned()).
inline constexpr std::size_t kFitEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_fit_options, log_user_data),
                                           PIPECAST_LAYOUT_END(pipecast_fit_options, activities)};
static_assert(std::size(kFitEnds) == PIPECAST_FIT_OPTIONS_VERSION + 1);

/// How the library fits with a host's options (read_versioned() first):
/// the activities switch checked.
FitOptions fit_options(const pipecast_fit_options& options);

/// A new model handle owning `model`.
pipecast_model* new_model(FittedModel model, bool callback);

/// The book's day a call works at: `day` checked against the book (and its
/// view), PIPECAST_NO_DAY its latest day; INVALID_ARGUMENT for an empty book
/// without a day.
Day working_day(const pipecast_book& book, std::int32_t day, const char* argument);

}  // namespace pipecast::capi
