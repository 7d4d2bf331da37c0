/// @file
/// When an open deal that will be won closes: time to close with won and lost
/// as competing risks, by stage and by how long the deal has been in it.
///
/// Fitted on the training snapshots (the time from each snapshot to the
/// deal's close, censored at T for deals still open), one cumulative incidence
/// per (stage, days-in-stage band).  A band with too few snapshots borrows the
/// whole stage's curve, and a stage with too few the book's.  Segments move
/// at their own pace (an Enterprise deal of a stage closes later than an SMB
/// deal of the same stage), so each segment also has curves of its own per
/// (stage, band), borrowing the segment's stage curve and then the
/// segment-blind ones when it has too few snapshots.  A curve is the
/// distribution of the close day given that the deal is won, with the share
/// of deals still open at the horizon left unclosed: the win probability
/// itself comes from the model, the timing from here.  A forecast sees the
/// curves through the quarter's rhythm of closes (close_season.hpp).
#pragma once

#include "pipecast/forecast/close_season.hpp"
#include "pipecast/forecast/competing_risks.hpp"
#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/stage_keys.hpp"
#include "pipecast/forecast/training_set.hpp"

#include <array>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace pipecast {

/// When a deal that will be won closes, in days after a start day:
/// cdf[d] = P(closed within d days | won), d = 0..horizon.  cdf[horizon] is
/// below 1 when deals like it were still open at the end of the history:
/// the rest may close later, or never.
struct TimingCurve {
  std::vector<double> cdf;  ///< non-decreasing probabilities, day 0..horizon

  /// P(closed within `days` days | won): 0 below 0, cdf[horizon] beyond the horizon.
  double within(int days) const;
  /// The median close day of the deals that close within the horizon: the
  /// smallest d with cdf[d] >= cdf[horizon] / 2.
  int median() const;
  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;

  /// Memberwise equality.
  bool operator==(const TimingCurve&) const = default;
};

/// The curve of a deal that closes exactly on its start day (the CRM's view:
/// it closes on its expected close date).
TimingCurve point_curve();

/// A timing curve from a cumulative incidence with won as cause 1; nullopt
/// when no win was observed.
std::optional<TimingCurve> won_timing(const CumulativeIncidence& incidence);

/// The close-timing curves of a book's history: one per (stage, days-in-stage
/// band) that has enough snapshots, falling back on the stage's and then the
/// book's (see the file's documentation).
class CloseTiming {
 public:
  /// The longest time to close a curve covers, in days.
  static constexpr int kHorizonDays = 730;
  static constexpr std::array<int, 3> kBandEdges{14, 45, 120};  ///< days in stage
  /// Days-in-stage bands: up to 14 days, 15..45, 46..120, and longer.
  static constexpr std::size_t kBands = kBandEdges.size() + 1;
  /// Fewest training snapshots a band or a stage needs for a curve of its
  /// own, counted as the effective number of the recency-weighted ones,
  /// (sum of weights)^2 / sum of squared weights, which is the count itself
  /// without weighting.
  static constexpr std::size_t kMinObservations = 40;
  /// The half-life in days of the recency weights of the model's curves,
  /// whatever the win model's: the pace of deals is learned from the recent
  /// months.  On the 60,000-deal synth books (a backtest of the next month
  /// from 48 origins), it took unweighted `logistic`'s WAPE from 0.107 to
  /// 0.082 after a change of regime, and from 0.060 to 0.061 without one.
  static constexpr int kHalfLifeDays = 90;
  /// Most segments with curves of their own: those with the most snapshots
  /// (a model file stays small whatever the segments).
  static constexpr std::size_t kMaxSegments = 30;
  /// The segment of a deal whose segment has no curves (blank, or unseen).
  static constexpr std::uint32_t kNoSegment = 0xffffffffu;

  /// No curves: for a model with CRM timing (curve_for() must not be called).
  CloseTiming() = default;
  /// Fits the curves on `training` (each snapshot weighted by its amount, so
  /// the curves time won money, and by recency_weight(half_life_days, its
  /// age), so that the timing follows a change of pace).  Without a single
  /// win in the history, the book-wide curve closes every won deal on day 30.
  static CloseTiming fit(const Book& book, const TrainingSet& training, int half_life_days = kHalfLifeDays);
  /// The curves of the statistics of a book whose stages are `table`
  /// (fit() is from_statistics() of add_statistics() of the whole book).
  static CloseTiming from_statistics(const StageTable& table, const FitStatistics& stats);
  /// Adds what fit() learns from `training`, the snapshots of `book`, to
  /// `stats`: the weight of each (group, outcome, day) as the estimator
  /// counts it, exactly (table "timing.weight"), the rows of each group
  /// ("timing.rows") and the sums of their recency weights and of their
  /// squares ("timing.recency", cause 0 and 1, day 0).  Groups: 0 the book,
  /// 1 + s stage s, 1 + stages + s * kBands + band a band.  The same per
  /// segment, in tables named after it ("timing.weight|", "timing.rows|"
  /// and "timing.recency|" then its name; no group 0), so that parts whose
  /// dictionaries differ merge by the segment's text.  And the won amounts
  /// by close month of CloseSeason::add_statistics().
  static void add_statistics(const Book& book, const TrainingSet& training, int half_life_days,
                             FitStatistics& stats);

  /// The index in curves() for a deal in model stage `stage` (kUnknownStage
  /// allowed) that has been there `days_in_stage` days, in model segment
  /// `segment` (kNoSegment allowed; see segment_map()).
  std::uint32_t curve_for(std::uint32_t stage, int days_in_stage, std::uint32_t segment = kNoSegment) const;
  /// Every curve; curves()[0] is the book-wide one.
  const std::vector<TimingCurve>& curves() const { return curves_; }
  /// The stages the model knows, by model stage index.
  const StageKeys& stages() const { return stages_; }
  /// The quarter's rhythm of closes, which curves_from() applies.
  const CloseSeason& season() const { return season_; }
  /// curves() as seen from `start` (the forecast's T, or a snapshot's day):
  /// each day's closes scaled by its month's place in the quarter
  /// (CloseSeason::applied()); curves() itself when the season is flat.
  std::vector<TimingCurve> curves_from(Day start) const;
  /// The segments with curves of their own (at most kMaxSegments), sorted:
  /// model segment k is segments()[k].
  const std::vector<std::string>& segments() const { return segments_; }
  /// The model segment of each of `book`'s segment codes (kNoSegment for
  /// those without curves), for curve_for().
  std::vector<std::uint32_t> segment_map(const Book& book) const;
  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;

  /// Memberwise equality.
  bool operator==(const CloseTiming&) const = default;

 private:
  // The model file's layout (src/forecast/model_serialization.hpp): Boost
  // stays out of this header.
  template <class Archive>
  friend void archive_fields(Archive& archive, CloseTiming& timing);
  template <class Archive>
  friend void archive_segment_fields(Archive& archive, CloseTiming& timing);
  StageKeys stages_;
  std::vector<TimingCurve> curves_;      // curves_[0] is the book-wide one
  std::vector<std::uint32_t> by_group_;  // [stage * kBands + band]
  std::vector<std::string> segments_;
  std::vector<std::uint32_t> by_segment_group_;  // [(segment * stages + stage) * kBands + band]
  CloseSeason season_;
};

/// The band of `days_in_stage`: 0 up to 14 days, 1 up to 45, 2 up to 120,
/// 3 beyond (see CloseTiming::kBandEdges).
std::size_t days_in_stage_band(int days_in_stage);

}  // namespace pipecast
