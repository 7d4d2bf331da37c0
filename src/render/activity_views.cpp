#include "pipecast/render/activity_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render {
namespace {

bool is_gap(const ResultTable& t, std::size_t row) { return t.column("measure").texts[row] == "gap"; }

// A rate ratio as "4.87×"; the gap's probability of superiority as a percentage.
std::string effect_text(const ResultTable& t, std::size_t row, double value) {
  if (std::isnan(value)) return std::string(kMissing);
  return is_gap(t, row) ? format_percent(value) : format_number(value, 2) + "\u00d7";
}

// Rates per week, or the median silence in days.
std::string side_value(const ResultTable& t, std::size_t row, const char* column) {
  const double value = t.column(column).numbers[row];
  if (std::isnan(value)) return std::string(kMissing);
  return format_number(value, is_gap(t, row) ? 0 : 2) + (is_gap(t, row) ? " d" : "/wk");
}

// A q-value column, "<0.001" below a thousandth.
ColumnView q_value_column(const std::string& column) {
  return ColumnView(column, "q").worded(
      [column](const ResultTable& t, std::size_t row) { return format_p_value(t.column(column).numbers[row]); });
}

}  // namespace

TableView activity_stages_view() {
  return {ColumnView("pipeline"),
          ColumnView("stage"),
          ColumnView("playbook", "most associated with advancing")
              .worded([](const ResultTable& t, std::size_t row) {
                const std::string& p = t.column("playbook").texts[row];
                return p.empty() ? std::string("none flagged") : p;
              }),
          ColumnView("playbook_rate_ratio", "rate ratio", Shown::ratio),
          q_value_column("playbook_q_value"),
          ColumnView("open", "open", Shown::count),
          ColumnView("open_off_playbook", "open without it", Shown::count),
          ColumnView("advanced", "stays advanced", Shown::count),
          ColumnView("lost", "stays lost", Shown::count)};
}

TableView activity_comparisons_view() {
  return {ColumnView("stage"),
          ColumnView("pattern"),
          ColumnView("advanced", "n advanced", Shown::count),
          ColumnView("lost", "n lost", Shown::count),
          ColumnView("advanced_value", "advanced")
              .worded([](const ResultTable& t, std::size_t row) { return side_value(t, row, "advanced_value"); }),
          ColumnView("lost_value", "lost")
              .worded([](const ResultTable& t, std::size_t row) { return side_value(t, row, "lost_value"); }),
          ColumnView("effect", "effect").worded([](const ResultTable& t, std::size_t row) {
            return effect_text(t, row, t.column("effect").numbers[row]);
          }),
          ColumnView("effect_low", "95% interval").worded([](const ResultTable& t, std::size_t row) {
            const double low = t.column("effect_low").numbers[row], high = t.column("effect_high").numbers[row];
            if (std::isnan(low)) return std::string(kMissing);
            return effect_text(t, row, low) + " \u2013 " + effect_text(t, row, high);
          }),
          q_value_column("q_value"),
          ColumnView("associated_with", "finding").worded([](const ResultTable& t, std::size_t row) {
            if (t.column("flagged").integers[row] == 0) return std::string("no clear association");
            return "associated with " + t.column("associated_with").texts[row];
          })};
}

TableView worklist_view() {
  return {ColumnView("rank", "#", Shown::count),
          ColumnView("deal"),
          ColumnView("stage"),
          ColumnView("amount", "amount", Shown::amount).in_currency(),
          ColumnView("win_probability", "win chance", Shown::percent),
          ColumnView("lift", "lift", Shown::points),
          ColumnView("value", "value of attention", Shown::amount).in_currency(),
          ColumnView("reason")};
}

TableView time_split_view() {
  return {ColumnView("dimension", "by"),
          ColumnView("value", "stage or size").worded([](const ResultTable& t, std::size_t row) {
            const double low = t.column("band_low").numbers[row], high = t.column("band_high").numbers[row];
            const std::string& value = t.column("value").texts[row];
            if (t.column("dimension").texts[row] != "size" || std::isnan(low)) return value;
            if (std::isnan(high)) return value + " (over " + format_number(low) + ")";
            return value + " (up to " + format_number(high) + ")";
          }),
          ColumnView("activities", "activities", Shown::count),
          ColumnView("activity_share", "share of time", Shown::percent),
          ColumnView("won_amount", "won", Shown::amount).in_currency(),
          ColumnView("won_share", "share of won revenue", Shown::percent)};
}

}  // namespace pipecast::render
