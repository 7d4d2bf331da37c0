// What every chart shares: the embedded style, text width estimates, the
// legend and the value axes.  Internal to src/render.
#pragma once

#include "pipecast/render/axis.hpp"
#include "pipecast/render/svg.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::render::chart {

using TickFormat = std::function<std::string(double)>;

/// A writer whose document carries its own style, so a chart reads the same
/// inside the report and saved on its own.
svg::Writer start(double width, double height, std::string_view title);

/// Rough width in pixels of text at `font_px` in a sans-serif face: there are
/// no font metrics here, and labels only need room, not exact fit.
double text_width(std::string_view text, double font_px = 12.0);

/// `text` cut to at most `max_px` wide, with an ellipsis when cut.
std::string fit(std::string_view text, double max_px, double font_px = 12.0);

enum class Swatch { bar, bar_alt, band, line, dashed, whisker, reference, dot, up, down };
struct LegendItem {
  Swatch swatch;
  std::string label;
};
/// A legend in one row starting at (x, y) (the row's vertical centre).
void legend(svg::Writer& w, double x, double y, const std::vector<LegendItem>& items);

/// A horizontal value axis at y: grid lines from `grid_top` down to y, tick
/// labels below, the axis label under them (when not empty).
void x_axis(svg::Writer& w, const Ticks& ticks, const LinearScale& x, double y, double grid_top,
            const TickFormat& format, std::string_view label);

/// A vertical value axis at x: grid lines from x to `grid_right`, tick labels
/// to the left, the axis label above the axis (when not empty).
void y_axis(svg::Writer& w, const Ticks& ticks, const LinearScale& y, double x, double grid_right,
            const TickFormat& format, std::string_view label);

}  // namespace pipecast::render::chart
