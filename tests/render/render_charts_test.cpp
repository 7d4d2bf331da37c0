// The charts: well-formed SVG with the shapes the data asks for, legends and
// axes, and a plain "No data" chart for no data.
#include "pipecast/render/bar_chart.hpp"
#include "pipecast/render/fan_chart.hpp"
#include "pipecast/render/funnel_chart.hpp"
#include "pipecast/render/human_format.hpp"

#include "render_xml.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pipecast::render {
// Named for the file: a unity build compiles the files of a program as one.
namespace render_charts_test {
namespace {

using test::count_elements;
using test::occurrences;
using test::parse_xml;

BarRow bar(std::string label, double value) {
  BarRow row;
  row.label = std::move(label);
  row.value = value;
  return row;
}

BarChartSpec win_rates() {
  BarChartSpec spec;
  spec.title = "Win rate by owner";
  spec.axis_label = "win rate";
  spec.tick_format = [](double v) { return format_percent(v, 0); };
  spec.domain_high = 1.0;
  spec.reference = 0.4;
  spec.reference_label = "overall 40%";
  spec.bar_legend = "win rate";
  spec.whisker_legend = "95% interval";
  spec.rows = {{"Ann", 0.5, 0.3, 0.7, "", ""},
               {"Bob & <Co>", 0.25, 0.1, 0.5, "25% of 8", "2 won"},
               {"Cy", std::nan(""), std::nan(""), std::nan(""), "no closed deal", ""}};
  return spec;
}

TEST(BarChart, OneBarAndWhiskerPerKnownRow) {
  const std::string out = bar_chart(win_rates());
  const auto tree = parse_xml(out);
  // Legend: one bar swatch; rows: two bars (Cy has no value).
  EXPECT_EQ(count_elements(tree, "rect"), 3u);
  EXPECT_EQ(occurrences(out, "class=\"pc-bar-alt\"") + occurrences(out, "class=\"pc-bar\""), 3u);
  EXPECT_EQ(occurrences(out, "class=\"pc-whisker\""), 3u);  // two rows + the legend
  EXPECT_EQ(occurrences(out, "class=\"pc-ref\""), 2u);      // the line + the legend
  EXPECT_NE(out.find(">Bob &amp; &lt;Co&gt;</text>"), std::string::npos);
  EXPECT_NE(out.find(">no closed deal</text>"), std::string::npos);
  EXPECT_NE(out.find(">50%</text>"), std::string::npos);  // default value label: the tick format
  EXPECT_NE(out.find("<title>2 won</title>"), std::string::npos);
  // The axis runs 0..100% in round ticks.
  for (const char* tick : {">0%<", ">20%<", ">40%<", ">60%<", ">80%<", ">100%<"})
    EXPECT_NE(out.find(tick), std::string::npos) << tick;
  EXPECT_NE(out.find(">win rate</text>"), std::string::npos);
}

TEST(BarChart, BarsAreProportional) {
  BarChartSpec spec;
  spec.title = "t";
  spec.rows = {bar("a", 100), bar("b", 50)};
  const auto tree = parse_xml(bar_chart(spec));
  std::vector<double> widths;
  for (const auto& [name, g] : tree.get_child("svg"))
    if (name == "g" && g.get<std::string>("<xmlattr>.class", "") == "pc-row")
      widths.push_back(g.get<double>("rect.<xmlattr>.width"));
  ASSERT_EQ(widths.size(), 2u);
  EXPECT_GT(widths[0], 100);
  EXPECT_NEAR(widths[0], 2 * widths[1], 0.02);
}

TEST(BarChart, LongLabelsAreCutWithAnEllipsis) {
  BarChartSpec spec;
  spec.title = "t";
  spec.rows = {bar(std::string(80, 'x'), 1)};
  const std::string out = bar_chart(spec);
  EXPECT_NE(out.find("\u2026</text>"), std::string::npos);
  EXPECT_EQ(out.find(std::string(80, 'x')), std::string::npos);
  parse_xml(out);
}

TEST(BarChart, CutLabelsKeepWholeUtf8Characters) {
  BarChartSpec spec;
  spec.title = "t";
  std::string label;
  for (int i = 0; i < 40; ++i) label += "\u00e9\u20ac";  // 2- and 3-byte characters
  spec.rows = {bar(label, 1)};
  const auto tree = parse_xml(bar_chart(spec));
  std::string shown;
  for (const auto& [name, g] : tree.get_child("svg"))
    if (name == "g" && g.get<std::string>("<xmlattr>.class", "") == "pc-row") shown = g.get<std::string>("text");
  ASSERT_GE(shown.size(), 6u);
  EXPECT_EQ(shown.substr(shown.size() - 3), "\u2026");
  const std::string kept = shown.substr(0, shown.size() - 3);
  EXPECT_EQ(label.compare(0, kept.size(), kept), 0);
  // Whole (é, €) pairs, possibly followed by one é: never part of a character.
  EXPECT_TRUE(kept.size() % 5 == 0 || kept.size() % 5 == 2) << kept.size();
}

TEST(BarChart, NoRowsSaysNoData) {
  BarChartSpec spec;
  spec.title = "Empty";
  const std::string out = bar_chart(spec);
  const auto tree = parse_xml(out);
  EXPECT_EQ(count_elements(tree, "rect"), 0u);
  EXPECT_NE(out.find(">No data</text>"), std::string::npos);
}

TEST(BarChart, NegativeValuesGrowLeftFromZero) {
  BarChartSpec spec;
  spec.title = "t";
  spec.rows = {bar("up", 10), bar("down", -10)};
  const auto tree = parse_xml(bar_chart(spec));
  std::vector<std::pair<double, double>> bars;  // x, width
  for (const auto& [name, g] : tree.get_child("svg"))
    if (name == "g" && g.get<std::string>("<xmlattr>.class", "") == "pc-row")
      bars.emplace_back(g.get<double>("rect.<xmlattr>.x"), g.get<double>("rect.<xmlattr>.width"));
  ASSERT_EQ(bars.size(), 2u);
  EXPECT_NEAR(bars[1].first + bars[1].second, bars[0].first, 0.02);  // both meet at zero
  EXPECT_NEAR(bars[0].second, bars[1].second, 0.02);
}

TEST(FunnelChart, CentredBarsAndNotesBetweenSteps) {
  FunnelChartSpec spec;
  spec.title = "Funnel";
  spec.steps = {{"Qualify", 100, "100 deals", "60.0% go on"},
                {"Propose", 60, "60 deals", "50.0% go on"},
                {"Won", 30, "30 deals", ""}};
  const std::string out = funnel_chart(spec);
  const auto tree = parse_xml(out);
  EXPECT_EQ(count_elements(tree, "rect"), 3u);
  EXPECT_EQ(occurrences(out, "go on</text>"), 2u);
  std::vector<std::pair<double, double>> bars;
  for (const auto& [name, g] : tree.get_child("svg"))
    if (name == "g") bars.emplace_back(g.get<double>("rect.<xmlattr>.x"), g.get<double>("rect.<xmlattr>.width"));
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_NEAR(bars[1].second / bars[0].second, 0.6, 0.001);
  EXPECT_NEAR(bars[2].second / bars[0].second, 0.3, 0.001);
  for (const auto& [x, w] : bars) EXPECT_NEAR(x + w / 2, bars[0].first + bars[0].second / 2, 0.02);  // centred
}

TEST(FunnelChart, EmptyAndZeroSteps) {
  EXPECT_NE(funnel_chart({"t", {}}).find(">No data</text>"), std::string::npos);
  const std::string zero = funnel_chart({"t", {{"A", 0, "0", ""}}});
  parse_xml(zero);
  EXPECT_NE(zero.find("width=\"0\""), std::string::npos);
}

FanChartSpec three_quarters() {
  FanChartSpec spec;
  spec.title = "Forecast";
  spec.axis_label = "revenue (USD)";
  spec.points = {{"2024-Q1", 80, 100, 120, 101, 95},
                 {"2024-Q2", 90, 115, 140, 116, std::nan("")},
                 {"2024-Q3", 95, 125, 170, 128, std::nan("")}};
  return spec;
}

TEST(FanChart, BandLinesAndActuals) {
  const std::string out = fan_chart(three_quarters());
  const auto tree = parse_xml(out);
  EXPECT_EQ(occurrences(out, "<polygon"), 1u);             // one band over the three periods
  EXPECT_EQ(occurrences(out, "class=\"pc-line\""), 2u);    // the median + its legend
  EXPECT_EQ(occurrences(out, "class=\"pc-dashed\""), 2u);  // expected + its legend
  EXPECT_EQ(count_elements(tree, "circle"), 2u);           // one actual + the legend dot
  for (const char* label : {">2024-Q1<", ">2024-Q2<", ">2024-Q3<", ">revenue (USD)<", ">P10\u2013P90<"})
    EXPECT_NE(out.find(label), std::string::npos) << label;
  // 3 points, each line widened to the outer edges: 5 points per line, 10 in the band.
  const std::string band = tree.get<std::string>("svg.polygon.<xmlattr>.points");
  EXPECT_EQ(std::count(band.begin(), band.end(), ','), 10);
}

TEST(FanChart, OnePeriodStillHasABand) {
  FanChartSpec spec = three_quarters();
  spec.points.resize(1);
  const std::string out = fan_chart(spec);
  parse_xml(out);
  const auto tree = parse_xml(out);
  const std::string band = tree.get<std::string>("svg.polygon.<xmlattr>.points");
  EXPECT_EQ(std::count(band.begin(), band.end(), ','), 6);
}

TEST(FanChart, UnknownValuesBreakTheLines) {
  FanChartSpec spec = three_quarters();
  spec.points[1].p10 = std::nan("");
  spec.points[1].p50 = std::nan("");
  const std::string out = fan_chart(spec);
  parse_xml(out);
  EXPECT_EQ(occurrences(out, "<polygon"), 2u);           // two runs of the band
  EXPECT_EQ(occurrences(out, "class=\"pc-line\""), 3u);  // two runs of the median + legend
  EXPECT_EQ(out.find("NaN"), std::string::npos);
  EXPECT_EQ(out.find("nan"), std::string::npos);
}

TEST(FanChart, NoPointsSaysNoData) {
  FanChartSpec spec;
  spec.title = "t";
  EXPECT_NE(fan_chart(spec).find(">No data</text>"), std::string::npos);
}

}  // namespace
}  // namespace render_charts_test
}  // namespace pipecast::render
