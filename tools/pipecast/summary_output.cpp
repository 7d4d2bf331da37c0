#include "summary_output.hpp"

#include "result_tables_csv.hpp"
#include "text_table.hpp"

#include "pipecast/analytics/summary_table.hpp"
#include "pipecast/io/json.hpp"

#include <string>

namespace pipecast::cli {
namespace {

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
  TextTable stages;
  stages.add_column("pipeline", TextTable::Align::left);
  stages.add_column("stage", TextTable::Align::left);
  stages.add_column("kind", TextTable::Align::left);
  stages.add_column("prob.");
  stages.add_column("deals");
  stages.add_column("amount");
  for (const auto& st : s.by_stage)
    stages.add_row({st.pipeline, st.stage, std::string(to_string(st.kind)), percent(st.probability),
                    thousands(static_cast<double>(st.count)), thousands(st.amount)});
  stages.print(out, "  ");
}

}  // namespace

void print_summary(const Summary& summary, const std::string& format, std::ostream& out) {
  if (format == "json") out << to_json(summary) << '\n';
  else if (format == "csv") out << result_table_csv(summary_table(summary));
  else print_table(summary, out);
}

}  // namespace pipecast::cli
