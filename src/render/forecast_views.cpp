#include "pipecast/render/forecast_views.hpp"

#include <algorithm>
#include <stdexcept>

namespace pipecast::render {

std::vector<std::string> forecast_periods(const ResultTable& forecast) {
  std::vector<std::string> out;
  const ResultColumn& period = forecast.column("period");
  for (std::size_t r = 0; r < forecast.rows; ++r)
    if (std::find(out.begin(), out.end(), period.texts[r]) == out.end()) out.push_back(period.texts[r]);
  return out;
}

std::size_t forecast_row(const ResultTable& forecast, std::string_view period, std::string_view component) {
  const ResultColumn& periods = forecast.column("period");
  const ResultColumn& components = forecast.column("component");
  for (std::size_t r = 0; r < forecast.rows; ++r)
    if (periods.texts[r] == period && components.texts[r] == component) return r;
  throw std::invalid_argument("the forecast has no row of period '" + std::string(period) + "' and component '" +
                              std::string(component) + "'");
}

TableView forecast_view() {
  return {ColumnView("period").worded([](const ResultTable& t, std::size_t row) {
            const std::vector<std::string>& labels = t.column("period").texts;
            return row == 0 || labels[row] != labels[row - 1] ? labels[row] : std::string();
          }),
          {"component"},
          {"expected"},
          {"p10", "P10"},
          {"p50", "P50"},
          {"p90", "P90"}};
}

}  // namespace pipecast::render
