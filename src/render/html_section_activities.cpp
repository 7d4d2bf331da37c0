// Where the next hour goes: each owner's worklist of open deals, and the
// time split beside won revenue as two bar charts and a table per owner.
// Its figures are marked "activities." + their place in `pipecast
// activities --format json` (tables worklist and time_split).
#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/activity_views.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"

namespace pipecast::render::sections {
namespace {

std::string owner_heading(const std::string& owner) {
  return "<h4>" + html::text(owner.empty() ? std::string("(no owner)") : owner) + "</h4>\n";
}

std::string worklists(const ActivityPlan& plan, const CellStyle& style) {
  const ResultTable list = activity_plan_table(plan, "worklist");
  std::string body = "<h3>Worklist: where each owner's next hour goes</h3>\n" +
                     html::note("Open deals ranked by win probability (model " + plan.model +
                                ") \u00d7 amount \u00d7 the estimated lift of the step: the stage's playbook when "
                                "the deal is off it, as a change in the chance of advancing from the low end of "
                                "the playbook's 95% interval. Deals without a lift follow, longest silence first. "
                                "Associations, not causes: deals that advance may be worked harder because they "
                                "were going well.");
  if (plan.worklist.owners.empty()) return body + html::empty_note("No open deal.");
  for (const std::string& owner : plan.worklist.owners)
    body += owner_heading(owner) +
            html::result_table(list, worklist_view(), rows_where(list, "owner", owner), style, kActivitiesDocument)
                .html("wrap-last");  // the reason wraps: a sentence, not a figure
  return body;
}

std::string split(const ActivityPlan& plan, const CellStyle& style) {
  const TimeSplit& s = plan.time_split;
  std::string body = "<h3>Time split beside won revenue</h3>\n" +
                     html::note("Activities from " + format_date(s.from) + " to " + format_date(s.to) +
                                " by the stage the deal was in and by deal size (terciles of the amounts), beside "
                                "the revenue won in the same days: a won deal's amount is spread over its stages "
                                "by its own activities.");
  if (s.rows.empty()) return body + html::empty_note("No activity and no won deal in these days.");
  for (const Chart& c : time_split_charts(s)) body += html::chart(c.svg, c.note);
  const ResultTable table = activity_plan_table(plan, "time_split");
  std::string last;
  for (std::size_t r = 0; r < table.rows; ++r) {
    const std::string& owner = table.column("owner").texts[r];
    if (r > 0 && owner == last) continue;
    last = owner;
    body += owner_heading(owner) +
            html::result_table(table, time_split_view(), rows_where(table, "owner", owner), style,
                               kActivitiesDocument)
                .html();
  }
  return body;
}

}  // namespace

bool has_activities(const HtmlReportInput& input) { return input.activities.has_value(); }

std::string activities(const HtmlReportInput& input) {
  if (!input.activities) return "";
  const CellStyle style{input.report.currency};
  return html::section("activities", "Where the next hour goes",
                       worklists(*input.activities, style) + split(*input.activities, style));
}

}  // namespace pipecast::render::sections
