#include "pipecast/forecast/model.hpp"

#include "pipecast/forecast/auto_model.hpp"
#include "pipecast/forecast/crm_model.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/pipeline_spread.hpp"
#include "pipecast/forecast/stage_model.hpp"
#include "pipecast/forecast/win_model_cache.hpp"

#include "core/parallel_for.hpp"

#include <algorithm>
#include <stdexcept>

namespace pipecast {

std::vector<Factor> WinModel::explain(const Book&, const DealStates&, std::size_t,
                                      std::size_t) const {
  return {};
}

void WinModel::predict_on_days(const Book& book, const DealStates& deals, std::span<const Day>,
                               std::span<double> out) const {
  predict(book, deals, out);
}

ModelRegistry ModelRegistry::builtin() {
  ModelRegistry registry;
  registry.add(crm_model_spec());
  registry.add(stage_model_spec());
  registry.add(markov_model_spec());
  registry.add(logistic_model_spec());
  registry.add(auto_model_spec());
  return registry;
}

void ModelRegistry::add(ModelSpec spec) {
  if (spec.name.empty()) throw std::invalid_argument("a model needs a name");
  if (!spec.fit_win && !spec.choose)
    throw std::invalid_argument("model " + spec.name + " has no way to be fitted");
  for (const auto& s : specs_)
    if (s.name == spec.name) throw std::invalid_argument("model " + spec.name + " is already registered");
  specs_.push_back(std::move(spec));
}

const ModelSpec& ModelRegistry::find(std::string_view name) const {
  for (const auto& s : specs_)
    if (s.name == name) return s;
  std::string known;
  for (const auto& s : specs_) known += (known.empty() ? "" : ", ") + s.name;
  throw std::invalid_argument("unknown model '" + std::string(name) + "' (known: " + known + ")");
}

std::vector<std::string> ModelRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& s : specs_) out.push_back(s.name);
  return out;
}

FittedModel::FittedModel(std::string name, Day as_of, std::string description,
                         std::shared_ptr<const WinModel> win, bool crm_timing, CloseTiming timing,
                         NewDealFlow new_deals, double pipeline_dispersion)
    : name_(std::move(name)),
      as_of_(as_of),
      description_(std::move(description)),
      win_(std::move(win)),
      crm_timing_(crm_timing),
      timing_(std::move(timing)),
      new_deals_(std::move(new_deals)),
      pipeline_dispersion_(pipeline_dispersion) {
  if (!win_) throw std::invalid_argument("model " + name_ + " has no win model");
  if (!(pipeline_dispersion_ >= 0.0 && pipeline_dispersion_ <= kMaxPipelineDispersion))
    throw std::invalid_argument("model " + name_ + ": pipeline dispersion out of range");
  auto curves = std::make_shared<std::vector<TimingCurve>>(timing_.curves());
  curves->push_back(point_curve());
  curves_ = std::move(curves);
}

std::vector<double> win_probabilities(const WinModel& win, const Book& book, const DealStates& deals) {
  std::vector<double> out(deals.size());
  win.predict(book, deals, out);
  for (double& p : out) p = std::clamp(std::isfinite(p) ? p : 0.0, kMinWinProbability, 1.0 - kMinWinProbability);
  return out;
}

DealScores FittedModel::score(const AsOfView& view) const {
  return score(view.book(), open_deal_states(view));
}

namespace {
// A blank expected close date: assume a month, the usual CRM default horizon.
constexpr int kBlankCloseDays = 30;
}  // namespace

DealScores FittedModel::score(const Book& book, DealStates states) const {
  DealScores out;
  out.model = name_;
  out.deals = std::move(states);
  const DealStates& deals = out.deals;
  out.win_probability = win_probabilities(*win_, book, deals);
  out.curves = curves_;
  if (!crm_timing_ && !timing_.season().flat()) {  // the quarter's rhythm as seen from T
    auto seen = std::make_shared<std::vector<TimingCurve>>(timing_.curves_from(deals.as_of));
    seen->push_back(point_curve());
    out.curves = std::move(seen);
  }
  out.shared_dispersion = pipeline_dispersion_;
  out.curve.resize(deals.size());
  out.shift.resize(deals.size());
  const auto point = static_cast<std::uint32_t>(out.curves->size() - 1);
  const std::vector<std::uint32_t> stage_map = timing_.stages().map_to(book);
  const std::vector<std::uint32_t> segment_map = timing_.segment_map(book);
  const std::span<const Code> segment_of = book.codes(Dimension::segment);
  for (std::size_t i = 0; i < deals.size(); ++i) {
    if (crm_timing_) {
      const Day close = deals.close_date[i];
      out.curve[i] = point;
      out.shift[i] = close == kNoDay ? kBlankCloseDays : std::max(1, close - deals.as_of);
    } else {
      out.curve[i] = timing_.curve_for(stage_map[deals.stage[i]], deals.days_in_stage[i],
                                       segment_map[segment_of[deals.deal[i]]]);
      out.shift[i] = 0;
    }
  }
  return out;
}

FittedModel FittedModel::renamed(std::string name, std::string description) const {
  FittedModel copy = *this;
  copy.name_ = std::move(name);
  copy.description_ = std::move(description);
  return copy;
}

FittedModel fit_model(const ModelRegistry& registry, std::string_view name, const Book& book,
                      Day as_of, const FitOptions& options) {
  return std::move(fit_models(registry, std::span(&name, 1), book, as_of, options).front());
}

namespace {

// The WinModel of each request that has a fit_win (null for the others):
// the requests of a spec with fit_wins in one call, the rest one by one.
std::vector<std::shared_ptr<const WinModel>> fit_wins(const std::vector<const ModelSpec*>& specs,
                                                      std::span<const ModelRequest> requests,
                                                      const FitContext& context) {
  std::vector<std::shared_ptr<const WinModel>> wins(specs.size());
  for (std::size_t k = 0; k < specs.size(); ++k) {
    if (wins[k]) continue;
    if (!specs[k]->fit_wins) {
      wins[k] = specs[k]->fit_win(context, requests[k].options);
      continue;
    }
    std::vector<std::size_t> same;  // this request and the later ones of the same spec
    std::vector<FitOptions> options;
    for (std::size_t j = k; j < specs.size(); ++j)
      if (specs[j] == specs[k]) {
        same.push_back(j);
        options.push_back(requests[j].options);
      }
    std::vector<std::shared_ptr<const WinModel>> fitted = specs[k]->fit_wins(context, options);
    if (fitted.size() != same.size())
      throw std::logic_error("model '" + specs[k]->name + "': fit_wins gave " + std::to_string(fitted.size()) +
                             " models for " + std::to_string(same.size()) + " options");
    for (std::size_t i = 0; i < same.size(); ++i) wins[same[i]] = std::move(fitted[i]);
  }
  return wins;
}

// fit_wins() of the requests that `cache` (may be null) does not hold as of
// the context's day: in a backtest, auto has fitted its candidates there.
std::vector<std::shared_ptr<const WinModel>> kept_or_fitted_wins(const std::vector<const ModelSpec*>& specs,
                                                                 std::span<const ModelRequest> requests,
                                                                 const FitContext& context, const WinModelCache* cache) {
  std::vector<std::shared_ptr<const WinModel>> wins(specs.size());
  std::vector<const ModelSpec*> rest_specs;
  std::vector<ModelRequest> rest;
  std::vector<std::size_t> rest_at;
  for (std::size_t k = 0; k < specs.size(); ++k) {
    if (cache != nullptr) wins[k] = cache->find(context.as_of, requests[k]);
    if (wins[k]) continue;
    rest_specs.push_back(specs[k]);
    rest.push_back(requests[k]);
    rest_at.push_back(k);
  }
  if (rest.empty()) return wins;
  std::vector<std::shared_ptr<const WinModel>> fitted = fit_wins(rest_specs, rest, context);
  for (std::size_t i = 0; i < rest_at.size(); ++i) wins[rest_at[i]] = std::move(fitted[i]);
  return wins;
}

}  // namespace

std::vector<FittedModel> fit_models(const ModelRegistry& registry, std::span<const std::string_view> names,
                                    const Book& book, Day as_of, const FitOptions& options, WinModelCache* cache) {
  std::vector<ModelRequest> requests;
  for (const std::string_view name : names) requests.push_back({name, options});
  return fit_models(registry, requests, book, as_of, cache);
}

namespace {

// The spec of each request; throws when their training options differ.
std::vector<const ModelSpec*> specs_of(const ModelRegistry& registry, std::span<const ModelRequest> requests) {
  std::vector<const ModelSpec*> specs;
  for (const ModelRequest& request : requests) {
    specs.push_back(&registry.find(request.name));
    if (request.options.training != requests.front().options.training)
      throw std::invalid_argument("fit_models: the models to fit together must share their training options");
  }
  return specs;
}

}  // namespace

std::vector<std::shared_ptr<const WinModel>> fit_win_models(const ModelRegistry& registry,
                                                            std::span<const ModelRequest> requests, const Book& book,
                                                            Day as_of, WinModelCache* cache) {
  if (requests.empty()) return {};
  const std::vector<const ModelSpec*> specs = specs_of(registry, requests);
  for (const ModelSpec* spec : specs)
    if (spec->choose)
      throw std::invalid_argument("fit_win_models: '" + spec->name + "' chooses another model and has no win model of its own");
  const auto fit = [&] {
    const TrainingSet training = build_training_set(book, as_of, requests.front().options.training);
    return fit_wins(specs, requests, FitContext{book, as_of, training});
  };
  return cache != nullptr ? cache->get(as_of, requests, fit) : fit();
}

namespace {

// fit_models() of requests that all fit themselves (none chooses), each once.
std::vector<FittedModel> fit_distinct(const ModelRegistry& registry, std::span<const ModelRequest> requests,
                                      const Book& book, Day as_of, const WinModelCache* cache) {
  const TrainingOptions& training_options = requests.front().options.training;
  const std::vector<const ModelSpec*> specs = specs_of(registry, requests);
  const auto any = [&](auto wants) { return std::any_of(specs.begin(), specs.end(), [&](const ModelSpec* s) {
                                       return wants(*s);
                                     }); };
  // What the models share, made only when one of them reads it.
  const bool history = any([](const ModelSpec& s) { return s.needs_training || !s.crm_timing; });
  const TrainingSet training =
      history ? build_training_set(book, as_of, training_options) : TrainingSet{as_of, {}, {}, {}, {}};
  // One close timing for every model: the curves weigh the recent months
  // whatever the win model does (CloseTiming::kHalfLifeDays).  The timing,
  // the flow and the win models read the training set and not each other,
  // so they are fitted side by side.
  CloseTiming timing;
  NewDealFlow flow;
  std::vector<std::shared_ptr<const WinModel>> wins;
  parallel_for(3, requests.front().options.threads, [&](std::size_t part) {
    if (part == 0) wins = kept_or_fitted_wins(specs, requests, FitContext{book, as_of, training}, cache);
    if (part == 1 && any([](const ModelSpec& s) { return !s.crm_timing; })) timing = CloseTiming::fit(book, training);
    if (part == 2 && any([](const ModelSpec& s) { return !s.without_new_deals; })) flow = NewDealFlow::fit(book, as_of);
  });
  flow.as_of = as_of;
  std::vector<FittedModel> out;
  for (std::size_t k = 0; k < specs.size(); ++k) {
    const ModelSpec& spec = *specs[k];
    const std::shared_ptr<const WinModel>& win = wins[k];
    const CloseTiming own_timing = spec.crm_timing ? CloseTiming{} : timing;
    const double dispersion =
        spec.crm_timing ? 0.0
                        : std::min(kMaxPipelineDispersion, pipeline_dispersion(*win, own_timing, book, training));
    NewDealFlow own_flow = spec.without_new_deals ? NewDealFlow{} : flow;
    own_flow.as_of = as_of;
    out.push_back(FittedModel(spec.name, as_of, spec.description, win, spec.crm_timing,
                              own_timing, std::move(own_flow), dispersion));
  }
  return out;
}

}  // namespace

std::vector<FittedModel> fit_models(const ModelRegistry& registry, std::span<const ModelRequest> requests,
                                    const Book& book, Day as_of, WinModelCache* cache) {
  if (requests.empty()) return {};
  const std::vector<const ModelSpec*> specs = specs_of(registry, requests);
  // A model that chooses (auto) makes its choice first; the choices are then
  // fitted with the other requests, each distinct model and options once
  // (a backtest asks for logistic and for auto, which often picks it).
  std::vector<ModelChoice> choices(requests.size());  // sized once: distinct[] views their names
  std::vector<ModelRequest> distinct;
  std::vector<std::size_t> fitted_as(requests.size());
  for (std::size_t k = 0; k < requests.size(); ++k) {
    ModelRequest request = requests[k];
    if (specs[k]->choose) {
      choices[k] = specs[k]->choose(registry, book, as_of, request.options, cache);
      if (registry.find(choices[k].model).choose || choices[k].options.training != request.options.training)
        throw std::logic_error("model '" + specs[k]->name + "' chose '" + choices[k].model +
                               "', which chooses too or is trained on other snapshots");
      request = {choices[k].model, choices[k].options};
    }
    const auto same = std::find_if(distinct.begin(), distinct.end(), [&](const ModelRequest& r) {
      return r.name == request.name && r.options == request.options;
    });
    fitted_as[k] = static_cast<std::size_t>(same - distinct.begin());
    if (same == distinct.end()) distinct.push_back(request);
  }
  const std::vector<FittedModel> fitted = fit_distinct(registry, distinct, book, as_of, cache);
  std::vector<FittedModel> out;
  for (std::size_t k = 0; k < requests.size(); ++k)
    out.push_back(specs[k]->choose ? fitted[fitted_as[k]].renamed(choices[k].name, choices[k].description)
                                   : fitted[fitted_as[k]]);
  return out;
}

}  // namespace pipecast
