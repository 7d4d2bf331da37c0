#include "pipecast/forecast/score_changes.hpp"

#include "pipecast/forecast/forecast_movement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>

namespace pipecast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A change in log-odds below this shows as +0.00: not a driver.
constexpr double kLeastContribution = 0.005;

/// "stage: Qualify -> Propose", or "stage: Propose" when unchanged.
std::string moved(std::string_view what, const std::string& before, const std::string& after) {
  return std::string(what) + ": " + (before == after ? after : before + " -> " + after);
}

/// A factor's feature "days in stage=12" as its name and its value.
std::pair<std::string, std::string> split_feature(const std::string& feature) {
  const std::size_t at = feature.find('=');
  if (at == std::string::npos) return {feature, ""};
  return {feature.substr(0, at), feature.substr(at + 1)};
}

/// The model's factors on both days, matched by name: each name's change in
/// log-odds, largest first.
std::vector<Factor> explained_drivers(const std::vector<Factor>& before, const std::vector<Factor>& after) {
  std::map<std::string, std::pair<std::string, double>> then;
  for (const Factor& f : before) {
    auto [name, value] = split_feature(f.feature);
    then[name] = {value, f.contribution};
  }
  std::vector<Factor> out;
  for (const Factor& f : after) {
    const auto [name, value] = split_feature(f.feature);
    const auto it = then.find(name);
    const std::string value_before = it == then.end() ? value : it->second.first;
    const double change = f.contribution - (it == then.end() ? 0.0 : it->second.second);
    if (std::abs(change) >= kLeastContribution) out.push_back({moved(name, value_before, value), change});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Factor& a, const Factor& b) { return std::abs(a.contribution) > std::abs(b.contribution); });
  return out;
}

std::string day_or_blank(Day day) { return day == kNoDay ? "blank" : format_day(day); }

/// What changed in the deal itself, for a model that does not explain its
/// scores: its stage, close date and amount, then its days in stage.
std::vector<Factor> state_drivers(const Book& book, const DealStates& before, std::size_t b, const DealStates& after,
                                  std::size_t a) {
  std::vector<Factor> out;
  const auto& stages = book.stages();
  if (before.stage[b] != after.stage[a])
    out.push_back({moved("stage", stages[before.stage[b]].name, stages[after.stage[a]].name), kNaN});
  if (before.close_date[b] != after.close_date[a])
    out.push_back({moved("close date", day_or_blank(before.close_date[b]), day_or_blank(after.close_date[a])), kNaN});
  if (before.amount[b] != after.amount[a])
    out.push_back({moved("amount", std::to_string(std::llround(before.amount[b])),
                         std::to_string(std::llround(after.amount[a]))),
                   kNaN});
  out.push_back({moved("days in stage", std::to_string(before.days_in_stage[b]), std::to_string(after.days_in_stage[a])),
                 kNaN});
  return out;
}

}  // namespace

ScoreChanges score_changes(const FittedModel& model, const Book& book, const DealScores& scores, Day since,
                           std::size_t drivers) {
  check_since(book, since, scores.as_of());
  const DealScores then = model.score(AsOfView(book, since));
  std::vector<std::size_t> row_then(book.size(), then.size());
  for (std::size_t j = 0; j < then.size(); ++j) row_then[then.deals.deal[j]] = j;
  constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();
  const WinModel& win = model.win_model();
  ScoreChanges out;
  out.since = since;
  out.deals.resize(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    ScoreChange& c = out.deals[i];
    c.after = scores.win_probability[i];
    const std::size_t j = row_then[scores.deals.deal[i]];
    if (j == then.size()) {
      c.before = kNaN;
      continue;
    }
    c.before = then.win_probability[j];
    if (drivers == 0) continue;
    const std::vector<Factor> now = win.explain(book, scores.deals, i, kAll);
    c.drivers = now.empty() ? state_drivers(book, then.deals, j, scores.deals, i)
                            : explained_drivers(win.explain(book, then.deals, j, kAll), now);
    if (c.drivers.size() > drivers) c.drivers.resize(drivers);
  }
  return out;
}

}  // namespace pipecast
