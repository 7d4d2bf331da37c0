#include "render/chart_parts.hpp"

#include <algorithm>

namespace pipecast::render::chart {
namespace {

// Class names carry a pc- prefix: inline SVG styles apply to the whole page,
// and the charts must not restyle a host's own elements.
constexpr std::string_view kStyle =
    ".pc-chart{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "font-size:12px}"
    ".pc-label{fill:#1f2937}.pc-value{fill:#111827;font-weight:600}"
    ".pc-axis,.pc-note{fill:#6b7280;font-size:11px}.pc-title{fill:#374151;font-size:11px}"
    ".pc-grid{stroke:#e5e7eb;stroke-width:1}.pc-baseline{stroke:#9ca3af;stroke-width:1}"
    ".pc-bar{fill:#3b82f6}.pc-bar-alt{fill:#14b8a6}"
    ".pc-whisker{stroke:#1e3a8a;stroke-width:1.5;fill:none}"
    ".pc-ref{stroke:#d97706;stroke-width:1.5;stroke-dasharray:4 3;fill:none}"
    ".pc-band{fill:#93c5fd;fill-opacity:0.55}"
    ".pc-line{fill:none;stroke:#1d4ed8;stroke-width:2}"
    ".pc-dashed{fill:none;stroke:#7c3aed;stroke-width:2;stroke-dasharray:6 4}"
    ".pc-dot{fill:#f59e0b;stroke:#92400e;stroke-width:1}"
    ".pc-up{fill:#16a34a}.pc-down{fill:#dc2626}"
    ".pc-connector{stroke:#6b7280;stroke-width:1;stroke-dasharray:3 3}";

}  // namespace

svg::Writer start(double width, double height, std::string_view title) {
  svg::Writer w(width, height, title, "pc-chart");
  w.text("style", {}, kStyle);
  return w;
}

double text_width(std::string_view text, double font_px) {
  // UTF-8 continuation bytes do not start a character.
  const auto chars =
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return static_cast<double>(chars) * font_px * 0.58;
}

std::string fit(std::string_view text, double max_px, double font_px) {
  if (text_width(text, font_px) <= max_px) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Cut only where a character starts, so no UTF-8 sequence is split.
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && text_width(out + "\u2026", font_px) + font_px * 0.58 > max_px) break;
    out += text[i];
  }
  return out + "\u2026";
}

void legend(svg::Writer& w, double x, double y, const std::vector<LegendItem>& items) {
  for (const LegendItem& item : items) {
    switch (item.swatch) {
      case Swatch::bar:
        w.element("rect", {{"x", x}, {"y", y - 6}, {"width", 14}, {"height", 12}, {"class", "pc-bar"}});
        break;
      case Swatch::bar_alt:
        w.element("rect", {{"x", x}, {"y", y - 6}, {"width", 14}, {"height", 12}, {"class", "pc-bar-alt"}});
        break;
      case Swatch::band:
        w.element("rect", {{"x", x}, {"y", y - 6}, {"width", 14}, {"height", 12}, {"class", "pc-band"}});
        break;
      case Swatch::line:
        w.element("line", {{"x1", x}, {"y1", y}, {"x2", x + 14}, {"y2", y}, {"class", "pc-line"}});
        break;
      case Swatch::dashed:
        w.element("line", {{"x1", x}, {"y1", y}, {"x2", x + 14}, {"y2", y}, {"class", "pc-dashed"}});
        break;
      case Swatch::whisker:
        w.element("path", {{"d", "M" + svg::number(x) + " " + svg::number(y) + "h14m0 -4v8m-14 -8v8"},
                           {"class", "pc-whisker"}});
        break;
      case Swatch::reference:
        w.element("line", {{"x1", x + 7}, {"y1", y - 7}, {"x2", x + 7}, {"y2", y + 7}, {"class", "pc-ref"}});
        break;
      case Swatch::dot: w.element("circle", {{"cx", x + 7}, {"cy", y}, {"r", 4.5}, {"class", "pc-dot"}}); break;
      case Swatch::up:
        w.element("rect", {{"x", x}, {"y", y - 6}, {"width", 14}, {"height", 12}, {"class", "pc-up"}});
        break;
      case Swatch::down:
        w.element("rect", {{"x", x}, {"y", y - 6}, {"width", 14}, {"height", 12}, {"class", "pc-down"}});
        break;
    }
    w.label(x + 19, y + 4, item.label, "pc-note");
    x += 19 + text_width(item.label, 11) + 18;
  }
}

void x_axis(svg::Writer& w, const Ticks& ticks, const LinearScale& x, double y, double grid_top,
            const TickFormat& format, std::string_view label) {
  w.open("g", {{"class", "pc-x-axis"}});
  for (const double value : ticks.values) {
    const double px = x(value);
    w.element("line", {{"x1", px}, {"y1", grid_top}, {"x2", px}, {"y2", y}, {"class", "pc-grid"}});
    w.label(px, y + 14, format(value), "pc-axis", "middle");
  }
  w.element("line", {{"x1", x(ticks.low)}, {"y1", y}, {"x2", x(ticks.high)}, {"y2", y}, {"class", "pc-baseline"}});
  if (!label.empty()) w.label((x(ticks.low) + x(ticks.high)) / 2, y + 30, label, "pc-title", "middle");
  w.close();
}

void y_axis(svg::Writer& w, const Ticks& ticks, const LinearScale& y, double x, double grid_right,
            const TickFormat& format, std::string_view label) {
  w.open("g", {{"class", "pc-y-axis"}});
  for (const double value : ticks.values) {
    const double py = y(value);
    w.element("line", {{"x1", x}, {"y1", py}, {"x2", grid_right}, {"y2", py}, {"class", "pc-grid"}});
    w.label(x - 6, py + 4, format(value), "pc-axis", "end");
  }
  w.element("line", {{"x1", x}, {"y1", y(ticks.low)}, {"x2", x}, {"y2", y(ticks.high)}, {"class", "pc-baseline"}});
  if (!label.empty()) w.label(x - 6, y(ticks.high) - 12, label, "pc-title");
  w.close();
}

}  // namespace pipecast::render::chart
