#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/bar_chart.hpp"
#include "pipecast/render/human_format.hpp"

#include <algorithm>
#include <cmath>

namespace pipecast::render::sections {
namespace {

constexpr std::size_t kChartRows = 12;

std::string trend(const ProductPotential& p) {
  if (std::isnan(p.trend_change)) return std::string(kMissing);
  const std::string arrow = p.trend_sign > 0 ? "\u2197 " : p.trend_sign < 0 ? "\u2198 " : "\u2192 ";
  return arrow + (p.trend_change >= 0 ? "+" : "") + format_percent(p.trend_change, 0);
}

std::string chart(const ProductReport& report, const std::string& currency) {
  BarChartSpec spec;
  spec.title = "Expected revenue from the open pipeline by product, in rank order";
  spec.axis_label = currency.empty() ? "expected revenue" : "expected revenue (" + currency + ")";
  spec.tick_format = [currency](double v) { return format_money_compact(v, currency); };
  const std::size_t n = std::min(report.products.size(), kChartRows);
  for (std::size_t i = 0; i < n; ++i) {
    const ProductPotential& p = report.products[i];
    spec.rows.push_back({"#" + std::to_string(p.rank) + " " + (p.name.empty() ? "(blank)" : p.name), p.expected_revenue,
                         std::nan(""), std::nan(""), format_money_compact(p.expected_revenue, currency), p.reason});
  }
  return bar_chart(spec);
}

std::string table(const std::vector<ProductPotential>& rows, const char* key, bool products,
                  const std::string& currency) {
  html::Table t;
  t.column("#");
  t.column(products ? "product" : "family", false);
  t.column("win rate");
  t.column("closed");
  t.column("avg won");
  t.column("cycle days");
  t.column("open deals");
  t.column("open value");
  t.column("expected");
  t.column("won share");
  t.column("trend / period");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ProductPotential& p = rows[i];
    const std::string base = html::path(key, i);
    // The reason sits under the name: a column of its own would push the
    // table wider than a laptop screen.
    const std::string name = html::text(p.name.empty() ? "(blank)" : p.name);
    std::vector<html::Cell> cells{
        html::number_cell(format_count(p.rank)),
        html::html_cell(products ? name + "<div class=\"why\">" + html::text(p.family + ": " + p.reason) + "</div>"
                                 : name)};
    for (html::Cell c :
         {html::figure_cell(base + ".win_rate.value", p.win_rate.value(), format_percent(p.win_rate.value())),
          html::number_cell(format_count(p.win_rate.trials)),
          html::number_cell(format_money(p.average_won_amount, currency)),
          html::number_cell(format_number(p.median_cycle_days, 0)),
          html::figure_cell(base + ".open_deals", p.open_deals, format_count(p.open_deals)),
          html::figure_cell(base + ".open_amount", p.open_amount, format_money(p.open_amount, currency)),
          html::figure_cell(base + ".expected_revenue", p.expected_revenue, format_money(p.expected_revenue, currency)),
          html::number_cell(format_percent(p.revenue_share)), html::number_cell(trend(p))})
      cells.push_back(std::move(c));
    t.row(std::move(cells));
  }
  return t.html();
}

}  // namespace

std::string products(const Report& r) {
  const ProductReport& p = r.products;
  std::string body =
      html::note("Expected = open value \u00d7 the product's win rate shrunk toward the overall " +
                 format_percent(p.win_rate.value()) + " (weight " + format_number(p.prior_deals) +
                 " deals), so a product with few closed deals is not judged on luck. "
                 "Ranked by expected revenue, raised " +
                 format_percent(p.trend_weight, 0) + " when won value is growing and lowered as much when shrinking.");
  if (p.products.empty())
    return html::section("products", "Product potential", body + html::empty_note("No product in scope."));
  body += html::chart(chart(p, r.currency), p.products.size() > kChartRows
                                                ? "The " + format_count(kChartRows) + " best ranked of " +
                                                      format_count(p.products.size()) + " products."
                                                : "");
  body += table(p.products, "products.products", true, r.currency);
  if (!p.families.empty()) body += "<h3>By family</h3>\n" + table(p.families, "products.families", false, r.currency);
  return html::section("products", "Product potential", body);
}

}  // namespace pipecast::render::sections
