#include "pipecast/render/report_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render {

ColumnView whole_deals(std::string column, std::string label) {
  std::string name = column;
  return ColumnView(std::move(column), std::move(label), Shown::count)
      .worded([name](const ResultTable& t, std::size_t row) {
        const double n = t.column(name).numbers[row];
        // A hair below a whole number is that number, not the next one up.
        return std::isnan(n) ? std::string(kMissing) : format_number(std::ceil(n - 1e-9));
      });
}

ColumnView create_by(std::string column, std::string label) {
  std::string name = column;
  return ColumnView(std::move(column), std::move(label), Shown::date).worded([name](const ResultTable& t, std::size_t row) {
    const Day day = t.column(name).days[row];
    if (day == kNoDay) return std::string(kMissing);
    return day < t.column("as_of").days[row] ? format_date(day) + " (passed)" : format_date(day);
  });
}

TableView lead_plan_stages_view() {
  return {{"stage"},
          {"conversion", "win rate from it", Shown::percent},
          {"conversion", "95% interval", Shown::interval},
          {"conversion_trials", "closed"},
          {"open_deals", "open now"},
          ColumnView("open_amount", "open value", Shown::amount).in_currency(),
          whole_deals("needed_p50", "needed P50"),
          whole_deals("needed_p90", "needed P90")};
}

}  // namespace pipecast::render
