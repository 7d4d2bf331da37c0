#include "report_sales_velocity_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

namespace pipecast::cli {
namespace {

std::vector<std::string> row(const std::string& name, const SalesVelocity& v) {
  return {name,
          count(v.opportunities),
          percent(v.win_rate.value()),
          count(v.win_rate.trials),
          thousands(v.average_won_amount),
          thousands(v.average_cycle_days, 1),
          thousands(v.value_per_day),
          thousands(v.value_per_30_days)};
}

}  // namespace

void print_table(const SalesVelocityReport& report, const std::string& currency, std::ostream& out) {
  out << "Sales velocity as of " << format_day(report.as_of)
      << " = open deals x win rate x avg won amount / avg won cycle (days)\n";
  TextTable t;
  t.add_column("segment", TextTable::Align::left);
  t.add_column("open deals");
  t.add_column("win rate");
  t.add_column("closed");
  t.add_column(titled("avg won", currency));
  t.add_column("cycle days");
  t.add_column("per day");
  t.add_column("per 30 days");
  for (const SalesVelocity& v : report.segments) t.add_row(row(v.segment.empty() ? "(blank)" : v.segment, v));
  t.add_row(row("total", report.total));
  t.print(out, "  ");
}

}  // namespace pipecast::cli
