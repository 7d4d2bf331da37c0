#include "pipecast/render/fan_chart.hpp"

#include "pipecast/render/human_format.hpp"
#include "render/chart_parts.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render {
namespace {

constexpr double kLeft = 72;  // y tick labels
constexpr double kRight = 16;
constexpr double kTop = 48;     // legend and the axis label
constexpr double kBottom = 30;  // period labels

using Series = double FanPoint::*;
using Path = std::vector<std::pair<double, double>>;

// Runs of consecutive points where every series given is known, each run
// widened by half a slot at both ends so that one point still has width.
template <class Emit>
void for_each_run(const FanChartSpec& spec, std::initializer_list<Series> series, double slot, double left, Emit emit) {
  const std::size_t n = spec.points.size();
  const auto known = [&](std::size_t i) {
    return std::all_of(series.begin(), series.end(), [&](Series s) { return std::isfinite(spec.points[i].*s); });
  };
  for (std::size_t i = 0; i < n;) {
    if (!known(i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < n && known(j + 1)) ++j;
    emit(i, j, left + slot * static_cast<double>(i), left + slot * static_cast<double>(j + 1));
    i = j + 1;
  }
}

Path line_points(const FanChartSpec& spec, Series s, std::size_t i, std::size_t j, double x0, double x1, double slot,
                 const LinearScale& y) {
  Path path{{x0, y(spec.points[i].*s)}};
  for (std::size_t k = i; k <= j; ++k)
    path.emplace_back(x0 + slot * (static_cast<double>(k - i) + 0.5), y(spec.points[k].*s));
  path.emplace_back(x1, y(spec.points[j].*s));
  return path;
}

Ticks domain(const FanChartSpec& spec) {
  double low = 0, high = 0;
  for (const FanPoint& p : spec.points)
    for (const double v : {p.p10, p.p50, p.p90, p.expected, p.actual})
      if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
  return nice_ticks(low, high, 5);
}

}  // namespace

std::string fan_chart(const FanChartSpec& spec) {
  if (spec.points.empty()) {
    svg::Writer w = chart::start(spec.width, 40, spec.title);
    w.label(spec.width / 2, 24, "No data", "pc-note", "middle");
    return w.finish();
  }
  const chart::TickFormat format =
      spec.tick_format ? spec.tick_format : chart::TickFormat([](double v) { return format_compact(v); });
  const double right = spec.width - kRight, bottom = spec.height - kBottom;
  const double slot = (right - kLeft) / static_cast<double>(spec.points.size());
  const Ticks ticks = domain(spec);
  const LinearScale y{ticks.low, ticks.high, bottom, kTop};

  svg::Writer w = chart::start(spec.width, spec.height, spec.title);
  chart::legend(w, kLeft, 12,
                {{chart::Swatch::band, "P10\u2013P90"},
                 {chart::Swatch::line, "P50 (median)"},
                 {chart::Swatch::dashed, "expected"},
                 {chart::Swatch::dot, "actual"}});
  chart::y_axis(w, ticks, y, kLeft, right, format, spec.axis_label);
  for (std::size_t i = 0; i < spec.points.size(); ++i)
    w.label(kLeft + slot * (static_cast<double>(i) + 0.5), bottom + 18, chart::fit(spec.points[i].label, slot - 4),
            "pc-label", "middle");

  for_each_run(spec, {&FanPoint::p10, &FanPoint::p90}, slot, kLeft,
               [&](std::size_t i, std::size_t j, double x0, double x1) {
                 Path band = line_points(spec, &FanPoint::p90, i, j, x0, x1, slot, y);
                 const Path lower = line_points(spec, &FanPoint::p10, i, j, x0, x1, slot, y);
                 band.insert(band.end(), lower.rbegin(), lower.rend());
                 w.element("polygon", {{"points", svg::points(band)}, {"class", "pc-band"}});
               });
  // A plain loop variable, not a structured binding: clang 14 cannot capture those.
  for (const auto& line : {std::pair{&FanPoint::p50, "pc-line"}, std::pair{&FanPoint::expected, "pc-dashed"}})
    for_each_run(spec, {line.first}, slot, kLeft, [&](std::size_t i, std::size_t j, double x0, double x1) {
      w.element("polyline",
                {{"points", svg::points(line_points(spec, line.first, i, j, x0, x1, slot, y))}, {"class", line.second}});
    });
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const FanPoint& p = spec.points[i];
    if (!std::isfinite(p.actual)) continue;
    w.open("circle",
           {{"cx", kLeft + slot * (static_cast<double>(i) + 0.5)}, {"cy", y(p.actual)}, {"r", 5}, {"class", "pc-dot"}});
    w.text("title", {}, p.label + " actual: " + format(p.actual));
    w.close();
  }
  return w.finish();
}

}  // namespace pipecast::render
