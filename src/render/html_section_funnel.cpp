#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/funnel_chart.hpp"
#include "pipecast/render/report_views.hpp"
#include "pipecast/render/human_format.hpp"

namespace pipecast::render::sections {
namespace {

std::string chart(const PipelineFunnel& f, const std::string& currency) {
  FunnelChartSpec spec;
  spec.title = "Funnel of " + f.name + ": deals that reached each stage";
  for (std::size_t s = 0; s < f.steps.size(); ++s) {
    const FunnelStep& step = f.steps[s];
    FunnelChartStep c{step.name, static_cast<double>(step.reached),
                      format_count(step.reached) + " \u00b7 " + format_money_compact(step.reached_value, currency), ""};
    if (step.kind == StageKind::open && s + 1 < f.steps.size())
      c.note = format_percent(step.to_next.value()) + " go on to " + f.steps[s + 1].name + " (of " +
               format_count(step.to_next.trials) + " decided)";
    spec.steps.push_back(std::move(c));
  }
  return funnel_chart(spec);
}

}  // namespace

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
    body += html::chart(chart(f, r.currency));
    body += html::result_table(steps, funnel_view(), rows, style, kReportDocument).html();
  }
  return html::section("funnel", "Funnel", body);
}

}  // namespace pipecast::render::sections
