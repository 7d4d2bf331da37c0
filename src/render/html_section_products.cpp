#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_charts.hpp"
#include "pipecast/render/report_views.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render::sections {
namespace {

// A level's ranking ("products" or "product_families"), then the won value
// of its trend periods with the reason for each rank.
std::string ranking(const Report& r, const char* table_name, const TableView& view, std::string_view level,
                    std::string_view between) {
  const ResultTable table = report_table(r, table_name);
  const std::vector<std::size_t> rows = all_rows(table);
  const CellStyle style{r.currency};
  const TableView trend = product_trend_view(report_table(r, "product_trends"), level);
  return html::result_table(table, view, rows, style, kReportDocument).html() + std::string(between) +
         html::result_table(table, trend, rows, style, kReportDocument).html();
}

}  // namespace

std::string products(const Report& r) {
  const ProductReport& p = r.products;
  const ResultTable summary = report_table(r, "products_summary");
  const auto figure = [&](const ColumnView& view) {
    return html::table_figure(summary, view, 0, CellStyle{r.currency}, kReportDocument);
  };
  const ColumnView weight = ColumnView("trend_weight").worded([](const ResultTable& t, std::size_t row) {
    return format_percent(t.column("trend_weight").numbers[row], 0);
  });
  std::string body =
      "<p class=\"note\">" +
      html::text("Expected = open value \u00d7 the product's win rate shrunk toward the overall ") +
      figure(ColumnView("win_rate")) + " (weight " + figure(ColumnView("prior_deals", "", Shown::count)) +
      " deals), so a product with few closed deals is not judged on luck. Ranked by expected revenue, raised " +
      figure(weight) + " when won value is growing and lowered as much when shrinking." +
      (r.currency.empty() ? "" : " Amounts in " + html::text(r.currency) + ".") + "</p>\n";
  if (p.products.empty())
    return html::section("products", "Product potential", body + html::empty_note("No product in scope."));
  const Chart chart = product_chart(p, r.currency);
  body += html::chart(chart.svg, chart.note);
  body += ranking(r, "products", products_view(), "product",
                  html::note("Won value" + (r.currency.empty() ? "" : " (" + r.currency + ")") +
                             " in each trend period, by the day the deal was won, its fitted change per period, "
                             "and why each product ranks where it does."));
  if (!p.families.empty())
    body += "<h3>By family</h3>\n" + ranking(r, "product_families", product_families_view(), "family", "");
  return html::section("products", "Product potential", body);
}

}  // namespace pipecast::render::sections
