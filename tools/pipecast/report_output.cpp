#include "report_output.hpp"

#include "report_coverage_table.hpp"
#include "report_cross_sell_table.hpp"
#include "report_funnel_table.hpp"
#include "report_patterns_table.hpp"
#include "report_products_table.hpp"
#include "report_sales_velocity_table.hpp"
#include "report_stalled_table.hpp"
#include "report_velocity_table.hpp"
#include "text_table.hpp"

namespace pipecast::cli {
namespace {

void heading(const char* title, std::ostream& out) { out << "\n== " << title << " ==\n\n"; }

}  // namespace

void print_report(const Report& r, std::ostream& out) {
  out << "Pipeline report as of " << format_day(r.as_of) << ", period " << r.period.label << " ("
      << format_day(r.period.first) << " .. " << format_day(r.period.last) << ")\n";
  out << "Scope: " << (r.pipeline.empty() ? std::string("all pipelines") : "pipeline " + r.pipeline);
  for (const auto& f : r.filters) out << ", " << f.field << " = " << f.value;
  out << "; " << thousands(static_cast<double>(r.deals)) << " deals";
  if (!r.currency.empty()) out << "; amounts in " << r.currency;
  out << '\n';
  heading("Funnel", out);
  print_funnel(r, r.currency, out);
  heading("Time in stage and cycle length", out);
  print_velocity(r, r.currency, out);
  heading("Stalled and overdue deals", out);
  print_stalled(r, r.currency, out);
  heading("Win/loss patterns", out);
  print_patterns(r, r.currency, out);
  heading("Sales velocity", out);
  print_sales_velocity(r, r.currency, out);
  heading("Coverage", out);
  print_coverage(r, r.currency, out);
  heading("Product potential", out);
  print_products(r, r.currency, out);
  heading("Cross-sell", out);
  print_cross_sell(r, r.currency, out);
}

}  // namespace pipecast::cli
