#include "pipecast/render/report_views.hpp"

namespace pipecast::render {

TableView sales_velocity_view() {
  return {ColumnView("segment", "segment")
              .worded([](const ResultTable& t, std::size_t row) {
                if (t.column("total").integers[row] != 0) return std::string("All segments");
                const std::string& segment = t.column("segment").texts[row];
                return segment.empty() ? std::string("(blank)") : segment;
              }),
          {"opportunities", "open deals"},
          {"win_rate", "win rate"},
          {"win_rate_trials", "closed"},
          ColumnView("average_won_amount", "avg won", Shown::amount).in_currency(),
          {"average_cycle_days", "cycle days"},
          ColumnView("value_per_30_days", "value / 30 days", Shown::amount).in_currency()};
}

}  // namespace pipecast::render
