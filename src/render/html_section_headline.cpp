#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render::sections {
namespace {

std::string tile(std::string_view label, const std::string& big, const std::string& sub) {
  return "<div class=\"tile\"><div class=\"label\">" + html::text(label) + "</div><div class=\"big\">" + big +
         "</div><div class=\"sub\">" + sub + "</div></div>\n";
}

std::string deals(std::string_view path, std::size_t n) {
  return html::figure(path, n, format_count(n)) + (n == 1 ? " deal" : " deals");
}

// What the open pipeline's figure leaves out, said beside it: an unknown
// amount or close date is never a silent zero.
std::string unknown_parts(const CoverageRow& team) {
  std::string out;
  if (team.open_blank_amount > 0)
    out += "; " + html::figure("coverage.team.open_blank_amount", team.open_blank_amount,
                               format_count(team.open_blank_amount)) +
           " of them without an amount, counted as 0";
  if (team.open_no_close_date > 0)
    out += "; " + html::figure("coverage.team.open_no_close_date", team.open_no_close_date,
                               format_count(team.open_no_close_date)) +
           " open deals have no close date and are in no period";
  return out;
}

std::string quota_tile(const Report& r) {
  const CoverageRow& team = r.coverage.team;
  if (!team.has_quota())
    return tile("Quota attainment", html::text(kMissing), "no quota for " + html::text(r.period.label));
  return tile("Quota attainment",
              html::figure("coverage.team.attainment", team.attainment, format_percent(team.attainment)),
              "of " + html::figure("coverage.team.quota", team.quota, format_money(team.quota, r.currency)) + " quota");
}

std::string coverage_tile(const Report& r) {
  const CoverageRow& team = r.coverage.team;
  if (!team.has_quota()) return tile("Pipeline coverage", html::text(kMissing), "no quota to cover");
  const std::string ratio = team.quota_met ? "quota met" : format_number(team.coverage, 2) + "\u00d7";
  return tile("Pipeline coverage", html::figure("coverage.team.coverage", team.coverage, ratio),
              team.quota_met ? "nothing left to cover"
                             : "open pipeline / " +
                                   html::figure("coverage.team.remaining", team.remaining,
                                                format_money(team.remaining, r.currency)) +
                                   " left");
}

std::string forecast_tile(const HtmlReportInput& input) {
  if (!input.forecast) return {};
  const auto& periods = input.forecast->periods;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const ForecastPeriod& p = periods[i];
    if (p.label != input.report.period.label) continue;
    // Among the figures of a segment, the whole company's forecast must say so.
    const bool narrowed = !input.report.pipeline.empty() || !input.report.filters.empty();
    return tile(
        "Forecast " + p.label + (input.forecast->whole_book && narrowed ? " (P50, whole company)" : " (P50)"),
        html::figure(html::path("forecast.periods", i, "total.p50"), p.p50, format_money(p.p50, input.report.currency)),
        "P10 " +
            html::figure(html::path("forecast.periods", i, "total.p10"), p.p10,
                         format_money_compact(p.p10, input.report.currency)) +
            " \u2013 P90 " +
            html::figure(html::path("forecast.periods", i, "total.p90"), p.p90,
                         format_money_compact(p.p90, input.report.currency)));
  }
  return {};
}

}  // namespace

std::string headline(const HtmlReportInput& input) {
  const Report& r = input.report;
  const std::string& cur = r.currency;
  const CoverageRow& team = r.coverage.team;
  const SalesVelocity& sv = r.sales_velocity.total;
  const Rate& win = r.patterns.win_rate;
  std::string out = "<div class=\"tiles\">\n";
  out += tile("Open pipeline, " + r.period.label,
              html::figure("coverage.team.open_amount", team.open_amount, format_money(team.open_amount, cur)),
              deals("coverage.team.open_deals", team.open_deals) + " expected to close in it" +
                  unknown_parts(team));
  out +=
      tile("Weighted pipeline",
           html::figure("coverage.team.weighted_amount", team.weighted_amount, format_money(team.weighted_amount, cur)),
           "the same \u00d7 stage probability");
  out += tile("Won in " + r.period.label, html::figure("coverage.team.won", team.won, format_money(team.won, cur)),
              deals("coverage.team.won_deals", team.won_deals));
  out += quota_tile(r);
  out += coverage_tile(r);
  out += forecast_tile(input);
  out += tile("Win rate", html::figure("patterns.win_rate.value", win.value(), format_percent(win.value())),
              "of " + html::figure("patterns.win_rate.trials", win.trials, format_count(win.trials)) +
                  " closed deals (any date)");
  out += tile("Open deals",
              html::figure("sales_velocity.total.opportunities", sv.opportunities, format_count(sv.opportunities)),
              "in " + html::figure("deals", r.deals, format_count(r.deals)) + " deals in scope");
  out += tile("Velocity per 30 days",
              html::figure("sales_velocity.total.value_per_30_days", sv.value_per_30_days,
                           format_money(sv.value_per_30_days, cur)),
              "avg won " +
                  html::figure("sales_velocity.total.average_won_amount", sv.average_won_amount,
                               format_money(sv.average_won_amount, cur)) +
                  ", cycle " +
                  html::figure("sales_velocity.total.average_cycle_days", sv.average_cycle_days,
                               format_days(sv.average_cycle_days, 0)));
  out +=
      tile("Stalled deals", html::figure("stalled.stalled", r.stalled.stalled, format_count(r.stalled.stalled)),
           html::figure("stalled.stalled_value", r.stalled.stalled_value, format_money(r.stalled.stalled_value, cur)) +
               " at risk");
  out +=
      tile("Overdue deals", html::figure("stalled.overdue", r.stalled.overdue, format_count(r.stalled.overdue)),
           html::figure("stalled.overdue_value", r.stalled.overdue_value, format_money(r.stalled.overdue_value, cur)) +
               " past their close date");
  return out + "</div>\n";
}

}  // namespace pipecast::render::sections
