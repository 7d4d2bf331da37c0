#include "pipecast/analytics/activity_effects.hpp"

#include "analytics/activity_patterns.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace pipecast {
namespace {

// A stay in an open stage that ended forward or lost by T.
struct EndedStay {
  bool advanced = false;
  int window = 0;           // days of window; 0: none
  std::vector<Code> types;  // the window's activities, in order
  double final_silence = 0;
};

// What one stage gathers in the pass over the deals.
struct StageStays {
  std::vector<EndedStay> ended;
  std::vector<std::vector<Code>> open;  // each open stay's activities of its last window_days days
};

using activity_patterns::Key;
using activity_patterns::occurrences;
using activity_patterns::pattern_key;

// One side's sums for a ratio estimator of occurrences per day, deal by deal.
struct RateSums {
  std::size_t deals = 0, with = 0;
  double count = 0, exposure = 0, count2 = 0, count_exposure = 0, exposure2 = 0;
  void add(double c, double e) {
    ++deals;
    with += c > 0 ? 1 : 0;
    count += c;
    exposure += e;
    count2 += c * c;
    count_exposure += c * e;
    exposure2 += e * e;
  }
  double rate() const { return exposure > 0 ? count / exposure : kNaN; }
  // The delta-method variance of log(rate()): sum (c - R e)^2 / (sum c)^2,
  // with the small-sample factor n / (n - 1).
  double log_variance() const {
    if (deals < 2 || count <= 0) return kNaN;
    const double r = rate();
    const double residual = count2 - 2 * r * count_exposure + r * r * exposure2;
    const double n = static_cast<double>(deals);
    return std::max(residual, 0.0) / (count * count) * n / (n - 1);
  }
};

std::string key_text(const Key& key, const Dictionary& types) {
  std::string out;
  for (const Code c : key) out += (out.empty() ? "" : " > ") + types[c];
  return out;
}

std::string direction(double effect, double neutral) {
  if (std::isnan(effect) || effect == neutral) return "";
  return effect > neutral ? "advancing" : "losing";
}

ActivityComparison rate_comparison(const ActivityStage& stage, const Key& key, const Dictionary& types,
                                   const RateSums& advanced, const RateSums& lost) {
  ActivityComparison c;
  c.pipeline = stage.pipeline;
  c.stage = stage.stage;
  c.measure = key.size() == 1 ? ActivityMeasure::type : ActivityMeasure::sequence;
  c.pattern = key_text(key, types);
  c.steps = key.size();
  c.advanced = advanced.deals;
  c.lost = lost.deals;
  c.advanced_with = advanced.with;
  c.lost_with = lost.with;
  c.advanced_value = advanced.rate() * 7;
  c.lost_value = lost.rate() * 7;
  if (advanced.count > 0 && lost.count > 0) {
    const double log_ratio = std::log(advanced.rate() / lost.rate());
    const double se = std::sqrt(advanced.log_variance() + lost.log_variance());
    c.effect = std::exp(log_ratio);
    if (se > 0) {
      c.effect_interval = {std::exp(log_ratio - kZ95 * se), std::exp(log_ratio + kZ95 * se)};
      c.p_value = two_sided_p_value(log_ratio / se);
    }
  }
  c.associated_with = direction(c.effect, 1.0);
  return c;
}

// P(a > b) + P(a = b) / 2 for a drawn from `a` and b from `b`, by ranks.
double superiority(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<std::pair<double, bool>> all;
  for (const double v : a) all.emplace_back(v, true);
  for (const double v : b) all.emplace_back(v, false);
  std::sort(all.begin(), all.end());
  double rank_sum = 0;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    const double mid_rank = (static_cast<double>(i + j) + 1) / 2;  // ranks i+1..j, averaged
    for (std::size_t t = i; t < j; ++t)
      if (all[t].second) rank_sum += mid_rank;
    i = j;
  }
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  return (rank_sum - na * (na + 1) / 2) / (na * nb);
}

ActivityComparison gap_comparison(const ActivityStage& stage, std::string pattern, std::vector<double> advanced,
                                  std::vector<double> lost, double long_gap) {
  ActivityComparison c;
  c.pipeline = stage.pipeline;
  c.stage = stage.stage;
  c.measure = ActivityMeasure::gap;
  c.pattern = std::move(pattern);
  c.advanced = advanced.size();
  c.lost = lost.size();
  const auto longer = [&](const std::vector<double>& v) {
    return static_cast<std::size_t>(std::count_if(v.begin(), v.end(), [&](double g) { return g >= long_gap; }));
  };
  c.advanced_with = longer(advanced);
  c.lost_with = longer(lost);
  const double a = superiority(advanced, lost);
  const double na = static_cast<double>(advanced.size()), nb = static_cast<double>(lost.size());
  // Hanley and McNeil's variance of the area, for the interval.
  const double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
  const double variance = (a * (1 - a) + (na - 1) * (q1 - a * a) + (nb - 1) * (q2 - a * a)) / (na * nb);
  const double half = kZ95 * std::sqrt(std::max(variance, 0.0));
  c.effect = a;
  c.effect_interval = {std::max(0.0, a - half), std::min(1.0, a + half)};
  const double null_se = std::sqrt((na + nb + 1) / (12 * na * nb));
  c.p_value = two_sided_p_value((a - 0.5) / null_se);
  c.advanced_value = quantile(advanced, 0.5);
  c.lost_value = quantile(lost, 0.5);
  c.associated_with = direction(a, 0.5);
  return c;
}

// The comparisons of one stage, appended to `out`: gaps, types, sequences.
void compare_stage(const ActivityStage& stage, const StageStays& stays, const Dictionary& types,
                   const ActivityEffectOptions& options, std::vector<ActivityComparison>& out) {
  std::vector<double> advanced_silence, lost_silence;
  for (const EndedStay& s : stays.ended) (s.advanced ? advanced_silence : lost_silence).push_back(s.final_silence);
  if (advanced_silence.size() >= options.min_deals && lost_silence.size() >= options.min_deals)
    out.push_back(gap_comparison(stage, "final silence", std::move(advanced_silence), std::move(lost_silence),
                                 options.window_days));
  // Every pattern of one to three steps seen in a window, with each side's sums.
  std::map<Key, std::pair<RateSums, RateSums>> patterns;
  std::size_t advanced_windows = 0, lost_windows = 0;
  for (const EndedStay& s : stays.ended) {
    if (s.window == 0) continue;
    ++(s.advanced ? advanced_windows : lost_windows);
    for (std::size_t steps = 1; steps <= 3; ++steps)
      for (std::size_t i = 0; i + steps <= s.types.size(); ++i)
        patterns.try_emplace(Key(s.types.begin() + static_cast<std::ptrdiff_t>(i),
                                 s.types.begin() + static_cast<std::ptrdiff_t>(i + steps)));
  }
  if (advanced_windows < options.min_deals || lost_windows < options.min_deals) return;
  for (auto& [key, sums] : patterns)
    for (const EndedStay& s : stays.ended)
      if (s.window > 0)
        (s.advanced ? sums.first : sums.second)
            .add(static_cast<double>(occurrences(s.types, key)), static_cast<double>(s.window));
  std::vector<std::pair<Key, const std::pair<RateSums, RateSums>*>> listed;
  for (const auto& [key, sums] : patterns)
    if (sums.first.with + sums.second.with >= options.min_support) listed.emplace_back(key, &sums);
  // Types, then sequences of two, then of three; each in alphabetical order.
  std::vector<ActivityComparison> made;
  for (const auto& [key, sums] : listed) made.push_back(rate_comparison(stage, key, types, sums->first, sums->second));
  std::stable_sort(made.begin(), made.end(), [](const ActivityComparison& a, const ActivityComparison& b) {
    return a.steps != b.steps ? a.steps < b.steps : a.pattern < b.pattern;
  });
  out.insert(out.end(), made.begin(), made.end());
}

// The playbook of `stage` from its flagged comparisons, and the open deals off it.
void choose_playbook(ActivityStage& stage, const std::vector<ActivityComparison>& comparisons,
                     const StageStays& stays, const Dictionary& types) {
  const ActivityComparison* best = nullptr;
  for (const ActivityComparison& c : comparisons)
    if (c.measure != ActivityMeasure::gap && c.flagged && c.associated_with == "advancing" &&
        (best == nullptr || c.effect_interval.low > best->effect_interval.low))
      best = &c;
  if (best == nullptr) return;
  stage.playbook = best->pattern;
  stage.playbook_measure = best->measure;
  stage.playbook_effect = best->effect;
  stage.playbook_q_value = best->q_value;
  const Key key = pattern_key(best->pattern, types);
  for (const auto& recent : stays.open) stage.open_off_playbook += occurrences(recent, key) == 0 ? 1 : 0;
}

}  // namespace

std::string_view to_string(ActivityMeasure measure) {
  switch (measure) {
    case ActivityMeasure::type: return "type";
    case ActivityMeasure::sequence: return "sequence";
    case ActivityMeasure::gap: return "gap";
  }
  return "";
}

std::size_t ActivityEffects::flagged() const {
  return static_cast<std::size_t>(
      std::count_if(comparisons.begin(), comparisons.end(), [](const ActivityComparison& c) { return c.flagged; }));
}

ActivityEffects activity_effects(const Scope& scope, const ActivityEffectOptions& options) {
  if (options.window_days < 1) throw std::invalid_argument("activity effects: window_days must be at least 1");
  if (!(options.fdr > 0 && options.fdr < 1))
    throw std::invalid_argument("activity effects: fdr must lie strictly between 0 and 1");
  const Book& book = scope.book();
  const AsOfView& view = scope.view();
  const Activities& activities = book.activities();
  const auto day = activities.date_column();
  const auto type = activities.type_column();
  const Day t = scope.as_of();
  ActivityEffects result;
  result.as_of = t;
  result.options = options;

  // Each open stage of each pipeline in scope, and where it is listed.
  std::vector<std::ptrdiff_t> slot(book.stages().size(), -1);
  for (PipelineId p = 0; p < book.pipelines().size(); ++p) {
    if (!scope.includes_pipeline(p)) continue;
    for (const StageId s : book.pipelines()[p].stages) {
      if (book.stages()[s].is_closed()) continue;
      slot[s] = static_cast<std::ptrdiff_t>(result.stages.size());
      ActivityStage& stage = result.stages.emplace_back();
      stage.pipeline = book.pipelines()[p].name;
      stage.stage = book.stages()[s].name;
    }
  }
  std::vector<StageStays> gathered(result.stages.size());

  std::vector<StageVisit> visits;
  std::vector<Day> active;  // a stay's active days, ascending, each once
  for (const std::size_t k : scope.deals()) {
    const std::uint32_t begin = activities.deal_begin(view.deal(k)), end = view.activity_end(k);
    result.activities += end - begin;
    visits.clear();
    scope.for_each_visit(k, [&](const StageVisit& v) { visits.push_back(v); });
    for (std::size_t v = 0; v < visits.size(); ++v) {
      const StageVisit& stay = visits[v];
      if (slot[stay.stage] < 0) continue;
      ActivityStage& stage = result.stages[static_cast<std::size_t>(slot[stay.stage])];
      StageStays& stays = gathered[static_cast<std::size_t>(slot[stay.stage])];
      if (stay.current) {
        ++stage.open;
        auto& recent = stays.open.emplace_back();
        const Day from = std::max(stay.entered, t - options.window_days + 1);
        for (auto r = begin; r < end; ++r)
          if (day[r] >= from && day[r] <= t) recent.push_back(type[r]);
        continue;
      }
      const Stage& next = book.stages()[visits[v + 1].stage];
      const bool lost = next.kind == StageKind::lost;
      const bool advanced = next.kind == StageKind::won ||
                            (next.kind == StageKind::open && next.order > book.stages()[stay.stage].order);
      if (!lost && !advanced) continue;  // a step back
      ++(advanced ? stage.advanced : stage.lost);
      EndedStay s;
      s.advanced = advanced;
      active.clear();
      for (auto r = begin; r < end; ++r)
        if (day[r] >= stay.entered && day[r] < stay.left && (active.empty() || active.back() != day[r]))
          active.push_back(day[r]);
      s.final_silence = static_cast<double>(stay.left - (active.empty() ? stay.entered : active.back()));
      if (!active.empty()) {
        const Day last = active.back();
        const Day from = std::max(stay.entered, last - options.window_days);
        s.window = static_cast<int>(last - from);
        for (auto r = begin; r < end; ++r)
          if (day[r] >= from && day[r] < last) s.types.push_back(type[r]);
      }
      if (s.window == 0) ++stage.without_window;
      stays.ended.push_back(std::move(s));
    }
  }

  for (std::size_t s = 0; s < result.stages.size(); ++s)
    compare_stage(result.stages[s], gathered[s], activities.types(), options, result.comparisons);
  std::vector<double> p;
  for (const ActivityComparison& c : result.comparisons) p.push_back(c.p_value);
  const std::vector<double> q = benjamini_hochberg(p);
  for (std::size_t i = 0; i < q.size(); ++i) {
    result.comparisons[i].q_value = q[i];
    result.comparisons[i].flagged = q[i] < options.fdr;
  }
  for (std::size_t s = 0; s < result.stages.size(); ++s) {
    std::vector<ActivityComparison> own;
    for (const ActivityComparison& c : result.comparisons)
      if (c.pipeline == result.stages[s].pipeline && c.stage == result.stages[s].stage) own.push_back(c);
    choose_playbook(result.stages[s], own, gathered[s], activities.types());
  }
  return result;
}

}  // namespace pipecast
