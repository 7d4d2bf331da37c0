// The logistic model's fit in steps that parts of a book can each take on
// their own deals (parts_fit.hpp), and that fit_logistic_wins() takes on the
// whole book, so that both fit the same model:
//   1. the encoding: the categorical levels by text, counted over the decided
//      training rows, the continuous features' moments, and the censoring
//      weights' events;
//   2. the design: each part encodes its own rows under the encoding, and
//      adds the columns' sums (for the explanations) and its rows in each
//      sample level (for where Newton starts);
//   3. Newton's passes (LogisticNewton): each part's X'WX, X'W(p - y) and
//      loss at the coefficients asked for.
// Counts merge exactly; the sums of doubles are each part's, summed in its
// row order as the whole book's would be, then merged exactly: the parts'
// model then differs from the whole book's by rounding only (within 1e-9 in
// every coefficient), and any order of merging gives the same bytes.
#pragma once

#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/training_set.hpp"

#include <span>
#include <string>
#include <vector>

namespace pipecast {

/// The rows a logistic fit learns from: the decided training rows, encoded.
struct LogisticTrainingRows {
  SparseDesign x;                   ///< the design rows
  std::vector<double> y;            ///< 1 won, 0 lost
  std::vector<std::uint64_t> keys;  ///< each row's sampling key: its deal's and snapshot's
  std::vector<Day> snapshot;        ///< each row's snapshot day
  std::vector<double> censoring;    ///< each row's censoring weight (empty: the encoding has none)
  /// The number of rows.
  std::size_t size() const { return y.size(); }
};

/// The decided rows of `training` under `encoding`.
LogisticTrainingRows logistic_training_rows(const LogisticWinParams& encoding, const Book& book,
                                            const TrainingSet& training);
/// The rows' weights: their censoring weights times their recency weights
/// at `half_life_days` (0: none); empty when both are 1 for every row.
std::vector<double> logistic_row_weights(const LogisticTrainingRows& rows, Day as_of, int half_life_days);

/// Step 1: the levels' counts by text and the moments of the continuous
/// features; with `activities`, the activity features' too (none from a
/// part without deal-level activities).
void add_logistic_encoding_statistics(const Book& book, const TrainingSet& training, bool activities,
                                      FitStatistics& stats);
/// The encoding of step 1's statistics of a book with these stages and
/// custom attributes (coefficients and column means zero).
LogisticWinParams logistic_encoding_from(const StageTable& table, const std::vector<std::string>& attributes,
                                         const FitStatistics& stats);

/// Step 2: the columns' sums and the rows by sample level.
void add_logistic_design_statistics(const LogisticTrainingRows& rows, FitStatistics& stats);
/// Sets training_rows and column_mean of `params` from step 2's statistics;
/// returns the rows in each sample level (LogisticNewton's rows_by_level).
std::vector<std::uint64_t> logistic_design_from(const FitStatistics& stats, LogisticWinParams& params);

/// Step 3: the sums of `pass` over the rows (weighted by `weights`, empty: none).
void add_logistic_pass_statistics(const LogisticTrainingRows& rows, std::span<const double> weights,
                                  const LogisticPass& pass, FitStatistics& stats);
/// The sums of step 3's statistics over `columns` columns.
LogisticSums logistic_sums_from(const FitStatistics& stats, std::size_t columns, bool with_hessian);

}  // namespace pipecast
