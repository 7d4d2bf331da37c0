#include "pipecast/render/report_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <cmath>

namespace pipecast::render {
namespace {

// A coverage ratio, or "quota met" when nothing of the quota remains (the
// ratio then has no meaning).
ColumnView coverage_ratio(const char* column, const char* label) {
  return ColumnView(column, label).worded([name = std::string(column)](const ResultTable& t, std::size_t row) {
    if (t.column("quota_met").integers[row] != 0) return std::string("quota met");
    const double value = t.column(name).numbers[row];
    return std::isnan(value) ? std::string(kMissing) : format_number(value, 2) + "\u00d7";
  });
}

}  // namespace

TableView coverage_view() {
  return {ColumnView("owner", "owner")
              .worded([](const ResultTable& t, std::size_t row) {
                const std::string& owner = t.column("owner").texts[row];
                return owner == "*" ? std::string("Team") : owner.empty() ? std::string("(blank)") : owner;
              }),
          ColumnView("quota", "quota")
              .worded([](const ResultTable& t, std::size_t row) {
                const double quota = t.column("quota").numbers[row];
                return std::isnan(quota) ? std::string("no quota") : format_number(quota);
              }),
          {"won", "won", Shown::amount},
          {"won_deals", "won deals"},
          {"attainment", "attainment"},
          {"remaining", "remaining", Shown::amount},
          {"open_deals", "open deals"},
          ColumnView("open_amount", "open", Shown::amount).in_currency(),
          {"weighted_amount", "weighted", Shown::amount},
          coverage_ratio("coverage", "coverage"),
          coverage_ratio("weighted_coverage", "weighted coverage")};
}

}  // namespace pipecast::render
