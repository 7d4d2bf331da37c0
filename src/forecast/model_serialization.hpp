// How the fitted models' parts map onto a model file's archive: each record's
// fields in order, found by bounded::field() through argument-dependent lookup
// (storage/bounded_archive.hpp), so the public model headers carry no Boost.
//
// The order of the fields is the file format (model_file.hpp's
// kModelFormatVersion): change it only with the version.
#pragma once

#include "pipecast/forecast/close_timing.hpp"
#include "pipecast/forecast/competing_risks.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/new_deal_flow.hpp"
#include "pipecast/forecast/stage_keys.hpp"
#include "pipecast/forecast/stage_model.hpp"
#include "storage/bounded_archive.hpp"

#include <array>

namespace pipecast {

template <class Archive>
void archive_fields(Archive& archive, StageKeys& keys) {
  bounded::fields(archive, keys.pipeline, keys.stage);
}

template <class Archive>
void archive_fields(Archive& archive, TimingCurve& curve) {
  bounded::fields(archive, curve.cdf);
}

template <class Archive>
void archive_fields(Archive& archive, CloseTiming& timing) {
  bounded::fields(archive, timing.stages_, timing.curves_, timing.by_group_);
}

// Format 6 on (the segments' curves and the quarter's rhythm of closes): at
// the end of the file, after the win model's parameters
// (model_file.cpp), so that formats 4 and 5 keep their layouts.
template <class Archive>
void archive_segment_fields(Archive& archive, CloseTiming& timing) {
  std::array<double, 3>& f = timing.season_.factor;
  bounded::fields(archive, timing.segments_, timing.by_segment_group_, f[0], f[1], f[2]);
}

template <class Archive>
void archive_fields(Archive& archive, CumulativeIncidence& incidence) {
  bounded::fields(archive, incidence.causes_, incidence.horizon_, incidence.observations_,
                  incidence.incidence_, incidence.survival_);
}

template <class Archive>
void archive_fields(Archive& archive, NewDealFlow& flow) {
  bounded::fields(archive, flow.as_of, flow.daily_rate, flow.rate_dispersion, flow.from_creation,
                  flow.won_days, flow.won_amounts, flow.unknown);
}

template <class Archive>
void archive_fields(Archive& archive, StageWinParams& params) {
  bounded::fields(archive, params.stages, params.win_rate, params.overall);
}

template <class Archive>
void archive_fields(Archive& archive, MarkovWinParams& params) {
  bounded::fields(archive, params.stages, params.win_on_entry, params.win_by_dwell, params.overall);
}

template <class Archive>
void archive_fields(Archive& archive, CategoricalEncoding& encoding) {
  bounded::fields(archive, encoding.field, encoding.attribute, encoding.levels, encoding.first);
}

// Format 5 on: after a logistic model's LogisticWinParams (model_file.cpp).
template <class Archive>
void archive_fields(Archive& archive, ActivityEncoding& encoding) {
  bounded::fields(archive, encoding.types, encoding.first, encoding.mean, encoding.scale);
}

// Format 7 on: after a logistic model's activity encoding (model_file.cpp).
template <class Archive>
void archive_fields(Archive& archive, CensoringWeights& weights) {
  bounded::fields(archive, weights.windows_, weights.weights_);
}

// Without its `activities` and `censoring`: format 4's layout.
template <class Archive>
void archive_fields(Archive& archive, LogisticWinParams& params) {
  bounded::fields(archive, params.stages, params.stage_first, params.slope_first, params.band_first,
                  params.mean, params.scale, params.categories, params.coefficients,
                  params.column_mean, params.training_rows, params.iterations);
}

}  // namespace pipecast
