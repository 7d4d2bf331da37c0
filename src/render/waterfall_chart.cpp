#include "pipecast/render/waterfall_chart.hpp"

#include "pipecast/render/human_format.hpp"
#include "render/chart_parts.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render {
namespace {

// Names of their own: a unity build compiles this file with the other charts.
constexpr double kTickRoom = 72;     // left: the y tick labels
constexpr double kRightMargin = 16;
constexpr double kLegendRoom = 48;   // top: the legend and the axis label
constexpr double kLabelRoom = 40;    // bottom: bar labels, up to two lines
constexpr double kLabelLine = 14;    // between two lines of a bar label
constexpr double kBarShare = 0.62;   // of a slot; the rest is the gap the connectors cross
// Room beyond the bars for the values written at their ends: a fraction of
// the range at each end the bars reach past zero.
constexpr double kHeadroom = 0.08;

// Where a bar starts and ends, in the chart's values.
struct Span {
  double from = 0.0;
  double to = 0.0;
};

// Each step's bar: a total from 0, a change from the level reached so far.
// A step without a value keeps the level and has an empty span there.
std::vector<Span> spans(const WaterfallChartSpec& spec) {
  std::vector<Span> out;
  double level = 0.0;
  for (const WaterfallStep& s : spec.steps) {
    if (!std::isfinite(s.value)) {
      out.push_back({level, level});
      continue;
    }
    const Span span = s.total ? Span{0.0, s.value} : Span{level, level + s.value};
    level = span.to;
    out.push_back(span);
  }
  return out;
}

Ticks domain(const std::vector<Span>& bars) {
  double low = 0, high = 0;
  for (const Span& b : bars) low = std::min({low, b.from, b.to}), high = std::max({high, b.from, b.to});
  const double room = (high - low) * kHeadroom;
  return nice_ticks(low < 0 ? low - room : low, high > 0 ? high + room : high, 5);
}

std::string value_text(const WaterfallStep& step, const chart::TickFormat& format) {
  if (!step.value_label.empty()) return step.value_label;
  if (!std::isfinite(step.value)) return std::string(kMissing);
  const std::string text = format(step.value);
  // A change says which way it went; a total is a level.
  return !step.total && step.value > 0 && text != format(0.0) ? "+" + text : text;
}

// The label on one line, its line break (if any) a space.
std::string one_line(std::string label) {
  std::replace(label.begin(), label.end(), '\n', ' ');
  return label;
}

// The label in one line when it fits the slot, else in two: at its line
// break, or without one at the space that makes the longer half shortest.
std::vector<std::string> label_lines(const std::string& label, double room) {
  const std::string line = one_line(label);
  if (chart::text_width(line) <= room) return {line};
  if (const auto at = label.find('\n'); at != std::string::npos)
    return {chart::fit(label.substr(0, at), room), chart::fit(one_line(label.substr(at + 1)), room)};
  std::size_t best = std::string::npos;
  double widest = 0;
  for (std::size_t at = label.find(' '); at != std::string::npos; at = label.find(' ', at + 1)) {
    const double w = std::max(chart::text_width(label.substr(0, at)), chart::text_width(label.substr(at + 1)));
    if (best == std::string::npos || w < widest) best = at, widest = w;
  }
  if (best == std::string::npos) return {chart::fit(label, room)};
  return {chart::fit(label.substr(0, best), room), chart::fit(label.substr(best + 1), room)};
}

const char* bar_class(const WaterfallStep& step) {
  if (step.total) return "pc-bar";
  return step.value < 0 ? "pc-down" : "pc-up";
}

std::vector<chart::LegendItem> legend_items(const WaterfallChartSpec& spec) {
  std::vector<chart::LegendItem> items;
  if (!spec.total_legend.empty()) items.push_back({chart::Swatch::bar, spec.total_legend});
  if (!spec.up_legend.empty()) items.push_back({chart::Swatch::up, spec.up_legend});
  if (!spec.down_legend.empty()) items.push_back({chart::Swatch::down, spec.down_legend});
  return items;
}

// Where a bar sits across the chart, and the chart's vertical scale.
struct Layout {
  double left = 0.0;  // of the first slot
  double slot = 0.0;  // one bar and its gap
  double bottom = 0.0;  // of the plot: the labels go under it
  LinearScale y;
  double centre(std::size_t i) const { return left + slot * (static_cast<double>(i) + 0.5); }
};

void draw_step(svg::Writer& w, const WaterfallStep& step, const Span& span, std::size_t i, const Layout& at,
               const chart::TickFormat& format) {
  const std::string value = value_text(step, format);
  w.open("g", {{"class", "pc-step"}});
  w.text("title", {}, one_line(step.label) + ": " + value + (step.total ? "" : " \u2192 " + format(span.to)));
  const double top = at.y(std::max(span.from, span.to)), low = at.y(std::min(span.from, span.to));
  const double bar = at.slot * kBarShare, x = at.centre(i) - bar / 2;
  // No change draws no bar (its value says 0); one too small to see still
  // shows as a line, as in the bar chart.
  if (std::isfinite(step.value) && (step.total || step.value != 0))
    w.element("rect", {{"x", x},
                       {"y", top},
                       {"width", bar},
                       {"height", std::max(low - top, step.value != 0 ? 1.0 : 0.0)},
                       {"class", bar_class(step)}});
  // The value by the bar's end: above a rise or a total, below a fall (but
  // above it when the fall reaches the labels under the plot).
  const bool below = !step.total && step.value < 0 && low + 16 < at.bottom;
  w.label(at.centre(i), below ? low + 14 : top - 5, chart::fit(value, at.slot - 2), "pc-value", "middle");
  const std::vector<std::string> lines = label_lines(step.label, at.slot - 6);
  for (std::size_t l = 0; l < lines.size(); ++l)
    w.label(at.centre(i), at.bottom + 16 + kLabelLine * static_cast<double>(l), lines[l], "pc-label", "middle");
  w.close();
}

// The level a bar ends at, carried to where the next bar starts.
void connectors(svg::Writer& w, const std::vector<Span>& bars, const Layout& at) {
  const double half = at.slot * kBarShare / 2;
  for (std::size_t i = 0; i + 1 < bars.size(); ++i) {
    const double y = at.y(bars[i].to);
    w.element("line", {{"x1", at.centre(i) + half},
                       {"y1", y},
                       {"x2", at.centre(i + 1) - half},
                       {"y2", y},
                       {"class", "pc-connector"}});
  }
}

}  // namespace

std::string waterfall_chart(const WaterfallChartSpec& spec) {
  if (spec.steps.empty()) {
    svg::Writer w = chart::start(spec.width, 40, spec.title);
    w.label(spec.width / 2, 24, "No data", "pc-note", "middle");
    return w.finish();
  }
  const chart::TickFormat format =
      spec.tick_format ? spec.tick_format : chart::TickFormat([](double v) { return format_compact(v); });
  const std::vector<Span> bars = spans(spec);
  const Ticks ticks = domain(bars);
  const double right = spec.width - kRightMargin, bottom = spec.height - kLabelRoom;
  const Layout at{kTickRoom, (right - kTickRoom) / static_cast<double>(spec.steps.size()), bottom,
                  LinearScale{ticks.low, ticks.high, bottom, kLegendRoom}};

  svg::Writer w = chart::start(spec.width, spec.height, spec.title);
  if (!spec.description.empty()) w.text("desc", {}, spec.description);
  const std::vector<chart::LegendItem> legend = legend_items(spec);
  if (!legend.empty()) chart::legend(w, kTickRoom, 12, legend);
  chart::y_axis(w, ticks, at.y, kTickRoom, right, format, spec.axis_label);
  connectors(w, bars, at);
  for (std::size_t i = 0; i < spec.steps.size(); ++i) draw_step(w, spec.steps[i], bars[i], i, at, format);
  return w.finish();
}

}  // namespace pipecast::render
