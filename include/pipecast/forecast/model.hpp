/// @file
/// Forecast models: fit on a book as of T (only what was known at T), then
/// score the deals open at T.
///
/// A model has two parts.  Its WinModel says how likely each open deal is to
/// be won; that is where the models differ (crm, stage, markov, logistic, or
/// one of your own).  Its timing says when a won deal closes: the CRM's
/// expected close date for `crm`, the competing-risks curves (CloseTiming) for
/// the others.  A FittedModel also carries the flow of deals not yet created,
/// for period forecasts.  Fitted models are immutable: share one between
/// threads freely.
#pragma once

#include "pipecast/forecast/close_timing.hpp"
#include "pipecast/forecast/deal_scores.hpp"
#include "pipecast/forecast/new_deal_flow.hpp"
#include "pipecast/forecast/training_set.hpp"

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// P(won eventually) for open deals.  Implement it for a model of your own.
class WinModel {
 public:
  virtual ~WinModel() = default;
  /// Writes one probability in [0, 1] per deal into `out` (out.size() ==
  /// deals.size()).  Must be safe to call from several threads at once.
  virtual void predict(const Book& book, const DealStates& deals, std::span<double> out) const = 0;
  /// predict() for rows that each stand on a day of their own, row i on
  /// days[i] (training snapshots: their DealStates say where each deal stood
  /// that day, but deals.as_of is T).  What the rows do not hold, such as
  /// the activities logged up to the row's day, is read as of that day.
  /// The default is predict(): right for a model that reads nothing else.
  virtual void predict_on_days(const Book& book, const DealStates& deals, std::span<const Day> days,
                               std::span<double> out) const;
  /// The features that moved deal `row` most, largest effect first; empty
  /// when the model has no such notion.
  virtual std::vector<Factor> explain(const Book& book, const DealStates& deals, std::size_t row,
                                      std::size_t top) const;
};

/// Everything a model may learn from when fitted as of T: nothing after T.
struct FitContext {
  const Book& book;  ///< the book fitted on; read it as of `as_of` only
  Day as_of;         ///< T
  const TrainingSet& training;  ///< snapshots before T, outcomes as of T
};

/// How models are fitted (the same for every model of a comparison).
struct FitOptions {
  TrainingOptions training;  ///< the training snapshots of history-based models
  double l2 = 1.0;  ///< logistic: ridge penalty on the standardised coefficients
  /// logistic: training rows weighted by recency, halving every this many
  /// days of age at T (recency_weight()); 0: every row counts the same.
  int half_life_days = 0;
  /// logistic: read the deals' activities (activity_features.hpp) when the
  /// book has any (a book without any gets no column, and the same model as
  /// with false).  On the accuracy book they lower the Brier score against
  /// the outcomes by 0.006 (docs/forecasting.md, "Activity features").
  bool activities = true;
  /// logistic: threads of each Newton step's sums (0: one per core).  Any
  /// count fits the same model to the bit, so it is not compared (==) nor
  /// stored with the options.
  unsigned threads = 0;

  /// Equal options fit equal models (fit_models() fits such requests once).
  /// Every field but `threads`, by name: a field added above goes here too.
  bool operator==(const FitOptions& other) const {
    return training == other.training && l2 == other.l2 && half_life_days == other.half_life_days &&
           activities == other.activities;
  }
};

class ModelRegistry;
class WinModelCache;  // win_model_cache.hpp

/// What a model that picks among others (auto) picked: the model to fit,
/// how, and what the fitted model is called.
struct ModelChoice {
  std::string model;        ///< a model of the registry that fits itself (not one that chooses)
  FitOptions options;       ///< options.training must be the one the chooser was given
  std::string name;         ///< the fitted model's name (the chooser's)
  std::string description;  ///< what was chosen and why
};

/// How a model is fitted, by name.
struct ModelSpec {
  std::string name;         ///< unique in its registry; what fit_model() takes
  std::string description;  ///< what the model is, in words (FittedModel::description())
  /// Timing from the CRM's expected close date instead of the history.
  bool crm_timing = false;
  /// No deals not yet created (a CRM's weighted pipeline has none).
  bool without_new_deals = false;
  /// Whether fit_win reads FitContext::training (building it is most of a fit).
  bool needs_training = true;
  /// Fits the WinModel; the timing and the new deals are fitted around it.
  std::function<std::shared_ptr<const WinModel>(const FitContext&, const FitOptions&)> fit_win;
  /// Optional: fit_win for several options at once, one model each, sharing
  /// what they can (logistic's half-lives share one design).
  std::function<std::vector<std::shared_ptr<const WinModel>>(const FitContext&, std::span<const FitOptions>)>
      fit_wins;
  /// Instead of fit_win: a model that picks another of the registry to fit
  /// as of T (auto).  fit_models() fits the pick with the other models it
  /// fits, once when another request asks for the same model and options.
  /// The cache, when not null, holds win models that other fits of the book
  /// made (fit_win_models() takes it).
  std::function<ModelChoice(const ModelRegistry&, const Book&, Day, const FitOptions&, WinModelCache*)> choose;
};

/// The models that can be fitted by name.  `builtin()` has crm, stage,
/// markov, logistic and auto; add your own with add().  A value: no global
/// registry, so two hosts in one process cannot interfere.
class ModelRegistry {
 public:
  /// A registry of crm, stage, markov, logistic and auto.
  static ModelRegistry builtin();
  /// Throws std::invalid_argument when the name is taken or empty, or when
  /// the spec has neither fit_win nor choose.
  void add(ModelSpec spec);
  /// The spec named `name`.  Throws std::invalid_argument naming the known
  /// models.
  const ModelSpec& find(std::string_view name) const;
  /// Every model's name, in the order added.
  std::vector<std::string> names() const;

 private:
  std::vector<ModelSpec> specs_;
};

/// The largest shared-level dispersion a model holds (a coefficient of
/// variation of 2): beyond it the history says more about itself than about
/// the next period.
inline constexpr double kMaxPipelineDispersion = 4.0;

/// The least win probability a fitted model gives an open deal, and the
/// least chance of a loss (1 - it the most): no history tells chances finer
/// than one in ten thousand, and a probability of exactly 0 or 1 makes the
/// log loss infinite the day such a deal closes the other way.
inline constexpr double kMinWinProbability = 1e-4;

/// A model fitted as of a day: its WinModel, its timing and its flow of new
/// deals.  Immutable; copies share the WinModel.
class FittedModel {
 public:
  /// Assembles a model (fit_model() is the usual way to get one).  Throws
  /// std::invalid_argument for a null `win`, or a pipeline_dispersion outside
  /// [0, kMaxPipelineDispersion].
  FittedModel(std::string name, Day as_of, std::string description,
              std::shared_ptr<const WinModel> win, bool crm_timing, CloseTiming timing,
              NewDealFlow new_deals, double pipeline_dispersion = 0.0);

  /// The name it was fitted under ("auto" for auto, whatever it chose).
  const std::string& name() const { return name_; }
  /// T, the day it was fitted as of.
  Day as_of() const { return as_of_; }
  /// What the model is and, for auto, which model it chose and why.
  const std::string& description() const { return description_; }
  /// What says how likely each open deal is to be won.
  const WinModel& win_model() const { return *win_; }
  /// The same, shared (to keep it beyond the model).
  std::shared_ptr<const WinModel> shared_win_model() const { return win_; }
  /// True when a won deal closes on its expected close date (crm), false
  /// when timing() says when.
  bool crm_timing() const { return crm_timing_; }
  /// The close-timing curves (empty with crm_timing()).
  const CloseTiming& timing() const { return timing_; }
  /// The flow of deals not yet created (none for crm).
  const NewDealFlow& new_deals() const { return new_deals_; }
  /// The spread of a level shared by the open deals (pipeline_spread.hpp).
  double pipeline_dispersion() const { return pipeline_dispersion_; }

  /// Scores the deals open at view.as_of().  A probability the WinModel
  /// gives is clamped into [kMinWinProbability, 1 - kMinWinProbability],
  /// and one that is not finite counts as the least.  With crm_timing(), a deal closes on its expected close
  /// date (blank: in 30 days; past: the next day).
  DealScores score(const AsOfView& view) const;
  /// Scores `deals` (open_deal_states() of a view of `book`), as above.
  DealScores score(const Book& book, DealStates deals) const;

  /// The same model under another name and description (auto's choice).
  FittedModel renamed(std::string name, std::string description) const;

 private:
  std::string name_;
  Day as_of_;
  std::string description_;
  std::shared_ptr<const WinModel> win_;
  bool crm_timing_;
  CloseTiming timing_;
  NewDealFlow new_deals_;
  double pipeline_dispersion_;
  std::shared_ptr<const std::vector<TimingCurve>> curves_;  // timing_'s, then the point curve
};

/// Fits model `name` on `book` as of `as_of`.  Throws std::invalid_argument
/// for an unknown model.
FittedModel fit_model(const ModelRegistry& registry, std::string_view name, const Book& book,
                      Day as_of, const FitOptions& options = {});
/// fit_model() with ModelRegistry::builtin().
inline FittedModel fit_model(std::string_view name, const Book& book, Day as_of,
                             const FitOptions& options = {}) {
  return fit_model(ModelRegistry::builtin(), name, book, as_of, options);
}

/// Fits each of `names` on `book` as of `as_of`, as fit_model() would one by
/// one, but with what they share made once: the training set, the close
/// timing and the flow of new deals (auto's validation fits three models at
/// each of its origins), and a model that chooses (auto) fitted with the rest,
/// shared with a request for the same model and options.  `cache`, when
/// not null, shares the win models a chooser validates with the other fits
/// of the book that use it (a backtest's origins).  Throws
/// std::invalid_argument for an unknown model.
std::vector<FittedModel> fit_models(const ModelRegistry& registry, std::span<const std::string_view> names,
                                    const Book& book, Day as_of, const FitOptions& options = {},
                                    WinModelCache* cache = nullptr);

/// One model to fit and the options it is fitted with.
struct ModelRequest {
  std::string_view name;  ///< as fit_model() takes it
  FitOptions options;     ///< its options; options.training must be the same for every request
};
/// fit_models() with options of each model's own (auto tries logistic at
/// several recency half-lives on one training set).  Throws
/// std::invalid_argument for an unknown model or requests whose training
/// options differ.
std::vector<FittedModel> fit_models(const ModelRegistry& registry, std::span<const ModelRequest> requests,
                                    const Book& book, Day as_of, WinModelCache* cache = nullptr);

/// Only the WinModel of each request, on one training set: for a caller that
/// needs win probabilities and nothing of a forecast (auto's validation
/// scores its candidates with them; their close timings, flows of new deals
/// and spreads would be made for nothing).  Throws std::invalid_argument as
/// fit_models() does, and for a model that chooses another (auto).  With a
/// `cache`, the models of an earlier call with the same day and requests.
std::vector<std::shared_ptr<const WinModel>> fit_win_models(const ModelRegistry& registry,
                                                            std::span<const ModelRequest> requests, const Book& book,
                                                            Day as_of, WinModelCache* cache = nullptr);

/// `win`'s probabilities for `deals` as FittedModel::score() gives them:
/// clamped into [kMinWinProbability, 1 - kMinWinProbability], one that is
/// not finite taken as kMinWinProbability.
std::vector<double> win_probabilities(const WinModel& win, const Book& book, const DealStates& deals);

/// The default model.
inline constexpr std::string_view kDefaultModel = "auto";

}  // namespace pipecast
