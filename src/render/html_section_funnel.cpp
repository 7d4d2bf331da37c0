#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/funnel_chart.hpp"
#include "pipecast/render/human_format.hpp"

namespace pipecast::render::sections {
namespace {

std::string interval(const Rate& r) {
  if (r.trials == 0) return std::string(kMissing);
  const Interval i = r.interval();
  return format_percent(i.low) + " \u2013 " + format_percent(i.high);
}

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

std::string table(const PipelineFunnel& f, std::size_t slot, const std::string& currency) {
  html::Table t;
  t.column("stage", false);
  t.column("reached");
  t.column("value (" + currency + ")");
  t.column("to next");
  t.column("95% interval");
  t.column("raw to next");
  t.column("win rate");
  t.column("95% interval");
  t.column("closed");
  const std::string base = html::path("funnel.pipelines", slot, "steps");
  for (std::size_t s = 0; s < f.steps.size(); ++s) {
    const FunnelStep& step = f.steps[s];
    const bool last = step.kind != StageKind::open;
    const std::string p = html::path(base, s);
    t.row({html::cell(step.name), html::figure_cell(p + ".reached", step.reached, format_count(step.reached)),
           html::figure_cell(p + ".reached_value", step.reached_value, format_number(step.reached_value)),
           last ? html::cell("")
                : html::figure_cell(p + ".to_next.value", step.to_next.value(), format_percent(step.to_next.value())),
           html::number_cell(last ? "" : interval(step.to_next)),
           html::number_cell(last ? "" : format_percent(step.to_next_raw.value())),
           html::figure_cell(p + ".to_won.value", step.to_won.value(), format_percent(step.to_won.value())),
           html::number_cell(interval(step.to_won)), html::number_cell(format_count(step.to_won.trials))});
  }
  return t.html();
}

}  // namespace

std::string funnel(const Report& r) {
  std::string body = html::note(
      "Reached: the deal entered the stage or a later one. Go on: among deals whose outcome at the stage is known "
      "(reached the next stage, or lost there); deals still open there are left out. Win rate: won / closed among "
      "deals that reached the stage.");
  if (r.funnel.pipelines.empty())
    return html::section("funnel", "Funnel", body + html::empty_note("No pipeline in scope."));
  for (std::size_t slot = 0; slot < r.funnel.pipelines.size(); ++slot) {
    const PipelineFunnel& f = r.funnel.pipelines[slot];
    body += "<h3>" + html::text(f.name) + " \u00b7 " +
            html::figure(html::path("funnel.pipelines", slot, "deals"), f.deals, format_count(f.deals)) +
            " deals</h3>\n";
    if (f.deals == 0) {
      body += html::empty_note("No deal of this pipeline in scope.");
      continue;
    }
    body += html::chart(chart(f, r.currency));
    body += table(f, slot, r.currency);
  }
  return html::section("funnel", "Funnel", body);
}

}  // namespace pipecast::render::sections
