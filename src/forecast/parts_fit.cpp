#include "pipecast/forecast/parts_fit.hpp"

#include "pipecast/forecast/crm_model.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/pipeline_spread.hpp"
#include "pipecast/forecast/stage_model.hpp"

#include "storage/sealed_file.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace pipecast {
namespace {

// The rounds of stage and markov (parts_fit.hpp): the counts, then the flow
// of new deals and the spread, which need the first round's results.
constexpr std::uint32_t kCountsRound = 1, kFlowRound = 2;

bool fits_from_parts(std::string_view model) {
  return model == "crm" || model == "stage" || model == "markov";
}

void require_fits_from_parts(std::string_view model) {
  if (!fits_from_parts(model))
    throw std::invalid_argument("model '" + std::string(model) +
                                "' cannot be fitted from parts (crm, stage and markov can)");
}

std::uint64_t checksum_of(const StatsRequest& request) { return sealed_checksum({}, to_bytes(request)); }

void answer_counts(const Book& part, const StatsRequest& request, FitStatistics& stats) {
  const TrainingSet training = build_training_set(part, request.as_of, request.options.training);
  if (request.model == "stage") add_stage_statistics(training, stats);
  if (request.model == "markov")
    add_markov_statistics(part, request.as_of, request.options.training.lookback_days, stats);
  CloseTiming::add_statistics(training, part.stages().size(), request.options.half_life_days, stats);
  NewDealFlow::add_creation_statistics(part, request.as_of, stats);
}

void answer_flow(const Book& part, const StatsRequest& request, FitStatistics& stats) {
  NewDealFlow::add_statistics(part, request.as_of, request.piled_days, stats);
  const FittedModel so_far = model_from_bytes(request.provisional, "the request's model");
  const TrainingSet training = build_training_set(part, request.as_of, request.options.training);
  add_spread_statistics(so_far.win_model(), so_far.timing(), part, training, stats);
}

}  // namespace

PartStats answer_request(const Book& part, const StatsRequest& request) {
  require_fits_from_parts(request.model);
  PartStats out;
  out.request = checksum_of(request);
  out.parts = 1;
  out.stages = StageTable::of(part);
  if (request.round == kCountsRound) answer_counts(part, request, out.stats);
  else if (request.round == kFlowRound) answer_flow(part, request, out.stats);
  else throw std::invalid_argument("a request of round " + std::to_string(request.round) + ", which no fit has");
  return out;
}

PartStats merge_part_stats(const PartStats& a, const PartStats& b) {
  if (a.request != b.request) throw std::invalid_argument("statistics that answer different requests cannot be merged");
  if (!(a.stages == b.stages))
    throw std::invalid_argument("statistics of parts whose stage tables differ cannot be merged: "
                                "the parts do not come from one book");
  if (b.parts > std::numeric_limits<std::uint64_t>::max() - a.parts)
    throw std::overflow_error("statistics of too many parts");
  PartStats out = a;
  out.parts += b.parts;
  out.stats.merge(b.stats);
  return out;
}

const StatsRequest& PartsFit::request() const {
  if (done()) throw std::logic_error("the fit from parts is done: it has no more requests");
  return request_;
}

void PartsFit::ask(std::uint32_t round) {
  round_ = round;
  request_.round = round;
  request_sum_ = round == 0 ? 0 : checksum_of(request_);
}

void PartsFit::receive(const PartStats& merged) {
  if (done()) throw std::logic_error("the fit from parts is done: it expects no statistics");
  if (merged.request != request_sum_)
    throw std::invalid_argument("these statistics answer another request than the fit's round " +
                                std::to_string(round_));
  if (merged.parts == 0) throw std::invalid_argument("statistics of no part");
  if (round_ == kCountsRound) {
    stages_ = merged.stages;
    if (request_.model == "stage")
      win_ = std::make_shared<const StageWinModel>(stage_win_from(stages_, merged.stats));
    else
      win_ = std::make_shared<const MarkovWinModel>(markov_win_from(stages_, merged.stats));
    timing_ = CloseTiming::from_statistics(stages_, merged.stats);
    request_.piled_days = NewDealFlow::piled_days(merged.stats);
    const ModelSpec spec = ModelRegistry::builtin().find(request_.model);
    request_.provisional = model_bytes(FittedModel(spec.name, request_.as_of, spec.description, win_, false,
                                                   timing_, NewDealFlow{}, 0.0));
    ask(kFlowRound);
    return;
  }
  if (!(merged.stages == stages_))
    throw std::invalid_argument("these statistics come from parts whose stage table differs from the first round's");
  flow_ = NewDealFlow::from_statistics(request_.as_of, merged.stats);
  dispersion_ = std::min(kMaxPipelineDispersion, pipeline_dispersion_from(merged.stats));
  ask(0);
}

FittedModel PartsFit::model() const {
  if (!done()) throw std::logic_error("the fit from parts is not done: answer its requests first");
  const ModelSpec spec = ModelRegistry::builtin().find(request_.model);  // a copy: the registry is a temporary
  if (spec.crm_timing) {
    NewDealFlow none;
    none.as_of = request_.as_of;
    return FittedModel(spec.name, request_.as_of, spec.description, std::make_shared<const CrmWinModel>(), true,
                       CloseTiming{}, std::move(none), 0.0);
  }
  return FittedModel(spec.name, request_.as_of, spec.description, win_, false, timing_, flow_, dispersion_);
}

PartsFit begin_parts_fit(std::string_view model, Day as_of, const FitOptions& options) {
  require_fits_from_parts(model);
  PartsFit fit;
  fit.request_.model = std::string(model);
  fit.request_.as_of = as_of;
  fit.request_.options = options;
  // crm learns nothing from the book: its model is ready at once.
  fit.ask(model == "crm" ? 0 : kCountsRound);
  return fit;
}

}  // namespace pipecast
