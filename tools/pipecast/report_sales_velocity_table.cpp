#include "report_sales_velocity_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {

void print_sales_velocity(const Report& report, const std::string& currency, std::ostream& out) {
  out << "Sales velocity as of " << format_day(report.sales_velocity.as_of)
      << " = open deals x win rate x avg won amount / avg won cycle (days)\n";
  const ResultTable velocity = report_table(report, "sales_velocity");
  view_table(velocity, render::sales_velocity_view(), render::all_rows(velocity), text_style(currency))
      .print(out, "  ");
}

}  // namespace pipecast::cli
