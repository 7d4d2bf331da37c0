#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::render::sections {

std::string sales_velocity(const Report& r) {
  std::string body = html::note(
      "Value per 30 days = open deals \u00d7 win rate \u00d7 average won amount / average cycle days \u00d7 30. "
      "The total is computed over all deals together, not summed from the segments.");
  const ResultTable velocity = report_table(r, "sales_velocity");
  const ResultColumn& total = *velocity.find("total");
  body += html::result_table(velocity, sales_velocity_view(), all_rows(velocity), CellStyle{r.currency},
                             kReportDocument,
                             [&total](std::size_t row) { return total.integers[row] != 0 ? "total" : ""; })
              .html();
  return html::section("sales-velocity", "Sales velocity", body);
}

}  // namespace pipecast::render::sections
