#include "report_products_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pipecast::cli {
namespace {

std::string trend(const ProductPotential& p) {
  if (std::isnan(p.trend_change)) return "-";
  return fmt::format("{:+.0f}%/period", p.trend_change * 100.0);
}

void print_rows(const std::vector<ProductPotential>& rows, const std::vector<Period>& periods, bool products,
                std::ostream& out) {
  TextTable t;
  t.add_column("#");
  t.add_column(products ? "product" : "family", TextTable::Align::left);
  if (products) t.add_column("family", TextTable::Align::left);
  t.add_column("win rate");
  t.add_column("95% interval");
  t.add_column("closed");
  t.add_column("avg won");
  t.add_column("cycle days");
  t.add_column("open");
  t.add_column("open value");
  t.add_column("expected");
  t.add_column("won share");
  for (const Period& p : periods) t.add_column(p.label);
  t.add_column("trend");
  t.add_column("why", TextTable::Align::left);
  for (const ProductPotential& p : rows) {
    std::vector<std::string> cells{count(p.rank), shown(p.name)};
    if (products) cells.push_back(p.family);
    for (std::string cell : {percent(p.win_rate.value()), interval(p.win_rate), count(p.win_rate.trials),
                             thousands(p.average_won_amount), thousands(p.median_cycle_days, 1),
                             count(p.open_deals), thousands(p.open_amount), thousands(p.expected_revenue),
                             percent(p.revenue_share)})
      cells.push_back(std::move(cell));
    for (double v : p.trend) cells.push_back(thousands(v));
    cells.push_back(trend(p));
    cells.push_back(p.reason);
    t.add_row(std::move(cells));
  }
  t.print(out, "  ");
}

}  // namespace

void print_table(const ProductReport& report, const std::string& currency, std::ostream& out) {
  out << "Product potential as of " << format_day(report.as_of) << " (amounts"
      << (currency.empty() ? "" : " in " + currency) << "; overall win rate " << percent(report.win_rate.value())
      << " over " << count(report.win_rate.trials) << " closed deals)\n"
      << "  expected = open value x win rate shrunk toward the overall (weight "
      << thousands(report.prior_deals) << " deals);\n"
      << "  rank by expected, x" << thousands(1 + report.trend_weight, 2) << " when growing, x"
      << thousands(1 - report.trend_weight, 2) << " when shrinking; period columns: won value\n";
  print_rows(report.products, report.trend_periods, true, out);
  out << "\nBy family\n";
  print_rows(report.families, report.trend_periods, false, out);
}

}  // namespace pipecast::cli
