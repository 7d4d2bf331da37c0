#include "pipecast/render/report_charts.hpp"

#include "pipecast/render/bar_chart.hpp"
#include "pipecast/render/fan_chart.hpp"
#include "pipecast/render/forecast_views.hpp"
#include "pipecast/render/funnel_chart.hpp"
#include "pipecast/render/human_format.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render {
namespace {

std::string shown(const std::string& value) { return value.empty() ? "(blank)" : value; }

double forecast_number(const ResultTable& t, std::size_t row, const char* column) { return t.column(column).numbers[row]; }

}  // namespace

Chart pipeline_funnel_chart(const PipelineFunnel& f, const std::string& currency) {
  FunnelChartSpec spec;
  spec.title = "Funnel of " + f.name + ": deals that reached each stage";
  for (std::size_t s = 0; s < f.steps.size(); ++s) {
    const FunnelStep& step = f.steps[s];
    FunnelChartStep c{step.name, static_cast<double>(step.reached),
                      format_count(step.reached) + " \u00b7 " + format_money_compact(step.reached_value, currency), ""};
    if (step.kind == StageKind::open && s + 1 < f.steps.size())
      c.note = format_percent(step.to_next.value()) + " go on to " + f.steps[s + 1].name + " (of " +
               format_count(step.to_next.trials) + " decided)";
    spec.steps.push_back(std::move(c));
  }
  return {"funnel/" + f.name, "", funnel_chart(spec)};
}

Chart time_in_stage_chart(const PipelineVelocity& p) {
  BarChartSpec spec;
  spec.title = "Time in stage, " + p.name + ": median days of completed stays, whisker to the 90th percentile";
  spec.axis_label = "days in stage";
  spec.bar_legend = "median";
  spec.whisker_legend = "median to p90";
  spec.tick_format = [](double v) { return format_number(v); };
  for (const StageVelocity& s : p.stages) {
    const Distribution& d = s.completed;
    spec.rows.push_back(
        {s.name, d.median, d.median, d.p90,
         d.count == 0 ? "no completed stay" : format_number(d.median, 1) + " d (p90 " + format_number(d.p90, 0) + ")",
         format_count(d.count) + " completed stays"});
  }
  return {"time_in_stage/" + p.name, "", bar_chart(spec)};
}

Chart win_rate_chart(const PatternField& field, const Rate& overall) {
  BarChartSpec spec;
  spec.title = "Win rate by " + field.field + " with 95% intervals";
  spec.axis_label = "win rate (won / closed)";
  spec.tick_format = [](double v) { return format_percent(v, 0); };
  spec.domain_high = 1.0;
  spec.reference = overall.value();
  spec.reference_label = "overall " + format_percent(overall.value());
  spec.bar_legend = "win rate";
  spec.whisker_legend = "95% interval";
  spec.alternate_colour = true;
  const std::size_t n = std::min(field.values.size(), kMaxWinRateValues);
  for (std::size_t i = 0; i < n; ++i) {
    const PatternValue& v = field.values[i];
    const Interval ci = v.win_rate.interval();
    const bool known = v.closed() > 0;
    spec.rows.push_back(
        {shown(v.value), v.win_rate.value(), known ? ci.low : std::nan(""), known ? ci.high : std::nan(""),
         known ? format_percent(v.win_rate.value()) + " of " + format_count(v.closed()) : "no closed deal",
         format_count(v.won()) + " won, " + format_count(v.lost()) + " lost, " + format_count(v.open) + " open"});
  }
  const std::string note = field.values.size() > kMaxWinRateValues
                               ? "The " + format_count(kMaxWinRateValues) + " values with the most closed deals, of " +
                                     format_count(field.values.size()) + "."
                               : "";
  return {"win_rate/" + field.field, note, bar_chart(spec)};
}

Chart product_chart(const ProductReport& report, const std::string& currency) {
  BarChartSpec spec;
  spec.title = "Expected revenue from the open pipeline by product, in rank order";
  spec.axis_label = currency.empty() ? "expected revenue" : "expected revenue (" + currency + ")";
  spec.tick_format = [currency](double v) { return format_money_compact(v, currency); };
  const std::size_t n = std::min(report.products.size(), kMaxProductBars);
  for (std::size_t i = 0; i < n; ++i) {
    const ProductPotential& p = report.products[i];
    spec.rows.push_back({"#" + std::to_string(p.rank) + " " + shown(p.name), p.expected_revenue, std::nan(""),
                         std::nan(""), format_money_compact(p.expected_revenue, currency), p.reason});
  }
  const std::string note = report.products.size() > kMaxProductBars
                               ? "The " + format_count(kMaxProductBars) + " best ranked of " +
                                     format_count(report.products.size()) + " products."
                               : "";
  return {"products", note, bar_chart(spec)};
}

Chart forecast_chart(const ForecastFan& fan, const std::string& currency) {
  FanChartSpec spec;
  spec.title = "Revenue forecast by period (" + fan.model + "): P10 to P90 band, median, expected, actual";
  spec.axis_label = currency.empty() ? "revenue" : "revenue (" + currency + ")";
  spec.tick_format = [currency](double v) { return format_money_compact(v, currency); };
  const ResultTable& t = fan.table;
  const std::vector<std::string> periods = forecast_periods(t);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const std::size_t r = forecast_row(t, periods[i], "total");
    const double actual = i < fan.actuals.size() && fan.actuals[i] ? *fan.actuals[i] : std::nan("");
    spec.points.push_back({periods[i], forecast_number(t, r, "p10"), forecast_number(t, r, "p50"),
                           forecast_number(t, r, "p90"), forecast_number(t, r, "expected"), actual});
  }
  return {"forecast", "", fan_chart(spec)};
}

std::vector<Chart> report_charts(const Report& r) {
  std::vector<Chart> out;
  for (const PipelineFunnel& f : r.funnel.pipelines)
    if (f.deals > 0) out.push_back(pipeline_funnel_chart(f, r.currency));
  for (const PipelineVelocity& p : r.velocity.pipelines)
    if (std::any_of(p.stages.begin(), p.stages.end(), [](const StageVelocity& s) { return s.completed.count > 0; }))
      out.push_back(time_in_stage_chart(p));
  if (r.patterns.win_rate.trials > 0)
    for (const PatternField& field : r.patterns.fields)
      if (!field.values.empty()) out.push_back(win_rate_chart(field, r.patterns.win_rate));
  if (!r.products.products.empty()) out.push_back(product_chart(r.products, r.currency));
  return out;
}

std::vector<Chart> time_split_charts(const TimeSplit& split) {
  // Every owner together: the team's activities and won revenue by row.
  struct Sums {
    std::string label;
    double activities = 0, won = 0;
  };
  std::vector<Sums> rows;
  std::vector<std::string> pipelines;
  for (const TimeSplitRow& r : split.rows)
    if (!r.pipeline.empty() && std::find(pipelines.begin(), pipelines.end(), r.pipeline) == pipelines.end())
      pipelines.push_back(r.pipeline);
  double activities = 0, won = 0;
  for (const TimeSplitRow& r : split.rows) {
    std::string label = r.dimension == "size" ? "size: " + r.value
                        : pipelines.size() > 1 && !r.pipeline.empty() ? r.pipeline + " \u00b7 " + r.value
                                                                      : r.value;
    auto found = std::find_if(rows.begin(), rows.end(), [&](const Sums& s) { return s.label == label; });
    if (found == rows.end()) found = rows.insert(rows.end(), Sums{std::move(label)});
    found->activities += static_cast<double>(r.activities);
    found->won += r.won_amount;
    if (r.dimension == "stage") {  // each activity and each won amount once
      activities += static_cast<double>(r.activities);
      won += r.won_amount;
    }
  }
  // Stages first, then bands, each in the split's order.
  std::stable_partition(rows.begin(), rows.end(), [](const Sums& s) { return s.label.rfind("size: ", 0) != 0; });
  std::vector<Chart> out;
  for (const bool money : {false, true}) {
    BarChartSpec spec;
    spec.title = money ? "Share of won revenue " : "Share of activities (time) ";
    spec.title += "by stage and by deal size, " + format_date(split.from) + " to " + format_date(split.to);
    spec.axis_label = money ? "share of won revenue" : "share of activities";
    spec.tick_format = [](double v) { return format_percent(v, 0); };
    spec.domain_high = 1;
    spec.alternate_colour = money;
    const double whole = money ? won : activities;
    for (const Sums& s : rows) {
      const double share = whole > 0 ? (money ? s.won : s.activities) / whole : std::nan("");
      spec.rows.push_back({s.label, share, std::nan(""), std::nan(""), format_percent(share), ""});
    }
    out.push_back({money ? "time_split/won" : "time_split/time", "", bar_chart(spec)});
  }
  return out;
}

}  // namespace pipecast::render
