#include "pipecast/forecast/parts_fit.hpp"

#include "pipecast/forecast/auto_model.hpp"
#include "pipecast/forecast/crm_model.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/pipeline_spread.hpp"
#include "pipecast/forecast/stage_model.hpp"

#include "forecast/auto_validation.hpp"
#include "forecast/logistic_statistics.hpp"
#include "storage/sealed_file.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

namespace pipecast {
namespace {

// ---- What travels: models as model files' bytes ---------------------------

// A win model wrapped in a model (no timing, no flow) to travel as bytes.
std::string win_bytes(std::shared_ptr<const WinModel> win, Day as_of) {
  return model_bytes(FittedModel("parts", as_of, "a model on its way to the parts", std::move(win), false,
                                 CloseTiming{}, NewDealFlow{}, 0.0));
}

LogisticWinParams encoding_of(const StatsRequest& request) {
  if (request.models.empty()) throw std::invalid_argument("a request without the logistic encoding it needs");
  const FittedModel model = model_from_bytes(request.models.front(), "the request's encoding");
  const auto* logistic = dynamic_cast<const LogisticWinModel*>(&model.win_model());
  if (logistic == nullptr) throw std::invalid_argument("the request's encoding is not a logistic model's");
  return logistic->params();
}

// A request's id: the checksum its sealed bytes carry (bytes 24..31 of the
// header, little-endian; sealed_file.hpp), over its header and payload.
std::uint64_t checksum_of(const StatsRequest& request) {
  const std::string bytes = to_bytes(request);
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < 8; ++i)
    sum |= std::uint64_t{static_cast<unsigned char>(bytes.at(kSealedHeaderSize - 8 + i))} << (8 * i);
  return sum;
}

std::uint32_t wants_of(std::string_view model) {
  if (model == "stage") return StatsWants::stage;
  if (model == "markov") return StatsWants::markov;
  if (model == "logistic") return StatsWants::logistic;
  throw std::invalid_argument("model '" + std::string(model) +
                              "' cannot be fitted from parts (crm, stage, markov, logistic and auto can)");
}

// ---- The part's side ---------------------------------------------------------

void answer_counts(const Book& part, const StatsRequest& request, const TrainingSet& training, FitStatistics& stats) {
  const std::uint32_t wants = request.wants;
  if (wants & StatsWants::stage) add_stage_statistics(training, stats);
  if (wants & StatsWants::markov)
    add_markov_statistics(part, request.as_of, request.options.training.lookback_days, stats);
  if (wants & StatsWants::logistic) add_logistic_encoding_statistics(part, training, request.options.activities, stats);
  if (wants & StatsWants::timing)
    CloseTiming::add_statistics(part, training, CloseTiming::kHalfLifeDays, stats);
  if (wants & StatsWants::creations) NewDealFlow::add_creation_statistics(part, request.as_of, stats);
}

void answer_flow(const Book& part, const StatsRequest& request, const TrainingSet& training, FitStatistics& stats) {
  NewDealFlow::add_statistics(part, request.as_of, request.piled_days, stats);
  if (request.models.empty()) throw std::invalid_argument("a request of the flow without the model so far");
  const FittedModel so_far = model_from_bytes(request.models.front(), "the request's model");
  add_spread_statistics(so_far.win_model(), so_far.timing(), part, training, stats);
}

void answer_validation(const Book& part, const StatsRequest& request, FitStatistics& stats) {
  std::vector<std::shared_ptr<const WinModel>> wins;
  for (const std::string& bytes : request.models)
    wins.push_back(model_from_bytes(bytes, "a candidate of the request").shared_win_model());
  add_auto_validation_statistics(part, request.as_of, request.outcomes_as_of, wins, stats);
}

// ---- The fitting side: the win models of one day -----------------------------

}  // namespace

// Named, not anonymous: PartsFit::State holds one, and GCC refuses a member
// of a type with internal linkage where a unity build includes this file
// (-Wsubobject-linkage).
namespace parts_fit_detail {

// Fits the win models `wants` asks for (stage, markov, logistic at each of
// `half_lives`) as of one day: the counts, then for logistic the design and
// Newton's passes, one half-life after the other, each started where the one
// before ended (as fit_logistic_wins() does).
class WinModelsFit {
 public:
  WinModelsFit(Day as_of, FitOptions options, std::uint32_t wants, std::vector<int> half_lives)
      : as_of_(as_of), options_(std::move(options)), wants_(wants), half_lives_(std::move(half_lives)) {}

  bool done() const { return step_ == Step::done; }

  // The request of the current step (its round is the caller's to set).
  StatsRequest request() const {
    StatsRequest r;
    r.as_of = as_of_;
    r.options = options_;
    if (step_ == Step::counts) {
      r.kind = StatsKind::counts;
      r.wants = wants_;
      return r;
    }
    r.kind = step_ == Step::design ? StatsKind::design : StatsKind::newton;
    r.models = {encoding_bytes_};
    if (step_ == Step::newton) {
      r.options.half_life_days = half_lives_[logistic_.size()];
      r.pass = newton_->pass();
    }
    return r;
  }

  void receive(const PartStats& merged) {
    switch (step_) {
      case Step::counts: return receive_counts(merged);
      case Step::design: return receive_design(merged);
      case Step::newton: return receive_pass(merged);
      case Step::done: break;
    }
    throw std::logic_error("the win models are fitted");
  }

  const FitStatistics& counts() const { return counts_; }
  std::shared_ptr<const WinModel> stage() const { return stage_; }
  std::shared_ptr<const WinModel> markov() const { return markov_; }
  // The logistic model at half-life half_lives[k].
  std::shared_ptr<const WinModel> logistic(std::size_t k) const { return logistic_.at(k); }

 private:
  enum class Step : std::uint8_t { counts, design, newton, done };

  void receive_counts(const PartStats& merged) {
    counts_ = merged.stats;
    if (wants_ & StatsWants::stage)
      stage_ = std::make_shared<const StageWinModel>(stage_win_from(merged.stages, merged.stats));
    if (wants_ & StatsWants::markov)
      markov_ = std::make_shared<const MarkovWinModel>(markov_win_from(merged.stages, merged.stats));
    if (!(wants_ & StatsWants::logistic)) {
      step_ = Step::done;
      return;
    }
    encoding_ = logistic_encoding_from(merged.stages, merged.attributes, merged.stats);
    encoding_bytes_ = win_bytes(std::make_shared<const LogisticWinModel>(encoding_), as_of_);
    step_ = Step::design;
  }

  void receive_design(const PartStats& merged) {
    rows_by_level_ = logistic_design_from(merged.stats, encoding_);
    if (encoding_.training_rows == 0) {  // nothing decided: every deal gets 1/2
      for (std::size_t k = 0; k < half_lives_.size(); ++k)
        logistic_.push_back(std::make_shared<const LogisticWinModel>(encoding_));
      step_ = Step::done;
      return;
    }
    start_newton({});
  }

  void start_newton(std::vector<double> start) {
    LogisticOptions options;
    options.l2 = options_.l2;
    // No last round for the loss: the model reads only the coefficients.
    newton_.emplace(encoding_.columns(), rows_by_level_, options, std::move(start), false);
    step_ = Step::newton;
  }

  void receive_pass(const PartStats& merged) {
    newton_->receive(logistic_sums_from(merged.stats, encoding_.columns(), newton_->pass().hessian_one_in > 0));
    if (!newton_->done()) return;
    LogisticWinParams params = encoding_;
    params.coefficients = newton_->fit().coefficients;
    params.iterations = newton_->fit().iterations;
    logistic_.push_back(std::make_shared<const LogisticWinModel>(params));
    if (logistic_.size() < half_lives_.size()) start_newton(params.coefficients);
    else step_ = Step::done;
  }

  Day as_of_;
  FitOptions options_;
  std::uint32_t wants_;
  std::vector<int> half_lives_;
  Step step_ = Step::counts;
  FitStatistics counts_;
  std::shared_ptr<const WinModel> stage_, markov_;
  LogisticWinParams encoding_;
  std::string encoding_bytes_;
  std::vector<std::uint64_t> rows_by_level_;
  std::optional<LogisticNewton> newton_;
  std::vector<std::shared_ptr<const WinModel>> logistic_;
};

}  // namespace parts_fit_detail

namespace {

// The half-lives logistic is a candidate of auto at, in kAutoCandidates'
// order (fit_logistic_wins() fits them in it, each from the one before).
std::vector<int> auto_half_lives() {
  std::vector<int> out;
  for (const AutoCandidate& c : kAutoCandidates)
    if (c.model == "logistic") out.push_back(c.half_life_days);
  return out;
}

}  // namespace

// ---- The fitting side: the whole conversation --------------------------------

struct PartsFit::State {
  enum class Step : std::uint8_t { origins, validation, fit, flow, done };

  std::string model;  // the model asked for
  Day as_of = kNoDay;
  FitOptions options;
  Step step = Step::done;
  StatsRequest request;
  std::uint64_t request_sum = 0;
  std::optional<StageTable> stages;  // the first round's: every later one must match
  std::optional<std::vector<std::string>> attributes;
  std::optional<parts_fit_detail::WinModelsFit> win;
  // auto
  std::size_t origin = 0;
  FitStatistics validation;
  ModelChoice choice;
  // the model fitted as of T (auto's choice)
  std::string fitted;
  FitOptions fitted_options;
  std::shared_ptr<const WinModel> win_model;
  CloseTiming timing;
  NewDealFlow flow;
  double dispersion = 0.0;

  void ask(StatsRequest next) {
    next.round = request.round + 1;
    request = std::move(next);
    request_sum = checksum_of(request);
  }

  void start_origin() {
    step = Step::origins;
    win.emplace(auto_validation_days(as_of)[origin], options,
                StatsWants::stage | StatsWants::markov | StatsWants::logistic, auto_half_lives());
    ask(win->request());
  }

  void start_fit(const std::string& name, const FitOptions& with) {
    fitted = name;
    fitted_options = with;
    step = Step::fit;
    win.emplace(as_of, with, wants_of(name) | StatsWants::timing | StatsWants::creations,
                std::vector<int>{with.half_life_days});
    ask(win->request());
  }

  void ask_validation() {
    const Day day = auto_validation_days(as_of)[origin];
    std::vector<std::string> models;
    std::vector<int> half_lives = auto_half_lives();
    for (const AutoCandidate& c : kAutoCandidates) {
      const std::shared_ptr<const WinModel> candidate =
          c.model == "stage"    ? win->stage()
          : c.model == "markov" ? win->markov()
                                : win->logistic(static_cast<std::size_t>(
                                      std::find(half_lives.begin(), half_lives.end(), c.half_life_days) -
                                      half_lives.begin()));
      models.push_back(win_bytes(candidate, day));
    }
    StatsRequest r;
    r.kind = StatsKind::validation;
    r.as_of = day;
    r.options = options;
    r.models = std::move(models);
    r.outcomes_as_of = as_of;
    step = Step::validation;
    ask(std::move(r));
  }

  void ask_flow() {
    const FitStatistics& counts = win->counts();
    const StageTable& table = *stages;
    win_model = fitted == "stage" ? win->stage() : fitted == "markov" ? win->markov() : win->logistic(0);
    timing = CloseTiming::from_statistics(table, counts);
    StatsRequest r;
    r.kind = StatsKind::flow;
    r.as_of = as_of;
    r.options = fitted_options;
    r.piled_days = NewDealFlow::piled_days(counts);
    const ModelSpec spec = ModelRegistry::builtin().find(fitted);  // a copy: the registry is a temporary
    r.models = {model_bytes(FittedModel(spec.name, as_of, spec.description, win_model, false, timing, NewDealFlow{},
                                        0.0))};
    step = Step::flow;
    ask(std::move(r));
  }

  void receive(const PartStats& merged) {
    switch (step) {
      case Step::origins:
      case Step::fit:
        win->receive(merged);
        if (!win->done()) ask(win->request());
        else if (step == Step::origins) ask_validation();
        else ask_flow();
        return;
      case Step::validation:
        validation.merge(merged.stats);
        if (++origin < kAutoValidationMonths.size()) {
          start_origin();
          return;
        }
        choice = auto_choice_from(validation, options);
        start_fit(choice.model, choice.options);
        return;
      case Step::flow:
        flow = NewDealFlow::from_statistics(as_of, merged.stats);
        dispersion = std::min(kMaxPipelineDispersion, pipeline_dispersion_from(merged.stats));
        step = Step::done;
        return;
      case Step::done: break;
    }
    throw std::logic_error("the fit from parts is done: it expects no statistics");
  }
};

PartsFit::PartsFit(std::string_view model, Day as_of, const FitOptions& options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.model = std::string(model);
  s.as_of = as_of;
  s.options = options;
  s.request.round = 0;
  if (model == "crm") return;  // crm learns nothing from the book: its model is ready at once
  if (model == "auto") s.start_origin();
  else s.start_fit(s.model, options);
}

PartsFit::~PartsFit() = default;
PartsFit::PartsFit(const PartsFit& other) : state_(std::make_unique<State>(*other.state_)) {}
PartsFit& PartsFit::operator=(const PartsFit& other) {
  if (this != &other) state_ = std::make_unique<State>(*other.state_);
  return *this;
}
PartsFit::PartsFit(PartsFit&&) noexcept = default;
PartsFit& PartsFit::operator=(PartsFit&&) noexcept = default;

bool PartsFit::done() const { return state_->step == State::Step::done; }

const StatsRequest& PartsFit::request() const {
  if (done()) throw std::logic_error("the fit from parts is done: it has no more requests");
  return state_->request;
}

void PartsFit::receive(const PartStats& merged) {
  State& s = *state_;
  if (done()) throw std::logic_error("the fit from parts is done: it expects no statistics");
  if (merged.request != s.request_sum)
    throw std::invalid_argument("these statistics answer another request than the fit's round " +
                                std::to_string(s.request.round));
  if (merged.parts == 0) throw std::invalid_argument("statistics of no part");
  if (!s.stages) {
    s.stages = merged.stages;
    s.attributes = merged.attributes;
  } else if (!(merged.stages == *s.stages) || merged.attributes != *s.attributes) {
    throw std::invalid_argument("these statistics come from parts whose stage table differs from the first round's");
  }
  s.receive(merged);
}

FittedModel PartsFit::model() const {
  if (!done()) throw std::logic_error("the fit from parts is not done: answer its requests first");
  const State& s = *state_;
  if (s.model == "crm") {
    const ModelSpec spec = ModelRegistry::builtin().find(s.model);
    NewDealFlow none;
    none.as_of = s.as_of;
    return FittedModel(spec.name, s.as_of, spec.description, std::make_shared<const CrmWinModel>(), true,
                       CloseTiming{}, std::move(none), 0.0);
  }
  const ModelSpec spec = ModelRegistry::builtin().find(s.fitted);
  FittedModel model(spec.name, s.as_of, spec.description, s.win_model, false, s.timing, s.flow, s.dispersion);
  return s.model == "auto" ? model.renamed(s.choice.name, s.choice.description) : model;
}

PartsFit begin_parts_fit(std::string_view model, Day as_of, const FitOptions& options) {
  return PartsFit(model, as_of, options);
}

// What identifies the part (to check that a part read again is the same),
// and the last training set and logistic rows built: a fit asks about the
// same day, and the same encoding, round after round.
struct PartAnswerer::Cache {
  std::uint64_t ids = 0;  // a hash of the deals' ids, in order (the caches refer to deals by index)
  StageTable stages;
  std::vector<std::string> attributes;
  std::optional<std::pair<Day, TrainingOptions>> training_key;
  TrainingSet training;
  std::optional<std::tuple<Day, TrainingOptions, std::string>> rows_key;  // the day, the options, the encoding
  LogisticTrainingRows rows;

  explicit Cache(const Book& part)
      : ids(ids_hash(part)), stages(StageTable::of(part)), attributes(part.attributes().names) {}

  static std::uint64_t ids_hash(const Book& part) {
    std::uint64_t h = part.size();
    for (std::uint32_t i = 0; i < part.ids().size(); ++i) h = deal_hash(part.ids()[i]) ^ (h * 0x9e3779b97f4a7c15ULL);
    return h;
  }
};

PartAnswerer::PartAnswerer(std::shared_ptr<const Book> part) : part_(std::move(part)) {
  if (!part_) throw std::invalid_argument("a part answerer needs a part");
  cache_ = std::make_unique<Cache>(*part_);
}

PartAnswerer PartAnswerer::reading(std::function<std::shared_ptr<const Book>()> read) {
  if (!read) throw std::invalid_argument("a part answerer needs a way to read its part");
  PartAnswerer answerer;
  answerer.read_ = std::move(read);
  const std::shared_ptr<const Book> first = answerer.read_();
  if (!first) throw std::invalid_argument("reading the part gave no book");
  answerer.cache_ = std::make_unique<Cache>(*first);
  return answerer;
}

PartAnswerer::~PartAnswerer() = default;
PartAnswerer::PartAnswerer(PartAnswerer&&) noexcept = default;
PartAnswerer& PartAnswerer::operator=(PartAnswerer&&) noexcept = default;

std::shared_ptr<const Book> PartAnswerer::part() const {
  if (part_) return part_;
  std::shared_ptr<const Book> read = read_();
  const Cache& cache = *cache_;
  if (!read || Cache::ids_hash(*read) != cache.ids || !(StageTable::of(*read) == cache.stages) ||
      read->attributes().names != cache.attributes)
    throw PartChangedError("the part changed while it was being answered for (its deals, stages or attribute "
                             "columns are not those it had): a fit from parts needs its parts to stay as they are");
  return read;
}

PartStats PartAnswerer::answer(const StatsRequest& request) {
  Cache& cache = *cache_;
  // Read (when it is read) on first use and let go at the end of the answer:
  // a Newton pass over rows already built reads no deal.
  std::shared_ptr<const Book> held;
  const auto book = [&]() -> const Book& {
    if (!held) held = part();
    return *held;
  };
  const auto training = [&]() -> const TrainingSet& {
    const std::pair<Day, TrainingOptions> key{request.as_of, request.options.training};
    if (cache.training_key != key) {
      cache.training_key.reset();  // until the new one is whole
      cache.training = build_training_set(book(), request.as_of, request.options.training);
      cache.training_key = key;
    }
    return cache.training;
  };
  const auto rows = [&]() -> const LogisticTrainingRows& {
    if (request.models.empty()) throw std::invalid_argument("a request without the logistic encoding it needs");
    std::tuple<Day, TrainingOptions, std::string> key{request.as_of, request.options.training, request.models.front()};
    if (cache.rows_key != key) {
      cache.rows_key.reset();
      cache.rows = logistic_training_rows(encoding_of(request), book(), training());
      cache.rows_key = std::move(key);
    }
    return cache.rows;
  };
  PartStats out;
  out.request = checksum_of(request);
  out.parts = 1;
  out.stages = cache.stages;
  out.attributes = cache.attributes;
  switch (request.kind) {
    case StatsKind::counts: {
      const bool reads_training =
          (request.wants & (StatsWants::stage | StatsWants::logistic | StatsWants::timing)) != 0;
      const TrainingSet none{request.as_of, {}, {}, {}, {}};
      answer_counts(book(), request, reads_training ? training() : none, out.stats);
      break;
    }
    case StatsKind::design: add_logistic_design_statistics(rows(), out.stats); break;
    case StatsKind::newton: {
      const LogisticTrainingRows& r = rows();
      add_logistic_pass_statistics(r, logistic_row_weights(r, request.as_of, request.options.half_life_days),
                                   request.pass, out.stats);
      break;
    }
    case StatsKind::flow: answer_flow(book(), request, training(), out.stats); break;
    case StatsKind::validation: answer_validation(book(), request, out.stats); break;
    default: throw std::invalid_argument("a request of a kind no fit makes");
  }
  // A part that is read keeps between rounds only what Newton's passes use
  // (the rows): the snapshots are built again by the rounds that read the
  // deals, which are the only ones that need them.
  if (!part_) {
    cache.training_key.reset();
    cache.training = TrainingSet{};
  }
  return out;
}

PartStats answer_request(const Book& part, const StatsRequest& request) {
  // Not owned: the answerer lives only for this call.
  return PartAnswerer(std::shared_ptr<const Book>(&part, [](const Book*) {})).answer(request);
}

PartStats merge_part_stats(const PartStats& a, const PartStats& b) { return merge_part_stats(PartStats(a), b); }

PartStats merge_part_stats(PartStats&& a, const PartStats& b) {
  if (a.request != b.request) throw std::invalid_argument("statistics that answer different requests cannot be merged");
  if (!(a.stages == b.stages) || a.attributes != b.attributes)
    throw std::invalid_argument("statistics of parts whose stage tables or attribute columns differ cannot be "
                                "merged: the parts do not come from one book");
  if (b.parts > std::numeric_limits<std::uint64_t>::max() - a.parts)
    throw std::overflow_error("statistics of too many parts");
  PartStats out = std::move(a);
  out.parts += b.parts;
  out.stats.merge(b.stats);
  return out;
}

}  // namespace pipecast
