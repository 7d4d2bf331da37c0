#include "pipecast/render/report_views.hpp"

namespace pipecast::render {

TableView funnel_view() {
  return {{"stage", "stage"},
          {"reached", "reached"},
          ColumnView("reached_value", "value", Shown::amount).in_currency(),
          {"to_next", "to next"},
          {"to_next", "95% interval", Shown::interval},
          {"to_next_trials", "decided"},
          {"to_next_raw", "raw to next"},
          {"to_won", "win rate"},
          {"to_won", "95% interval", Shown::interval},
          {"to_won_trials", "closed"}};
}

}  // namespace pipecast::render
