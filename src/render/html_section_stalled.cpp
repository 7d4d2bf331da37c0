#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

#include <algorithm>

namespace pipecast::render::sections {
namespace {

// The deals are sorted by value at risk: the first ones are the ones to call.
constexpr std::size_t kRowsShown = 20;

std::string flags(const StalledDeal& d) {
  std::string out;
  if (d.stalled) out += "<span class=\"flag stalled\">stalled</span>";
  if (d.overdue) out += "<span class=\"flag overdue\">overdue</span>";
  return out;
}

std::string thresholds(const StalledReport& s) {
  std::string out;
  for (const StageThreshold& t : s.thresholds) {
    if (!out.empty()) out += "; ";
    out += t.name + " " +
           (t.source == ThresholdSource::none
                ? std::string("none (too few stays)")
                : format_number(t.days, 0) + " d" + (t.source == ThresholdSource::user ? " (set)" : ""));
  }
  return out;
}

}  // namespace

std::string stalled(const Report& r) {
  const StalledReport& s = r.stalled;
  std::string body = "<p>" + html::figure("stalled.stalled", s.stalled, format_count(s.stalled)) +
                     " open deals stalled (" +
                     html::figure("stalled.stalled_value", s.stalled_value, format_money(s.stalled_value, r.currency)) +
                     "), " + html::figure("stalled.overdue", s.overdue, format_count(s.overdue)) + " overdue (" +
                     html::figure("stalled.overdue_value", s.overdue_value, format_money(s.overdue_value, r.currency)) +
                     ") as of " + html::text(format_date(r.as_of)) + ".</p>\n";
  body += html::note(
      "Stalled: longer in its stage than the stage's threshold (the 90th percentile of completed stays, "
      "unless set with --stall-days). Overdue: expected close date before the as-of date. Thresholds: " +
      thresholds(s) + ".");
  if (s.deals.empty())
    return html::section("stalled", "Stalled deals at risk", body + html::empty_note("No deal is stalled or overdue."));
  html::Table t;
  t.column("deal", false);
  t.column("pipeline", false);
  t.column("stage", false);
  t.column("owner", false);
  t.column("amount (" + r.currency + ")");
  t.column("days in stage");
  t.column("threshold");
  t.column("close date");
  t.column("days overdue");
  t.column("", false);
  const std::size_t shown = std::min(s.deals.size(), kRowsShown);
  for (std::size_t i = 0; i < shown; ++i) {
    const StalledDeal& d = s.deals[i];
    const std::string p = html::path("stalled.deals", i);
    t.row(
        {html::cell(d.id), html::cell(d.pipeline), html::cell(d.stage), html::cell(d.owner),
         html::figure_cell(p + ".amount", d.amount, format_number(d.amount)),
         html::figure_cell(p + ".days_in_stage", static_cast<double>(d.days_in_stage), format_number(d.days_in_stage)),
         html::number_cell(format_number(d.threshold, 0)), html::number_cell(format_date(d.close_date)),
         html::number_cell(d.overdue ? format_number(d.days_overdue) : ""), html::html_cell(flags(d))});
  }
  body += t.html();
  if (shown < s.deals.size())
    body += html::note("The " + format_count(shown) + " largest of " + format_count(s.deals.size()) +
                       " flagged deals; pipecast report --format json lists them all.");
  return html::section("stalled", "Stalled deals at risk", body);
}

}  // namespace pipecast::render::sections
