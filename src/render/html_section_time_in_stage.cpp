#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/bar_chart.hpp"
#include "pipecast/render/human_format.hpp"

namespace pipecast::render::sections {
namespace {

std::string chart(const PipelineVelocity& p) {
  BarChartSpec spec;
  spec.title = "Time in stage, " + p.name + ": median days of completed stays, whisker to the 90th percentile";
  spec.axis_label = "days in stage";
  spec.bar_legend = "median";
  spec.whisker_legend = "median to p90";
  spec.tick_format = [](double v) { return format_number(v); };
  for (const StageVelocity& s : p.stages) {
    const Distribution& d = s.completed;
    spec.rows.push_back(
        {s.name, d.median, d.median, d.p90,
         d.count == 0 ? "no completed stay" : format_number(d.median, 1) + " d (p90 " + format_number(d.p90, 0) + ")",
         format_count(d.count) + " completed stays"});
  }
  return bar_chart(spec);
}

std::string table(const PipelineVelocity& p, std::size_t slot) {
  html::Table t;
  t.column("stage", false);
  t.column("completed stays");
  t.column("median days");
  t.column("p75");
  t.column("p90");
  t.column("mean");
  t.column("open now");
  t.column("median days so far");
  const std::string base = html::path("velocity.pipelines", slot, "stages");
  for (std::size_t s = 0; s < p.stages.size(); ++s) {
    const StageVelocity& v = p.stages[s];
    const std::string q = html::path(base, s);
    t.row({html::cell(v.name),
           html::figure_cell(q + ".completed.count", v.completed.count, format_count(v.completed.count)),
           html::figure_cell(q + ".completed.median", v.completed.median, format_number(v.completed.median, 1)),
           html::number_cell(format_number(v.completed.p75, 1)),
           html::figure_cell(q + ".completed.p90", v.completed.p90, format_number(v.completed.p90, 1)),
           html::number_cell(format_number(v.completed.mean, 1)),
           html::figure_cell(q + ".current.count", v.current.count, format_count(v.current.count)),
           html::number_cell(format_number(v.current.median, 1))});
  }
  return t.html();
}

std::string cycles(const PipelineVelocity& p, std::size_t slot) {
  const std::string base = html::path("velocity.pipelines", slot);
  const auto line = [&](const char* what, const char* key, const Distribution& d) {
    return std::string(what) + ": median " +
           html::figure(base + "." + key + ".median", d.median, format_days(d.median, 0)) + ", p90 " +
           html::text(format_days(d.p90, 0)) + " over " +
           html::figure(base + "." + key + ".count", d.count, format_count(d.count)) + " deals";
  };
  return "<p>Cycle length (creation to close). " + line("Won", "won_cycle", p.won_cycle) + "; " +
         line("lost", "lost_cycle", p.lost_cycle) + ".</p>\n";
}

}  // namespace

std::string time_in_stage(const Report& r) {
  std::string body = html::note(
      "A stay runs from entering an open stage to entering the next one. Completed stays ended by " +
      format_date(r.as_of) + "; deals still in a stage are counted apart (open now), since their stays are not over.");
  if (r.velocity.pipelines.empty())
    return html::section("time-in-stage", "Time in stage", body + html::empty_note("No pipeline in scope."));
  for (std::size_t slot = 0; slot < r.velocity.pipelines.size(); ++slot) {
    const PipelineVelocity& p = r.velocity.pipelines[slot];
    body += "<h3>" + html::text(p.name) + "</h3>\n";
    bool any = false;
    for (const StageVelocity& s : p.stages) any = any || s.completed.count > 0;
    body += any ? html::chart(chart(p)) : html::empty_note("No completed stay yet in this pipeline.");
    body += table(p, slot);
    body += cycles(p, slot);
  }
  return html::section("time-in-stage", "Time in stage and cycle length", body);
}

}  // namespace pipecast::render::sections
