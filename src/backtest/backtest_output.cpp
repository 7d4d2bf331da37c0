#include "pipecast/backtest/backtest_output.hpp"

#include "pipecast/backtest/backtest_tables.hpp"

#include "analytics/result_table_json.hpp"
#include "core/not_a_number.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace pipecast {
namespace {

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
  nlohmann::ordered_json out;
  out["from"] = format_day(bt.from);
  out["to"] = format_day(bt.to);
  out["every"] = to_string(bt.every);
  out["horizon"] = horizon_kind(bt.horizon);
  out["horizons"] = bt.horizons;
  out["trials"] = bt.trials;
  out["seed"] = bt.seed;
  out["latest_day"] = format_day(bt.latest_day);
  out["group_by"] = bt.group_by ? nlohmann::ordered_json(to_string(*bt.group_by)) : nlohmann::ordered_json(nullptr);
  out.update(result_tables_json_value(backtest_tables(bt)));
  return out.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pipecast
