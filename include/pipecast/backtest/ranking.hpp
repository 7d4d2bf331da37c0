/// @file
/// The ranking of a backtest's models, and its verdict in words.
///
/// Each headline metric orders the models that have it by their value over
/// all origins (lower is better, except AUC), and counts at how many origins
/// each model was the best (ties count for each model tied).  Headline
/// metrics: Brier score, log loss and AUC of "won eventually"; per horizon,
/// WAPE, MASE and CRPS of the period's bookings.  The overall order is by
/// mean rank over Brier, log loss, AUC, and the WAPE and CRPS of the first
/// horizon, among the models that have all five (seasonal-naive has no
/// per-deal metrics: it is the reference the period metrics are read
/// against, and the verdict says which models beat it).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace pipecast {

struct Backtest;

/// One model's place on one metric.
struct RankedModel {
  std::string model;             ///< the model's name
  double value = 0.0;            ///< the aggregate over origins
  std::size_t best_origins = 0;  ///< origins where it had the best value
  std::size_t rank = 0;          ///< 1 = best; equal values share a rank
};

/// The models ordered by one headline metric.
struct MetricRanking {
  std::string metric;            ///< "brier", "log_loss", "auc", "wape", "mase", "crps"
  std::string scope;             ///< "eventual", or the horizon "1", "2", ...
  bool higher_is_better = false; ///< true for AUC only
  std::size_t origins = 0;       ///< origins where at least two models had the metric
  std::vector<RankedModel> models;  ///< best first; models without the metric left out
};

/// One model's place over the headline metrics.
struct OverallRank {
  std::string model;        ///< the model's name
  /// Its mean rank over Brier, log loss and AUC of "won eventually" and WAPE
  /// and CRPS of horizon 1, among the models that have all five.
  double mean_rank = 0.0;
};

/// A backtest's ranking of its models, and its verdict.
struct Ranking {
  std::vector<MetricRanking> metrics;  ///< one per headline metric and scope
  std::vector<OverallRank> overall;  ///< best first
  std::vector<std::string> verdict;  ///< sentences, most important first
};

/// Ranks the models of a backtest whose origins and summary are filled.
Ranking rank_models(const Backtest& backtest);

}  // namespace pipecast
