/// @file
/// `stage`: the historical win rate of the deals that were in each stage,
/// shrunk toward their pipeline's rate when a stage has few of them:
///   p(stage) = (wins + k p(pipeline)) / (decided + k).
/// Learned from the training snapshots decided by T (won or lost).
#pragma once

#include "pipecast/bounded_archive.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/stage_keys.hpp"

namespace pipecast {

struct StageWinParams {
  static constexpr double kPrior = 20.0;  // k: pseudo-deals at the pipeline's rate
  StageKeys stages;
  std::vector<double> win_rate;  // by model stage
  double overall = 0.0;          // for stages the model has not seen

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    bounded::fields(archive, stages, win_rate, overall);
  }
  bool operator==(const StageWinParams&) const = default;
};

StageWinParams fit_stage_win(const Book& book, const TrainingSet& training);

class StageWinModel final : public WinModel {
 public:
  explicit StageWinModel(StageWinParams params) : params_(std::move(params)) {}
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
  const StageWinParams& params() const { return params_; }

 private:
  StageWinParams params_;
};

ModelSpec stage_model_spec();

}  // namespace pipecast
