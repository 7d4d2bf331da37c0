#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

namespace pipecast::render::sections {
namespace {

void add_row(html::Table& t, const SalesVelocity& v, const std::string& name, const std::string& key,
             const std::string& currency, std::string_view css) {
  t.row(
      {html::cell(name), html::figure_cell(key + ".opportunities", v.opportunities, format_count(v.opportunities)),
       html::figure_cell(key + ".win_rate.value", v.win_rate.value(), format_percent(v.win_rate.value())),
       html::figure_cell(key + ".average_won_amount", v.average_won_amount,
                         format_money(v.average_won_amount, currency)),
       html::figure_cell(key + ".average_cycle_days", v.average_cycle_days, format_number(v.average_cycle_days, 1)),
       html::figure_cell(key + ".value_per_30_days", v.value_per_30_days, format_money(v.value_per_30_days, currency))},
      css);
}

}  // namespace

std::string sales_velocity(const Report& r) {
  const SalesVelocityReport& s = r.sales_velocity;
  std::string body = html::note(
      "Value per 30 days = open deals \u00d7 win rate \u00d7 average won amount / average cycle days \u00d7 30. "
      "The total is computed over all deals together, not summed from the segments.");
  html::Table t;
  t.column("segment", false);
  t.column("open deals");
  t.column("win rate");
  t.column("avg won");
  t.column("cycle days");
  t.column("value / 30 days");
  for (std::size_t i = 0; i < s.segments.size(); ++i)
    add_row(t, s.segments[i], s.segments[i].segment.empty() ? "(blank)" : s.segments[i].segment,
            html::path("sales_velocity.segments", i), r.currency, "");
  add_row(t, s.total, "All segments", "sales_velocity.total", r.currency, "total");
  body += t.html();
  return html::section("sales-velocity", "Sales velocity", body);
}

}  // namespace pipecast::render::sections
