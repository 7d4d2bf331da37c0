// The HTML page: self-contained, well-formed charts, figures marked with
// their exact values, and plain words where a section has no data.
#include "pipecast/analytics/activity_effects.hpp"
#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/analytics/time_split.hpp"
#include "pipecast/analytics/worklist.hpp"
#include "pipecast/backtest/backtest_tables.hpp"
#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/render/html_report.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"
#include "pipecast/render/report_views.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "html_page_support.hpp"
#include "render/html_parts.hpp"
#include "render_xml.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <charconv>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

namespace pipecast::render {
// Named for the file: a unity build compiles the files of a program as one.
namespace render_html_report_test {
namespace {

using test::occurrences;
using test::parse_xml;

const test::SmallBookReport& small() { return test::small_book_report(); }

std::map<std::string, std::string> figures(const std::string& page) { return test::marked_figures(page); }

// A number as a figure's data-value has it: exact, "null" when not finite.
std::string exact_or_null(double v) {
  if (!std::isfinite(v)) return "null";
  char buffer[400];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed).ptr;
  return std::string(buffer, end);
}

std::vector<std::string> svgs(const std::string& page) {
  std::vector<std::string> out;
  for (auto at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1))
    out.push_back(page.substr(at, page.find("</svg>", at) + 6 - at));
  return out;
}

// Two quarters of a forecast, only their totals known (no split by part)
// unless `pipeline` gives the second quarter's expected from open deals.
Forecast hand_made_forecast_result(const Report& r, double pipeline = std::nan("")) {
  const double nan = std::nan("");
  const auto period = [nan](Period p, ComponentForecast total) {
    PeriodForecast f;
    f.period = std::move(p);
    f.components = {ComponentForecast{nan, nan, nan, nan}, ComponentForecast{nan, nan, nan, nan},
                    ComponentForecast{nan, nan, nan, nan}, total};
    return f;
  };
  Forecast f;
  f.model = "markov";
  f.as_of = r.as_of;
  f.trials = 1000;
  f.seed = 7;
  f.periods = {period({PeriodKind::quarter, to_day(2023, 10, 1), to_day(2023, 12, 31), "2023-Q4"},
                      {9000, 7000, 8800, 11000}),
               period(r.period, {12000, 9000, 11800, 15500})};
  f.periods[1].components[static_cast<std::size_t>(ForecastComponent::pipeline)].expected = pipeline;
  return f;
}

ForecastFan hand_made_forecast(const Report& r, double pipeline = std::nan("")) {
  ForecastFan fan;
  fan.model = "markov";
  fan.method = "Monte Carlo, 1,000 runs, seed 7";
  fan.table = forecast_table(hand_made_forecast_result(r, pipeline));
  fan.actuals = {9500, std::nullopt};
  return fan;
}

// Three models over four origins, one horizon: crm, markov and stage (stage
// without a Brier score), and the verdict.
Backtest hand_made_backtest_result() {
  const auto model = [](std::string name, double brier, double wape, double bias) {
    ModelSummary s;
    s.model = std::move(name);
    s.eventual.deals = 120;
    s.eventual.positives = 30;
    s.eventual.brier = brier;
    s.eventual.log_loss = brier * 3;
    s.eventual.auc = 1 - brier;
    s.eventual.calibration_error = brier / 10;
    PeriodSummary p;
    p.origins = 4;
    p.wape = wape;
    p.bias = bias;
    p.mase = wape * 5;
    p.pinball = {1000 * wape, 2000 * wape, 1500 * wape};
    p.crps = 4000 * wape;
    p.coverage = 0.75;
    p.covered = 3;
    s.periods = {p};
    return s;
  };
  Backtest bt;
  bt.horizons = 1;
  bt.models = {"crm", "markov", "stage"};
  bt.summary = {model("crm", 0.21, 0.31, -0.25), model("markov", 0.15, 0.12, 0.04), model("stage", std::nan(""), 0.18, -0.03)};
  bt.ranking.verdict = {"markov would have been closest.", "stage was second."};
  return bt;
}

BacktestTable hand_made_backtest() {
  const Backtest bt = hand_made_backtest_result();
  BacktestTable b;
  b.description = "4 rolling origins, quarterly";
  b.deal_summary = backtest_table(bt, "deal_summary");
  b.summary = backtest_table(bt, "summary");
  b.verdict = backtest_table(bt, "verdict");
  return b;
}

TEST(HtmlReport, SelfContainedPage) {
  const std::string page = html_report(HtmlReportInput(small().report));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  // The only URL is the SVG namespace name, which is never fetched.
  EXPECT_EQ(occurrences(page, "http://") + occurrences(page, "https://"),
            occurrences(page, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(page.find("url("), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("NaN"), std::string::npos);
  EXPECT_EQ(page.find("nan\""), std::string::npos);
  EXPECT_EQ(page.substr(page.size() - 8), "</html>\n");
}

TEST(HtmlReport, EveryChartIsWellFormedWithShapes) {
  const std::string page = html_report(HtmlReportInput(small().report));
  const std::vector<std::string> charts = svgs(page);
  ASSERT_GE(charts.size(), 3u);  // funnel, time in stage, win rates, products at least
  for (const std::string& svg : charts) {
    const auto tree = parse_xml(svg);
    const std::size_t shapes = test::count_elements(tree, "rect") + test::count_elements(tree, "path") +
                               test::count_elements(tree, "polygon") + test::count_elements(tree, "polyline") +
                               test::count_elements(tree, "circle") + test::count_elements(tree, "line");
    EXPECT_GT(shapes, 0u) << svg.substr(0, 200);
  }
}

TEST(HtmlReport, ItsChartsAreTheChartsOnTheirOwn) {
  // One definition: the page's charts are report_charts() and
  // forecast_chart(), to the byte, in the page's order (the forecast's
  // section comes after the times in stage).
  const Report& r = small().report;
  HtmlReportInput input(r);
  input.forecast = hand_made_forecast(r);
  const std::vector<std::string> page = svgs(html_report(input));
  const std::vector<Chart> charts = report_charts(r);
  std::vector<std::string> expected;
  for (const Chart& c : charts)
    if (c.name.starts_with("funnel/") || c.name.starts_with("time_in_stage/")) expected.push_back(c.svg);
  expected.push_back(forecast_chart(*input.forecast, r.currency).svg);
  for (const Chart& c : charts)
    if (!c.name.starts_with("funnel/") && !c.name.starts_with("time_in_stage/")) expected.push_back(c.svg);
  EXPECT_EQ(page, expected);
  std::vector<std::string> names;
  for (const Chart& c : charts) names.push_back(c.name);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "funnel/" + r.funnel.pipelines.front().name);
  EXPECT_EQ(names.back(), "products");
  EXPECT_NE(std::find(names.begin(), names.end(), "win_rate/" + r.patterns.fields.front().field), names.end());
}

TEST(HtmlReport, FiguresCarryTheirExactValues) {
  const Report& r = small().report;
  const auto marked = figures(html_report(HtmlReportInput(r)));
  const auto exact = [](double v) {
    char buffer[400];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed).ptr;
    return std::string(buffer, end);
  };
  const std::string team = "coverage." + std::to_string(r.coverage.owners.size()) + ".";
  EXPECT_EQ(marked.at("summary.0.as_of"), format_day(r.as_of));
  EXPECT_EQ(marked.at("summary.0.period"), r.period.label);
  EXPECT_EQ(marked.at("summary.0.deals"), std::to_string(r.deals));
  EXPECT_EQ(marked.at(team + "open_amount"), exact(r.coverage.team.open_amount));
  EXPECT_EQ(marked.at(team + "weighted_amount"), exact(r.coverage.team.weighted_amount));
  EXPECT_EQ(marked.at(team + "won"), exact(r.coverage.team.won));
  // The stalled and velocity sections: each figure at its row of the report's tables.
  EXPECT_EQ(marked.at("stalled_summary.0.stalled"), std::to_string(r.stalled.stalled));
  EXPECT_EQ(marked.at("stalled_summary.0.stalled_value"), exact(r.stalled.stalled_value));
  EXPECT_EQ(marked.at("stalled_summary.0.overdue"), std::to_string(r.stalled.overdue));
  EXPECT_EQ(marked.at("stalled_summary.0.overdue_value"), exact(r.stalled.overdue_value));
  ASSERT_FALSE(r.stalled.thresholds.empty());
  EXPECT_EQ(marked.at("stalled_thresholds.0.days"), exact_or_null(r.stalled.thresholds[0].days));
  EXPECT_EQ(marked.at("stalled_thresholds.0.sample"), std::to_string(r.stalled.thresholds[0].sample));
  EXPECT_EQ(marked.count("stalled.0.amount"), 0u);  // nothing flagged in the small book
  const PipelineVelocity& pipeline = r.velocity.pipelines[0];
  const StageVelocity& stage = pipeline.stages[0];
  EXPECT_EQ(marked.at("velocity.0.completed_count"), std::to_string(stage.completed.count));
  EXPECT_EQ(marked.at("velocity.0.completed_median"), exact_or_null(stage.completed.median));
  EXPECT_EQ(marked.at("velocity.0.current_count"), std::to_string(stage.current.count));
  EXPECT_EQ(marked.at("cycles.0.days_median"), exact_or_null(pipeline.won_cycle.median));
  EXPECT_EQ(marked.at("cycles.1.days_count"), std::to_string(pipeline.lost_cycle.count));
  ASSERT_FALSE(stage.by_period.empty());
  EXPECT_EQ(marked.at("velocity_trend.0.days_median"), exact_or_null(stage.by_period[0].median));
  EXPECT_EQ(marked.at("velocity_trend.0.days_count"), std::to_string(stage.by_period[0].count));
  // Every figure of the report is a cell, "<table>.<row>.<column>", of a
  // report table: `report --format json` has it there.
  std::set<std::string> tables;
  for (const ReportTableName& t : report_table_names()) tables.insert(std::string(t.name));
  static const std::regex cell_path("([a-z_]+)\\.[0-9]+\\.[a-z_0-9]+");
  for (const auto& figure : marked) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(figure.first, m, cell_path) && tables.count(m[1].str())) << figure.first;
  }
  EXPECT_EQ(marked.at("funnel.0.reached"), std::to_string(r.funnel.pipelines[0].steps[0].reached));
  EXPECT_EQ(marked.at("products.0.expected_revenue"), exact(r.products.products[0].expected_revenue));
  EXPECT_EQ(marked.at("products_summary.0.win_rate"), exact(r.products.win_rate.value()));
  EXPECT_EQ(marked.at("cross_sell_summary.0.buying_accounts"), std::to_string(r.cross_sell.buying_accounts));
  const double win = r.patterns.win_rate.value();
  // The win rates, sales velocity and coverage sections: each figure at its
  // row of its table in `report --format json`.
  EXPECT_EQ(marked.at("patterns_summary.0.win_rate"), std::isfinite(win) ? exact(win) : "null");
  EXPECT_EQ(marked.at("patterns_summary.0.win_rate_trials"), std::to_string(r.patterns.win_rate.trials));
  EXPECT_EQ(marked.at("patterns_summary.0.min_closed"), std::to_string(r.patterns.min_closed));
  const std::size_t segments = r.sales_velocity.segments.size();
  ASSERT_GT(segments, 0u);
  EXPECT_EQ(marked.at("sales_velocity.0.opportunities"),
            std::to_string(r.sales_velocity.segments[0].opportunities));
  const std::string total = "sales_velocity." + std::to_string(segments) + ".";
  EXPECT_EQ(marked.at(total + "opportunities"), std::to_string(r.sales_velocity.total.opportunities));
  EXPECT_EQ(marked.at(total + "value_per_30_days"), exact(r.sales_velocity.total.value_per_30_days));
  EXPECT_EQ(marked.at(total + "win_rate_trials"), std::to_string(r.sales_velocity.total.win_rate.trials));
  ASSERT_GT(r.coverage.owners.size(), 0u);
  EXPECT_EQ(marked.at("coverage.0.won"), exact(r.coverage.owners[0].won));
  EXPECT_EQ(marked.at("coverage.0.quota"), exact(r.coverage.owners[0].quota));
  EXPECT_EQ(marked.at(team + "won"), exact(r.coverage.team.won));
  EXPECT_EQ(marked.at(team + "won_deals"), std::to_string(r.coverage.team.won_deals));
  EXPECT_EQ(marked.at(team + "attainment"), exact(r.coverage.team.attainment));
  for (const auto& [path, value] : marked) {
    EXPECT_NE(value, "") << path;
    EXPECT_EQ(value.find("nan"), std::string::npos) << path;
    // No section figure points at the sections' own JSON any more.
    for (const char* old : {"coverage.owners.", "sales_velocity.segments.", "patterns.positive.",
                            "patterns.negative.", "patterns.lost_reasons."})
      EXPECT_NE(path.rfind(old, 0), 0u) << path;
  }
}

TEST(HtmlReport, WinRatesSalesVelocityAndCoverageDrawnFromTheirTables) {
  Report r = small().report;
  // What the small book has none of: strongest patterns, lost reasons, a met quota.
  r.patterns.positive = {{"source", "Inbound", {30, 40}, {10, 40}, 0.5, 4.5, 0.00001}};
  r.patterns.negative = {{"source", "", {5, 40}, {35, 40}, -0.75, -6.7, 0.0125}};
  r.patterns.lost_reasons = LostReasons{7, 5000.0, {{"Price", 4, 4.0 / 7, 3000.0, 0.6}, {"", 3, 3.0 / 7, 2000.0, 0.4}}};
  r.coverage.owners[0].quota_met = true;
  const std::string page = html_report(HtmlReportInput(r));
  const auto marked = figures(page);
  EXPECT_EQ(marked.at("patterns_top.0.win_rate"), "0.75");
  EXPECT_EQ(marked.at("patterns_top.1.difference"), "-0.75");
  EXPECT_EQ(marked.at("lost_reasons.0.deals"), "4");
  EXPECT_EQ(marked.at("lost_reasons.1.amount"), "2000");
  // The views' own wording: which way, the p-value, blank text, the total rows.
  EXPECT_NE(page.find("<td>wins more</td><td>source</td><td>Inbound</td>"), std::string::npos);
  EXPECT_NE(page.find("<td>wins less</td><td>source</td><td>(blank)</td>"), std::string::npos);
  EXPECT_NE(page.find("data-value=\"0.00001\">&lt;0.001</span>"), std::string::npos);
  EXPECT_NE(page.find("data-value=\"0.0125\">0.013</span>"), std::string::npos);
  EXPECT_NE(page.find("data-value=\"4.5\">+4.50</span>"), std::string::npos);
  EXPECT_NE(page.find("<h3>Why deals were lost</h3>"), std::string::npos);
  EXPECT_NE(page.find("<td>(blank)</td><td class=\"num\"><span data-figure=\"lost_reasons.1.deals\""),
            std::string::npos);
  EXPECT_NE(page.find("<tr class=\"total\"><td>All segments</td>"), std::string::npos);
  EXPECT_NE(page.find("<tr class=\"total\"><td>Team</td>"), std::string::npos);
  EXPECT_NE(page.find("data-figure=\"coverage.0.coverage\" data-value=\"0\">quota met</span>"),
            std::string::npos);
}

// Product potential and cross-sell are drawn from the report's tables: each
// marked cell is the struct's value at its row, where `report --format json`
// has it; no figure is named by the sections' old nested JSON.
TEST(HtmlReport, ProductAndCrossSellFiguresAreTheirTablesCells) {
  const Book book = generate_synthetic_book({.deals = 3000, .seed = 11}).book;
  const Scope scope(book, AnalysisOptions{});
  const Report r = build_report(scope);
  const auto marked = figures(html_report(HtmlReportInput(r)));
  const auto exact = [](double v) {
    char buffer[400];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed).ptr;
    return std::string(buffer, end);
  };
  ASSERT_GE(r.products.products.size(), 2u);
  ASSERT_GE(r.products.families.size(), 2u);
  const ProductPotential& second = r.products.products[1];
  EXPECT_EQ(marked.at("products.1.rank"), std::to_string(second.rank));
  EXPECT_EQ(marked.at("products.1.open_amount"), exact(second.open_amount));
  EXPECT_EQ(marked.at("products.1.win_rate_trials"), std::to_string(second.win_rate.trials));
  EXPECT_EQ(marked.at("products.1.trend_change"),
            std::isnan(second.trend_change) ? "null" : exact(second.trend_change));
  EXPECT_EQ(marked.at("product_families.1.expected_revenue"), exact(r.products.families[1].expected_revenue));
  EXPECT_EQ(marked.at("products_summary.0.prior_deals"), exact(r.products.prior_deals));
  EXPECT_EQ(marked.at("products_summary.0.trend_weight"), exact(r.products.trend_weight));

  const CrossSellReport& c = r.cross_sell;
  EXPECT_EQ(marked.at("cross_sell_summary.0.won_deals"), std::to_string(c.won_deals));
  EXPECT_EQ(marked.at("cross_sell_summary.0.min_support"), std::to_string(c.min_support));
  ASSERT_FALSE(c.products.empty());
  EXPECT_EQ(marked.at("cross_sell_products.0.base_rate"), exact(c.products[0].rate.value()));
  ASSERT_GE(c.pairs.size(), 2u);
  EXPECT_EQ(marked.at("cross_sell_pairs.1.lift"), exact(c.pairs[1].lift));
  EXPECT_EQ(marked.at("cross_sell_pairs.1.support"), std::to_string(c.pairs[1].support()));
  EXPECT_EQ(marked.at("cross_sell_pairs." + std::to_string(c.pairs.size() - 1) + ".confidence"),
            exact(c.pairs.back().confidence.value()));
  // The suggestions shown: those of the 20 accounts whose best one scores
  // highest (ties: book order), each at its row of the "cross_sell" table.
  ASSERT_GT(c.accounts.size(), kCrossSellAccountsShown);
  std::vector<std::pair<double, std::size_t>> best;  // (-best score, first row)
  std::size_t row = 0;
  for (const AccountCrossSell& a : c.accounts) {
    const auto candidates = c.candidates(a);
    if (!candidates.empty()) best.emplace_back(-candidates.front().score, row);
    row += candidates.size();
  }
  std::stable_sort(best.begin(), best.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::size_t shown = 0;
  for (std::size_t i = 0; i < best.size(); ++i) {
    const std::string path = "cross_sell." + std::to_string(best[i].second) + ".score";
    EXPECT_EQ(marked.count(path), i < kCrossSellAccountsShown ? 1u : 0u) << path;
    if (i < kCrossSellAccountsShown) {
      EXPECT_EQ(marked.at(path), exact(-best[i].first)) << path;
    }
  }
  for (const auto& [path, value] : marked) {
    if (path.rfind("cross_sell.", 0) == 0 && path.ends_with(".score")) ++shown;
    EXPECT_NE(path.rfind("products.products.", 0), 0u) << path;
    EXPECT_NE(path.rfind("products.families.", 0), 0u) << path;
    EXPECT_NE(path.rfind("cross_sell.pairs.", 0), 0u) << path;
    EXPECT_NE(path.rfind("cross_sell.accounts.", 0), 0u) << path;
  }
  EXPECT_GE(shown, kCrossSellAccountsShown);
  EXPECT_LE(shown, kCrossSellAccountsShown * CrossSellOptions{}.top_k);
}

TEST(HtmlReport, StalledDealsAtTheirRowsOfTheTable) {
  // One day in Lead or Review is too long: the small book's open deals there are flagged.
  const test::SmallBookReport& book = small();
  ReportOptions options;
  options.stalled.threshold_days = {{"Lead", 1.0}, {"Review", 1.0}};
  const Report r = build_report(book.scope, options);
  ASSERT_EQ(r.stalled.deals.size(), 2u);
  const std::string page = html_report(HtmlReportInput(r));
  const auto marked = figures(page);
  EXPECT_EQ(marked.at("stalled_summary.0.stalled"), "2");
  for (std::size_t i = 0; i < r.stalled.deals.size(); ++i) {
    const StalledDeal& deal = r.stalled.deals[i];
    const std::string row = "stalled." + std::to_string(i) + ".";
    EXPECT_EQ(marked.at(row + "amount"), exact_or_null(deal.amount)) << row;
    EXPECT_EQ(marked.at(row + "days_in_stage"), std::to_string(deal.days_in_stage)) << row;
    EXPECT_EQ(marked.at(row + "threshold"), exact_or_null(deal.threshold)) << row;
    EXPECT_EQ(marked.at(row + "close_date"), deal.close_date == kNoDay ? "null" : format_day(deal.close_date)) << row;
    EXPECT_EQ(marked.at(row + "days_overdue"), std::to_string(deal.days_overdue)) << row;
    EXPECT_EQ(marked.at(row + "stalled"), "true") << row;
    // Days overdue is a count only for a deal that is overdue, a dash otherwise.
    const std::string overdue = "data-figure=\"" + row + "days_overdue\" data-value=\"" +
                                std::to_string(deal.days_overdue) + "\">" +
                                (deal.overdue ? format_count(static_cast<std::size_t>(deal.days_overdue)) : "\u2013") +
                                "</span>";
    EXPECT_NE(page.find(overdue), std::string::npos) << overdue;
  }
  EXPECT_NE(page.find("<td>" + r.stalled.deals[0].id + "</td>"), std::string::npos);
  EXPECT_NE(page.find("<td>set by user</td>"), std::string::npos);
}

TEST(HtmlReport, SectionsWithoutDataSaySoInWords) {
  HtmlReportInput input(small().report);
  input.no_forecast_hint = "No forecast: run with --forecast.";
  const std::string page = html_report(input);
  EXPECT_NE(page.find("<p class=\"empty\">No forecast: run with --forecast.</p>"), std::string::npos);
  EXPECT_NE(page.find("<p class=\"empty\">No backtest was run for this report.</p>"), std::string::npos);
  EXPECT_NE(page.find("<p class=\"empty\">No lead plan: no revenue target for the period.</p>"), std::string::npos);
  EXPECT_EQ(page.find("pc-band"), page.find("pc-band{"));  // the band style is there, no band drawn
  EXPECT_EQ(page.find("<polygon"), std::string::npos);
}

TEST(HtmlReport, ForecastFanChartAndTable) {
  const Report& r = small().report;
  HtmlReportInput input(r);
  input.forecast = hand_made_forecast(r);
  const std::string page = html_report(input);
  EXPECT_EQ(occurrences(page, "<polygon"), 1u);
  const auto marked = figures(page);
  // Rows 0..3: 2023-Q4's closed, pipeline, new and total; 4..7 the next
  // quarter's.  The actual sits on its total's row, a place the JSON lacks.
  EXPECT_EQ(marked.at("forecast.forecast.3.actual"), "9500");
  // Paths as in `pipecast forecast --format json`, where the browser test reads them.
  EXPECT_EQ(marked.at("forecast.forecast.3.period"), "2023-Q4");
  EXPECT_EQ(marked.at("forecast.forecast.3.expected"), "9000");
  EXPECT_EQ(marked.at("forecast.forecast.7.period"), r.period.label);
  EXPECT_EQ(marked.at("forecast.forecast.7.p10"), "9000");
  EXPECT_EQ(marked.at("forecast.forecast.7.p50"), "11800");
  EXPECT_EQ(marked.at("forecast.forecast.7.p90"), "15500");
  EXPECT_EQ(marked.count("forecast.forecast.7.actual"), 0u);
  EXPECT_NE(page.find("not yet known"), std::string::npos);
  EXPECT_NE(page.find("Monte Carlo, 1,000 runs, seed 7"), std::string::npos);
  // The forecast of the report's period is a headline figure, at its cell.
  EXPECT_NE(page.find("Forecast " + r.period.label + " (P50)"), std::string::npos);
  EXPECT_NE(page.find("<div class=\"big\"><span data-figure=\"forecast.forecast.7.p50\" data-value=\"11800\">"),
            std::string::npos);
  // No split given: no component columns.
  EXPECT_EQ(page.find("from open deals"), std::string::npos);
  input.forecast = hand_made_forecast(r, 7000);
  EXPECT_NE(html_report(input).find("from open deals"), std::string::npos);
  const auto split = figures(html_report(input));
  EXPECT_EQ(split.at("forecast.forecast.5.expected"), "7000");  // the next quarter's pipeline row
  EXPECT_EQ(split.at("forecast.forecast.1.expected"), "null");  // 2023-Q4's: not known, a dash
}

TEST(HtmlReport, BacktestFiguresMarkedAtTheirCellsOfTheBacktestsTables) {
  HtmlReportInput input(small().report);
  input.backtest = hand_made_backtest();
  const auto marked = figures(html_report(input));
  // Paths as in `pipecast backtest --format json`: each table's rows under its name.
  EXPECT_EQ(marked.at("backtest.summary.1.wape"), "0.12");  // markov's
  EXPECT_EQ(marked.at("backtest.summary.2.wape"), "0.18");  // stage's
  EXPECT_EQ(marked.at("backtest.summary.0.bias"), "-0.25");
  EXPECT_EQ(marked.at("backtest.summary.1.coverage"), "0.75");
  EXPECT_EQ(marked.at("backtest.deal_summary.1.brier"), "0.15");
  EXPECT_EQ(marked.at("backtest.deal_summary.2.brier"), "null");  // stage's, not known: a dash
  EXPECT_EQ(marked.at("backtest.deal_summary.0.deals"), "120");
  EXPECT_EQ(marked.count("backtest.deal_summary.3.brier"), 0u);
}

// A report narrowed to a segment with a forecast and a backtest of the whole
// book: both sections, and the forecast's headline tile, say whose they are.
TEST(HtmlReport, WholeBookSectionsInANarrowedReportSaySo) {
  const Book& book = small().book;
  AnalysisOptions options;
  options.filters = {{"segment", "SMB"}};
  const Scope scope(book, options);
  const Report report = build_report(scope);
  HtmlReportInput input(report);
  input.forecast = hand_made_forecast(report);
  input.forecast->whole_book = true;
  input.backtest = hand_made_backtest();
  input.backtest->whole_book = true;
  const std::string page = html_report(input);
  EXPECT_NE(page.find("segment = SMB"), std::string::npos);
  EXPECT_NE(page.find("Whole company: the forecast is made from every deal of the book; the report&#39;s "
                      "segment = SMB does not apply to it."),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("Whole company: the backtest is made from every deal of the book"), std::string::npos);
  EXPECT_NE(page.find("(P50, whole company)"), std::string::npos);
  // Not narrowed: no note.
  HtmlReportInput whole(small().report);
  whole.forecast = input.forecast;
  whole.backtest = input.backtest;
  const std::string plain = html_report(whole);
  EXPECT_EQ(plain.find("Whole company"), std::string::npos);
  EXPECT_EQ(plain.find("whole company"), std::string::npos);
}

// The footer names every figure known only after the as-of date.
TEST(HtmlReport, FooterSaysWhatWasKnownLater) {
  const Report& r = small().report;
  HtmlReportInput input(r);
  const std::string as_of = format_date(r.as_of);
  EXPECT_NE(html_report(input).find("Every figure is as known at the end of " + as_of + "; nothing later was used."),
            std::string::npos);
  input.forecast = hand_made_forecast(r);  // period 0 has an actual
  input.forecast->actuals_known_at = r.as_of + 90;
  input.backtest = hand_made_backtest();
  input.backtest->scored_known_at = r.as_of + 90;
  EXPECT_NE(html_report(input).find("Every figure is as known at the end of " + as_of +
                                    ", except the forecast&#39;s actuals, as known at the end of " +
                                    format_date(r.as_of + 90) +
                                    " and the outcomes the backtest is scored against, as known at the end of " +
                                    format_date(r.as_of + 90) + "; nothing else later was used."),
            std::string::npos)
      << html_report(input).substr(html_report(input).find("<footer>"));
  // Known by the as-of date: nothing to add.
  input.forecast->actuals_known_at = r.as_of;
  input.backtest->scored_known_at = r.as_of;
  EXPECT_NE(html_report(input).find("; nothing later was used."), std::string::npos);
}

TEST(HtmlReport, BacktestTableMarksTheBestOfEachColumn) {
  HtmlReportInput input(small().report);
  input.backtest = hand_made_backtest();
  const std::string page = html_report(input);
  // Lowest WAPE, MASE, pinball losses and CRPS, and Brier, log loss and
  // calibration error, highest AUC: markov's; bias closest to zero: stage's.
  for (const char* path : {"summary.1.wape", "summary.1.mase", "summary.1.pinball_p10", "summary.1.pinball_p50",
                           "summary.1.pinball_p90", "summary.1.crps", "summary.2.bias", "deal_summary.1.brier",
                           "deal_summary.1.log_loss", "deal_summary.1.auc", "deal_summary.1.calibration_error"})
    EXPECT_NE(page.find("<strong><span data-figure=\"backtest." + std::string(path) + "\""), std::string::npos) << path;
  EXPECT_EQ(occurrences(page, "<strong><span data-figure=\"backtest."), 11u);
  EXPECT_NE(page.find(">-25.0%<"), std::string::npos);  // crm's bias, signed
  EXPECT_NE(page.find(">+4.0%<"), std::string::npos);   // markov's
  EXPECT_NE(page.find(">12.0%<"), std::string::npos);
  EXPECT_NE(page.find(">0.1500<"), std::string::npos);  // Brier, four decimals
  EXPECT_NE(page.find(">3 of 4<"), std::string::npos);  // P10..P90 held
  EXPECT_NE(page.find("<p class=\"verdict\">markov would have been closest. stage was second.</p>"),
            std::string::npos);
}

TEST(HtmlReport, LeadPlanWhenGiven) {
  HtmlReportInput input(small().report);
  input.lead_plan = lead_plan(small().scope, 20000);
  const auto marked = figures(html_report(input));
  EXPECT_EQ(marked.at("lead_plan.0.target"), "20000");  // not "2e+04"
  EXPECT_EQ(marked.at("lead_plan.0.gap"), html::raw_value(input.lead_plan->gap));
  EXPECT_EQ(marked.at("lead_plan.0.won_in_period"), html::raw_value(input.lead_plan->won_in_period));
}

TEST(HtmlReport, WhereTheNextHourGoesWhenGiven) {
  // The small book's activities; every deal given a win probability of one
  // half, so the page's figures are the worklist's own cells.
  const Scope& scope = small().scope;
  std::vector<DealIndex> deals;
  for (DealIndex i = 0; i < small().book.size(); ++i) deals.push_back(i);
  const std::vector<double> half(deals.size(), 0.5);
  HtmlReportInput input(small().report);
  EXPECT_EQ(html_report(input).find("id=\"activities\""), std::string::npos);  // none without it
  input.activities = ActivityPlan{"hand", worklist(scope, activity_effects(scope), {deals, half}),
                                  time_split(scope, 365)};
  ASSERT_FALSE(input.activities->worklist.rows.empty());
  ASSERT_FALSE(input.activities->time_split.rows.empty());
  const std::string page = html_report(input);
  EXPECT_NE(page.find("<section id=\"activities\"><h2>Where the next hour goes</h2>"), std::string::npos);
  EXPECT_NE(page.find("href=\"#activities\""), std::string::npos);
  const auto marked = figures(page);
  const WorklistRow& first = input.activities->worklist.rows[0];
  EXPECT_EQ(marked.at("activities.worklist.0.win_probability"), "0.5");
  EXPECT_EQ(marked.at("activities.worklist.0.amount"), html::raw_value(first.amount));
  EXPECT_EQ(marked.at("activities.time_split.0.activity_share"),
            html::raw_value(input.activities->time_split.rows[0].activity_share));
  EXPECT_NE(page.find(html::text(first.reason)), std::string::npos);
  // The two charts side by side, as on their own.
  for (const Chart& c : time_split_charts(input.activities->time_split)) {
    EXPECT_NE(page.find(c.svg), std::string::npos) << c.name;
    EXPECT_GT(test::count_elements(parse_xml(c.svg), "rect"), 0u) << c.name;
  }
}

TEST(HtmlReport, TextFromTheDataIsEscaped) {
  Report r = small().report;
  r.filters.push_back({"owner", "<script>alert(1)</script> & \"co\""});
  HtmlReportInput input(r);
  input.title = "Q3 <review>";
  const std::string page = html_report(input);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"), std::string::npos);
  EXPECT_NE(page.find("<h1>Q3 &lt;review&gt;</h1>"), std::string::npos);
}

TEST(HtmlReport, WritesTheFileOrSaysWhyNot) {
  const auto dir = test::fresh_directory("html-report");
  const HtmlReportInput input(small().report);
  write_html_report(input, dir / "report.html");
  EXPECT_EQ(test::read_text(dir / "report.html"), html_report(input));
  EXPECT_FALSE(std::filesystem::exists(dir / "report.html.tmp"));
  EXPECT_THROW(write_html_report(input, dir / "missing" / "report.html"), std::runtime_error);
}

}  // namespace
}  // namespace render_html_report_test
}  // namespace pipecast::render
