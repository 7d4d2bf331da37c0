/// @file
/// Rolling-origin backtest: which model would have been right on this book's
/// own history?
///
/// Origins run from `from` to `to` every week, month or quarter (months and
/// quarters keep the day of the month, and a month end stays a month end).  At
/// each origin T every model is refitted on the book as of T (nothing after T
/// is read: the as-of rule, docs/architecture.md) and forecasts `horizons` periods: the month (or
/// quarter) that holds T + 1, and the ones after it.  The forecasts are then
/// compared with what happened, as known at the book's latest day L:
///
/// Per deal, for the deals open at T (a model's P(won eventually) and its
/// P(won with a close day in [T + 1, end of horizon h])):
/// - "won eventually": deals decided (won or lost) by L; those still open at
///   L are left out and counted;
/// - "won within horizon h": won with a close day in [T + 1, end of period h]
///   as known at L, against everything else; scored when period h has ended by L.
/// Metrics: Brier score, log loss, ROC AUC, calibration table (ten bins of
/// width 0.1) and its expected calibration error.
///
/// Per period (total bookings of period h: already won + open deals + deals
/// not yet created), scored only when the period has ended by L:
/// - the actual is the won amount in the period as known at L;
/// - the point forecast is the expected total; WAPE and relative bias on it;
/// - MASE: |actual - forecast| / (the seasonal-naive forecaster's in-sample
///   MAE as known at T);
/// - pinball loss of P10, P50 and P90; CRPS from the Monte Carlo samples;
///   whether [P10, P90] held the actual (coverage; 80% is calibrated).
/// Aggregates over origins: deal metrics on the deals of every origin pooled;
/// WAPE and bias as ratios of sums; MASE, pinball and CRPS as means; coverage
/// as the share of origins.
///
/// Baselines are always present: `crm` (the weighted pipeline) and `stage`
/// are added to the models when not asked for, and `seasonal-naive` (see
/// seasonal_naive.hpp) is always the last model.  It forecasts periods only:
/// no per-deal metrics, and as a point forecast its pinball losses and CRPS
/// are those of a distribution with all its mass on the forecast (CRPS is then
/// the absolute error) and it has no coverage.
///
/// With `group_by` (owner or segment), the period metrics are also computed per
/// group (see group_forecast.hpp): the point forecast is the group's won amount
/// already in the period, plus its open deals' expected wins in it, plus the
/// company's expected new deals times the group's share of the won amount in
/// the year to T; P10/P50/P90, pinball, CRPS and coverage come from a Monte
/// Carlo of the group alone (its open deals, and new deals at its share of the
/// rate) with the origin's seed.  Seasonal-naive is a point forecast per group
/// too.
///
/// Origins are independent: (origin, model) pairs run on `threads` threads,
/// each result stored in its own slot, and origin k's Monte Carlo seed is a
/// fixed function of (seed, k), shared by every model at that origin (common
/// random numbers: differences between models are not sampling noise).  The
/// result is the same bit for bit for any thread count.
#pragma once

#include "pipecast/backtest/metrics.hpp"
#include "pipecast/backtest/ranking.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The name of the seasonal-naive baseline in a backtest's models.
inline constexpr std::string_view kSeasonalNaive = "seasonal-naive";
/// The models `run_backtest` compares when none are named.
inline const std::vector<std::string> kBacktestDefaultModels{"crm", "stage", "markov", "logistic", "auto"};
/// The models always compared (added when missing), besides seasonal-naive.
inline const std::vector<std::string> kBacktestBaselines{"crm", "stage"};

/// The step between origins.
enum class OriginStep : std::uint8_t {
  week,    ///< every 7 days
  month,   ///< monthly, on the first origin's day of the month
  quarter  ///< every three months, likewise
};
/// "week", "month", "quarter"; parse_origin_step throws std::invalid_argument.
std::string_view to_string(OriginStep step);
/// The step named "week", "month" or "quarter"; std::invalid_argument for
/// anything else.
OriginStep parse_origin_step(std::string_view text);

/// The quantiles scored by pinball loss.
inline constexpr std::array<double, 3> kPinballLevels{0.1, 0.5, 0.9};

/// What run_backtest() compares, and how (defaults: the CLI's).
struct BacktestOptions {
  Day from = kNoDay;                    ///< the first origin
  Day to = kNoDay;                      ///< no origin after it
  OriginStep every = OriginStep::month; ///< the step between origins
  PeriodKind horizon = PeriodKind::month;  ///< month or quarter
  std::size_t horizons = 2;             ///< periods forecast from each origin (1..12)
  /// The models to compare, each named once; the baselines are added, and
  /// seasonal-naive must not be named.
  std::vector<std::string> models = kBacktestDefaultModels;
  ModelRegistry registry = ModelRegistry::builtin();  ///< where the model names are looked up
  FitOptions fit;                       ///< how every model is fitted (on the backtest's `threads`, not its own)
  std::size_t trials = 2000;            ///< Monte Carlo trials per forecast (100 .. 10^7)
  std::uint64_t seed = 1;               ///< origin k's seed is a fixed function of it and k
  unsigned threads = 0;                 ///< 0: one per hardware thread
  std::optional<Dimension> group_by;    ///< period metrics per owner, segment, ...
  /// Keep every model's per-deal predictions at every origin (for tests and
  /// for anyone who wants to look deeper); off by default: they are large.
  bool keep_predictions = false;
  /// Called after each origin is complete with (origins done, origins in
  /// all), from a worker thread but never from two at once.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

/// Per-deal metrics of one model on one set of deals.
struct DealMetrics {
  std::size_t deals = 0;      ///< scored
  std::size_t positives = 0;  ///< of them, won (within the horizon for within-metrics)
  std::size_t excluded = 0;   ///< open at T but undecided at L ("won eventually" only)
  double brier = 0.0;         ///< NaN when no deal is scored, like every metric below
  double log_loss = 0.0;      ///< mean log loss
  double auc = 0.0;           ///< NaN also without both outcomes
  double calibration_error = 0.0;  ///< expected calibration error of `calibration`
  std::vector<CalibrationBin> calibration;  ///< ten bins of width 0.1
};

/// One model's forecast of one period at one origin, against the actual.
struct PeriodScore {
  Period period;                ///< the period forecast
  bool scored = false;          ///< the period ended by L; otherwise only the forecast is filled
  bool has_distribution = true; ///< false for seasonal-naive (a point forecast)
  double forecast = 0.0;        ///< expected total (or the naive value; NaN when it has none)
  double p10 = 0.0 /**< P10 of the total (the forecast itself for seasonal-naive) */,
         p50 = 0.0 /**< P50, likewise */, p90 = 0.0 /**< P90, likewise */;
  double actual = 0.0;          ///< NaN when not scored
  double abs_error = 0.0;       ///< |actual - forecast|
  double error = 0.0;           ///< forecast - actual
  double scaled_error = 0.0;    ///< abs_error / MASE scale
  std::array<double, 3> pinball{};  ///< at kPinballLevels
  double crps = 0.0;            ///< of the simulated totals (the absolute error for a point forecast)
  double covered = 0.0;         ///< 1 when P10 <= actual <= P90, 0 when not, NaN for a point forecast
};

/// The same for one group value (an owner, a segment).
struct GroupScore {
  Code group = 0;               ///< code in the book's dictionary of the group dimension
  std::string name;             ///< the group's value ("" for blank)
  double forecast = 0.0;        ///< the group's point forecast
  double p10 = 0.0 /**< P10 of the group's simulation */, p50 = 0.0 /**< its P50 */,
         p90 = 0.0;  ///< its P90; all three are the forecast itself for seasonal-naive
  double actual = 0.0;          ///< NaN when not scored
  double abs_error = 0.0;       ///< |actual - forecast|
  double error = 0.0;           ///< forecast - actual
  double scaled_error = 0.0;    ///< against the group's own seasonal-naive scale
  std::array<double, 3> pinball{};  ///< at kPinballLevels
  double crps = 0.0;            ///< as PeriodScore::crps, from the group's own simulation
  double covered = 0.0;         ///< 1 when P10 <= actual <= P90, 0 when not, NaN for a point forecast
};

/// Per-deal predictions kept with BacktestOptions::keep_predictions.
struct DealPredictions {
  std::vector<DealIndex> deal;                 ///< the deals open at T, in book order
  std::vector<double> won;                     ///< P(won eventually)
  std::vector<std::vector<double>> won_within; ///< [horizon][deal]: P(won in [T + 1, end of period h])
};

/// One model at one origin.
struct ModelOrigin {
  std::string description;       ///< the fitted model's (auto says which model it chose)
  std::size_t open_deals = 0;    ///< deals open at the origin
  DealMetrics eventual;          ///< won eventually
  std::vector<DealMetrics> within;     ///< [horizon]
  std::vector<PeriodScore> periods;    ///< [horizon]
  std::vector<std::vector<GroupScore>> groups;  ///< [horizon][group], with group_by
  Forecast forecast;             ///< the model's forecast (samples dropped unless keep_predictions); empty for seasonal-naive
  DealPredictions predictions;   ///< with keep_predictions
};

/// Every model at one origin.
struct OriginResult {
  Day origin = kNoDay;             ///< T
  std::uint64_t seed = 0;          ///< the Monte Carlo seed of this origin's forecasts
  std::vector<Period> periods;     ///< [horizon]
  std::vector<bool> scored;        ///< [horizon]: the period ended by L
  double mase_scale = 0.0;         ///< NaN when the history before T is too short
  std::vector<double> group_mase_scale;  ///< [group code], with group_by
  std::vector<ModelOrigin> models; ///< by Backtest::models
};

/// One model over every origin.
struct PeriodSummary {
  std::size_t origins = 0;     ///< origins whose period h was scored
  double wape = 0.0;           ///< sum |a - f| / sum |a| over those origins
  double bias = 0.0;           ///< sum (f - a) / sum |a|: positive is over-forecast
  double mase = 0.0;           ///< mean scaled error (origins with a usable scale)
  std::array<double, 3> pinball{};  ///< means over the origins, at kPinballLevels
  double crps = 0.0;           ///< mean over the origins
  double coverage = 0.0;       ///< share of origins with P10 <= actual <= P90
  std::size_t covered = 0;     ///< origins with P10 <= actual <= P90
};

/// One model, one horizon and one group value over every origin.
struct GroupSummary {
  Code group = 0;              ///< code in the book's dictionary of the group dimension
  std::string name;            ///< the group's value
  std::size_t origins = 0;     ///< origins scored for this group
  double wape = 0.0;           ///< as PeriodSummary::wape
  double bias = 0.0;           ///< as PeriodSummary::bias
  double mase = 0.0;           ///< against the group's own scale
  std::array<double, 3> pinball{};  ///< means over the origins
  double crps = 0.0;           ///< mean over the origins
  double coverage = 0.0;       ///< share of origins with P10 <= actual <= P90; NaN for seasonal-naive
  std::size_t covered = 0;     ///< origins with P10 <= actual <= P90
  double actual = 0.0;         ///< summed over scored origins
  double forecast = 0.0;       ///< summed over scored origins
};

/// One model over every origin and horizon.
struct ModelSummary {
  std::string model;           ///< the model's name
  bool per_deal = true;        ///< false for seasonal-naive
  DealMetrics eventual;        ///< pooled over origins
  std::vector<DealMetrics> within;        ///< [horizon]
  std::vector<PeriodSummary> periods;     ///< [horizon]
  std::vector<std::vector<GroupSummary>> groups;  ///< [horizon][group]
  /// [horizon]: sum over groups and origins of |a - f| / sum of a: the error
  /// left when over- and under-forecast groups may not cancel out.
  std::vector<double> group_wape;
};

/// A backtest's results: its settings, every origin, the summaries and the
/// ranking.
struct Backtest {
  Day from = kNoDay /**< the first origin, as asked */, to = kNoDay /**< the last, at most */;
  OriginStep every = OriginStep::month;    ///< the step between origins
  PeriodKind horizon = PeriodKind::month;  ///< the length of a forecast period
  std::size_t horizons = 0;                ///< periods forecast from each origin
  std::size_t trials = 0;                  ///< Monte Carlo trials per forecast
  std::uint64_t seed = 0;                  ///< the seed asked for
  Day latest_day = kNoDay;            ///< L: actuals are as known at its end
  std::optional<Dimension> group_by;  ///< the group dimension, if any
  std::vector<std::string> group_names;  ///< by group code
  std::vector<std::string> models;    ///< the models compared; seasonal-naive last
  std::vector<OriginResult> origins;  ///< in date order
  std::vector<ModelSummary> summary;  ///< by models
  std::vector<std::size_t> unscored;  ///< [horizon]: origins whose period h had not ended by L
  Ranking ranking;                    ///< the models ranked, and the verdict

  /// Index of a model in `models`; throws std::invalid_argument when absent.
  std::size_t model_index(std::string_view name) const;
};

/// The origins from `from` to `to` every `step`.  Throws
/// std::invalid_argument when to < from or either is blank.
std::vector<Day> backtest_origins(Day from, Day to, OriginStep step);

/// The periods forecast from origin T: the one of `kind` holding T + 1 and
/// the `count - 1` after it.
std::vector<Period> backtest_periods(Day origin, PeriodKind kind, std::size_t count);

/// Runs the backtest.  Throws std::invalid_argument for bad options (no
/// origin, an unknown model, a model named twice, seasonal-naive named, a
/// horizon that is not a month or quarter, horizons or trials out of range,
/// an empty book, origins after the book's latest day) and
/// std::runtime_error naming the model and origin when a fit fails.
Backtest run_backtest(const Book& book, const BacktestOptions& options);

}  // namespace pipecast
