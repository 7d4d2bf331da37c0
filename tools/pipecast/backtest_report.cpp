#include "backtest_report.hpp"

#include "result_tables_csv.hpp"
#include "text_table.hpp"

#include "pipecast/backtest/backtest_tables.hpp"
#include "pipecast/render/backtest_views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace pipecast::cli {
namespace {

std::string unit(const Backtest& bt) { return bt.horizon == PeriodKind::quarter ? "quarter" : "month"; }

std::string horizon_words(const Backtest& bt, std::size_t h) {
  if (h == 0) return "the " + unit(bt) + " holding the day after each origin";
  return h == 1 ? "the " + unit(bt) + " after it" : fmt::format("{} {}s after it", h, unit(bt));
}

// A target of the deal metrics: "eventual", or the horizon "1", "2", ...
std::string target_name(std::size_t target) { return target == 0 ? "eventual" : std::to_string(target); }

// The backtest's tables that the text prints, made once, and their cells.
struct Tables {
  Tables(const Backtest& bt, const std::string& currency)
      : style(text_style(currency)),
        deal_summary(backtest_table(bt, "deal_summary")),
        summary(backtest_table(bt, "summary")),
        calibration(backtest_table(bt, "calibration")),
        origins(backtest_table(bt, "origins")),
        origin_scores(backtest_table(bt, "origin_scores")),
        group_summary(backtest_table(bt, "group_summary")),
        ranking(backtest_table(bt, "ranking")),
        overall(backtest_table(bt, "overall")),
        verdict(backtest_table(bt, "verdict")) {}

  // The text of a cell as `view` words it.
  std::string operator()(const ResultTable& table, const render::ColumnView& view, std::size_t row) const {
    return render::cell_text(table, view, row, style);
  }
  const std::string& text(const ResultTable& table, const char* column, std::size_t row) const {
    return table.column(column).texts[row];
  }
  double number(const ResultTable& table, const char* column, std::size_t row) const {
    return table.column(column).numbers[row];
  }

  render::CellStyle style;
  ResultTable deal_summary, summary, calibration, origins, origin_scores, group_summary, ranking, overall, verdict;
};

// The models in the order the table first names them.
std::vector<std::string> models_of(const ResultTable& table, const std::vector<std::size_t>& rows) {
  std::vector<std::string> out;
  for (const std::size_t r : rows) {
    const std::string& m = table.column("model").texts[r];
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  return out;
}

void print_deal_table(const Tables& t, std::size_t target, std::ostream& out) {
  view_table(t.deal_summary, render::backtest_deal_view(), render::rows_where(t.deal_summary, "target", target_name(target)),
             t.style)
      .print(out, "  ");
}

/// target 0: won eventually; 1 + h: won within horizon h (as print_deal_table).
void print_calibration(const Tables& t, std::size_t target, std::ostream& out) {
  const std::string what = target == 0 ? "won eventually" : fmt::format("won within horizon {}", target);
  out << "\nCalibration, " << what
      << " (pooled): mean predicted / observed win rate (deals), by predicted probability\n";
  // The pooled bins of the target, model by model, bin by bin.
  std::vector<std::size_t> rows;
  for (const std::size_t r : render::rows_where(t.calibration, "origin", "all"))
    if (t.text(t.calibration, "target", r) == target_name(target)) rows.push_back(r);
  const std::vector<std::string> models = models_of(t.calibration, rows);
  TextTable table;
  table.add_column("predicted", TextTable::Align::left);
  for (const std::string& m : models) table.add_column(m);
  if (models.empty()) return;
  const std::size_t bins = rows.size() / models.size();
  const render::ColumnView predicted("mean_predicted", "", render::Shown::percent);
  const render::ColumnView observed("observed", "", render::Shown::percent);
  for (std::size_t b = 0; b < bins; ++b) {
    const std::size_t first = rows[b];
    std::vector<std::string> row{fmt::format("{:.0f}-{:.0f}%", t.number(t.calibration, "lower", first) * 100,
                                             t.number(t.calibration, "upper", first) * 100)};
    for (std::size_t m = 0; m < models.size(); ++m) {
      const std::size_t r = rows[m * bins + b];
      row.push_back(t.calibration.column("count").integers[r] == 0
                        ? "-"
                        : t(t.calibration, predicted, r) + " / " + t(t.calibration, observed, r) + " (" +
                              t(t.calibration, render::ColumnView("count"), r) + ")");
    }
    table.add_row(std::move(row));
  }
  table.print(out, "  ");
}

void print_period_table(const Tables& t, std::size_t h, std::ostream& out) {
  view_table(t.summary, render::backtest_period_view(), render::horizon_rows(t.summary, h + 1), t.style).print(out, "  ");
}

void print_by_origin(const Tables& t, const std::vector<std::string>& models, std::size_t h, std::ostream& out) {
  using Key = std::tuple<std::string, Day, std::int64_t>;  // model, origin, horizon
  std::map<Key, std::size_t> scores;
  const ResultTable& s = t.origin_scores;
  for (std::size_t r = 0; r < s.rows; ++r)
    scores[{s.column("model").texts[r], s.column("origin").days[r], s.column("horizon").integers[r]}] = r;
  TextTable table;
  table.add_column("origin", TextTable::Align::left);
  table.add_column("period", TextTable::Align::left);
  table.add_column("actual");
  for (const std::string& m : models) table.add_column(m);
  const render::ColumnView amount("forecast", "", render::Shown::amount);
  for (const std::size_t o : render::horizon_rows(t.origins, h + 1)) {
    const Day origin = t.origins.column("origin").days[o];
    const auto score = [&](const std::string& model) { return scores.at({model, origin, std::int64_t(h + 1)}); };
    const bool scored = t.origins.column("scored").integers[o] != 0;
    std::vector<std::string> row{format_day(origin), t.text(t.origins, "period", o),
                                 scored ? t(s, render::ColumnView("actual", "", render::Shown::amount),
                                            score(models.front()))
                                        : "not ended"};
    for (const std::string& m : models) {
      const std::size_t r = score(m);
      const double wape = t.number(s, "wape", r);
      row.push_back(t(s, amount, r) +
                    (std::isnan(wape) ? "" : " (" + t(s, render::ColumnView("wape", "", render::Shown::percent), r) + ")"));
    }
    table.add_row(std::move(row));
  }
  table.print(out, "  ");
}

// The rows of group_summary of horizon h, by (model, group); the groups in
// order, and whether any model forecast or won anything in each.
struct Groups {
  Groups(const Tables& t, const std::vector<std::string>& models, std::size_t h) {
    const ResultTable& g = t.group_summary;
    for (const std::size_t r : render::horizon_rows(g, h + 1)) {
      const std::string& group = t.text(g, "group", r);
      rows[{t.text(g, "model", r), group}] = r;
      if (std::find(names.begin(), names.end(), group) == names.end()) names.push_back(group);
    }
    for (const std::string& group : names) {
      bool any = t.number(g, "actual", rows.at({models.front(), group})) != 0.0;
      for (const std::string& m : models) any = any || t.number(g, "forecast", rows.at({m, group})) != 0.0;
      // A value with nothing won nor forecast in any scored period is left out.
      if (any) shown.push_back(group);
    }
  }
  std::size_t at(const std::string& model, const std::string& group) const { return rows.at({model, group}); }

  std::map<std::pair<std::string, std::string>, std::size_t> rows;
  std::vector<std::string> names, shown;
};

void print_groups(const Backtest& bt, const Tables& t, const std::vector<std::string>& models, std::size_t h,
                  std::ostream& out) {
  const std::string dimension(to_string(*bt.group_by));
  out << "\nBy " << dimension << ", horizon " << h + 1 << ": WAPE over the origins (expected values)\n";
  const Groups groups(t, models, h);
  const ResultTable& g = t.group_summary;
  const render::ColumnView wape("wape", "", render::Shown::percent);
  TextTable table;
  table.add_column(dimension, TextTable::Align::left);
  table.add_column("actual");
  for (const std::string& m : models) table.add_column(m);
  for (const std::string& group : groups.shown) {
    std::vector<std::string> row{t(g, render::ColumnView("group"), groups.at(models.front(), group)),
                                 t(g, render::ColumnView("actual", "", render::Shown::amount), groups.at(models.front(), group))};
    for (const std::string& m : models) row.push_back(t(g, wape, groups.at(m, group)));
    table.add_row(std::move(row));
  }
  std::vector<std::string> all{"every " + dimension + " (errors do not cancel)", ""};
  for (const std::size_t r : render::horizon_rows(t.summary, h + 1))
    all.push_back(t(t.summary, render::ColumnView("group_wape", "", render::Shown::percent), r));
  table.add_row(std::move(all));
  table.print(out, "  ");
}

/// The group's distribution against its actuals: CRPS, and how often its
/// P10..P90 held the actual (seasonal-naive, a point forecast, has no interval).
void print_group_distributions(const Backtest& bt, const Tables& t, const std::vector<std::string>& models,
                               std::size_t h, std::ostream& out) {
  const std::string dimension(to_string(*bt.group_by));
  out << "\nBy " << dimension << ", horizon " << h + 1
      << ": CRPS / P10..P90 held (the group's own Monte Carlo; pinball losses in the CSV and JSON)\n";
  const Groups groups(t, models, h);
  const ResultTable& g = t.group_summary;
  TextTable table;
  table.add_column(dimension, TextTable::Align::left);
  for (const std::string& m : models) table.add_column(m);
  for (const std::string& group : groups.shown) {
    std::vector<std::string> row{t(g, render::ColumnView("group"), groups.at(models.front(), group))};
    for (const std::string& m : models) {
      const std::size_t r = groups.at(m, group);
      row.push_back(t(g, render::ColumnView("crps", "", render::Shown::amount), r) +
                    (std::isnan(t.number(g, "coverage", r))
                         ? std::string()
                         : " / " + t(g, render::ColumnView("covered"), r) + " of " + t(g, render::ColumnView("origins"), r)));
    }
    table.add_row(std::move(row));
  }
  table.print(out, "  ");
}

std::string metric_title(const std::string& metric, const std::string& scope) {
  std::string name = metric == "brier" ? "Brier" : metric == "log_loss" ? "log loss" : metric == "auc" ? "AUC"
                     : metric == "wape" ? "WAPE" : metric == "mase" ? "MASE" : metric == "crps" ? "CRPS" : metric;
  return name + (scope == "eventual" ? ", won eventually" : ", horizon " + scope);
}

// How the ranking words a metric's value: as its own table does.
render::ColumnView ranked_value(const std::string& metric) {
  if (metric == "wape") return render::ColumnView("value", "", render::Shown::percent);
  if (metric == "crps") return render::ColumnView("value", "", render::Shown::amount);
  return render::fixed_decimals("value", "", metric == "mase" ? 2 : 4);
}

void print_ranking(const Tables& t, std::ostream& out) {
  out << "\nRanking (best first; in brackets: origins where the model was the best)\n";
  const ResultTable& ranking = t.ranking;
  // Its rows, a metric and scope's models one after the other, best first.
  std::vector<std::vector<std::size_t>> metrics;
  for (std::size_t r = 0; r < ranking.rows; ++r) {
    const bool same = r > 0 && t.text(ranking, "metric", r) == t.text(ranking, "metric", r - 1) &&
                      t.text(ranking, "scope", r) == t.text(ranking, "scope", r - 1);
    if (!same) metrics.emplace_back();
    metrics.back().push_back(r);
  }
  TextTable table;
  table.add_column("metric", TextTable::Align::left);
  std::size_t width = 0;
  for (const auto& rows : metrics) width = std::max(width, rows.size());
  for (std::size_t i = 0; i < width; ++i) table.add_column(fmt::format("#{}", i + 1), TextTable::Align::left);
  for (const auto& rows : metrics) {
    const std::string& metric = t.text(ranking, "metric", rows.front());
    std::vector<std::string> row{metric_title(metric, t.text(ranking, "scope", rows.front()))};
    for (const std::size_t r : rows)
      row.push_back(fmt::format("{} {} ({}/{})", t.text(ranking, "model", r), t(ranking, ranked_value(metric), r),
                                ranking.column("best_origins").integers[r], ranking.column("origins").integers[r]));
    table.add_row(std::move(row));
  }
  table.print(out, "  ");
  if (t.overall.rows > 0) {
    out << "  overall (mean rank):";
    for (std::size_t r = 0; r < t.overall.rows; ++r)
      out << " " << t.text(t.overall, "model", r) << " " << t(t.overall, render::fixed_decimals("mean_rank", "", 1), r);
    out << '\n';
  }
  out << "\nVerdict\n";
  for (const std::string& line : t.verdict.column("sentence").texts) out << "  " << line << '\n';
}

}  // namespace

void print_backtest_table(const Backtest& bt, const std::string& currency, std::ostream& out) {
  const Tables t(bt, currency);
  out << "Backtest: " << bt.origins.size() << " origin" << (bt.origins.size() == 1 ? "" : "s") << " every "
      << to_string(bt.every) << " from " << format_day(bt.from) << " to " << format_day(bt.to) << "; models refitted at each\n"
      << "Horizons:";
  for (std::size_t h = 0; h < bt.horizons; ++h) out << (h ? "; " : " ") << h + 1 << " = " << horizon_words(bt, h);
  out << "\nActuals as known at " << format_day(bt.latest_day) << " (the book's latest day); " << count(bt.trials)
      << " Monte Carlo trials per forecast, seed " << bt.seed << (currency.empty() ? "" : "; amounts in " + currency)
      << "\n";
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    std::size_t unscored = 0;
    for (const std::size_t o : render::horizon_rows(t.origins, h + 1)) unscored += t.origins.column("scored").integers[o] == 0;
    if (unscored > 0)
      out << "Not scored: " << unscored << " origin" << (unscored == 1 ? "'s" : "s'") << " horizon-" << h + 1
          << " period had not ended by " << format_day(bt.latest_day) << "\n";
  }

  std::int64_t excluded = 0;
  for (const std::size_t r : render::rows_where(t.deal_summary, "target", "eventual"))
    excluded = std::max(excluded, t.deal_summary.column("excluded").integers[r]);
  out << "\nPer deal, won eventually (the deals open at each origin, pooled; " << count(static_cast<std::size_t>(excluded))
      << " still open at " << format_day(bt.latest_day) << " left out)\n";
  print_deal_table(t, 0, out);
  out << "  " << kSeasonalNaive << " forecasts bookings only: it has no per-deal metrics.\n";
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    out << "\nPer deal, won within horizon " << h + 1 << " (closed won from the day after the origin to the end of "
        << horizon_words(bt, h) << ")\n";
    print_deal_table(t, 1 + h, out);
  }
  for (std::size_t target = 0; target <= bt.horizons; ++target) print_calibration(t, target, out);
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    out << "\nBookings, horizon " << h + 1 << " (" << horizon_words(bt, h)
        << "): expected total against the actual; seasonal-naive is a point forecast\n";
    print_period_table(t, h, out);
  }
  const std::vector<std::string> models = models_of(t.summary, render::all_rows(t.summary));
  for (std::size_t h = 0; h < bt.horizons; ++h) {
    out << "\nBy origin, horizon " << h + 1 << ": actual bookings and each model's forecast (absolute error / actual)\n";
    print_by_origin(t, models, h, out);
  }
  if (bt.group_by)
    for (std::size_t h = 0; h < bt.horizons; ++h) {
      print_groups(bt, t, models, h, out);
      print_group_distributions(bt, t, models, h, out);
    }
  print_ranking(t, out);
}

void write_backtest_csv(const Backtest& bt, std::ostream& out) {
  out << result_table_csv(backtest_table(bt, "metrics"));
}

}  // namespace pipecast::cli
