#include "pipecast/forecast/stage_model.hpp"

#include "forecast/loaded_values.hpp"

namespace pipecast {

namespace {
const std::string kStageDecided = "stage.decided", kStageWon = "stage.won";
}  // namespace

void add_stage_statistics(const TrainingSet& training, FitStatistics& stats) {
  CountTable& decided = stats.counts[kStageDecided];
  CountTable& won = stats.counts[kStageWon];
  for (std::size_t r = 0; r < training.size(); ++r) {
    if (training.outcome[r] == Outcome::open) continue;
    const StageId s = training.rows.stage[r];
    ++decided[s];
    if (training.outcome[r] == Outcome::won) ++won[s];
  }
}

StageWinParams fit_stage_win(const Book& book, const TrainingSet& training) {
  FitStatistics stats;
  add_stage_statistics(training, stats);
  return stage_win_from(StageTable::of(book), stats);
}

StageWinParams stage_win_from(const StageTable& table, const FitStatistics& stats) {
  StageWinParams params;
  params.stages = StageKeys::of(table.pipelines, table.stages);
  const std::size_t stages = table.stages.size(), pipelines = table.pipelines.size();
  // Counts, held as doubles: sums of whole numbers, exact in any order.
  std::vector<double> wins(stages), decided(stages), pipe_wins(pipelines), pipe_decided(pipelines);
  double all_wins = 0, all_decided = 0;
  for (std::size_t s = 0; s < stages; ++s) {
    wins[s] = static_cast<double>(stats.count(kStageWon, s));
    decided[s] = static_cast<double>(stats.count(kStageDecided, s));
    const PipelineId p = table.stages[s].pipeline;
    pipe_wins[p] += wins[s];
    pipe_decided[p] += decided[s];
    all_wins += wins[s];
    all_decided += decided[s];
  }
  // With nothing decided at all, fall back to the CRM's probabilities.
  params.overall = all_decided > 0 ? all_wins / all_decided : 0.0;
  params.win_rate.resize(stages);
  for (std::size_t s = 0; s < stages; ++s) {
    const PipelineId p = table.stages[s].pipeline;
    const double prior = pipe_decided[p] > 0    ? pipe_wins[p] / pipe_decided[p]
                         : all_decided > 0      ? params.overall
                                                : table.stages[s].probability;
    const double k = StageWinParams::kPrior;
    params.win_rate[s] = (wins[s] + k * prior) / (decided[s] + k);
  }
  return params;
}

void StageWinModel::predict(const Book& book, const DealStates& deals, std::span<double> out) const {
  const std::vector<std::uint32_t> map = params_.stages.map_to(book);
  for (std::size_t i = 0; i < deals.size(); ++i) {
    const std::uint32_t m = map[deals.stage[i]];
    out[i] = m == kUnknownStage ? params_.overall : params_.win_rate[m];
  }
}

ModelSpec stage_model_spec() {
  ModelSpec spec;
  spec.name = "stage";
  spec.description = "historical win rate from each stage, shrunk toward the pipeline's rate";
  spec.fit_win = [](const FitContext& context, const FitOptions&) {
    return std::make_shared<const StageWinModel>(fit_stage_win(context.book, context.training));
  };
  return spec;
}

std::string StageWinParams::flaw() const {
  if (auto f = stages.flaw(); !f.empty()) return "stage model: " + f;
  if (win_rate.size() != stages.size()) return "stage model: win rates do not match the stages";
  if (!loaded::probabilities(win_rate) || !loaded::probability(overall))
    return "stage model: a win rate outside 0..1";
  return "";
}

}  // namespace pipecast
