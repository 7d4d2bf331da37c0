// The archive layout of FitOptions, shared by every blob that carries how
// models are fitted (a fit from parts' requests, a backtest's blocks), found
// by bounded::field() through argument-dependent lookup.  The order of the
// fields is part of each of those formats: change it only with their versions.
#pragma once

#include "storage/bounded_archive.hpp"

#include "pipecast/forecast/model.hpp"

namespace pipecast {

template <class Archive>
void archive_fields(Archive& archive, TrainingOptions& options) {
  bounded::fields(archive, options.lookback_days, options.step_days);
}

template <class Archive>
void archive_fields(Archive& archive, FitOptions& options) {
  bounded::fields(archive, options.training, options.l2, options.half_life_days, options.activities);
}

}  // namespace pipecast
