#include "report_velocity_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {
namespace {

// "median (count)" per period: how the figures moved.
void print_trend(const ResultTable& trend, const std::string& pipeline, const render::CellStyle& style,
                 std::ostream& out) {
  const render::VelocityTrendGrid grid = render::velocity_trend_grid(trend, pipeline);
  if (grid.periods.empty()) return;
  const render::TableView cell = render::velocity_trend_view();
  out << '\n' << pipeline << ": median days by period (count)\n";
  TextTable t;
  t.add_column("", TextTable::Align::left);
  for (const std::string& period : grid.periods) t.add_column(period);
  for (const render::VelocityTrendGrid::Line& line : grid.lines) {
    std::vector<std::string> row{line.label};
    for (const std::size_t r : line.rows)
      row.push_back(r == render::VelocityTrendGrid::kNoRow
                        ? style.missing
                        : render::cell_text(trend, cell[0], r, style) + " (" + render::cell_text(trend, cell[1], r, style) +
                              ")");
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
}

}  // namespace

void print_velocity(const Report& report, const std::string& currency, std::ostream& out) {
  const ResultTable stages = report_table(report, "velocity");
  const ResultTable cycles = report_table(report, "cycles");
  const ResultTable trend = report_table(report, "velocity_trend");
  const render::CellStyle style = text_style(currency);
  out << "Velocity as of " << format_day(report.as_of) << '\n';
  for (const PipelineVelocity& p : report.velocity.pipelines) {
    out << '\n' << p.name << ": days in stage (completed stays; deals still in the stage apart)\n";
    view_table(stages, render::velocity_view(), render::rows_where(stages, "pipeline", p.name), style).print(out, "  ");
    out << '\n' << p.name << ": cycle length, created to closed (days)\n";
    view_table(cycles, render::cycles_view(), render::rows_where(cycles, "pipeline", p.name), style).print(out, "  ");
    print_trend(trend, p.name, style, out);
  }
}

}  // namespace pipecast::cli
