// The waterfall chart and the page's "What moved the forecast" section: bars
// that float from level to level in proportion, readable labels, and figures
// marked with their place in `pipecast forecast --since --format json`.
#include "pipecast/render/html_report.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/waterfall_chart.hpp"

#include "html_page_support.hpp"
#include "render_xml.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <utility>

namespace pipecast::render {
// Named for the file: a unity build compiles the files of a program as one.
namespace render_waterfall_test {
namespace {

using test::count_elements;
using test::occurrences;
using test::parse_xml;

// One drawn bar: its class and its extent on screen (y grows downwards);
// css "" for a step drawn without a bar.
struct Bar {
  std::string css;
  double top = 0.0;
  double bottom = 0.0;
  double height() const { return bottom - top; }
};

// The bars of a chart, left to right, with the texts of their groups.
struct Drawn {
  std::vector<Bar> bars;
  std::vector<std::vector<std::string>> texts;
  std::vector<std::string> titles;
};

Drawn drawn(const std::string& svg) {
  const auto tree = parse_xml(svg);
  Drawn out;
  for (const auto& [name, g] : tree.get_child("svg")) {
    if (name != "g" || g.get<std::string>("<xmlattr>.class", "") != "pc-step") continue;
    out.titles.push_back(g.get<std::string>("title"));
    std::vector<std::string> texts;
    Bar bar;
    for (const auto& [child, node] : g) {
      if (child == "text") texts.push_back(node.data());
      if (child != "rect") continue;
      bar.css = node.get<std::string>("<xmlattr>.class");
      bar.top = node.get<double>("<xmlattr>.y");
      bar.bottom = bar.top + node.get<double>("<xmlattr>.height");
    }
    out.bars.push_back(bar);
    out.texts.push_back(std::move(texts));
  }
  return out;
}

WaterfallChartSpec five_steps() {
  WaterfallChartSpec spec;
  spec.title = "What moved the forecast";
  spec.description = "From 100 to 110.";
  spec.axis_label = "bookings (USD)";
  spec.steps = {{"before", 100, true, ""},
                {"won", 30, false, ""},
                {"lost", -20, false, ""},
                {"amount", 0, false, ""},
                {"after", 110, true, ""}};
  return spec;
}

TEST(WaterfallChart, TotalsStandOnZeroAndChangesFloatFromLevelToLevel) {
  const std::string out = waterfall_chart(five_steps());
  const Drawn d = drawn(out);
  ASSERT_EQ(d.bars.size(), 5u);
  const Bar& before = d.bars[0];
  const Bar& won = d.bars[1];
  const Bar& lost = d.bars[2];
  const Bar& amount = d.bars[3];
  const Bar& after = d.bars[4];
  EXPECT_EQ(before.css, "pc-bar");
  EXPECT_EQ(won.css, "pc-up");
  EXPECT_EQ(lost.css, "pc-down");
  EXPECT_EQ(after.css, "pc-bar");
  // Both totals stand on the same baseline, zero.
  EXPECT_NEAR(before.bottom, after.bottom, 0.02);
  // In proportion: 30 and 20 of 100, the end total 110.
  EXPECT_NEAR(won.height() / before.height(), 0.3, 0.001);
  EXPECT_NEAR(lost.height() / before.height(), 0.2, 0.001);
  EXPECT_NEAR(after.height() / before.height(), 1.1, 0.001);
  EXPECT_EQ(amount.css, "");  // no change: no bar
  // Each change starts where the level stood: won from 100 up to 130, lost
  // from 130 down to 110, where the end total's top is.
  EXPECT_NEAR(won.bottom, before.top, 0.02);
  EXPECT_NEAR(lost.top, won.top, 0.02);
  EXPECT_NEAR(lost.bottom, after.top, 0.02);
  EXPECT_LT(won.top, before.top);  // higher on screen
  // A dashed connector between each two bars.
  EXPECT_EQ(occurrences(out, "class=\"pc-connector\""), 4u);
}

TEST(WaterfallChart, ValuesLabelsLegendAndAccessibleText) {
  const std::string out = waterfall_chart(five_steps());
  const auto tree = parse_xml(out);
  EXPECT_EQ(tree.get<std::string>("svg.<xmlattr>.role"), "img");
  EXPECT_EQ(tree.get<std::string>("svg.<xmlattr>.aria-label"), "What moved the forecast");
  EXPECT_EQ(tree.get<std::string>("svg.title"), "What moved the forecast");
  EXPECT_EQ(tree.get<std::string>("svg.desc"), "From 100 to 110.");
  const Drawn d = drawn(out);
  ASSERT_EQ(d.texts.size(), 5u);
  // Changes carry their sign; totals are levels.
  EXPECT_EQ(d.texts[0], (std::vector<std::string>{"100", "before"}));
  EXPECT_EQ(d.texts[1], (std::vector<std::string>{"+30", "won"}));
  EXPECT_EQ(d.texts[2], (std::vector<std::string>{"-20", "lost"}));
  EXPECT_EQ(d.texts[3], (std::vector<std::string>{"0", "amount"}));
  EXPECT_EQ(d.texts[4], (std::vector<std::string>{"110", "after"}));
  EXPECT_EQ(d.titles[1], "won: +30 \u2192 130");
  EXPECT_EQ(d.titles[4], "after: 110");
  for (const char* legend : {">total<", ">increase<", ">decrease<", ">bookings (USD)<"})
    EXPECT_NE(out.find(legend), std::string::npos) << legend;
  // A swatch per kind in the legend, and the one bar of each.
  EXPECT_EQ(occurrences(out, "class=\"pc-up\""), 2u);
  EXPECT_EQ(occurrences(out, "class=\"pc-down\""), 2u);
  EXPECT_EQ(occurrences(out, "class=\"pc-bar\""), 3u);
}

TEST(WaterfallChart, ALabelTooWideForItsBarTakesTwoLines) {
  WaterfallChartSpec spec = five_steps();
  spec.steps[0].label = "as of\n1 Oct 2024";      // broken at its line break
  spec.steps[1].label = "deals won this month";  // broken where the halves are even
  spec.steps[4].label = "as of\nnow";             // fits: one line
  spec.width = 500;  // 5 bars: under 90 px each
  const Drawn d = drawn(waterfall_chart(spec));
  ASSERT_EQ(d.texts.size(), 5u);
  EXPECT_EQ(d.texts[0], (std::vector<std::string>{"100", "as of", "1 Oct 2024"}));
  EXPECT_EQ(d.texts[1], (std::vector<std::string>{"+30", "deals won", "this month"}));
  EXPECT_EQ(d.texts[4], (std::vector<std::string>{"110", "as of now"}));
  EXPECT_EQ(d.titles[0], "as of 1 Oct 2024: 100");  // the hover title on one line
}

TEST(WaterfallChart, AStepWithoutAValueKeepsTheLevel) {
  WaterfallChartSpec spec = five_steps();
  spec.steps[3] = {"amount", std::nan(""), false, ""};
  const std::string out = waterfall_chart(spec);
  const Drawn d = drawn(out);
  ASSERT_EQ(d.bars.size(), 5u);
  EXPECT_EQ(d.bars[3].css, "");  // no bar for the unknown step
  EXPECT_EQ(d.texts[3].front(), std::string(kMissing));
  EXPECT_EQ(d.titles[3], "amount: \u2013 \u2192 110");  // the level stays where lost left it
  EXPECT_EQ(out.find("NaN"), std::string::npos);
  EXPECT_EQ(out.find("nan"), std::string::npos);
}

TEST(WaterfallChart, NoStepsSaysNoData) {
  WaterfallChartSpec spec;
  spec.title = "t";
  const std::string out = waterfall_chart(spec);
  parse_xml(out);
  EXPECT_NE(out.find(">No data</text>"), std::string::npos);
  EXPECT_EQ(count_elements(parse_xml(out), "rect"), 0u);
}

const test::SmallBookReport& small() { return test::small_book_report(); }

std::map<std::string, std::string> figures(const std::string& page) { return test::marked_figures(page); }

// The section of the page with the given id.
std::string section(const std::string& page, const std::string& id) {
  const auto at = page.find("<section id=\"" + id + "\">");
  if (at == std::string::npos) return {};
  return page.substr(at, page.find("</section>", at) + 10 - at);
}

ForecastWaterfall hand_made_movement() {
  ForecastWaterfall m;
  m.model = "markov";
  m.since = to_day(2024, 10, 1);
  m.as_of = to_day(2024, 10, 31);
  m.period_label = "2024-Q4";
  m.period_first = to_day(2024, 10, 1);
  m.period_last = to_day(2024, 12, 31);
  m.before = 100000;
  const std::pair<const char*, double> causes[] = {{"new deals", 12000}, {"won", 30000}, {"lost", -25000},
                                                   {"slipped", -8000},   {"pulled in", 1500}, {"amount", 0},
                                                   {"probability", 4500}};
  double running = m.before;
  for (const auto& cause : causes) {
    running += cause.second;
    m.bars.push_back({cause.first, cause.second, running});
  }
  m.after = running;  // 115,000
  WaterfallMover won;
  won.id = "D-17";
  won.cause = "won";
  won.change = 30000;
  won.stage_before = "Negotiate";
  won.stage_after = "Won";
  won.probability_before = 0.6;
  won.close_before = to_day(2024, 11, 15);
  won.close_after = to_day(2024, 10, 20);
  WaterfallMover fresh;
  fresh.id = "D-<99>";
  fresh.cause = "new deals";
  fresh.change = 12000;
  fresh.stage_after = "Qualify";
  fresh.probability_after = 0.25;
  fresh.close_after = to_day(2024, 12, 1);
  m.movers = {won, fresh};
  m.deals_moved = 14;
  m.whole_book = true;
  return m;
}

TEST(MovementSection, AbsentWithoutAMovement) {
  const std::string page = html_report(HtmlReportInput(small().report));
  EXPECT_EQ(page.find("id=\"movement\""), std::string::npos);
  EXPECT_EQ(page.find("href=\"#movement\""), std::string::npos);  // no link that leads nowhere
  EXPECT_EQ(page.find("What moved the forecast"), std::string::npos);
  EXPECT_EQ(page.find("movement."), std::string::npos);
}

TEST(MovementSection, AfterTheForecastWithItsSentenceChartAndTables) {
  HtmlReportInput input(small().report);
  input.movement = hand_made_movement();
  const std::string page = html_report(input);
  EXPECT_NE(page.find("<a href=\"#movement\">What moved the forecast</a>"), std::string::npos);
  const auto forecast = page.find("<section id=\"forecast\">");
  const auto movement = page.find("<section id=\"movement\">");
  const auto win_rates = page.find("<section id=\"win-rates\">");
  ASSERT_NE(movement, std::string::npos);
  EXPECT_LT(forecast, movement);
  EXPECT_LT(movement, win_rates);
  const std::string s = section(page, "movement");
  EXPECT_NE(s.find("<h2>What moved the forecast</h2>"), std::string::npos);
  EXPECT_NE(s.find("from the forecast as of <span data-figure=\"movement.since\" data-value=\"2024-10-01\">1 Oct "
                   "2024</span>"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("to the forecast as of <span data-figure=\"movement.as_of\" data-value=\"2024-10-31\">31 Oct "
                   "2024</span>"),
            std::string::npos);
  EXPECT_NE(s.find("by the same model (<span data-figure=\"movement.model\" data-value=\"markov\">markov</span>), "
                   "so the bars are the deals\u2019 movement, not a refit."),
            std::string::npos);
  // A report not narrowed: no whole-company note.
  EXPECT_EQ(s.find("scope-note"), std::string::npos);
  EXPECT_NE(page.find("<code>forecast --since</code> for movement"), std::string::npos);
  EXPECT_EQ(page.find("NaN"), std::string::npos);
}

TEST(MovementSection, WaterfallChartOfTheBars) {
  HtmlReportInput input(small().report);
  input.movement = hand_made_movement();
  const std::string s = section(html_report(input), "movement");
  const auto start = s.find("<svg");
  ASSERT_NE(start, std::string::npos);
  const Drawn d = drawn(s.substr(start, s.find("</svg>") + 6 - start));
  ASSERT_EQ(d.bars.size(), 9u);  // before, the 7 causes, after
  ASSERT_EQ(d.texts.size(), 9u);
  EXPECT_EQ(d.bars[6].css, "");  // amount: no change, no bar
  EXPECT_EQ(d.texts[0], (std::vector<std::string>{"$100K", "as of", "1 Oct 2024"}));
  EXPECT_EQ(d.texts[1], (std::vector<std::string>{"+$12K", "new deals"}));
  EXPECT_EQ(d.texts[3], (std::vector<std::string>{"-$25K", "lost"}));
  EXPECT_EQ(d.texts[8], (std::vector<std::string>{"$115K", "as of", "31 Oct 2024"}));
  // Heights ordered as the amounts: won (30,000) > lost (25,000) > new deals
  // (12,000) > slipped (8,000) > probability (4,500) > pulled in (1,500) >
  // amount (0).
  const auto h = [&](std::size_t i) { return d.bars[i].height(); };
  const std::pair<std::size_t, std::size_t> larger_smaller[] = {{2, 3}, {3, 1}, {1, 4}, {4, 7}, {7, 5}, {5, 6}};
  for (const auto& [larger, smaller] : larger_smaller) EXPECT_GT(h(larger), h(smaller)) << larger << " " << smaller;
  EXPECT_NEAR(h(2) / h(0), 0.3, 0.001);
  EXPECT_NEAR(h(8) / h(0), 1.15, 0.001);
  EXPECT_EQ(d.bars[1].css, "pc-up");
  EXPECT_EQ(d.bars[3].css, "pc-down");
  EXPECT_EQ(d.bars[4].css, "pc-down");
  EXPECT_NE(s.find("<desc>Expected bookings of 2024-Q4: $100,000 as of 1 Oct 2024; new deals +$12,000; won "
                   "+$30,000; lost -$25,000;"),
            std::string::npos);
}

TEST(MovementSection, FiguresNamedByTheirPlaceInTheForecastSinceJson) {
  HtmlReportInput input(small().report);
  input.movement = hand_made_movement();
  const std::string page = html_report(input);
  const auto marked = figures(page);
  // The period's rows of "movement": 0 before, 1..7 the causes, 8 after.
  EXPECT_EQ(marked.at("movement.movement.0.change"), "100000");
  EXPECT_EQ(marked.at("movement.movement.0.running"), "100000");
  EXPECT_EQ(marked.at("movement.movement.1.change"), "12000");
  EXPECT_EQ(marked.at("movement.movement.1.running"), "112000");
  EXPECT_EQ(marked.at("movement.movement.3.change"), "-25000");
  EXPECT_EQ(marked.at("movement.movement.3.running"), "117000");
  EXPECT_EQ(marked.at("movement.movement.6.change"), "0");
  EXPECT_EQ(marked.at("movement.movement.7.change"), "4500");
  EXPECT_EQ(marked.at("movement.movement.7.running"), "115000");
  EXPECT_EQ(marked.at("movement.movement.8.change"), "115000");
  EXPECT_EQ(marked.at("movement.movement.8.running"), "115000");
  EXPECT_EQ(marked.count("movement.movement.9.change"), 0u);
  EXPECT_EQ(marked.at("movement.movement.0.period_start"), "2024-10-01");
  EXPECT_EQ(marked.at("movement.movement.0.period_end"), "2024-12-31");
  // The movers, largest first, with a deal not yet created then.
  EXPECT_EQ(marked.at("movement.movers.0.id"), "D-17");
  EXPECT_EQ(marked.at("movement.movers.0.change"), "30000");
  EXPECT_EQ(marked.at("movement.movers.0.win_probability_before"), "0.6");
  EXPECT_EQ(marked.at("movement.movers.0.win_probability_after"), "null");
  EXPECT_EQ(marked.at("movement.movers.1.id"), "D-&lt;99&gt;");
  EXPECT_EQ(marked.at("movement.movers.1.win_probability_before"), "null");
  const std::string s = section(page, "movement");
  EXPECT_NE(s.find("<h3>The 2 deals that moved it most (of 14)</h3>"), std::string::npos);
  EXPECT_NE(s.find("<td>Negotiate \u2192 Won</td>"), std::string::npos);
  EXPECT_NE(s.find("<td>(new) \u2192 Qualify</td>"), std::string::npos);
  EXPECT_NE(s.find("<td>15 Nov 2024 \u2192 20 Oct 2024</td>"), std::string::npos);
  EXPECT_NE(s.find("<td>\u2013 \u2192 1 Dec 2024</td>"), std::string::npos);
  // Signed, and coloured by direction; the net change is the page's own.
  EXPECT_NE(s.find("<span class=\"up\"><span data-figure=\"movement.movers.0.change\" data-value=\"30000\">"
                   "+$30,000</span></span>"),
            std::string::npos);
  EXPECT_NE(s.find("<span class=\"down\"><span data-figure=\"movement.movement.3.change\" data-value=\"-25000\">"
                   "-$25,000</span></span>"),
            std::string::npos);
  EXPECT_NE(s.find(">+$15,000</td>"), std::string::npos);
}

// Narrowed to a segment, the page says the waterfall is the whole company's.
TEST(MovementSection, WholeBookInANarrowedReportSaysSo) {
  AnalysisOptions options;
  options.filters = {{"segment", "SMB"}};
  const Scope scope(small().book, options);
  const Report report = build_report(scope);
  HtmlReportInput input(report);
  input.movement = hand_made_movement();
  EXPECT_NE(section(html_report(input), "movement")
                .find("Whole company: the waterfall is made from every deal of the book"),
            std::string::npos);
}

TEST(MovementSection, NoMoverSaysSo) {
  HtmlReportInput input(small().report);
  input.movement = hand_made_movement();
  input.movement->movers.clear();
  input.movement->deals_moved = 0;
  const std::string s = section(html_report(input), "movement");
  EXPECT_NE(s.find("No deal&#39;s part of the forecast changed."), std::string::npos);
  EXPECT_EQ(s.find("<h3>"), std::string::npos);
}

}  // namespace
}  // namespace render_waterfall_test
}  // namespace pipecast::render
