#include "pipecast/render/report_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>
#include <stdexcept>

namespace pipecast::render {
namespace {

double pattern_number(const ResultTable& table, const char* column, std::size_t row) {
  const ResultColumn* c = table.find(column);
  if (!c || c->type != ColumnType::number)
    throw std::invalid_argument("table '" + table.name + "' has no number column '" + column + "'");
  return c->numbers[row];
}

// The z statistic with its sign, as the direction of the difference reads.
std::string signed_z(const ResultTable& table, std::size_t row) {
  const double z = pattern_number(table, "z", row);
  if (std::isnan(z)) return std::string(kMissing);
  const std::string text = format_number(z, 2);
  return text.front() == '-' || text == "0.00" ? text : "+" + text;
}

// A p-value to three decimals; below that, only that it is below.
std::string p_value(const ResultTable& table, std::size_t row) {
  return format_p_value(pattern_number(table, "p_value", row));
}

}  // namespace

TableView patterns_top_view() {
  return {ColumnView("direction", "direction")
              .worded([](const ResultTable& t, std::size_t row) {
                return t.column("direction").texts[row] == "positive" ? std::string("wins more")
                                                                      : std::string("wins less");
              }),
          {"field", "field"},
          {"value", "value"},
          {"win_rate", "win rate"},
          {"win_rate_trials", "closed"},
          {"rest_win_rate", "rest of field"},
          {"rest_win_rate_trials", "rest closed"},
          {"difference", "difference", Shown::points},
          ColumnView("z", "z").worded(signed_z),
          ColumnView("p_value", "p").worded(p_value)};
}

TableView patterns_view(const std::string& field) {
  return {{"value", field},
          {"won", "won"},
          {"lost", "lost"},
          {"open", "open"},
          {"win_rate", "win rate"},
          {"win_rate", "95% interval", Shown::interval},
          ColumnView("average_won_amount", "avg won", Shown::amount).in_currency(),
          {"average_cycle_days", "cycle days"},
          {"average_won_cycle_days", "won cycle days"},
          {"difference", "vs rest", Shown::points},
          ColumnView("z", "z").worded(signed_z),
          ColumnView("p_value", "p").worded(p_value)};
}

TableView lost_reasons_view() {
  return {{"reason", "reason"},
          {"deals", "deals"},
          {"deal_share", "share"},
          ColumnView("amount", "value", Shown::amount).in_currency(),
          {"amount_share", "share of value"}};
}

}  // namespace pipecast::render
