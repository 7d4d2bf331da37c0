#include "pipecast/forecast/json.hpp"

#include "pipecast/forecast/forecast_tables.hpp"

#include "analytics/result_table_json.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

std::string to_json(const Forecast& forecast, const std::string& description) {
  nlohmann::ordered_json out;
  out["model"] = forecast.model;
  if (!description.empty()) out["description"] = description;
  out["as_of"] = format_day(forecast.as_of);
  out["trials"] = forecast.trials;
  out["seed"] = forecast.seed;
  out["open_deals"] = forecast.open_deals;
  // Unknown figures are null in the table's rows, and this says why.
  if (!forecast.new_deals_unknown.empty()) out["new_deals_unknown"] = forecast.new_deals_unknown;
  out["forecast"] = result_table_json_value(forecast_table(forecast));
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string scores_json(const DealScores& scores, const ResultTable& table, Day since) {
  nlohmann::ordered_json out;
  out["model"] = scores.model;
  out["as_of"] = format_day(scores.as_of());
  if (since != kNoDay) out["since"] = format_day(since);
  out["deals"] = result_table_json_value(table);
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string to_json(const DealScores& scores, const Book& book) {
  return scores_json(scores, scores_table(book, scores));
}

std::string to_json(const ForecastMovement& movement, const Book& book, std::size_t top) {
  nlohmann::ordered_json out;
  out["model"] = movement.model;
  out["since"] = format_day(movement.since);
  out["as_of"] = format_day(movement.as_of);
  if (!movement.new_deals_unknown.empty()) out["new_deals_unknown"] = movement.new_deals_unknown;
  out["movement"] = result_table_json_value(movement_table(movement));
  out["movers"] = result_table_json_value(movers_table(book, movement, top));
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pipecast
