#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render::sections {
namespace {

std::string ratio(const CoverageRow& row, double value) {
  if (row.quota_met) return "quota met";
  return std::isnan(value) ? std::string(kMissing) : format_number(value, 2) + "\u00d7";
}

void add_row(html::Table& t, const CoverageRow& row, const std::string& key, std::string_view css) {
  t.row({html::cell(row.owner == "*" ? "Team" : row.owner),
         html::figure_cell(key + ".quota", row.quota, format_number(row.quota)),
         html::figure_cell(key + ".won", row.won, format_number(row.won)),
         html::figure_cell(key + ".attainment", row.attainment, format_percent(row.attainment)),
         html::number_cell(format_number(row.remaining)),
         html::figure_cell(key + ".open_deals", row.open_deals, format_count(row.open_deals)),
         html::figure_cell(key + ".open_amount", row.open_amount, format_number(row.open_amount)),
         html::figure_cell(key + ".weighted_amount", row.weighted_amount, format_number(row.weighted_amount)),
         html::figure_cell(key + ".coverage", row.coverage, ratio(row, row.coverage)),
         html::number_cell(ratio(row, row.weighted_coverage))},
        css);
}

}  // namespace

std::string coverage(const Report& r) {
  const CoverageReport& c = r.coverage;
  std::string body = html::note(
      "Quota for " + r.period.label +
      " (prorated by days), won in it, and the open pipeline expected to close in it, "
      "raw and weighted by stage probability. Coverage = open pipeline / what remains of the quota; below 1\u00d7 the "
      "open deals cannot make the quota even if all are won.");
  html::Table t;
  t.column("owner", false);
  t.column("quota");
  t.column("won");
  t.column("attainment");
  t.column("remaining");
  t.column("open deals");
  t.column("open (" + r.currency + ")");
  t.column("weighted");
  t.column("coverage");
  t.column("weighted coverage");
  for (std::size_t i = 0; i < c.owners.size(); ++i) add_row(t, c.owners[i], html::path("coverage.owners", i), "");
  add_row(t, c.team, "coverage.team", "total");
  body += t.html();
  if (c.team_quota == TeamQuota::none)
    body += html::note("No quota covers this period: add quotas.csv to see attainment and coverage.");
  return html::section("coverage", "Coverage against quota", body);
}

}  // namespace pipecast::render::sections
