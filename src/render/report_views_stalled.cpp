#include "pipecast/render/report_views.hpp"

#include "pipecast/render/human_format.hpp"

namespace pipecast::render {

TableView stalled_summary_view() {
  return {{"stalled", "stalled"},
          {"stalled_value", "stalled value", Shown::money},
          {"overdue", "overdue"},
          {"overdue_value", "overdue value", Shown::money}};
}

TableView stalled_thresholds_view() {
  return {{"pipeline", "pipeline"},
          {"stage", "stage"},
          {"days", "days"},
          ColumnView("source", "from").worded([](const ResultTable& t, std::size_t row) -> std::string {
            const std::string& source = t.column("source").texts[row];
            if (source == "user") return "set by user";
            if (source == "p90") return "p90 of completed stays";
            return "none (too few stays)";
          }),
          {"sample", "completed stays"}};
}

TableView stalled_view() {
  return {{"id", "deal"},
          {"pipeline", "pipeline"},
          {"stage", "stage"},
          {"owner", "owner"},
          ColumnView("amount", "amount", Shown::amount).in_currency(),
          {"days_in_stage", "days in stage"},
          {"threshold", "threshold"},
          {"stalled", "stalled"},
          {"close_date", "close date"},
          // A count only for a deal that is overdue (the table has 0 for the
          // others): the column says which deals are, without a flag of its own.
          ColumnView("days_overdue", "days overdue").worded([](const ResultTable& t, std::size_t row) {
            return t.column("overdue").integers[row] != 0 ? format_count(static_cast<std::size_t>(
                                                               t.column("days_overdue").integers[row]))
                                                         : std::string(kMissing);
          })};
}

}  // namespace pipecast::render
