#include "report_patterns_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pipecast::cli {
namespace {

std::string points(double difference) {
  return std::isnan(difference) ? "-" : fmt::format("{:+.1f} pts", difference * 100.0);
}
std::string z_score(double z) { return std::isnan(z) ? "-" : fmt::format("{:+.2f}", z); }
std::string p_value(double p) {
  if (std::isnan(p)) return "-";
  return p < 0.001 ? "<0.001" : fmt::format("{:.3f}", p);
}

void print_strongest(const PatternReport& report, std::ostream& out) {
  out << "Strongest patterns (values with at least " << report.min_closed
      << " closed deals, and as many in the rest of their field; by |z|)\n";
  if (report.positive.empty() && report.negative.empty()) {
    out << "  none: no value has enough closed deals\n";
    return;
  }
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("field", TextTable::Align::left);
  t.add_column("value", TextTable::Align::left);
  t.add_column("win rate");
  t.add_column("closed");
  t.add_column("rest");
  t.add_column("rest closed");
  t.add_column("difference");
  t.add_column("z");
  t.add_column("p");
  for (const auto* list : {&report.positive, &report.negative})
    for (const Pattern& p : *list)
      t.add_row({p.z > 0 ? "wins more" : "wins less", p.field, shown(p.value), percent(p.win_rate.value()),
                 count(p.win_rate.trials), percent(p.rest_win_rate.value()), count(p.rest_win_rate.trials),
                 points(p.difference), z_score(p.z), p_value(p.p_value)});
  t.print(out, "  ");
}

void print_field(const PatternField& field, const std::string& currency, std::ostream& out) {
  out << "By " << field.field << '\n';
  TextTable t;
  t.add_column(field.field, TextTable::Align::left);
  t.add_column("won");
  t.add_column("lost");
  t.add_column("open");
  t.add_column("win rate");
  t.add_column("95% interval");
  t.add_column(titled("avg won", currency));
  t.add_column("cycle days");
  t.add_column("won cycle");
  t.add_column("vs rest");
  t.add_column("z");
  t.add_column("p");
  for (const PatternValue& v : field.values)
    t.add_row({shown(v.value), count(v.won()), count(v.lost()), count(v.open), percent(v.win_rate.value()),
               interval(v.win_rate), thousands(v.average_won_amount), thousands(v.average_cycle_days, 1),
               thousands(v.average_won_cycle_days, 1), points(v.difference), z_score(v.z), p_value(v.p_value)});
  t.print(out, "  ");
}

void print_lost_reasons(const LostReasons& lost, const std::string& currency, std::ostream& out) {
  out << "Lost reasons (" << count(lost.lost_deals) << " lost deals, " << money(lost.lost_amount, currency)
      << ")\n";
  TextTable t;
  t.add_column("reason", TextTable::Align::left);
  t.add_column("deals");
  t.add_column("share");
  t.add_column(titled("value", currency));
  t.add_column("share of value");
  for (const LostReason& r : lost.reasons)
    t.add_row({shown(r.reason), count(r.deals), percent(r.deal_share), thousands(r.amount),
               percent(r.amount_share)});
  t.print(out, "  ");
}

}  // namespace

void print_table(const PatternReport& report, const std::string& currency, std::ostream& out) {
  out << "Win/loss patterns as of " << format_day(report.as_of) << ": " << count(report.win_rate.trials)
      << " deals closed by then (any date), win rate " << percent(report.win_rate.value()) << "; "
      << count(report.open) << " open\n\n";
  print_strongest(report, out);
  for (const PatternField& field : report.fields) {
    out << '\n';
    print_field(field, currency, out);
  }
  if (report.lost_reasons) {
    out << '\n';
    print_lost_reasons(*report.lost_reasons, currency, out);
  }
}

}  // namespace pipecast::cli
