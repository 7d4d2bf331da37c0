// SynthTruth: the generator's parameters, and the exact win probabilities they
// imply.
#include "pipecast/synth/synthetic_book.hpp"

#include "synth/activity_likelihood.hpp"
#include "synth/model.hpp"

#include <algorithm>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

#include "synth/random.hpp"  // last: its pragmas apply to the code below

namespace pipecast {
namespace synth {
namespace {

SynthOpenStage open_stage(const StageSpec& spec, StageId id) {
  SynthOpenStage s;
  s.stage = id;
  s.lose_logit = spec.lose_logit;
  s.regress = spec.regress;
  s.skip = spec.skip;
  // The last open stage's forward move is the win: same scale, same shape.
  s.dwell[static_cast<std::size_t>(SynthEvent::advance)] = {spec.forward_days, kForwardShape};
  s.dwell[static_cast<std::size_t>(SynthEvent::win)] = {spec.forward_days, kForwardShape};
  s.dwell[static_cast<std::size_t>(SynthEvent::regress)] = {spec.regress_days, kRegressShape};
  s.dwell[static_cast<std::size_t>(SynthEvent::lose)] = {spec.lose_days, kLoseShape};
  return s;
}

void add_pipelines(SynthRegime& truth) {
  StageId next = 0;
  for (std::size_t p = 0; p < kPipelines.size(); ++p) {
    const PipelineSpec& spec = kPipelines[p];
    SynthPipeline pipeline;
    pipeline.pipeline = static_cast<PipelineId>(p);
    pipeline.name = std::string(spec.name);
    pipeline.share = spec.share;
    for (std::size_t k = 0; k < spec.stage_count; ++k, ++next) {
      const StageSpec& stage = spec.stages[k];
      if (stage.kind == StageKind::open) pipeline.open.push_back(open_stage(stage, next));
      if (stage.kind == StageKind::won) pipeline.won = next;
      if (stage.kind == StageKind::lost) pipeline.lost = next;
    }
    // Moves that would leave the open stages are impossible, whatever the table says.
    auto& open = pipeline.open;
    for (std::size_t k = 0; k < open.size(); ++k) {
      if (k == 0) open[k].regress = 0.0;
      if (k + 2 >= open.size()) open[k].skip = 0.0;
    }
    truth.pipelines.push_back(std::move(pipeline));
  }
}

void add_effects(SynthRegime& truth) {
  for (const auto& s : kSegments)
    truth.segments.push_back({std::string(s.name), s.effect, s.pace, s.share});
  for (const auto& p : kProducts) truth.products.push_back({std::string(p.name), p.effect});
  for (const auto& s : kSources) truth.sources.push_back({std::string(s.name), s.effect});
  for (const auto& o : kOwners) truth.owners.push_back({std::string(o.name), o.effect});
}

// ln(a + b) from ln a and ln b, without overflow or underflow.
double log_add(double la, double lb) {
  const double hi = std::max(la, lb), lo = std::min(la, lb);
  if (lo == -std::numeric_limits<double>::infinity()) return hi;
  return hi + synth::log(1.0 + synth::exp(lo - hi));
}

struct Located {
  const SynthPipeline* pipeline = nullptr;
  std::size_t open = 0;
};

Located locate(const std::vector<SynthPipeline>& pipelines, StageId stage) {
  for (const auto& p : pipelines)
    for (std::size_t k = 0; k < p.open.size(); ++k)
      if (p.open[k].stage == stage) return {&p, k};
  return {};
}

// ln of the win event's survival at `as_of`, slip included: a win drawn for a
// day c in [as_of's quarter end - window, as_of] slipped to the quarter end
// with probability `slip`, so the deal is still here at as_of.
double log_win_survival(const SynthTruth& truth, const SynthDwell& dwell, int days, double pace,
                        Day as_of) {
  const double stay = log_survival(dwell, days, pace);
  if (as_of == kNoDay || truth.quarter_end_slip <= 0.0) return stay;
  const Day q = quarter_end(as_of);
  const Day entered = as_of - days;
  const Day first = std::max<Day>(entered + 1, q - truth.quarter_end_window);
  if (as_of >= q || first > as_of) return stay;
  const double before_window = log_survival(dwell, first - entered - 1, pace);
  if (truth.quarter_end_slip >= 1.0) return before_window;
  return log_add(synth::log(1.0 - truth.quarter_end_slip) + stay,
                 synth::log(truth.quarter_end_slip) + before_window);
}

struct Branch {
  double probability;  // of this next event
  double log_stay;     // ln P(not happened yet | this event)
  double win;          // P(won eventually) once it has happened
};

// Bayes over the next event, given that none has happened yet.
double posterior_win(std::span<const Branch> branches) {
  double top = -std::numeric_limits<double>::infinity();
  for (const auto& b : branches)
    if (b.probability > 0) top = std::max(top, b.log_stay);
  double total = 0.0, won = 0.0;
  for (const auto& b : branches) {
    if (b.probability <= 0) continue;
    const double weight = b.probability * synth::exp(b.log_stay - top);
    total += weight;
    won += weight * b.win;
  }
  return won / total;
}

// A deal's stay as the truth sees it: where the deal is, and the events that
// can end the stay, each weighed by the survival of its dwell time.
struct StayBranches {
  const SynthPipeline* pipeline = nullptr;
  std::size_t k = 0;  // in pipeline->open
  double pace = 1.0;
  std::array<Branch, kSynthEvents> branches{};  // by SynthEvent
  bool open = true;
  double closed_win = 0.0;  // when !open: 1 won, 0 lost
};

StayBranches stay_branches(const SynthTruth& truth, const Book& book, DealIndex deal, StageId stage,
                           int days_in_stage, Day as_of) {
  if (deal >= book.size() || deal >= truth.quality.size())
    throw std::invalid_argument("deal " + std::to_string(deal) + " is not in the book");
  if (stage >= book.stages().size() || book.stages()[stage].pipeline != book.pipeline_column()[deal])
    throw std::invalid_argument("stage " + std::to_string(stage) + " is not in the deal's pipeline");
  if (days_in_stage < 0) throw std::invalid_argument("days_in_stage is negative");
  StayBranches out;
  const StageKind kind = book.stages()[stage].kind;
  if (kind != StageKind::open) {
    out.open = false;
    out.closed_win = kind == StageKind::won ? 1.0 : 0.0;
    return out;
  }
  const SynthRegime& own = truth.parameters_of(deal);
  const auto [pipeline, k] = locate(own.pipelines, stage);
  if (!pipeline) throw std::invalid_argument("stage " + std::to_string(stage) + " is not in the truth");
  out.pipeline = pipeline;
  out.k = k;

  const double q = truth.quality[deal];
  out.pace = own.segments[truth.segment[deal]].pace;
  const auto w = absorbing_win(*pipeline, q);
  const bool last = k + 1 == pipeline->open.size();
  const SynthTransition t = transition(pipeline->open[k], last, q);
  const auto& dwell = pipeline->open[k].dwell;
  auto log_stay = [&](SynthEvent e) {
    return log_survival(dwell[static_cast<std::size_t>(e)], days_in_stage, out.pace);
  };

  // Each possible next event: P(event) * P(not happened within days_in_stage),
  // and the win probability once it has happened.
  const double forward = t.advance + t.skip;
  out.branches[static_cast<std::size_t>(SynthEvent::advance)] = {
      forward, log_stay(SynthEvent::advance),
      last ? 0.0 : (t.advance * w[k + 1] + (t.skip > 0 ? t.skip * w[k + 2] : 0.0)) / forward};
  out.branches[static_cast<std::size_t>(SynthEvent::regress)] = {t.regress, log_stay(SynthEvent::regress),
                                                                 k > 0 ? w[k - 1] : 0.0};
  out.branches[static_cast<std::size_t>(SynthEvent::lose)] = {t.lose, log_stay(SynthEvent::lose), 0.0};
  out.branches[static_cast<std::size_t>(SynthEvent::win)] = {
      t.win,
      log_win_survival(truth, dwell[static_cast<std::size_t>(SynthEvent::win)], days_in_stage, out.pace, as_of),
      1.0};
  return out;
}

}  // namespace

void add_reference(SynthRegime& regime) {
  for (const auto& pipeline : regime.pipelines) {
    const auto win = absorbing_win(pipeline, 0.0);
    for (std::size_t k = 0; k < pipeline.open.size(); ++k)
      regime.reference.push_back({pipeline.open[k].stage,
                                transition(pipeline.open[k], k + 1 == pipeline.open.size(), 0.0),
                                win[k]});
  }
}

SynthTruth make_truth() {
  SynthTruth truth;
  add_pipelines(truth);
  add_effects(truth);
  truth.quality_noise = kQualityNoise;
  truth.creation.by_month = {0.90, 1.00, 1.10, 1.00, 1.00, 1.05, 0.85, 0.75, 1.10, 1.15, 1.05, 0.80};
  truth.creation.weekend = 0.15;
  truth.creation.growth = 0.15;
  truth.quarter_end_window = kQuarterEndWindow;
  truth.quarter_end_slip = kQuarterEndSlip;
  add_reference(truth);
  return truth;
}

SynthTransition transition(const SynthOpenStage& stage, bool last, double quality) {
  SynthTransition t;
  t.lose = logistic(stage.lose_logit - quality);
  const double kept = 1.0 - t.lose;
  t.regress = kept * stage.regress;
  const double forward = kept - t.regress;
  if (last) {
    t.win = forward;
  } else {
    t.skip = forward * stage.skip;
    t.advance = forward - t.skip;
  }
  return t;
}

std::array<double, kMaxOpenStages> absorbing_win(const SynthPipeline& pipeline, double quality) {
  // Solve (I - Q) w = r_win.  Every row of I - Q is strictly diagonally
  // dominant (a deal can always be lost), so elimination needs no pivoting.
  const std::size_t n = pipeline.open.size();
  std::array<std::array<double, kMaxOpenStages>, kMaxOpenStages> a{};
  std::array<double, kMaxOpenStages> w{};
  for (std::size_t k = 0; k < n; ++k) {
    const SynthTransition t = transition(pipeline.open[k], k + 1 == n, quality);
    a[k][k] = 1.0;
    if (k + 1 < n) a[k][k + 1] -= t.advance;
    if (k + 2 < n) a[k][k + 2] -= t.skip;
    if (k > 0) a[k][k - 1] -= t.regress;
    w[k] = t.win;
  }
  for (std::size_t col = 0; col < n; ++col)
    for (std::size_t row = col + 1; row < n; ++row) {
      const double f = a[row][col] / a[col][col];
      if (f == 0.0) continue;
      for (std::size_t j = col; j < n; ++j) a[row][j] -= f * a[col][j];
      w[row] -= f * w[col];
    }
  for (std::size_t k = n; k-- > 0;) {
    double sum = w[k];
    for (std::size_t j = k + 1; j < n; ++j) sum -= a[k][j] * w[j];
    w[k] = sum / a[k][k];
  }
  return w;
}

double log_survival(const SynthDwell& dwell, double days, double pace) {
  if (days <= 0.0) return 0.0;
  return -synth::exp(dwell.shape * synth::log(days / (dwell.scale * pace)));
}

Day month_end(Day day) { return to_day(to_date(day).end_of_month()); }

Day quarter_end(Day day) {
  const auto date = to_date(day);
  const unsigned month = (static_cast<unsigned>(date.month()) - 1) / 3 * 3 + 3;
  return month_end(to_day(static_cast<int>(date.year()), month, 1));
}

}  // namespace synth

double SynthDwell::survival(double days, double pace) const {
  return synth::exp(synth::log_survival(*this, days, pace));
}

SynthTransition SynthRegime::transition(StageId stage, double q) const {
  const auto [pipeline, k] = synth::locate(pipelines, stage);
  if (!pipeline) throw std::invalid_argument("stage " + std::to_string(stage) + " is not an open stage");
  return synth::transition(pipeline->open[k], k + 1 == pipeline->open.size(), q);
}

std::vector<double> SynthRegime::absorbing_win(PipelineId pipeline, double q) const {
  if (pipeline >= pipelines.size())
    throw std::invalid_argument("pipeline " + std::to_string(pipeline) + " is not in the truth");
  const auto& p = pipelines[pipeline];
  const auto w = synth::absorbing_win(p, q);
  return {w.begin(), w.begin() + static_cast<std::ptrdiff_t>(p.open.size())};
}

const SynthRegime& SynthTruth::parameters(std::uint8_t index) const {
  if (index == kSynthFirstRegime) return *this;
  if (index == kSynthChangedRegime && regime_change != kNoDay) return changed;
  throw std::invalid_argument("regime " + std::to_string(index) + " is not in the truth");
}

const SynthRegime& SynthTruth::parameters_of(DealIndex deal) const {
  if (deal >= regime.size())
    throw std::invalid_argument("deal " + std::to_string(deal) + " is not in the truth");
  return parameters(regime[deal]);
}

double SynthTruth::win_probability(const Book& book, DealIndex deal, StageId stage,
                                   int days_in_stage, Day as_of) const {
  const synth::StayBranches stay = synth::stay_branches(*this, book, deal, stage, days_in_stage, as_of);
  if (!stay.open) return stay.closed_win;
  return synth::posterior_win(stay.branches);
}

double SynthTruth::win_probability_given_activities(const Book& book, DealIndex deal, StageId stage,
                                                    int days_in_stage, Day as_of) const {
  if (as_of == kNoDay) throw std::invalid_argument("as_of is blank");
  synth::StayBranches stay = synth::stay_branches(*this, book, deal, stage, days_in_stage, as_of);
  if (!stay.open) return stay.closed_win;
  if (activities.types.empty()) return synth::posterior_win(stay.branches);
  const synth::StayActivities logged(*this, book, deal, as_of - days_in_stage, as_of, stay.pace);
  const auto& dwell = stay.pipeline->open[stay.k].dwell;
  for (std::size_t e = 0; e < kSynthEvents; ++e) {
    synth::Branch& branch = stay.branches[e];
    if (branch.probability <= 0) continue;
    branch.log_stay +=
        synth::log_expected_ratio(*this, logged, static_cast<SynthEvent>(e), dwell[e], stay.pace, branch.log_stay);
  }
  return synth::posterior_win(stay.branches);
}

}  // namespace pipecast
