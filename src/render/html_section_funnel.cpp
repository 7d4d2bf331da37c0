#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::render::sections {

std::string funnel(const Report& r) {
  std::string body = html::note(
      "Reached: the deal entered the stage or a later one. Go on: among deals whose outcome at the stage is known "
      "(reached the next stage, or lost there); deals still open there are left out. Win rate: won / closed among "
      "deals that reached the stage.");
  if (r.funnel.pipelines.empty())
    return html::section("funnel", "Funnel", body + html::empty_note("No pipeline in scope."));
  const ResultTable steps = report_table(r, "funnel");
  const CellStyle style{r.currency};
  for (const PipelineFunnel& f : r.funnel.pipelines) {
    const std::vector<std::size_t> rows = rows_where(steps, "pipeline", f.name);
    body += "<h3>" + html::text(f.name) + " \u00b7 " +
            (rows.empty() ? html::text(format_count(f.deals))
                          : html::table_figure(steps, ColumnView("pipeline_deals"), rows.front(), style, kReportDocument)) +
            " deals</h3>\n";
    if (f.deals == 0) {
      body += html::empty_note("No deal of this pipeline in scope.");
      continue;
    }
    body += html::chart(pipeline_funnel_chart(f, r.currency).svg);
    body += html::result_table(steps, funnel_view(), rows, style, kReportDocument).html();
  }
  return html::section("funnel", "Funnel", body);
}

}  // namespace pipecast::render::sections
