// The SVG writer and the axes: escaping, numbers, balanced elements, ticks.
#include "pipecast/render/axis.hpp"
#include "pipecast/render/svg.hpp"

#include "render_xml.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast::render {
// Named for the file: a unity build compiles the files of a program as one.
namespace render_svg_test {
namespace {

using test::count_elements;
using test::parse_xml;

TEST(SvgEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(svg::escape("a & b < c > d \"e\" 'f'"), "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
  EXPECT_EQ(svg::escape(""), "");
  EXPECT_EQ(svg::escape("Caf\u00e9 \u20ac"), "Caf\u00e9 \u20ac");  // UTF-8 passes through
  EXPECT_EQ(svg::escape("&amp;"), "&amp;amp;");                    // no double meaning
}

TEST(SvgNumber, ShortAndStable) {
  EXPECT_EQ(svg::number(0), "0");
  EXPECT_EQ(svg::number(12), "12");
  EXPECT_EQ(svg::number(12.5), "12.5");
  EXPECT_EQ(svg::number(1.0 / 3.0), "0.33");
  EXPECT_EQ(svg::number(2.004), "2");
  EXPECT_EQ(svg::number(2.006), "2.01");
  EXPECT_EQ(svg::number(-0.001), "0");  // never "-0"
  EXPECT_EQ(svg::number(-7.25), "-7.25");
  EXPECT_EQ(svg::number(720), "720");
  EXPECT_EQ(svg::number(std::nan("")), "0");
  EXPECT_EQ(svg::number(std::numeric_limits<double>::infinity()), "0");
}

TEST(SvgWriter, WritesAWellFormedDocumentWithEscapedContent) {
  svg::Writer w(200, 100, "Sales <Q3> & \"more\"");
  w.open("g", {{"class", "a&b"}, {"transform", "translate(1,2)"}});
  w.element("rect", {{"x", 1.5}, {"y", 2}, {"width", 10}, {"height", 0}});
  w.label(5, 6, "A < B & 'C'", "pc-label", "middle");
  w.close();
  const std::string out = w.finish();
  EXPECT_NE(out.find("viewBox=\"0 0 200 100\""), std::string::npos);
  EXPECT_NE(out.find("<title>Sales &lt;Q3&gt; &amp; &quot;more&quot;</title>"), std::string::npos);
  EXPECT_NE(out.find("class=\"a&amp;b\""), std::string::npos);
  EXPECT_NE(out.find("<rect x=\"1.5\" y=\"2\" width=\"10\" height=\"0\"/>"), std::string::npos);
  EXPECT_NE(out.find(">A &lt; B &amp; &#39;C&#39;</text>"), std::string::npos);
  EXPECT_NE(out.find("text-anchor=\"middle\""), std::string::npos);
  const auto tree = parse_xml(out);
  EXPECT_EQ(tree.get<std::string>("svg.title"), "Sales <Q3> & \"more\"");
  EXPECT_EQ(tree.get<std::string>("svg.g.text"), "A < B & 'C'");
  EXPECT_EQ(tree.get<std::string>("svg.g.<xmlattr>.class"), "a&b");
  EXPECT_EQ(count_elements(tree, "rect"), 1u);
}

TEST(SvgWriter, RefusesUnbalancedElements) {
  svg::Writer open_left(10, 10, "t");
  open_left.open("g");
  EXPECT_THROW(open_left.finish(), std::logic_error);

  svg::Writer closed_twice(10, 10, "t");
  closed_twice.close();  // closes the root
  EXPECT_THROW(closed_twice.close(), std::logic_error);
  EXPECT_THROW(closed_twice.element("rect", {}), std::logic_error);
}

TEST(SvgWriter, IntegerAndZeroAttributesAreNotAmbiguous) {
  svg::Writer w(10, 10, "t");
  w.element("circle", {{"r", 0}, {"cx", std::size_t{3}}, {"cy", -2}});
  const std::string out = w.finish();
  EXPECT_NE(out.find("<circle r=\"0\" cx=\"3\" cy=\"-2\"/>"), std::string::npos);
}

TEST(SvgPoints, JoinsPairs) {
  EXPECT_EQ(svg::points({{0, 1}, {2.5, -3}}), "0,1 2.5,-3");
  EXPECT_EQ(svg::points(std::vector<std::pair<double, double>>{}), "");
}

TEST(NiceTicks, RoundStepsThatCoverTheData) {
  const Ticks t = nice_ticks(0, 97);
  EXPECT_EQ(t.low, 0);
  EXPECT_EQ(t.high, 100);
  EXPECT_EQ(t.step, 20);
  EXPECT_EQ(t.values, (std::vector<double>{0, 20, 40, 60, 80, 100}));

  const Ticks m = nice_ticks(0, 1'234'567);
  EXPECT_EQ(m.step, 250'000);
  EXPECT_EQ(m.high, 1'250'000);
  EXPECT_EQ(m.values.size(), 6u);

  const Ticks r = nice_ticks(0, 1);
  EXPECT_EQ(r.values, (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}));  // exact, no 0.6000000000000001
}

TEST(NiceTicks, NegativeAndOffsetRanges) {
  const Ticks t = nice_ticks(-35, 120);
  EXPECT_EQ(t.step, 50);
  EXPECT_EQ(t.low, -50);
  EXPECT_EQ(t.high, 150);
  EXPECT_EQ(t.values, (std::vector<double>{-50, 0, 50, 100, 150}));

  const Ticks o = nice_ticks(1020, 1090);
  EXPECT_LE(o.low, 1020);
  EXPECT_GE(o.high, 1090);
  EXPECT_EQ(o.step, 20);
  EXPECT_EQ(o.values.front(), o.low);
  EXPECT_EQ(o.values.back(), o.high);
}

TEST(NiceTicks, DegenerateRanges) {
  const Ticks none = nice_ticks(0, 0);  // no data
  EXPECT_EQ(none.low, 0);
  EXPECT_EQ(none.high, 1);
  const Ticks one = nice_ticks(42, 42);  // one value: drawn against zero
  EXPECT_EQ(one.low, 0);
  EXPECT_GE(one.high, 42);
  const Ticks negative = nice_ticks(-5, -5);
  EXPECT_LE(negative.low, -5);
  EXPECT_EQ(negative.high, 0);
  const Ticks nan = nice_ticks(std::nan(""), std::nan(""));
  EXPECT_EQ(nan.low, 0);
  EXPECT_EQ(nan.high, 1);
  const Ticks reversed = nice_ticks(10, 0);
  EXPECT_EQ(reversed.low, 0);
  EXPECT_EQ(reversed.high, 10);
  const Ticks tiny = nice_ticks(0, 0.003);
  EXPECT_EQ(tiny.step, 0.001);
  EXPECT_EQ(tiny.values, (std::vector<double>{0, 0.001, 0.002, 0.003}));
  EXPECT_EQ(tiny.high, 0.003);
}

TEST(LinearScale, MapsBothWays) {
  const LinearScale x{0, 100, 50, 250};
  EXPECT_DOUBLE_EQ(x(0), 50);
  EXPECT_DOUBLE_EQ(x(50), 150);
  EXPECT_DOUBLE_EQ(x(100), 250);
  const LinearScale y{0, 10, 300, 0};  // screen y runs down
  EXPECT_DOUBLE_EQ(y(10), 0);
  EXPECT_DOUBLE_EQ(y(2.5), 225);
  const LinearScale flat{5, 5, 10, 20};
  EXPECT_DOUBLE_EQ(flat(5), 10);
}

}  // namespace
}  // namespace render_svg_test
}  // namespace pipecast::render
