#include "pipecast/backtest/backtest_tables.hpp"

#include "pipecast/backtest/backtest_output.hpp"

#include "analytics/table_catalog.hpp"

#include <string>

namespace pipecast {
namespace {

ResultTable backtest_metrics_table(const Backtest& bt) {
  TableBuilder t("metrics");
  t.text("model").text("origin").text("horizon").text("metric").number("value");
  for (const BacktestRow& r : backtest_rows(bt)) t.add(r.model).add(r.origin).add(r.horizon).add(r.metric).add(r.value);
  return std::move(t).finish();
}

ResultTable backtest_summary_table(const Backtest& bt) {
  TableBuilder t("summary");
  t.text("model").integer("horizon", Unit::none).integer("origins").number("wape").number("bias").number("mase");
  t.number("pinball_p10", Unit::currency).number("pinball_p50", Unit::currency);
  t.number("pinball_p90", Unit::currency).number("crps", Unit::currency).number("coverage", Unit::fraction);
  for (const ModelSummary& s : bt.summary)
    for (std::size_t h = 0; h < s.periods.size(); ++h) {
      const PeriodSummary& p = s.periods[h];
      t.add(s.model).add(h + 1).add(p.origins).add(p.wape).add(p.bias).add(p.mase);
      t.add(p.pinball[0]).add(p.pinball[1]).add(p.pinball[2]).add(p.crps).add(p.coverage);
    }
  return std::move(t).finish();
}

ResultTable backtest_deal_summary_table(const Backtest& bt) {
  TableBuilder t("deal_summary");
  t.text("model").text("target").integer("deals").integer("positives").integer("excluded");
  t.number("brier").number("log_loss").number("auc").number("calibration_error");
  const auto row = [&](const std::string& model, const std::string& target, const DealMetrics& m) {
    t.add(model).add(target).add(m.deals).add(m.positives).add(m.excluded);
    t.add(m.brier).add(m.log_loss).add(m.auc).add(m.calibration_error);
  };
  for (const ModelSummary& s : bt.summary) {
    if (!s.per_deal) continue;
    row(s.model, "eventual", s.eventual);
    for (std::size_t h = 0; h < s.within.size(); ++h) row(s.model, std::to_string(h + 1), s.within[h]);
  }
  return std::move(t).finish();
}

ResultTable backtest_ranking_table(const Backtest& bt) {
  TableBuilder t("ranking");
  t.text("metric").text("scope").flag("higher_is_better").integer("rank", Unit::none).text("model");
  t.number("value");
  t.integer("best_origins");
  for (const MetricRanking& r : bt.ranking.metrics)
    for (const RankedModel& m : r.models)
      t.add(r.metric).add(r.scope).add(r.higher_is_better).add(m.rank).add(m.model).add(m.value).add(m.best_origins);
  return std::move(t).finish();
}

ResultTable backtest_overall_table(const Backtest& bt) {
  TableBuilder t("overall");
  t.integer("rank", Unit::none).text("model").number("mean_rank");
  std::size_t rank = 0;
  for (const OverallRank& o : bt.ranking.overall) t.add(++rank).add(o.model).add(o.mean_rank);
  return std::move(t).finish();
}

ResultTable backtest_verdict_table(const Backtest& bt) {
  TableBuilder t("verdict");
  t.text("sentence");
  for (const std::string& s : bt.ranking.verdict) t.add(s);
  return std::move(t).finish();
}

// Every table once: its name and the function that makes it.
constexpr tables::Entry<Backtest> kBacktestTableEntries[] = {
    {"metrics", backtest_metrics_table}, {"summary", backtest_summary_table},
    {"deal_summary", backtest_deal_summary_table}, {"ranking", backtest_ranking_table},
    {"overall", backtest_overall_table}, {"verdict", backtest_verdict_table},
};

}  // namespace

std::vector<std::string_view> backtest_table_names() { return tables::names(kBacktestTableEntries); }

ResultTable backtest_table(const Backtest& backtest, std::string_view name) {
  return tables::make(kBacktestTableEntries, backtest, name, "backtest");
}

}  // namespace pipecast
