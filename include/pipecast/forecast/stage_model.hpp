/// @file
/// `stage`: the historical win rate of the deals that were in each stage,
/// shrunk toward their pipeline's rate when a stage has few of them:
///   p(stage) = (wins + k p(pipeline)) / (decided + k).
/// Learned from the training snapshots decided by T (won or lost).
#pragma once

#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/stage_keys.hpp"

namespace pipecast {

/// A fitted stage model: a shrunk win rate per stage.
struct StageWinParams {
  static constexpr double kPrior = 20.0;  ///< k: pseudo-deals at the pipeline's rate
  StageKeys stages;              ///< the stages it knows, by model stage
  std::vector<double> win_rate;  ///< by model stage
  double overall = 0.0;          ///< for stages the model has not seen

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  /// Memberwise equality.
  bool operator==(const StageWinParams&) const = default;
};

/// Fits the rates on the training snapshots decided by T
/// (stage_win_from() of add_stage_statistics() of the whole book).
StageWinParams fit_stage_win(const Book& book, const TrainingSet& training);
/// Adds what the stage model learns from `training` to `stats`: its decided
/// rows and its wins, by stage (tables "stage.decided" and "stage.won").
void add_stage_statistics(const TrainingSet& training, FitStatistics& stats);
/// The stage model of the statistics of a book whose stages are `table`.
StageWinParams stage_win_from(const StageTable& table, const FitStatistics& stats);

/// The `stage` WinModel.
class StageWinModel final : public WinModel {
 public:
  /// The model of fitted (or loaded) parameters.
  explicit StageWinModel(StageWinParams params) : params_(std::move(params)) {}
  /// The win rate of each deal's stage; `overall` for a stage it does not know.
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
  /// Its parameters.
  const StageWinParams& params() const { return params_; }

 private:
  StageWinParams params_;
};

/// The spec of `stage`.
ModelSpec stage_model_spec();

}  // namespace pipecast
