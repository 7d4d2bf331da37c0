#include "report_patterns_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {
namespace {

// One figure of the section's totals, as the tables write it.
std::string patterns_total(const ResultTable& summary, const char* column, const render::CellStyle& style) {
  return render::cell_text(summary, render::ColumnView(column), 0, style);
}

void print_strongest(const Report& report, const ResultTable& summary, const render::CellStyle& style,
                     std::ostream& out) {
  out << "Strongest patterns (values with at least " << patterns_total(summary, "min_closed", style)
      << " closed deals, and as many in the rest of their field; by |z|)\n";
  const ResultTable top = report_table(report, "patterns_top");
  if (top.rows == 0) {
    out << "  none: no value has enough closed deals\n";
    return;
  }
  view_table(top, render::patterns_top_view(), render::all_rows(top), style).print(out, "  ");
}

}  // namespace

void print_patterns(const Report& report, const std::string& currency, std::ostream& out) {
  const render::CellStyle style = text_style(currency);
  const ResultTable summary = report_table(report, "patterns_summary");
  out << "Win/loss patterns as of " << format_day(report.patterns.as_of) << ": "
      << patterns_total(summary, "win_rate_trials", style) << " deals closed by then (any date), win rate "
      << patterns_total(summary, "win_rate", style) << "; " << patterns_total(summary, "open", style) << " open\n\n";
  print_strongest(report, summary, style, out);
  const ResultTable values = report_table(report, "patterns");
  for (const PatternField& field : report.patterns.fields) {
    out << "\nBy " << field.field << '\n';
    view_table(values, render::patterns_view(field.field), render::rows_where(values, "field", field.field), style)
        .print(out, "  ");
  }
  if (report.patterns.lost_reasons) {
    const ResultTable lost = report_table(report, "lost_reasons");
    out << "\nLost reasons (" << patterns_total(summary, "lost_deals", style) << " lost deals, "
        << patterns_total(summary, "lost_amount", style) << (currency.empty() ? "" : " " + currency) << ")\n";
    view_table(lost, render::lost_reasons_view(), render::all_rows(lost), style).print(out, "  ");
  }
}

}  // namespace pipecast::cli
