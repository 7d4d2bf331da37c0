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

// The report's sections in the order a reader meets them.
struct Section {
  const char* title;
  void (*print)(const Report&, const std::string& currency, std::ostream&);
};
constexpr Section kSections[] = {
    {"Funnel", print_funnel},
    {"Time in stage and cycle length", print_velocity},
    {"Stalled and overdue deals", print_stalled},
    {"Win/loss patterns", print_patterns},
    {"Sales velocity", print_sales_velocity},
    {"Coverage", print_coverage},
    {"Product potential", print_products},
    {"Cross-sell", print_cross_sell},
};

}  // namespace

void print_report(const Report& r, std::ostream& out) {
  out << "Pipeline report as of " << format_day(r.as_of) << ", period " << r.period.label << " ("
      << format_day(r.period.first) << " .. " << format_day(r.period.last) << ")\n";
  out << "Scope: " << (r.pipeline.empty() ? std::string("all pipelines") : "pipeline " + r.pipeline);
  for (const auto& f : r.filters) out << ", " << f.field << " = " << f.value;
  out << "; " << thousands(static_cast<double>(r.deals)) << " deals";
  if (!r.currency.empty()) out << "; amounts in " << r.currency;
  out << '\n';
  for (const Section& s : kSections) {
    heading(s.title, out);
    s.print(r, r.currency, out);
  }
}

}  // namespace pipecast::cli
