#include "pipecast/render/backtest_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>
#include <cstdint>

namespace pipecast::render {

ColumnView fixed_decimals(std::string column, std::string label, int decimals) {
  std::string name = column;
  return ColumnView(std::move(column), std::move(label), Shown::decimal)
      .worded([name, decimals](const ResultTable& t, std::size_t row) {
        return format_number(t.column(name).numbers[row], decimals);
      });
}

ColumnView signed_percent(std::string column, std::string label) {
  std::string name = column;
  return ColumnView(std::move(column), std::move(label), Shown::percent)
      .worded([name](const ResultTable& t, std::size_t row) {
        const double v = t.column(name).numbers[row];
        if (std::isnan(v)) return std::string(kMissing);
        const std::string text = format_percent(v);
        return text.front() == '-' || v == 0 ? text : "+" + text;
      });
}

TableView backtest_deal_view() {
  return {{"model"},
          {"deals"},
          {"positives", "won"},
          fixed_decimals("brier", "Brier", 4).best_is(Best::lowest),
          fixed_decimals("log_loss", "log loss", 4).best_is(Best::lowest),
          fixed_decimals("auc", "AUC", 4).best_is(Best::highest),
          fixed_decimals("calibration_error", "calibration error", 4).best_is(Best::lowest)};
}

TableView backtest_period_view() {
  const auto amount = [](const char* column, const char* label) {
    return ColumnView(column, label, Shown::amount).best_is(Best::lowest);
  };
  return {{"model"},
          {"origins"},
          ColumnView("wape", "WAPE", Shown::percent).best_is(Best::lowest),
          signed_percent("bias", "bias").best_is(Best::nearest_zero),
          fixed_decimals("mase", "MASE", 2).best_is(Best::lowest),
          amount("pinball_p10", "pinball P10"),
          amount("pinball_p50", "pinball P50"),
          amount("pinball_p90", "pinball P90"),
          amount("crps", "CRPS"),
          ColumnView("coverage", "P10..P90 held", Shown::percent).worded([](const ResultTable& t, std::size_t row) {
            if (std::isnan(t.column("coverage").numbers[row])) return std::string(kMissing);
            return format_count(static_cast<std::size_t>(t.column("covered").integers[row])) + " of " +
                   format_count(static_cast<std::size_t>(t.column("origins").integers[row]));
          })};
}

std::vector<std::size_t> horizon_rows(const ResultTable& table, std::size_t horizon) {
  const ResultColumn& h = table.column("horizon");
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < table.rows; ++r)
    if (h.integers[r] == static_cast<std::int64_t>(horizon)) rows.push_back(r);
  return rows;
}

}  // namespace pipecast::render
