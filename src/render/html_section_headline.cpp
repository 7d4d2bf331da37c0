#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/forecast_views.hpp"
#include "pipecast/render/human_format.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render::sections {
namespace {

std::string tile(std::string_view label, const std::string& big, const std::string& sub) {
  return "<div class=\"tile\"><div class=\"label\">" + html::text(label) + "</div><div class=\"big\">" + big +
         "</div><div class=\"sub\">" + sub + "</div></div>\n";
}

// The report's tables that the tiles quote, each figure marked at its cell.
struct Figures {
  explicit Figures(const Report& r)
      : style{r.currency},
        summary(report_table(r, "summary")),
        coverage(report_table(r, "coverage")),
        sales_velocity(report_table(r, "sales_velocity")),
        patterns(report_table(r, "patterns_summary")),
        stalled(report_table(r, "stalled_summary")) {}

  // The cell of `table`'s `row` (the team and total rows are the last).
  std::string operator()(const ResultTable& table, std::size_t row, const char* column,
                         Shown shown = Shown::automatic) const {
    return html::table_figure(table, ColumnView(column, "", shown), row, style, kReportDocument);
  }
  std::string team(const char* column, Shown shown = Shown::automatic) const {
    return (*this)(coverage, coverage.rows - 1, column, shown);
  }
  std::string total(const char* column, Shown shown = Shown::automatic) const {
    return (*this)(sales_velocity, sales_velocity.rows - 1, column, shown);
  }

  CellStyle style;
  ResultTable summary, coverage, sales_velocity, patterns, stalled;
};

std::string deals(const std::string& figure, std::size_t n) { return figure + (n == 1 ? " deal" : " deals"); }

// What the open pipeline's figure leaves out, said beside it: an unknown
// amount or close date is never a silent zero.
std::string unknown_parts(const CoverageRow& team, const Figures& f) {
  std::string out;
  if (team.open_blank_amount > 0)
    out += "; " + f.team("open_blank_amount") + " of them without an amount, counted as 0";
  if (team.open_no_close_date > 0)
    out += "; " + f.team("open_no_close_date") + " open deals have no close date and are in no period";
  return out;
}

std::string quota_tile(const Report& r, const Figures& f) {
  if (!r.coverage.team.has_quota())
    return tile("Quota attainment", html::text(kMissing), "no quota for " + html::text(r.period.label));
  return tile("Quota attainment", f.team("attainment"), "of " + f.team("quota", Shown::money) + " quota");
}

std::string coverage_tile(const Report& r, const Figures& f) {
  const CoverageRow& team = r.coverage.team;
  if (!team.has_quota()) return tile("Pipeline coverage", html::text(kMissing), "no quota to cover");
  const ColumnView ratio = ColumnView("coverage", "", Shown::ratio).worded([](const ResultTable& t, std::size_t row) {
    return t.column("quota_met").integers[row] != 0 ? std::string("quota met")
                                                   : format_number(t.column("coverage").numbers[row], 2) + "\u00d7";
  });
  return tile("Pipeline coverage",
              html::table_figure(f.coverage, ratio, f.coverage.rows - 1, f.style, kReportDocument),
              team.quota_met ? "nothing left to cover" : "open pipeline / " + f.team("remaining", Shown::money) + " left");
}

std::string forecast_tile(const HtmlReportInput& input) {
  if (!input.forecast) return {};
  const ResultTable& t = input.forecast->table;
  const std::string& label = input.report.period.label;
  const std::vector<std::string> periods = forecast_periods(t);
  if (std::find(periods.begin(), periods.end(), label) == periods.end()) return {};
  const std::size_t total = forecast_row(t, label, "total");
  const CellStyle style{input.report.currency};
  const auto figure = [&](const ColumnView& view) {
    return html::table_figure(t, view, total, style, kForecastDocument);
  };
  const auto compact_money = [&](const char* column) {
    const std::string currency = style.currency;
    return figure(ColumnView(column, "", Shown::money).worded([column, currency](const ResultTable& table, std::size_t row) {
      return format_money_compact(table.column(column).numbers[row], currency);
    }));
  };
  // Among the figures of a segment, the whole company's forecast must say so.
  const bool narrowed = !input.report.pipeline.empty() || !input.report.filters.empty();
  return tile("Forecast " + label + (input.forecast->whole_book && narrowed ? " (P50, whole company)" : " (P50)"),
              figure(ColumnView("p50", "", Shown::money)),
              "P10 " + compact_money("p10") + " \u2013 P90 " + compact_money("p90"));
}

}  // namespace

std::string headline(const HtmlReportInput& input) {
  const Report& r = input.report;
  const Figures f(r);
  const CoverageRow& team = r.coverage.team;
  std::string out = "<div class=\"tiles\">\n";
  out += tile("Open pipeline, " + r.period.label, f.team("open_amount", Shown::money),
              deals(f.team("open_deals"), team.open_deals) + " expected to close in it" + unknown_parts(team, f));
  out += tile("Weighted pipeline", f.team("weighted_amount", Shown::money), "the same \u00d7 stage probability");
  out += tile("Won in " + r.period.label, f.team("won", Shown::money), deals(f.team("won_deals"), team.won_deals));
  out += quota_tile(r, f);
  out += coverage_tile(r, f);
  out += forecast_tile(input);
  out += tile("Win rate", f(f.patterns, 0, "win_rate"),
              "of " + f(f.patterns, 0, "win_rate_trials") + " closed deals (any date)");
  out += tile("Open deals", f.total("opportunities"), "in " + f(f.summary, 0, "deals") + " deals in scope");
  const ColumnView cycle = ColumnView("average_cycle_days").worded([](const ResultTable& t, std::size_t row) {
    return format_days(t.column("average_cycle_days").numbers[row], 0);
  });
  out += tile("Velocity per 30 days", f.total("value_per_30_days", Shown::money),
              "avg won " + f.total("average_won_amount", Shown::money) + ", cycle " +
                  html::table_figure(f.sales_velocity, cycle, f.sales_velocity.rows - 1, f.style, kReportDocument));
  out += tile("Stalled deals", f(f.stalled, 0, "stalled"), f(f.stalled, 0, "stalled_value", Shown::money) + " at risk");
  out += tile("Overdue deals", f(f.stalled, 0, "overdue"),
              f(f.stalled, 0, "overdue_value", Shown::money) + " past their close date");
  return out + "</div>\n";
}

}  // namespace pipecast::render::sections
