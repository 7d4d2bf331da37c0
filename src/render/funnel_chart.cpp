#include "pipecast/render/funnel_chart.hpp"

#include "render/chart_parts.hpp"

#include <algorithm>

namespace pipecast::render {
namespace {

constexpr double kStep = 30;  // height of a step's bar
constexpr double kNote = 20;  // the line between two steps
constexpr double kMaxStepLabel = 200;

double height(const FunnelChartSpec& spec) {
  double h = 8;
  for (const FunnelChartStep& s : spec.steps) h += kStep + (s.note.empty() ? 6 : kNote);
  return h + 4;
}

}  // namespace

std::string funnel_chart(const FunnelChartSpec& spec) {
  if (spec.steps.empty()) {
    svg::Writer w = chart::start(spec.width, 40, spec.title);
    w.label(spec.width / 2, 24, "No data", "pc-note", "middle");
    return w.finish();
  }
  double label_width = 60, value_width = 40, widest = 0;
  for (const FunnelChartStep& s : spec.steps) {
    label_width = std::max(label_width, chart::text_width(s.label) + 16);
    value_width = std::max(value_width, chart::text_width(s.value_label) * 1.1 + 20);  // bold
    widest = std::max(widest, s.value);
  }
  label_width = std::min(label_width, kMaxStepLabel);
  value_width = std::min(value_width, 260.0);
  const double left = label_width, right = spec.width - value_width;
  const double centre = (left + right) / 2, span = right - left;

  svg::Writer w = chart::start(spec.width, height(spec), spec.title);
  double y = 8;
  for (const FunnelChartStep& s : spec.steps) {
    w.open("g", {{"class", "pc-step"}});
    const double bar = widest > 0 ? std::max(span * s.value / widest, s.value > 0 ? 2.0 : 0.0) : 0.0;
    w.label(label_width - 8, y + kStep / 2 + 4, chart::fit(s.label, label_width - 12), "pc-label", "end");
    w.element("rect",
              {{"x", centre - bar / 2}, {"y", y}, {"width", bar}, {"height", kStep}, {"rx", 3}, {"class", "pc-bar"}});
    w.label(right + 10, y + kStep / 2 + 4, s.value_label, "pc-value");
    w.close();
    y += kStep;
    if (!s.note.empty()) {
      w.label(centre, y + 14, "\u2193 " + s.note, "pc-note", "middle");
      y += kNote;
    } else {
      y += 6;
    }
  }
  return w.finish();
}

}  // namespace pipecast::render
