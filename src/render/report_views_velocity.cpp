#include "pipecast/render/report_views.hpp"

#include <algorithm>
#include <utility>

namespace pipecast::render {

TableView velocity_view() {
  return {{"stage", "stage"},
          {"completed_count", "completed stays"},
          {"completed_median", "median days"},
          {"completed_p75", "p75"},
          {"completed_p90", "p90"},
          {"completed_mean", "mean"},
          {"current_count", "open now"},
          {"current_median", "median days so far"}};
}

TableView cycles_view() {
  return {{"outcome", "outcome"},
          {"days_count", "deals"},
          {"days_median", "median days"},
          {"days_p75", "p75"},
          {"days_p90", "p90"},
          {"days_mean", "mean"}};
}

TableView velocity_trend_view() { return {{"days_median", "median days"}, {"days_count", "count"}}; }

VelocityTrendGrid velocity_trend_grid(const ResultTable& trend, std::string_view pipeline) {
  VelocityTrendGrid grid;
  const std::vector<std::size_t> rows = rows_where(trend, "pipeline", pipeline);
  const ResultColumn& measure = *trend.find("measure");
  const ResultColumn& stage = *trend.find("stage");
  const ResultColumn& period = *trend.find("period");
  for (const std::size_t r : rows)
    if (std::find(grid.periods.begin(), grid.periods.end(), period.texts[r]) == grid.periods.end())
      grid.periods.push_back(period.texts[r]);
  std::vector<std::pair<std::string, std::string>> keys;  // (measure, stage) of each line
  for (const std::size_t r : rows) {
    const std::pair<std::string, std::string> key{measure.texts[r], stage.texts[r]};
    auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      const std::string label = key.first == "stage"       ? key.second
                                : key.first == "won_cycle" ? std::string("won cycle")
                                : key.first == "lost_cycle" ? std::string("lost cycle")
                                                            : key.first;
      grid.lines.push_back({label, std::vector<std::size_t>(grid.periods.size(), VelocityTrendGrid::kNoRow)});
      at = keys.end() - 1;
    }
    const auto column = std::find(grid.periods.begin(), grid.periods.end(), period.texts[r]) - grid.periods.begin();
    grid.lines[static_cast<std::size_t>(at - keys.begin())].rows[static_cast<std::size_t>(column)] = r;
  }
  return grid;
}

}  // namespace pipecast::render
