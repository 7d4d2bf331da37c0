#include "pipecast/analytics/worklist.hpp"

#include "analytics/activity_patterns.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace pipecast {
namespace {

// What a stage's playbook offers a deal off it.
struct StagePlaybook {
  const ActivityStage* stage = nullptr;
  const ActivityComparison* comparison = nullptr;  // the playbook's; null when none
  activity_patterns::Key key;
  double lift = kNaN;
};

std::string two_decimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// p1 - p0 with the odds of advancing multiplied by the interval's low end.
double conservative_lift(const ActivityStage& stage, const ActivityComparison& c) {
  const std::size_t ended = stage.advanced + stage.lost;
  if (ended == 0 || std::isnan(c.effect_interval.low)) return kNaN;
  const double p0 = static_cast<double>(stage.advanced) / static_cast<double>(ended);
  const double low = std::max(1.0, c.effect_interval.low);
  return p0 * low / (1 - p0 + p0 * low) - p0;
}

std::map<std::string, StagePlaybook> playbooks(const ActivityEffects& effects, const Dictionary& types) {
  std::map<std::string, StagePlaybook> out;  // by pipeline + '\n' + stage
  for (const ActivityStage& s : effects.stages) {
    StagePlaybook& p = out[s.pipeline + '\n' + s.stage];
    p.stage = &s;
    if (s.playbook.empty()) continue;
    for (const ActivityComparison& c : effects.comparisons)
      if (c.pipeline == s.pipeline && c.stage == s.stage && c.pattern == s.playbook) p.comparison = &c;
    if (p.comparison == nullptr) continue;
    p.key = activity_patterns::pattern_key(s.playbook, types);
    p.lift = conservative_lift(s, *p.comparison);
  }
  return out;
}

std::string days_text(int days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::string silence_text(const WorklistRow& row) {
  if (!row.any_activity) return "no activity in the " + days_text(row.days_silent) + " since it was created";
  return days_text(row.days_silent) + " since the last activity";
}

std::string reason(const WorklistRow& row, int window_days) {
  const std::string window = days_text(window_days);
  switch (row.step) {
    case WorklistStep::playbook:
      return "no " + row.pattern + " in the last " + window + "; deals that advanced from " + row.stage +
             " logged " + row.pattern + " " + two_decimals(row.rate_ratio) + "x as often as deals lost there (95% CI " +
             two_decimals(row.rate_ratio_low) + "-" + two_decimals(row.rate_ratio_high) + ")";
    case WorklistStep::on_playbook:
      return "on the playbook (" + row.pattern + " in the last " + window + "); " + silence_text(row);
    case WorklistStep::no_playbook: break;
  }
  return "no pattern flagged for " + row.stage + "; " + silence_text(row);
}

// Deals with a value first, by value; then the fallback (silence).
bool ranks_before(const WorklistRow& a, const WorklistRow& b) {
  const bool a_valued = !std::isnan(a.value) && a.lift > 0, b_valued = !std::isnan(b.value) && b.lift > 0;
  if (a_valued != b_valued) return a_valued;
  if (a_valued && a.value != b.value) return a.value > b.value;
  if (!a_valued && a.days_silent != b.days_silent) return a.days_silent > b.days_silent;
  const double ea = std::isnan(a.win_probability) ? -1 : a.win_probability * a.amount;
  const double eb = std::isnan(b.win_probability) ? -1 : b.win_probability * b.amount;
  if (ea != eb) return ea > eb;
  return a.deal < b.deal;
}

}  // namespace

std::string_view to_string(WorklistStep step) {
  switch (step) {
    case WorklistStep::playbook: return "playbook";
    case WorklistStep::on_playbook: return "on_playbook";
    case WorklistStep::no_playbook: return "no_playbook";
  }
  return "";
}

Worklist worklist(const Scope& scope, const ActivityEffects& effects, DealChances chances,
                  const WorklistOptions& options) {
  if (effects.as_of != scope.as_of())
    throw std::invalid_argument("worklist: what worked is as of " + format_day(effects.as_of) +
                                ", the scope as of " + format_day(scope.as_of()));
  if (chances.deal.size() != chances.win_probability.size())
    throw std::invalid_argument("worklist: " + std::to_string(chances.deal.size()) + " deals but " +
                                std::to_string(chances.win_probability.size()) + " win probabilities");
  const Book& book = scope.book();
  const AsOfView& view = scope.view();
  const Activities& activities = book.activities();
  const auto day = activities.date_column();
  const auto type = activities.type_column();
  const Day t = scope.as_of();
  const int window = effects.options.window_days;
  const auto stage_playbooks = playbooks(effects, activities.types());
  std::vector<double> probability(book.size(), kNaN);
  for (std::size_t i = 0; i < chances.deal.size(); ++i)
    if (chances.deal[i] < book.size()) probability[chances.deal[i]] = chances.win_probability[i];

  Worklist result;
  result.as_of = t;
  result.options = options;
  result.window_days = window;
  std::map<std::string, std::vector<WorklistRow>> by_owner;
  for (const std::size_t k : scope.deals()) {
    if (scope.state(k) != StageKind::open) continue;
    const DealIndex i = view.deal(k);
    const Stage& stage = view.stage_info(k);
    const auto found = stage_playbooks.find(book.pipelines()[stage.pipeline].name + '\n' + stage.name);
    if (found == stage_playbooks.end()) continue;  // not an open stage of what worked (never in practice)
    const StagePlaybook& p = found->second;
    WorklistRow row;
    row.owner = std::string(book.opportunity(i).owner());
    row.deal = std::string(book.ids()[i]);
    row.pipeline = p.stage->pipeline;
    row.stage = p.stage->stage;
    row.amount = scope.amount(k);
    row.win_probability = probability[i];
    row.pattern = p.stage->playbook;
    const std::size_t ended = p.stage->advanced + p.stage->lost;
    if (ended > 0) row.advance_rate = static_cast<double>(p.stage->advanced) / static_cast<double>(ended);
    const std::uint32_t begin = activities.deal_begin(i), end = view.activity_end(k);
    row.any_activity = end > begin;
    row.days_silent = static_cast<int>(t - (row.any_activity ? day[end - 1] : scope.created(k)));
    if (p.comparison != nullptr) {
      row.rate_ratio = p.comparison->effect;
      row.rate_ratio_low = p.comparison->effect_interval.low;
      row.rate_ratio_high = p.comparison->effect_interval.high;
      // The stay's last window_days days up to T, as what worked counts "off".
      Day entered = t;
      scope.for_each_visit(k, [&](const StageVisit& v) { entered = v.entered; });
      const Day from = std::max(entered, t - window + 1);
      std::vector<Code> recent;
      for (auto r = begin; r < end; ++r)
        if (day[r] >= from) recent.push_back(type[r]);
      const bool on = activity_patterns::occurrences(recent, p.key) > 0;
      row.step = on ? WorklistStep::on_playbook : WorklistStep::playbook;
      row.lift = on ? 0.0 : p.lift;
      row.value = row.win_probability * row.amount * row.lift;
    }
    row.reason = reason(row, window);
    by_owner[row.owner].push_back(std::move(row));
  }
  for (auto& [owner, rows] : by_owner) {
    result.owners.push_back(owner);
    std::sort(rows.begin(), rows.end(), ranks_before);
    const std::size_t keep = options.rows_per_owner == 0 ? rows.size() : std::min(rows.size(), options.rows_per_owner);
    for (std::size_t r = 0; r < keep; ++r) {
      rows[r].rank = r + 1;
      result.rows.push_back(std::move(rows[r]));
    }
  }
  return result;
}

}  // namespace pipecast
