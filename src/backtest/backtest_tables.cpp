#include "pipecast/backtest/backtest_tables.hpp"

#include "pipecast/backtest/backtest_output.hpp"

#include "analytics/table_catalog.hpp"
#include "core/not_a_number.hpp"

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
  t.integer("covered").number("group_wape");
  for (const ModelSummary& s : bt.summary)
    for (std::size_t h = 0; h < s.periods.size(); ++h) {
      const PeriodSummary& p = s.periods[h];
      t.add(s.model).add(h + 1).add(p.origins).add(p.wape).add(p.bias).add(p.mase);
      t.add(p.pinball[0]).add(p.pinball[1]).add(p.pinball[2]).add(p.crps).add(p.coverage);
      t.add(p.covered).add(h < s.group_wape.size() ? s.group_wape[h] : kNaN);
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
  t.integer("best_origins").integer("origins");
  for (const MetricRanking& r : bt.ranking.metrics)
    for (const RankedModel& m : r.models) {
      t.add(r.metric).add(r.scope).add(r.higher_is_better).add(m.rank).add(m.model).add(m.value).add(m.best_origins);
      t.add(r.origins);
    }
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

ResultTable backtest_origins_table(const Backtest& bt) {
  TableBuilder t("origins");
  t.day("origin").integer("horizon", Unit::none).period("period").flag("scored").text("seed");
  t.number("mase_scale", Unit::currency);
  for (const OriginResult& r : bt.origins)
    for (std::size_t h = 0; h < r.periods.size(); ++h) {
      t.add(r.origin).add(h + 1).add(r.periods[h]).add(static_cast<bool>(r.scored[h])).add(std::to_string(r.seed));
      t.add(r.mase_scale);
    }
  return std::move(t).finish();
}

ResultTable backtest_origin_models_table(const Backtest& bt) {
  TableBuilder t("origin_models");
  t.text("model").day("origin").text("description").integer("open_deals");
  for (std::size_t m = 0; m < bt.models.size(); ++m)
    for (const OriginResult& r : bt.origins)
      t.add(bt.models[m]).add(r.origin).add(r.models[m].description).add(r.models[m].open_deals);
  return std::move(t).finish();
}

// The columns a forecast scored against its actual has, at one origin: a
// period's total (PeriodScore) or a group's (GroupScore).
void declare_score_columns(TableBuilder& t) {
  t.number("forecast", Unit::currency).number("p10", Unit::currency).number("p50", Unit::currency);
  t.number("p90", Unit::currency).number("actual", Unit::currency).number("abs_error", Unit::currency);
  t.number("error", Unit::currency).number("wape").number("bias").number("mase");
  t.number("pinball_p10", Unit::currency).number("pinball_p50", Unit::currency);
  t.number("pinball_p90", Unit::currency).number("crps", Unit::currency).number("covered");
}

template <class Score>
void add_score(TableBuilder& t, const Score& s, double p10, double p50, double p90) {
  t.add(s.forecast).add(p10).add(p50).add(p90).add(s.actual).add(s.abs_error).add(s.error);
  t.add(origin_wape(s)).add(origin_bias(s)).add(s.scaled_error);
  t.add(s.pinball[0]).add(s.pinball[1]).add(s.pinball[2]).add(s.crps).add(s.covered);
}

ResultTable backtest_origin_scores_table(const Backtest& bt) {
  TableBuilder t("origin_scores");
  t.text("model").day("origin").integer("horizon", Unit::none);
  declare_score_columns(t);
  for (std::size_t m = 0; m < bt.models.size(); ++m)
    for (const OriginResult& r : bt.origins)
      for (std::size_t h = 0; h < r.models[m].periods.size(); ++h) {
        const PeriodScore& s = r.models[m].periods[h];
        t.add(bt.models[m]).add(r.origin).add(h + 1);
        if (s.has_distribution) add_score(t, s, s.p10, s.p50, s.p90);
        else add_score(t, s, kNaN, kNaN, kNaN);
      }
  return std::move(t).finish();
}

ResultTable backtest_calibration_table(const Backtest& bt) {
  TableBuilder t("calibration");
  t.text("model").text("origin").text("target").number("lower", Unit::fraction).number("upper", Unit::fraction);
  t.integer("count").integer("positives").number("mean_predicted", Unit::fraction);
  t.number("observed", Unit::fraction);
  const auto bins = [&](const std::string& model, const std::string& origin, const DealMetrics& eventual,
                        const std::vector<DealMetrics>& within) {
    for (std::size_t target = 0; target <= within.size(); ++target)
      for (const CalibrationBin& b : (target == 0 ? eventual : within[target - 1]).calibration) {
        t.add(model).add(origin).add(target == 0 ? std::string("eventual") : std::to_string(target));
        t.add(b.lower).add(b.upper).add(b.count).add(b.positives).add(b.mean_predicted).add(b.observed);
      }
  };
  for (std::size_t m = 0; m < bt.models.size(); ++m) {
    const ModelSummary& sum = bt.summary[m];
    if (!sum.per_deal) continue;
    for (const OriginResult& r : bt.origins) bins(sum.model, format_day(r.origin), r.models[m].eventual, r.models[m].within);
    bins(sum.model, "all", sum.eventual, sum.within);
  }
  return std::move(t).finish();
}

ResultTable backtest_group_summary_table(const Backtest& bt) {
  TableBuilder t("group_summary");
  t.text("model").integer("horizon", Unit::none).text("group").integer("origins");
  t.number("actual", Unit::currency).number("forecast", Unit::currency).number("wape").number("bias").number("mase");
  t.number("pinball_p10", Unit::currency).number("pinball_p50", Unit::currency);
  t.number("pinball_p90", Unit::currency).number("crps", Unit::currency).number("coverage", Unit::fraction);
  t.integer("covered");
  for (const ModelSummary& s : bt.summary)
    for (std::size_t h = 0; h < s.groups.size(); ++h)
      for (const GroupSummary& g : s.groups[h]) {
        t.add(s.model).add(h + 1).add(g.name).add(g.origins).add(g.actual).add(g.forecast).add(g.wape).add(g.bias);
        t.add(g.mase).add(g.pinball[0]).add(g.pinball[1]).add(g.pinball[2]).add(g.crps).add(g.coverage).add(g.covered);
      }
  return std::move(t).finish();
}

ResultTable backtest_group_scores_table(const Backtest& bt) {
  TableBuilder t("group_scores");
  t.text("model").day("origin").integer("horizon", Unit::none).text("group");
  declare_score_columns(t);
  for (std::size_t m = 0; m < bt.models.size(); ++m)
    for (const OriginResult& r : bt.origins)
      for (std::size_t h = 0; h < r.models[m].groups.size(); ++h)
        for (const GroupScore& g : r.models[m].groups[h]) {
          t.add(bt.models[m]).add(r.origin).add(h + 1).add(g.name);
          add_score(t, g, g.p10, g.p50, g.p90);
        }
  return std::move(t).finish();
}

ResultTable backtest_group_scales_table(const Backtest& bt) {
  TableBuilder t("group_scales");
  t.day("origin").text("group").number("mase_scale", Unit::currency);
  for (const OriginResult& r : bt.origins)
    for (std::size_t g = 0; g < r.group_mase_scale.size(); ++g)
      t.add(r.origin).add(bt.group_names[g]).add(r.group_mase_scale[g]);
  return std::move(t).finish();
}

// Every table once: its name and the function that makes it.
constexpr tables::Entry<Backtest> kBacktestTableEntries[] = {
    {"metrics", backtest_metrics_table},
    {"summary", backtest_summary_table},
    {"deal_summary", backtest_deal_summary_table},
    {"ranking", backtest_ranking_table},
    {"overall", backtest_overall_table},
    {"verdict", backtest_verdict_table},
    {"origins", backtest_origins_table},
    {"origin_models", backtest_origin_models_table},
    {"origin_scores", backtest_origin_scores_table},
    {"calibration", backtest_calibration_table},
    {"group_summary", backtest_group_summary_table},
    {"group_scores", backtest_group_scores_table},
    {"group_scales", backtest_group_scales_table},
};

}  // namespace

std::vector<std::string_view> backtest_table_names() { return tables::names(kBacktestTableEntries); }

ResultTable backtest_table(const Backtest& backtest, std::string_view name) {
  return tables::make(kBacktestTableEntries, backtest, name, "backtest");
}

std::vector<ResultTable> backtest_tables(const Backtest& backtest) { return tables::all(kBacktestTableEntries, backtest); }

}  // namespace pipecast
