#include "summary_output.hpp"

#include "result_tables_csv.hpp"
#include "text_table.hpp"

#include "pipecast/analytics/summary_table.hpp"


#include <string>

namespace pipecast::cli {
namespace {

// The stages of the summary table, as a terminal shows them.
render::TableView stage_view() {
  using render::ColumnView;
  return {ColumnView("pipeline"), ColumnView("stage"), ColumnView("kind"),
          ColumnView("probability", "prob.", render::Shown::percent), ColumnView("count", "deals"),
          ColumnView("amount")};
}

void print_table(const Summary& s, std::ostream& out) {
  out << "Book as of " << format_day(s.as_of);
  if (!s.currency.empty()) out << " (amounts in " << s.currency << ")";
  out << "\n\n";
  TextTable totals;
  totals.add_column("", TextTable::Align::left);
  totals.add_column("deals");
  totals.add_column("amount");
  totals.add_row({"open", thousands(static_cast<double>(s.open)), thousands(s.open_amount)});
  totals.add_row({"  weighted by stage", "", thousands(s.weighted_amount)});
  totals.add_row({"won", thousands(static_cast<double>(s.won)), thousands(s.won_amount)});
  totals.add_row({"lost", thousands(static_cast<double>(s.lost)), thousands(s.lost_amount)});
  totals.add_row({"all", thousands(static_cast<double>(s.opportunities)),
                  thousands(s.open_amount + s.won_amount + s.lost_amount)});
  totals.print(out, "  ");
  if (s.missing_amount > 0)
    out << "  (" << thousands(static_cast<double>(s.missing_amount)) << " deals have no amount; counted as 0)\n";
  out << '\n';
  const ResultTable stages = summary_table(s);
  view_table(stages, stage_view(), render::all_rows(stages), text_style(s.currency)).print(out, "  ");
}

}  // namespace

void print_summary(const Summary& summary, const std::string& format, std::ostream& out) {
  if (format == "json") out << to_json(summary) << '\n';
  else if (format == "csv") out << result_table_csv(summary_table(summary));
  else print_table(summary, out);
}

}  // namespace pipecast::cli
