#include "report_products_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {
namespace {

// A level's ranking ("products" or "product_families"), then the won value
// of its trend periods with the reason for each rank.
void print_level(const Report& report, const ResultTable& table, const render::TableView& view,
                 std::string_view level, const render::CellStyle& style, std::ostream& out) {
  const std::vector<std::size_t> rows = render::all_rows(table);
  view_table(table, view, rows, style).print(out, "  ");
  out << '\n';
  view_table(table, render::product_trend_view(report_table(report, "product_trends"), level), rows, style)
      .print(out, "  ");
}

}  // namespace

void print_products(const Report& report, const std::string& currency, std::ostream& out) {
  const render::CellStyle style = text_style(currency);
  const ResultTable totals = report_table(report, "products_summary");
  const auto cell = [&](const render::ColumnView& view) { return render::cell_text(totals, view, 0, style); };
  const double weight = totals.column("trend_weight").numbers[0];
  out << "Product potential as of " << format_day(report.as_of)
      << " (amounts" << (currency.empty() ? "" : " in " + currency) << "; overall win rate "
      << cell(render::ColumnView("win_rate")) << " over " << cell(render::ColumnView("win_rate_trials"))
      << " closed deals)\n"
      << "  expected = open value x win rate shrunk toward the overall (weight "
      << cell(render::ColumnView("prior_deals", "", render::Shown::count)) << " deals);\n"
      << "  rank by expected, x" << thousands(1 + weight, 2) << " when growing, x" << thousands(1 - weight, 2)
      << " when shrinking; period columns: won value\n";
  const ResultTable products = report_table(report, "products");
  if (products.rows == 0) {
    out << "  No product in scope.\n";
    return;
  }
  print_level(report, products, render::products_view(), "product", style, out);
  out << "\nBy family\n";
  print_level(report, report_table(report, "product_families"), render::product_families_view(), "family", style,
              out);
}

}  // namespace pipecast::cli
