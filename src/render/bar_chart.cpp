#include "pipecast/render/bar_chart.hpp"

#include "pipecast/render/human_format.hpp"
#include "render/chart_parts.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render {
namespace {

constexpr double kRow = 26;     // height of one row
constexpr double kBar = 15;     // thickness of a bar
constexpr double kLegend = 24;  // the legend row
constexpr double kAxis = 44;    // tick labels and the axis label
constexpr double kMaxBarLabel = 210;

chart::TickFormat tick_format(const BarChartSpec& spec) {
  if (spec.tick_format) return spec.tick_format;
  return [](double v) { return format_compact(v); };
}

std::string value_text(const BarRow& row, const chart::TickFormat& format) {
  if (!row.value_label.empty()) return row.value_label;
  return std::isnan(row.value) ? std::string(kMissing) : format(row.value);
}

Ticks domain(const BarChartSpec& spec) {
  double low = 0, high = spec.domain_high.value_or(0);
  for (const BarRow& r : spec.rows)
    for (const double v : {r.value, r.low, r.high})
      if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
  if (spec.reference && std::isfinite(*spec.reference)) high = std::max(high, *spec.reference);
  if (spec.domain_high) high = std::min(high, *spec.domain_high);
  return nice_ticks(low, high, 5);
}

std::vector<chart::LegendItem> legend_items(const BarChartSpec& spec) {
  std::vector<chart::LegendItem> items;
  if (!spec.bar_legend.empty())
    items.push_back({spec.alternate_colour ? chart::Swatch::bar_alt : chart::Swatch::bar, spec.bar_legend});
  if (!spec.whisker_legend.empty()) items.push_back({chart::Swatch::whisker, spec.whisker_legend});
  if (spec.reference && !spec.reference_label.empty())
    items.push_back({chart::Swatch::reference, spec.reference_label});
  return items;
}

void draw_row(svg::Writer& w, const BarRow& row, const LinearScale& x, double y, const BarChartSpec& spec,
              double label_width, double value_x, const chart::TickFormat& format) {
  w.open("g", {{"class", "pc-row"}});
  if (!row.tooltip.empty()) w.text("title", {}, row.tooltip);
  const double middle = y + kRow / 2;
  w.label(label_width - 8, middle + 4, chart::fit(row.label, label_width - 12), "pc-label", "end");
  if (std::isfinite(row.value)) {
    const double a = x(std::min(0.0, row.value)), b = x(std::max(0.0, row.value));
    w.element("rect", {{"x", a},
                       {"y", middle - kBar / 2},
                       {"width", std::max(b - a, row.value != 0 ? 1.0 : 0.0)},
                       {"height", kBar},
                       {"class", spec.alternate_colour ? "pc-bar-alt" : "pc-bar"}});
  }
  if (std::isfinite(row.low) && std::isfinite(row.high)) {
    const double lo = x(row.low), hi = x(row.high);
    w.element("path", {{"d", "M" + svg::number(lo) + " " + svg::number(middle) + "H" + svg::number(hi) + "M" +
                                 svg::number(lo) + " " + svg::number(middle - 5) + "v10M" + svg::number(hi) + " " +
                                 svg::number(middle - 5) + "v10"},
                       {"class", "pc-whisker"}});
  }
  w.label(value_x, middle + 4, value_text(row, format), "pc-value");
  w.close();
}

}  // namespace

std::string bar_chart(const BarChartSpec& spec) {
  const chart::TickFormat format = tick_format(spec);
  if (spec.rows.empty()) {
    svg::Writer w = chart::start(spec.width, 40, spec.title);
    w.label(spec.width / 2, 24, "No data", "pc-note", "middle");
    return w.finish();
  }
  double label_width = 60, value_width = 40;
  for (const BarRow& r : spec.rows) {
    label_width = std::max(label_width, chart::text_width(r.label) + 16);
    value_width = std::max(value_width, chart::text_width(value_text(r, format)) * 1.1 + 20);  // bold
  }
  label_width = std::min(label_width, kMaxBarLabel);
  value_width = std::min(value_width, 180.0);
  const std::vector<chart::LegendItem> legend = legend_items(spec);
  const double top = legend.empty() ? 8 : kLegend + 6;
  const double bottom = top + kRow * static_cast<double>(spec.rows.size());
  svg::Writer w = chart::start(spec.width, bottom + kAxis, spec.title);
  if (!legend.empty()) chart::legend(w, label_width, 12, legend);

  const Ticks ticks = domain(spec);
  const LinearScale x{ticks.low, ticks.high, label_width, spec.width - value_width};
  chart::x_axis(w, ticks, x, bottom, top, format, spec.axis_label);
  double y = top;
  for (const BarRow& row : spec.rows) {
    draw_row(w, row, x, y, spec, label_width, spec.width - value_width + 10, format);
    y += kRow;
  }
  if (spec.reference && std::isfinite(*spec.reference)) {
    const double rx = x(*spec.reference);
    w.element("line", {{"x1", rx}, {"y1", top - 4}, {"x2", rx}, {"y2", bottom}, {"class", "pc-ref"}});
  }
  return w.finish();
}

}  // namespace pipecast::render
