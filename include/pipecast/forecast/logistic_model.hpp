/// @file
/// `logistic`: a regularised logistic regression of "won eventually" on the
/// training snapshots decided by T.
///
/// Features: stage (one-hot), days in stage (a slope per stage on the log
/// scale, and a one-hot band per stage: lingering is not linear), age, amount, regressions, close-date pushes, whether the close date
/// has passed and how far off it is, the owner, product, source and segment
/// (one-hot, levels with enough rows), and the custom attributes with few
/// distinct values (one-hot).  Continuous features are standardised on the
/// training rows, so one penalty fits all.  Categories are kept by their text,
/// so a model applies to any book with the same names.
#pragma once

#include "pipecast/bounded_archive.hpp"
#include "pipecast/forecast/logistic_regression.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/stage_keys.hpp"


namespace pipecast {

/// One categorical field: a dimension ("owner") or a custom attribute, and
/// its levels (column `first + j` is level j; other values are the baseline).
struct CategoricalEncoding {
  std::string field;
  bool attribute = false;
  std::vector<std::string> levels;
  std::uint32_t first = 0;

  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    bounded::fields(archive, field, attribute, levels, first);
  }
  bool operator==(const CategoricalEncoding&) const = default;
};

struct LogisticWinParams {
  static constexpr std::size_t kContinuous = 7;
  static constexpr std::size_t kMinLevelRows = 30;
  static constexpr std::size_t kMaxLevels = 30;
  static constexpr std::size_t kMaxAttributeValues = 50;

  StageKeys stages;                         // model stage s: column stage_first + s
  std::uint32_t stage_first = 0;            // one-hot stage
  std::uint32_t slope_first = 0;            // stage x standardised log days in stage
  std::uint32_t band_first = 0;             // stage x days-in-stage band (one-hot)
  std::vector<double> mean, scale;          // of the continuous features (columns 1..kContinuous)
  std::vector<CategoricalEncoding> categories;
  std::vector<double> coefficients;         // by column; 0 is the intercept
  std::vector<double> column_mean;          // over the training rows, for explanations
  std::size_t training_rows = 0;
  int iterations = 0;

  std::size_t columns() const { return coefficients.size(); }
  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;

  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    bounded::fields(archive, stages, stage_first, slope_first, band_first, mean, scale, categories,
                     coefficients, column_mean, training_rows, iterations);
  }
  bool operator==(const LogisticWinParams&) const = default;
};

/// The encoding is learned from `training`'s decided rows; then the fit.
LogisticWinParams fit_logistic_win(const Book& book, const TrainingSet& training,
                                   const LogisticOptions& options);

/// The design matrix of `deals` under `params`' encoding (no coefficients needed).
SparseDesign logistic_design(const LogisticWinParams& params, const Book& book,
                             const DealStates& deals);

class LogisticWinModel final : public WinModel {
 public:
  explicit LogisticWinModel(LogisticWinParams params) : params_(std::move(params)) {}
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
  std::vector<Factor> explain(const Book& book, const DealStates& deals, std::size_t row,
                              std::size_t top) const override;
  const LogisticWinParams& params() const { return params_; }

 private:
  LogisticWinParams params_;
};

ModelSpec logistic_model_spec();

}  // namespace pipecast
