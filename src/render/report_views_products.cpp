#include "pipecast/render/report_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pipecast::render {
namespace {

// The columns products_view() and product_families_view() share after the
// name (and family).  The amounts' headings leave out the currency, which
// the section's opening lines name: with it the table is wider than a
// laptop's page.
void add_potential(TableView& view) {
  view.emplace_back("win_rate", "win rate");
  view.emplace_back("win_rate", "95% interval", Shown::interval);
  view.emplace_back("win_rate_trials", "closed");
  view.emplace_back("average_won_amount", "avg won");
  view.emplace_back("median_cycle_days", "cycle days");
  view.emplace_back("open_deals", "open");
  view.emplace_back("open_amount", "open value");
  view.emplace_back("expected_revenue", "expected");
  view.emplace_back("revenue_share", "won share");
}

// "↗ +9%": the direction, then the fitted change per period.
std::string trend_words(const ResultTable& t, std::size_t row) {
  const double change = t.column("trend_change").numbers[row];
  if (std::isnan(change)) return std::string(kMissing);
  const std::string& direction = t.column("trend_direction").texts[row];
  const std::string arrow = direction == "growing" ? "\u2197 " : direction == "shrinking" ? "\u2198 " : "\u2192 ";
  return arrow + (change >= 0 ? "+" : "") + format_percent(change, 0);
}

}  // namespace

TableView products_view() {
  TableView view{{"rank", "#"}, {"name", "product"}, {"family", "family"}};
  add_potential(view);
  return view;
}

TableView product_families_view() {
  TableView view{{"rank", "#"}, {"name", "family"}};
  add_potential(view);
  return view;
}

TableView product_trend_view(const ResultTable& trends, std::string_view level) {
  TableView view{{"rank", "#"}, {"name", level == "family" ? "family" : "product"}};
  // A column per trend period, oldest first: the row's won value in it,
  // read from the long "product_trends" table by the row's name.
  const ResultColumn& levels = trends.column("level");
  const ResultColumn& names = trends.column("name");
  const ResultColumn& periods = trends.column("period");
  const ResultColumn& won = trends.column("won_amount");
  std::vector<std::pair<std::string, std::map<std::string, double>>> columns;
  for (std::size_t r = 0; r < trends.rows; ++r) {
    if (levels.texts[r] != level) continue;
    auto at = std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.first == periods.texts[r]; });
    if (at == columns.end()) at = columns.insert(columns.end(), {periods.texts[r], {}});
    at->second[names.texts[r]] = won.numbers[r];
  }
  for (auto& column : columns)
    view.push_back(ColumnView("name", column.first, Shown::amount)
                       .worded([values = std::move(column.second)](const ResultTable& t, std::size_t row) {
                         const auto it = values.find(t.column("name").texts[row]);
                         return it == values.end() ? std::string(kMissing) : format_number(it->second);
                       }));
  view.push_back(ColumnView("trend_change", "trend / period").worded(trend_words));
  view.emplace_back("reason", "why");
  return view;
}

}  // namespace pipecast::render
