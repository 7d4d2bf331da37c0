/// @file
/// `markov`: an absorbing semi-Markov chain over each pipeline's stages,
/// regressions included.
///
/// From the stays in each open stage known at T (entered in the lookback, the
/// ones still going on censored) a cumulative incidence per next stage gives
/// both where a deal goes next and how long that takes.  The chance of ending
/// in a won stage from each stage is the absorbing-chain solve B = N R with
/// N = (I - Q)^-1 (Eigen).  A deal that has already been in its stage d days
/// is weighed by which exits are still likely after d days:
///   P(win | s, d) = sum_j [F_sj(inf) - F_sj(d)] B_j / sum_j [F_sj(inf) - F_sj(d)],
/// which is how deals that linger before being lost lose probability.
#pragma once

#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/stage_keys.hpp"

namespace pipecast {

/// A fitted markov model: win probabilities by stage and days in stage.
struct MarkovWinParams {
  /// The longest stay the model distinguishes, in days.
  static constexpr int kHorizonDays = 730;
  /// Completed stays a stage needs to be modelled; with fewer, it gets its
  /// pipeline's closing win rate.
  static constexpr std::size_t kMinStays = 10;
  /// Stays at the stage's entry rate that each day's rate among the stays
  /// still going is shrunk with: after a long dwell the few exits left are
  /// often all losses, and a rate of exactly 0 from them is a certainty the
  /// data do not hold.
  static constexpr double kDwellPriorStays = 1.0;
  StageKeys stages;                               ///< the stages it knows, by model stage
  std::vector<double> win_on_entry;               ///< B: by model stage (1 won, 0 lost)
  std::vector<std::vector<double>> win_by_dwell;  ///< open stages: [days in stage 0..horizon]
  double overall = 0.0;  ///< won / closed over every pipeline: for stages it does not know

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  /// Memberwise equality.
  bool operator==(const MarkovWinParams&) const = default;
};

/// Fits the chain on the stays of `book` as of `as_of` entered within
/// `lookback_days` before it.
MarkovWinParams fit_markov_win(const Book& book, Day as_of, int lookback_days);
/// Adds the stays fit_markov_win() learns from to `stats` (table
/// "markov.stays": by stage, next stage's position + 1 (0 while the stay
/// goes on) and days, days past the horizon counted at horizon + 1).
void add_markov_statistics(const Book& book, Day as_of, int lookback_days, FitStatistics& stats);
/// The markov model of the statistics of a book whose stages are `table`.
MarkovWinParams markov_win_from(const StageTable& table, const FitStatistics& stats);

/// The `markov` WinModel.
class MarkovWinModel final : public WinModel {
 public:
  /// The model of fitted (or loaded) parameters.
  explicit MarkovWinModel(MarkovWinParams params) : params_(std::move(params)) {}
  /// P(win | stage, days in stage) of each deal; `overall` for a stage the
  /// model does not know.
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
  /// Its parameters.
  const MarkovWinParams& params() const { return params_; }

 private:
  MarkovWinParams params_;
};

/// The spec of `markov` (its lookback is TrainingOptions::lookback_days).
ModelSpec markov_model_spec();

}  // namespace pipecast
