#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::render::sections {
namespace {

// The grid of the velocity trend: a cell is the period's median days and
// its count, each a figure at its row of the table.
std::string trend_by_period(const ResultTable& table, const VelocityTrendGrid& grid, const CellStyle& style) {
  const TableView cell = velocity_trend_view();
  html::Table t;
  t.column("", false);
  for (const std::string& period : grid.periods) t.column(period);
  for (const VelocityTrendGrid::Line& line : grid.lines) {
    std::vector<html::Cell> cells{html::cell(line.label)};
    for (const std::size_t row : line.rows)
      cells.push_back(row == VelocityTrendGrid::kNoRow
                          ? html::number_cell(style.missing)
                          : html::html_cell(html::table_figure(table, cell[0], row, style, kReportDocument) + " (" +
                                                html::table_figure(table, cell[1], row, style, kReportDocument) + ")",
                                            true));
    t.row(std::move(cells));
  }
  return t.html("narrow");
}

}  // namespace

std::string time_in_stage(const Report& r) {
  std::string body = html::note(
      "A stay runs from entering an open stage to entering the next one. Completed stays ended by " +
      format_date(r.as_of) + "; deals still in a stage are counted apart (open now), since their stays are not over.");
  if (r.velocity.pipelines.empty())
    return html::section("time-in-stage", "Time in stage", body + html::empty_note("No pipeline in scope."));
  const ResultTable stages = report_table(r, "velocity");
  const ResultTable cycles = report_table(r, "cycles");
  const ResultTable by_period = report_table(r, "velocity_trend");
  const CellStyle style{r.currency};
  for (const PipelineVelocity& p : r.velocity.pipelines) {
    body += "<h3>" + html::text(p.name) + "</h3>\n";
    bool any = false;
    for (const StageVelocity& s : p.stages) any = any || s.completed.count > 0;
    body += any ? html::chart(time_in_stage_chart(p).svg) : html::empty_note("No completed stay yet in this pipeline.");
    body += html::result_table(stages, velocity_view(), rows_where(stages, "pipeline", p.name), style, kReportDocument)
                .html();
    body += "<p>Cycle length (creation to close), in days:</p>\n";
    body += html::result_table(cycles, cycles_view(), rows_where(cycles, "pipeline", p.name), style, kReportDocument)
                .html("narrow");
    const VelocityTrendGrid grid = velocity_trend_grid(by_period, p.name);
    if (grid.periods.empty()) continue;
    body += "<p>Median days by period (count):</p>\n";
    body += trend_by_period(by_period, grid, style);
  }
  return html::section("time-in-stage", "Time in stage and cycle length", body);
}

}  // namespace pipecast::render::sections
