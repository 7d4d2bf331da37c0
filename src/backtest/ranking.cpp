#include "pipecast/backtest/ranking.hpp"

#include "pipecast/backtest/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>

namespace pipecast {
namespace {

/// How to read one headline metric off a model's summary and off one origin.
struct Headline {
  std::string metric;
  std::string scope;
  std::string title;  // in words, for the verdict
  bool higher_is_better = false;
  std::function<double(const ModelSummary&)> aggregate;
  std::function<double(const ModelOrigin&)> at_origin;
};

std::vector<Headline> headlines(std::size_t horizons) {
  std::vector<Headline> out;
  out.push_back({"brier", "eventual", "Brier score", false, [](const ModelSummary& s) { return s.eventual.brier; },
                 [](const ModelOrigin& o) { return o.eventual.brier; }});
  out.push_back({"log_loss", "eventual", "log loss", false,
                 [](const ModelSummary& s) { return s.eventual.log_loss; },
                 [](const ModelOrigin& o) { return o.eventual.log_loss; }});
  out.push_back({"auc", "eventual", "AUC", true, [](const ModelSummary& s) { return s.eventual.auc; },
                 [](const ModelOrigin& o) { return o.eventual.auc; }});
  for (std::size_t h = 0; h < horizons; ++h) {
    const std::string scope = std::to_string(h + 1);
    // At one origin WAPE is |a - f| / a: the absolute error orders the same.
    out.push_back({"wape", scope, "WAPE", false, [h](const ModelSummary& s) { return s.periods[h].wape; },
                   [h](const ModelOrigin& o) { return o.periods[h].abs_error; }});
    out.push_back({"mase", scope, "MASE", false, [h](const ModelSummary& s) { return s.periods[h].mase; },
                   [h](const ModelOrigin& o) { return o.periods[h].scaled_error; }});
    out.push_back({"crps", scope, "CRPS", false, [h](const ModelSummary& s) { return s.periods[h].crps; },
                   [h](const ModelOrigin& o) { return o.periods[h].crps; }});
  }
  return out;
}

bool better(double a, double b, bool higher) { return higher ? a > b : a < b; }

MetricRanking rank_metric(const Backtest& bt, const Headline& hl) {
  MetricRanking out;
  out.metric = hl.metric;
  out.scope = hl.scope;
  out.higher_is_better = hl.higher_is_better;
  std::vector<std::size_t> order;
  for (std::size_t m = 0; m < bt.models.size(); ++m)
    if (std::isfinite(hl.aggregate(bt.summary[m]))) order.push_back(m);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return better(hl.aggregate(bt.summary[a]), hl.aggregate(bt.summary[b]), hl.higher_is_better);
  });
  std::vector<std::size_t> best(bt.models.size(), 0);
  for (const OriginResult& r : bt.origins) {
    std::vector<std::size_t> present;
    for (std::size_t m : order)
      if (std::isfinite(hl.at_origin(r.models[m]))) present.push_back(m);
    if (present.size() < 2) continue;
    ++out.origins;
    double top = hl.at_origin(r.models[present.front()]);
    for (std::size_t m : present) {
      const double v = hl.at_origin(r.models[m]);
      if (better(v, top, hl.higher_is_better)) top = v;
    }
    for (std::size_t m : present) best[m] += hl.at_origin(r.models[m]) == top;
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t m = order[i];
    RankedModel rm{bt.models[m], hl.aggregate(bt.summary[m]), best[m], i + 1};
    if (i > 0 && rm.value == out.models.back().value) rm.rank = out.models.back().rank;
    out.models.push_back(std::move(rm));
  }
  return out;
}

std::string number(double v, const std::string& metric) {
  char buffer[48];
  if (metric == "wape") std::snprintf(buffer, sizeof buffer, "%.1f%%", v * 100.0);
  else if (metric == "crps") std::snprintf(buffer, sizeof buffer, "%.0f", v);
  else if (metric == "mase") std::snprintf(buffer, sizeof buffer, "%.2f", v);
  else std::snprintf(buffer, sizeof buffer, "%.4f", v);
  return buffer;
}

std::string join(const std::vector<std::string>& items, const std::string& last_sep = " and ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? last_sep : ", ") + items[i];
  return out;
}

/// "markov had the lowest Brier score (0.1621; logistic 0.1650, crm 0.2100),
/// the lowest in 9 of 12 origins"
std::string leader(const MetricRanking& r, const std::string& title) {
  std::vector<std::string> leaders, others;
  for (const RankedModel& m : r.models) {
    if (m.rank == 1) leaders.push_back(m.model);
    else others.push_back(m.model + " " + number(m.value, r.metric));
  }
  const RankedModel& top = r.models.front();
  const std::string extreme = r.higher_is_better ? "highest" : "lowest";
  std::string out = join(leaders) + (leaders.size() > 1 ? " tied for the " : " had the ") + extreme + " " + title +
                    " (" + number(top.value, r.metric) + (others.empty() ? "" : "; " + join(others, ", ")) + ")";
  if (r.origins > 0)
    out += ", the " + extreme + " in " + std::to_string(top.best_origins) + " of " + std::to_string(r.origins) +
           " origins";
  return out;
}

std::string period_name(const Backtest& bt, std::size_t h) {
  const std::string unit = bt.horizon == PeriodKind::quarter ? "quarter" : "month";
  if (h == 0) return "the " + unit + " holding the day after each origin";
  return h == 1 ? "the " + unit + " after it" : std::to_string(h) + " " + unit + "s after it";
}

const MetricRanking* find(const Ranking& ranking, const std::string& metric, const std::string& scope) {
  for (const auto& r : ranking.metrics)
    if (r.metric == metric && r.scope == scope && !r.models.empty()) return &r;
  return nullptr;
}

/// Why horizon h has no WAPE ranking, in words: its periods had not ended,
/// or they ended with nothing won in them (WAPE divides by the actual), or
/// no model forecast them.
std::string unranked_horizon(const Backtest& bt, std::size_t h) {
  const std::string head = "Horizon " + std::to_string(h + 1) + " (" + period_name(bt, h) + "): ";
  const std::size_t scored = bt.origins.size() - bt.unscored[h];
  if (scored == 0) return head + "no period had ended by " + format_day(bt.latest_day) + ", so none was scored.";
  double won = 0.0;
  for (const OriginResult& r : bt.origins)
    if (r.scored[h]) won += r.models.front().periods[h].actual;
  const std::string ended = std::to_string(scored) + (scored == 1 ? " period ended" : " periods ended") + " by " +
                            format_day(bt.latest_day) + " but ";
  if (won == 0.0) return head + ended + "nothing was won in " + (scored == 1 ? "it" : "them") +
                         ", so WAPE (the error over the amount won) is undefined and no model is ranked on it.";
  return head + ended + "no model had a forecast for " + (scored == 1 ? "it" : "them") + ".";
}

/// True when no per-deal model saw a single deal open at any origin.
bool no_open_deals(const Backtest& bt) {
  for (const ModelSummary& s : bt.summary)
    if (s.per_deal && s.eventual.deals + s.eventual.excluded > 0) return false;
  return true;
}

std::vector<OverallRank> overall(const Backtest& bt) {
  // Brier, log loss and AUC of "won eventually", WAPE and CRPS of horizon 1.
  std::vector<Headline> used;
  for (Headline& hl : headlines(1))
    if (hl.metric != "mase") used.push_back(std::move(hl));
  std::vector<std::size_t> candidates;
  for (std::size_t m = 0; m < bt.models.size(); ++m) {
    bool all = true;
    for (const Headline& hl : used) all = all && std::isfinite(hl.aggregate(bt.summary[m]));
    if (all) candidates.push_back(m);
  }
  std::vector<double> rank_sum(bt.models.size(), 0.0);
  for (const Headline& hl : used)
    for (std::size_t m : candidates) {
      // Competition rank among the candidates: 1 + those strictly better.
      double rank = 1.0;
      for (std::size_t o : candidates)
        rank += better(hl.aggregate(bt.summary[o]), hl.aggregate(bt.summary[m]), hl.higher_is_better);
      rank_sum[m] += rank;
    }
  std::vector<OverallRank> out;
  for (std::size_t m : candidates)
    out.push_back({bt.models[m], rank_sum[m] / static_cast<double>(used.size())});
  std::stable_sort(out.begin(), out.end(),
                   [](const OverallRank& a, const OverallRank& b) { return a.mean_rank < b.mean_rank; });
  return out;
}

}  // namespace

Ranking rank_models(const Backtest& bt) {
  Ranking ranking;
  for (const Headline& hl : headlines(bt.horizons)) ranking.metrics.push_back(rank_metric(bt, hl));
  ranking.overall = overall(bt);

  auto& v = ranking.verdict;
  if (!ranking.overall.empty()) {
    char mean[32];
    std::snprintf(mean, sizeof mean, "%.1f", ranking.overall.front().mean_rank);
    v.push_back(ranking.overall.front().model + " ranks first overall (mean rank " + mean +
                " over Brier score, log loss and AUC of the deals, and WAPE and CRPS of " + period_name(bt, 0) +
                ").");
  }
  if (no_open_deals(bt))
    v.push_back("No deal was open at any origin (the first is " + format_day(bt.from) +
                "), so no model's per-deal metrics could be scored.");
  if (const auto* r = find(ranking, "brier", "eventual"))
    v.push_back("Won eventually: " + leader(*r, "Brier score") + ".");
  const auto* ll = find(ranking, "log_loss", "eventual");
  const auto* auc = find(ranking, "auc", "eventual");
  if (ll && auc) {
    const std::string& by_loss = ll->models.front().model;
    const std::string& by_auc = auc->models.front().model;
    const std::string loss = "the lowest log loss (" + number(ll->models.front().value, "log_loss") + ")";
    const std::string area = "the highest AUC (" + number(auc->models.front().value, "auc") + ")";
    v.push_back(by_loss == by_auc ? by_loss + " had " + loss + " and " + area + "."
                                  : by_loss + " had " + loss + " and " + by_auc + " " + area + ".");
  }
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    const std::string scope = std::to_string(h + 1);
    const auto* wape = find(ranking, "wape", scope);
    if (!wape) {
      v.push_back(unranked_horizon(bt, h));
      continue;
    }
    std::string s = "Horizon " + scope + " (" + period_name(bt, h) + "): " + leader(*wape, "WAPE");
    const std::size_t best = bt.model_index(wape->models.front().model);
    const PeriodSummary& ps = bt.summary[best].periods[h];
    if (!std::isnan(ps.coverage))
      s += "; its P10..P90 held the actual in " + std::to_string(ps.covered) + " of " + std::to_string(ps.origins) +
           " origins (80% expected)";
    v.push_back(s + ".");
    const std::size_t naive = bt.model_index(kSeasonalNaive);
    const double naive_wape = bt.summary[naive].periods[h].wape;
    if (h == 0 && std::isfinite(naive_wape)) {
      std::vector<std::string> beat, not_beat;
      for (std::size_t m = 0; m < bt.models.size(); ++m) {
        if (m == naive || !std::isfinite(bt.summary[m].periods[h].wape)) continue;
        (bt.summary[m].periods[h].wape < naive_wape ? beat : not_beat).push_back(bt.models[m]);
      }
      std::string line = "Against the seasonal-naive run rate (WAPE " + number(naive_wape, "wape") + "): ";
      if (not_beat.empty()) line += "every model did better.";
      else if (beat.empty()) line += "no model did better.";
      else line += join(beat) + " did better; " + join(not_beat) + " did not.";
      v.push_back(line);
    }
  }
  for (std::size_t h = 0; h < bt.horizons; ++h)
    if (bt.unscored[h] > 0)
      v.push_back(std::to_string(bt.unscored[h]) + " of " + std::to_string(bt.origins.size()) +
                  " origins' horizon-" + std::to_string(h + 1) + " period had not ended by " +
                  format_day(bt.latest_day) + " and " + (bt.unscored[h] == 1 ? "is" : "are") + " not scored.");
  return ranking;
}

}  // namespace pipecast
