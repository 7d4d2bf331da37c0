#include "backtest_report.hpp"

#include "result_tables_csv.hpp"
#include "text_table.hpp"

#include "pipecast/backtest/backtest_output.hpp"
#include "pipecast/backtest/backtest_tables.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pipecast::cli {
namespace {

std::string decimal(double v, int digits = 4) { return std::isnan(v) ? "-" : fmt::format("{:.{}f}", v, digits); }

std::string signed_percent(double v) { return std::isnan(v) ? "-" : fmt::format("{:+.1f}%", v * 100.0); }

std::string unit(const Backtest& bt) { return bt.horizon == PeriodKind::quarter ? "quarter" : "month"; }

std::string horizon_words(const Backtest& bt, std::size_t h) {
  if (h == 0) return "the " + unit(bt) + " holding the day after each origin";
  return h == 1 ? "the " + unit(bt) + " after it" : fmt::format("{} {}s after it", h, unit(bt));
}

void print_deal_table(const Backtest& bt, std::size_t target, std::ostream& out) {
  // target 0: won eventually; 1 + h: won within horizon h.
  TextTable t;
  t.add_column("model", TextTable::Align::left);
  t.add_column("deals");
  t.add_column("won");
  t.add_column("Brier");
  t.add_column("log loss");
  t.add_column("AUC");
  t.add_column("calibration error");
  for (const ModelSummary& s : bt.summary) {
    if (!s.per_deal) continue;
    const DealMetrics& m = target == 0 ? s.eventual : s.within[target - 1];
    t.add_row({s.model, count(m.deals), count(m.positives), decimal(m.brier), decimal(m.log_loss), decimal(m.auc),
               decimal(m.calibration_error)});
  }
  t.print(out, "  ");
}

/// target 0: won eventually; 1 + h: won within horizon h (as print_deal_table).
void print_calibration(const Backtest& bt, std::size_t target, std::ostream& out) {
  const std::string what = target == 0 ? "won eventually" : fmt::format("won within horizon {}", target);
  out << "\nCalibration, " << what
      << " (pooled): mean predicted / observed win rate (deals), by predicted probability\n";
  TextTable t;
  t.add_column("predicted", TextTable::Align::left);
  std::vector<const ModelSummary*> models;
  for (const ModelSummary& s : bt.summary)
    if (s.per_deal) {
      models.push_back(&s);
      t.add_column(s.model);
    }
  if (models.empty()) return;
  auto metrics = [target](const ModelSummary* s) -> const DealMetrics& {
    return target == 0 ? s->eventual : s->within[target - 1];
  };
  const std::size_t bins = metrics(models.front()).calibration.size();
  for (std::size_t b = 0; b < bins; ++b) {
    const CalibrationBin& first = metrics(models.front()).calibration[b];
    std::vector<std::string> row{fmt::format("{:.0f}-{:.0f}%", first.lower * 100, first.upper * 100)};
    for (const ModelSummary* s : models) {
      const CalibrationBin& bin = metrics(s).calibration[b];
      row.push_back(bin.count == 0 ? "-"
                                   : fmt::format("{} / {} ({})", percent(bin.mean_predicted), percent(bin.observed),
                                                 count(bin.count)));
    }
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
}

void print_period_table(const Backtest& bt, std::size_t h, std::ostream& out) {
  TextTable t;
  t.add_column("model", TextTable::Align::left);
  t.add_column("origins");
  t.add_column("WAPE");
  t.add_column("bias");
  t.add_column("MASE");
  t.add_column("pinball P10");
  t.add_column("pinball P50");
  t.add_column("pinball P90");
  t.add_column("CRPS");
  t.add_column("P10..P90 held");
  for (const ModelSummary& s : bt.summary) {
    const PeriodSummary& p = s.periods[h];
    t.add_row({s.model, count(p.origins), percent(p.wape), signed_percent(p.bias), decimal(p.mase, 2),
               thousands(p.pinball[0]), thousands(p.pinball[1]), thousands(p.pinball[2]), thousands(p.crps),
               std::isnan(p.coverage) ? "-" : fmt::format("{} of {}", p.covered, p.origins)});
  }
  t.print(out, "  ");
}

void print_by_origin(const Backtest& bt, std::size_t h, std::ostream& out) {
  TextTable t;
  t.add_column("origin", TextTable::Align::left);
  t.add_column("period", TextTable::Align::left);
  t.add_column("actual");
  for (const std::string& m : bt.models) t.add_column(m);
  for (const OriginResult& r : bt.origins) {
    std::vector<std::string> row{format_day(r.origin), r.periods[h].label,
                                 r.scored[h] ? thousands(r.models.front().periods[h].actual) : "not ended"};
    for (const ModelOrigin& mo : r.models) {
      const PeriodScore& s = mo.periods[h];
      row.push_back(s.scored && s.actual > 0 ? fmt::format("{} ({})", thousands(s.forecast), percent(s.abs_error / s.actual))
                                             : thousands(s.forecast));
    }
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
}

void print_groups(const Backtest& bt, std::size_t h, std::ostream& out) {
  const std::string dimension(to_string(*bt.group_by));
  out << "\nBy " << dimension << ", horizon " << h + 1 << ": WAPE over the origins (expected values)\n";
  TextTable t;
  t.add_column(dimension, TextTable::Align::left);
  t.add_column("actual");
  for (const std::string& m : bt.models) t.add_column(m);
  const auto& first = bt.summary.front().groups[h];
  for (std::size_t g = 0; g < first.size(); ++g) {
    bool any = first[g].actual != 0.0;
    for (const ModelSummary& s : bt.summary) any = any || s.groups[h][g].forecast != 0.0;
    if (!any) continue;  // a value with nothing won nor forecast in any scored period
    std::vector<std::string> row{first[g].name.empty() ? "(blank)" : first[g].name, thousands(first[g].actual)};
    for (const ModelSummary& s : bt.summary) row.push_back(percent(s.groups[h][g].wape));
    t.add_row(std::move(row));
  }
  std::vector<std::string> all{"every " + dimension + " (errors do not cancel)", ""};
  for (const ModelSummary& s : bt.summary) all.push_back(percent(s.group_wape[h]));
  t.add_row(std::move(all));
  t.print(out, "  ");
}

/// The group's distribution against its actuals: CRPS, and how often its
/// P10..P90 held the actual (seasonal-naive, a point forecast, has no interval).
void print_group_distributions(const Backtest& bt, std::size_t h, std::ostream& out) {
  const std::string dimension(to_string(*bt.group_by));
  out << "\nBy " << dimension << ", horizon " << h + 1
      << ": CRPS / P10..P90 held (the group's own Monte Carlo; pinball losses in the CSV and JSON)\n";
  TextTable t;
  t.add_column(dimension, TextTable::Align::left);
  for (const std::string& m : bt.models) t.add_column(m);
  const auto& first = bt.summary.front().groups[h];
  for (std::size_t g = 0; g < first.size(); ++g) {
    bool any = first[g].actual != 0.0;
    for (const ModelSummary& s : bt.summary) any = any || s.groups[h][g].forecast != 0.0;
    if (!any) continue;
    std::vector<std::string> row{first[g].name.empty() ? "(blank)" : first[g].name};
    for (const ModelSummary& s : bt.summary) {
      const GroupSummary& gs = s.groups[h][g];
      row.push_back(thousands(gs.crps) +
                    (std::isnan(gs.coverage) ? std::string() : fmt::format(" / {} of {}", gs.covered, gs.origins)));
    }
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
}

std::string metric_title(const MetricRanking& r) {
  std::string name = r.metric == "brier" ? "Brier" : r.metric == "log_loss" ? "log loss" : r.metric == "auc" ? "AUC"
                     : r.metric == "wape" ? "WAPE" : r.metric == "mase" ? "MASE" : r.metric == "crps" ? "CRPS" : r.metric;
  return name + (r.scope == "eventual" ? ", won eventually" : ", horizon " + r.scope);
}

std::string ranked_value(const MetricRanking& r, double v) {
  if (r.metric == "wape") return percent(v);
  if (r.metric == "crps") return thousands(v);
  if (r.metric == "mase") return decimal(v, 2);
  return decimal(v);
}

void print_ranking(const Backtest& bt, std::ostream& out) {
  out << "\nRanking (best first; in brackets: origins where the model was the best)\n";
  TextTable t;
  t.add_column("metric", TextTable::Align::left);
  std::size_t width = 0;
  for (const MetricRanking& r : bt.ranking.metrics) width = std::max(width, r.models.size());
  for (std::size_t i = 0; i < width; ++i) t.add_column(fmt::format("#{}", i + 1), TextTable::Align::left);
  for (const MetricRanking& r : bt.ranking.metrics) {
    if (r.models.empty()) continue;
    std::vector<std::string> row{metric_title(r)};
    for (const RankedModel& m : r.models)
      row.push_back(fmt::format("{} {} ({}/{})", m.model, ranked_value(r, m.value), m.best_origins, r.origins));
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
  if (!bt.ranking.overall.empty()) {
    out << "  overall (mean rank):";
    for (const OverallRank& o : bt.ranking.overall) out << fmt::format(" {} {:.1f}", o.model, o.mean_rank);
    out << '\n';
  }
  out << "\nVerdict\n";
  for (const std::string& line : bt.ranking.verdict) out << "  " << line << '\n';
}

}  // namespace

void print_backtest_table(const Backtest& bt, const std::string& currency, std::ostream& out) {
  out << "Backtest: " << bt.origins.size() << " origin" << (bt.origins.size() == 1 ? "" : "s") << " every "
      << to_string(bt.every) << " from " << format_day(bt.from) << " to " << format_day(bt.to) << "; models refitted at each\n"
      << "Horizons:";
  for (std::size_t h = 0; h < bt.horizons; ++h) out << (h ? "; " : " ") << h + 1 << " = " << horizon_words(bt, h);
  out << "\nActuals as known at " << format_day(bt.latest_day) << " (the book's latest day); " << count(bt.trials)
      << " Monte Carlo trials per forecast, seed " << bt.seed << (currency.empty() ? "" : "; amounts in " + currency)
      << "\n";
  for (std::size_t h = 0; h < bt.horizons; ++h)
    if (bt.unscored[h] > 0)
      out << "Not scored: " << bt.unscored[h] << " origin" << (bt.unscored[h] == 1 ? "'s" : "s'") << " horizon-" << h + 1
          << " period had not ended by " << format_day(bt.latest_day) << "\n";

  std::size_t excluded = 0;
  for (const ModelSummary& s : bt.summary)
    if (s.per_deal) excluded = std::max(excluded, s.eventual.excluded);
  out << "\nPer deal, won eventually (the deals open at each origin, pooled; " << count(excluded)
      << " still open at " << format_day(bt.latest_day) << " left out)\n";
  print_deal_table(bt, 0, out);
  out << "  " << kSeasonalNaive << " forecasts bookings only: it has no per-deal metrics.\n";
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    out << "\nPer deal, won within horizon " << h + 1 << " (closed won from the day after the origin to the end of "
        << horizon_words(bt, h) << ")\n";
    print_deal_table(bt, 1 + h, out);
  }
  for (std::size_t target = 0; target <= bt.horizons; ++target) print_calibration(bt, target, out);
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    out << "\nBookings, horizon " << h + 1 << " (" << horizon_words(bt, h)
        << "): expected total against the actual; seasonal-naive is a point forecast\n";
    print_period_table(bt, h, out);
  }
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    out << "\nBy origin, horizon " << h + 1 << ": actual bookings and each model's forecast (absolute error / actual)\n";
    print_by_origin(bt, h, out);
  }
  if (bt.group_by)
    for (std::size_t h = 0; h < bt.horizons; ++h) {
      print_groups(bt, h, out);
      print_group_distributions(bt, h, out);
    }
  print_ranking(bt, out);
}

void write_backtest_csv(const Backtest& bt, std::ostream& out) {
  out << result_table_csv(backtest_table(bt, "metrics"));
}

}  // namespace pipecast::cli
