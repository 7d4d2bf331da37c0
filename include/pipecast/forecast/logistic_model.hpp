/// @file
/// `logistic`: a regularised logistic regression of "won eventually" on the
/// training snapshots decided by T.
///
/// Features: stage (one-hot), days in stage (a slope per stage on the log
/// scale, and a one-hot band per stage: lingering is not linear), age, amount, regressions, close-date pushes, whether the close date
/// has passed and how far off it is, the owner, product, source and segment
/// (one-hot, levels with enough rows), and the custom attributes with few
/// distinct values (one-hot).  On a book with activities, also what the
/// deal's own activities say at the row's day (activity_features.hpp): the
/// days since the last one, none yet, the current stage's silence, and the
/// count of each activity type (levels by text, like the categories) in the
/// last 14 and 30 days; FitOptions::activities turns them off.  Continuous features are standardised on the
/// training rows, so one penalty fits all.  Categories are kept by their text,
/// so a model applies to any book with the same names.
#pragma once

#include "pipecast/forecast/censoring_weights.hpp"
#include "pipecast/forecast/logistic_regression.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/stage_keys.hpp"

#include <string_view>

namespace pipecast {

/// One categorical field: a dimension ("owner") or a custom attribute, and
/// its levels (column `first + j` is level j; other values are the baseline).
struct CategoricalEncoding {
  std::string field;                ///< the dimension's or the attribute's name, or kProductFamily
  bool attribute = false;           ///< true for a custom attribute
  std::vector<std::string> levels;  ///< the values with a column, sorted
  std::uint32_t first = 0;          ///< the column of levels[0]

  /// Memberwise equality.
  bool operator==(const CategoricalEncoding&) const = default;
};

/// The activity features' columns (activity_features.hpp): the
/// kActivityBaseFeatures features, then for each type the counts in the last
/// 14 and 30 days, all standardised on the training rows.  Empty (no
/// column) for a model fitted without activities.
struct ActivityEncoding {
  std::vector<std::string> types;  ///< the activity types with columns, sorted; others are not counted
  std::uint32_t first = 0;         ///< the column of the first feature
  std::vector<double> mean /**< of each feature */, scale /**< their standard deviations */;

  /// True when the model has no activity feature.
  bool empty() const { return mean.empty(); }
  /// The number of columns: kActivityBaseFeatures + 2 per type, or 0 when empty.
  std::size_t columns() const { return mean.size(); }
  /// Memberwise equality.
  bool operator==(const ActivityEncoding&) const = default;
};

/// A fitted logistic model: its feature encoding and its coefficients.
struct LogisticWinParams {
  /// Continuous features (columns 1..kContinuous).
  static constexpr std::size_t kContinuous = 7;
  /// Decided training rows a value needs to get a column of its own.
  static constexpr std::size_t kMinLevelRows = 30;
  /// Most columns a dimension gets (its most frequent values).
  static constexpr std::size_t kMaxLevels = 30;
  /// A custom attribute with more distinct values among the decided rows is
  /// free text, not a category, and is left out.
  static constexpr std::size_t kMaxAttributeValues = 50;
  /// The field of the category read from the product catalogue: the family
  /// of the deal's product.
  static constexpr std::string_view kProductFamily = "product family";

  StageKeys stages;                         ///< model stage s: column stage_first + s
  std::uint32_t stage_first = 0;            ///< one-hot stage
  std::uint32_t slope_first = 0;            ///< stage x standardised log days in stage
  std::uint32_t band_first = 0;             ///< stage x days-in-stage band (one-hot)
  std::vector<double> mean /**< of the continuous features (columns 1..kContinuous) */,
      scale /**< their standard deviations, for standardising */;
  std::vector<CategoricalEncoding> categories;  ///< the one-hot fields
  ActivityEncoding activities;              ///< the activity features' columns, after the categories' (or none)
  CensoringWeights censoring;               ///< the decided training rows' weights (censoring_weights.hpp)
  std::vector<double> coefficients;         ///< by column; 0 is the intercept
  std::vector<double> column_mean;          ///< over the training rows, for explanations
  std::size_t training_rows = 0;            ///< decided rows fitted on
  int iterations = 0;                       ///< Newton iterations the fit took

  /// The number of columns of the design, the intercept included.
  std::size_t columns() const { return coefficients.size(); }
  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;

  /// Memberwise equality.
  bool operator==(const LogisticWinParams&) const = default;
};

/// The encoding is learned from `training`'s decided rows; then the fit,
/// each row weighted by recency_weight(half_life_days, its age at T) and by
/// its censoring weight.  With
/// `activities` and a book that has deal-level activities, the activity
/// features too (FitOptions::activities).
LogisticWinParams fit_logistic_win(const Book& book, const TrainingSet& training,
                                   const LogisticOptions& options, int half_life_days = 0,
                                   bool activities = false);

/// fit_logistic_win() at each of `half_lives`, on one encoding and design
/// (they differ only in the rows' weights), each fit started from the one
/// before: auto's candidates at several half-lives cost little more than one.
std::vector<LogisticWinParams> fit_logistic_wins(const Book& book, const TrainingSet& training,
                                                 const LogisticOptions& options,
                                                 std::span<const int> half_lives, bool activities = false);


/// The design matrix of `deals` under `params`' encoding (no coefficients needed).
SparseDesign logistic_design(const LogisticWinParams& params, const Book& book,
                             const DealStates& deals);

/// The `logistic` WinModel.
class LogisticWinModel final : public WinModel {
 public:
  /// The model of fitted (or loaded) parameters.
  explicit LogisticWinModel(LogisticWinParams params) : params_(std::move(params)) {}
  /// P(won eventually) of each deal: the logistic of its design row.
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
  void predict_on_days(const Book& book, const DealStates& deals, std::span<const Day> days,
                       std::span<double> out) const override;
  /// Each feature group's contribution to deal `row`'s log-odds against the
  /// training rows' mean, largest in absolute value first, at most `top`.
  std::vector<Factor> explain(const Book& book, const DealStates& deals, std::size_t row,
                              std::size_t top) const override;
  /// Its parameters.
  const LogisticWinParams& params() const { return params_; }

 private:
  LogisticWinParams params_;
};

/// The spec of `logistic` (FitOptions::l2 is its penalty).
ModelSpec logistic_model_spec();

}  // namespace pipecast
