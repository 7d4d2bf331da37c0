#include "report_stalled_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

#include <algorithm>

namespace pipecast::cli {

void print_stalled(const Report& report, const std::string& currency, std::ostream& out) {
  const render::CellStyle style = text_style(currency);
  const ResultTable summary = report_table(report, "stalled_summary");
  const render::TableView totals = render::stalled_summary_view();
  const auto total = [&](std::string_view column) {
    const auto at = std::find_if(totals.begin(), totals.end(),
                                 [column](const render::ColumnView& c) { return c.column == column; });
    return render::cell_text(summary, *at, 0, style);
  };
  out << "Stalled and overdue deals as of " << format_day(report.as_of) << ": " << total("stalled") << " stalled ("
      << total("stalled_value") << "), " << total("overdue") << " overdue (" << total("overdue_value") << ")\n";

  const ResultTable thresholds = report_table(report, "stalled_thresholds");
  if (thresholds.rows > 0) {
    out << "\nThresholds (days in stage before a deal counts as stalled)\n";
    view_table(thresholds, render::stalled_thresholds_view(), render::all_rows(thresholds), style).print(out, "  ");
  }

  const ResultTable deals = report_table(report, "stalled");
  if (deals.rows == 0) return;
  std::vector<std::size_t> rows = render::all_rows(deals);
  rows.resize(std::min(rows.size(), kStalledRowsShown));
  out << "\nFlagged deals, largest amount first\n";
  view_table(deals, render::stalled_view(), rows, style).print(out, "  ");
  if (rows.size() < deals.rows)
    out << "  ... and " << count(deals.rows - rows.size()) << " more (--format json lists them all)\n";
}

}  // namespace pipecast::cli
