#include "pipecast/backtest/backtest_output.hpp"
#include "core/not_a_number.hpp"

#include "analytics/json_values.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace pipecast {
namespace {

using json_values::Json;
using json_values::number;
using json_values::day;


std::string horizon_kind(PeriodKind kind) { return kind == PeriodKind::quarter ? "quarter" : "month"; }

std::string bin_label(const CalibrationBin& bin) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "calibration_%.1f-%.1f", bin.lower, bin.upper);
  return buffer;
}

std::string pinball_name(std::size_t j) {
  return "pinball_p" + std::to_string(static_cast<int>(std::lround(kPinballLevels[j] * 100)));
}

// ---- rows -------------------------------------------------------------------

struct RowWriter {
  std::vector<BacktestRow>& rows;
  std::string model, origin, horizon;
  void operator()(const std::string& metric, double value) const {
    rows.push_back({model, origin, horizon, metric, value});
  }
};

void deal_rows(const RowWriter& add, const DealMetrics& m, const std::string& prefix, bool pooled) {
  add(prefix + "deals", static_cast<double>(m.deals));
  add(prefix + "positives", static_cast<double>(m.positives));
  if (prefix.empty()) add("excluded", static_cast<double>(m.excluded));
  add(prefix + "brier", m.brier);
  add(prefix + "log_loss", m.log_loss);
  add(prefix + "auc", m.auc);
  add(prefix + "calibration_error", m.calibration_error);
  if (!pooled) return;
  for (const CalibrationBin& bin : m.calibration) {
    const std::string label = prefix + bin_label(bin);
    add(label + "/count", static_cast<double>(bin.count));
    add(label + "/predicted", bin.mean_predicted);
    add(label + "/observed", bin.observed);
  }
}

std::string group_label(const Backtest& bt, const std::string& name) {
  return std::string(to_string(*bt.group_by)) + "=" + name;
}

// ---- JSON -------------------------------------------------------------------

Json calibration_json(const std::vector<CalibrationBin>& table) {
  Json out = Json::array();
  for (const CalibrationBin& bin : table)
    out.push_back({{"lower", bin.lower},
                   {"upper", bin.upper},
                   {"count", bin.count},
                   {"positives", bin.positives},
                   {"mean_predicted", number(bin.mean_predicted)},
                   {"observed", number(bin.observed)}});
  return out;
}

Json deal_json(const DealMetrics& m) {
  return {{"deals", m.deals},
          {"positives", m.positives},
          {"excluded", m.excluded},
          {"brier", number(m.brier)},
          {"log_loss", number(m.log_loss)},
          {"auc", number(m.auc)},
          {"calibration_error", number(m.calibration_error)},
          {"calibration", calibration_json(m.calibration)}};
}

Json pinball_json(const std::array<double, 3>& values) {
  Json out = Json::object();
  for (std::size_t j = 0; j < values.size(); ++j) out[pinball_name(j).substr(8)] = number(values[j]);
  return out;
}

Json period_score_json(const PeriodScore& s) {
  return {{"period", s.period.label},
          {"scored", s.scored},
          {"forecast", number(s.forecast)},
          {"p10", s.has_distribution ? number(s.p10) : Json(nullptr)},
          {"p50", s.has_distribution ? number(s.p50) : Json(nullptr)},
          {"p90", s.has_distribution ? number(s.p90) : Json(nullptr)},
          {"actual", number(s.actual)},
          {"abs_error", number(s.abs_error)},
          {"error", number(s.error)},
          {"scaled_error", number(s.scaled_error)},
          {"pinball", pinball_json(s.pinball)},
          {"crps", number(s.crps)},
          {"covered", std::isnan(s.covered) ? Json(nullptr) : Json(s.covered > 0.5)}};
}

Json group_scores_json(const std::vector<std::vector<GroupScore>>& groups) {
  Json out = Json::array();
  for (const auto& horizon : groups) {
    Json list = Json::array();
    for (const GroupScore& g : horizon)
      list.push_back({{"group", g.name},
                      {"forecast", number(g.forecast)},
                      {"p10", number(g.p10)},
                      {"p50", number(g.p50)},
                      {"p90", number(g.p90)},
                      {"actual", number(g.actual)},
                      {"abs_error", number(g.abs_error)},
                      {"error", number(g.error)},
                      {"scaled_error", number(g.scaled_error)},
                      {"pinball", pinball_json(g.pinball)},
                      {"crps", number(g.crps)},
                      {"covered", std::isnan(g.covered) ? Json(nullptr) : Json(g.covered > 0.5)}});
    out.push_back(std::move(list));
  }
  return out;
}

Json model_origin_json(const ModelOrigin& m) {
  Json within = Json::array(), periods = Json::array();
  for (const DealMetrics& d : m.within) within.push_back(deal_json(d));
  for (const PeriodScore& p : m.periods) periods.push_back(period_score_json(p));
  return {{"description", m.description},
          {"open_deals", m.open_deals},
          {"eventual", deal_json(m.eventual)},
          {"within", std::move(within)},
          {"periods", std::move(periods)},
          {"groups", group_scores_json(m.groups)}};
}

Json summary_json(const ModelSummary& s) {
  Json within = Json::array(), periods = Json::array(), groups = Json::array(), group_wape = Json::array();
  for (const DealMetrics& d : s.within) within.push_back(deal_json(d));
  for (const PeriodSummary& p : s.periods)
    periods.push_back({{"origins", p.origins},
                       {"wape", number(p.wape)},
                       {"bias", number(p.bias)},
                       {"mase", number(p.mase)},
                       {"pinball", pinball_json(p.pinball)},
                       {"crps", number(p.crps)},
                       {"coverage", number(p.coverage)},
                       {"covered", p.covered}});
  for (const auto& horizon : s.groups) {
    Json list = Json::array();
    for (const GroupSummary& g : horizon)
      list.push_back({{"group", g.name},
                      {"origins", g.origins},
                      {"wape", number(g.wape)},
                      {"bias", number(g.bias)},
                      {"mase", number(g.mase)},
                      {"pinball", pinball_json(g.pinball)},
                      {"crps", number(g.crps)},
                      {"coverage", number(g.coverage)},
                      {"covered", g.covered},
                      {"actual", number(g.actual)},
                      {"forecast", number(g.forecast)}});
    groups.push_back(std::move(list));
  }
  for (double v : s.group_wape) group_wape.push_back(number(v));
  return {{"per_deal", s.per_deal},
          {"eventual", s.per_deal ? deal_json(s.eventual) : Json(nullptr)},
          {"within", s.per_deal ? std::move(within) : Json(nullptr)},
          {"periods", std::move(periods)},
          {"groups", std::move(groups)},
          {"group_wape", std::move(group_wape)}};
}

Json ranking_json(const Ranking& r) {
  Json overall = Json::array(), metrics = Json::array();
  for (const OverallRank& o : r.overall) overall.push_back({{"model", o.model}, {"mean_rank", o.mean_rank}});
  for (const MetricRanking& m : r.metrics) {
    Json models = Json::array();
    for (const RankedModel& rm : m.models)
      models.push_back({{"model", rm.model}, {"value", number(rm.value)}, {"rank", rm.rank},
                        {"best_origins", rm.best_origins}});
    metrics.push_back({{"metric", m.metric},
                       {"scope", m.scope},
                       {"higher_is_better", m.higher_is_better},
                       {"origins", m.origins},
                       {"models", std::move(models)}});
  }
  return {{"overall", std::move(overall)}, {"metrics", std::move(metrics)}, {"verdict", r.verdict}};
}

}  // namespace

std::vector<BacktestRow> backtest_rows(const Backtest& bt) {
  std::vector<BacktestRow> rows;
  for (std::size_t m = 0; m < bt.models.size(); ++m) {
    const ModelSummary& sum = bt.summary[m];
    const std::string& model = bt.models[m];
    auto period_rows = [&](const RowWriter& add, const PeriodScore& s) {
      add("actual", s.actual);
      add("forecast", s.forecast);
      add("p10", s.has_distribution ? s.p10 : kNaN);
      add("p50", s.has_distribution ? s.p50 : kNaN);
      add("p90", s.has_distribution ? s.p90 : kNaN);
      add("wape", origin_wape(s));
      add("bias", origin_bias(s));
      add("mase", s.scaled_error);
      for (std::size_t j = 0; j < kPinballLevels.size(); ++j) add(pinball_name(j), s.pinball[j]);
      add("crps", s.crps);
      add("covered", s.covered);
    };
    for (const OriginResult& r : bt.origins) {
      const ModelOrigin& mo = r.models[m];
      const std::string origin = format_day(r.origin);
      if (sum.per_deal) deal_rows({rows, model, origin, "eventual"}, mo.eventual, "", false);
      for (std::size_t h = 0; h < bt.horizons; ++h) {
        const RowWriter add{rows, model, origin, std::to_string(h + 1)};
        if (sum.per_deal) deal_rows(add, mo.within[h], "within_", false);
        period_rows(add, mo.periods[h]);
        if (!bt.group_by || !r.scored[h]) continue;
        for (const GroupScore& g : mo.groups[h]) {
          const std::string label = group_label(bt, g.name);
          add(label + "/actual", g.actual);
          add(label + "/forecast", g.forecast);
          add(label + "/wape", origin_wape(g));
          add(label + "/bias", origin_bias(g));
          add(label + "/mase", g.scaled_error);
          add(label + "/p10", g.p10);
          add(label + "/p50", g.p50);
          add(label + "/p90", g.p90);
          for (std::size_t j = 0; j < kPinballLevels.size(); ++j) add(label + "/" + pinball_name(j), g.pinball[j]);
          add(label + "/crps", g.crps);
          add(label + "/covered", g.covered);
        }
      }
    }
    if (sum.per_deal) deal_rows({rows, model, "all", "eventual"}, sum.eventual, "", true);
    for (std::size_t h = 0; h < bt.horizons; ++h) {
      const RowWriter add{rows, model, "all", std::to_string(h + 1)};
      if (sum.per_deal) deal_rows(add, sum.within[h], "within_", true);
      const PeriodSummary& p = sum.periods[h];
      add("origins", static_cast<double>(p.origins));
      add("wape", p.wape);
      add("bias", p.bias);
      add("mase", p.mase);
      for (std::size_t j = 0; j < kPinballLevels.size(); ++j) add(pinball_name(j), p.pinball[j]);
      add("crps", p.crps);
      add("coverage", p.coverage);
      if (!bt.group_by) continue;
      for (const GroupSummary& g : sum.groups[h]) {
        const std::string label = group_label(bt, g.name);
        add(label + "/actual", g.actual);
        add(label + "/forecast", g.forecast);
        add(label + "/wape", g.wape);
        add(label + "/bias", g.bias);
        add(label + "/mase", g.mase);
        for (std::size_t j = 0; j < kPinballLevels.size(); ++j) add(label + "/" + pinball_name(j), g.pinball[j]);
        add(label + "/crps", g.crps);
        add(label + "/coverage", g.coverage);
      }
      add("group_wape", sum.group_wape[h]);
    }
  }
  return rows;
}

std::string to_json(const Backtest& bt, int indent) {
  Json models = bt.models, unscored = bt.unscored;
  Json origins = Json::array();
  for (const OriginResult& r : bt.origins) {
    Json periods = Json::array(), per_model = Json::object();
    for (std::size_t h = 0; h < r.periods.size(); ++h) {
      Json p = json_values::period(r.periods[h]);
      p["scored"] = static_cast<bool>(r.scored[h]);
      periods.push_back(std::move(p));
    }
    for (std::size_t m = 0; m < bt.models.size(); ++m) per_model[bt.models[m]] = model_origin_json(r.models[m]);
    Json o = {{"origin", day(r.origin)},
              {"seed", r.seed},
              {"mase_scale", number(r.mase_scale)},
              {"periods", std::move(periods)},
              {"models", std::move(per_model)}};
    if (bt.group_by) {
      Json scales = Json::object();
      for (std::size_t g = 0; g < r.group_mase_scale.size(); ++g)
        scales[bt.group_names[g]] = number(r.group_mase_scale[g]);
      o["group_mase_scale"] = std::move(scales);
    }
    origins.push_back(std::move(o));
  }
  Json summary = Json::object();
  for (std::size_t m = 0; m < bt.models.size(); ++m) summary[bt.models[m]] = summary_json(bt.summary[m]);
  const Json out = {{"from", day(bt.from)},
                    {"to", day(bt.to)},
                    {"every", std::string(to_string(bt.every))},
                    {"horizon", horizon_kind(bt.horizon)},
                    {"horizons", bt.horizons},
                    {"trials", bt.trials},
                    {"seed", bt.seed},
                    {"latest_day", day(bt.latest_day)},
                    {"group_by", bt.group_by ? Json(std::string(to_string(*bt.group_by))) : Json(nullptr)},
                    {"models", std::move(models)},
                    {"unscored", std::move(unscored)},
                    {"origins", std::move(origins)},
                    {"summary", std::move(summary)},
                    {"ranking", ranking_json(bt.ranking)}};
  return out.dump(indent);
}

}  // namespace pipecast
