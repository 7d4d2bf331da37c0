#include "movement_output.hpp"

#include "text_table.hpp"

#include <cmath>

namespace pipecast::cli {
namespace {

std::string signed_thousands(double value) {
  const std::string text = thousands(value);
  return value > 0 && text != "0" ? "+" + text : text;
}

std::string or_dash(const std::string& text, bool known) { return known ? text : "-"; }

void print_waterfall(const ForecastMovement& m, const PeriodMovement& p, std::ostream& out) {
  TextTable t;
  t.add_column("", TextTable::Align::left);
  t.add_column("change");
  t.add_column("forecast");
  t.add_row({"as of " + format_day(m.since), "", thousands(p.before)});
  double running = p.before;
  for (const MovementCause cause : kMovementCauses) {
    running += p[cause];
    t.add_row({std::string(to_string(cause)), signed_thousands(p[cause]), thousands(running)});
  }
  t.add_row({"as of " + format_day(m.as_of), signed_thousands(p.after - p.before), thousands(p.after)});
  t.print(out, "  ");
}

void print_movers(const PeriodMovement& p, const Book& book, std::size_t top, std::ostream& out) {
  TextTable t;
  t.add_column("deal", TextTable::Align::left);
  t.add_column("cause", TextTable::Align::left);
  t.add_column("change");
  t.add_column("stage", TextTable::Align::left);
  t.add_column("win probability", TextTable::Align::left);
  t.add_column("amount", TextTable::Align::left);
  t.add_column("close date", TextTable::Align::left);
  for (std::size_t r = 0; r < std::min(top, p.deals.size()); ++r) {
    const DealMovement& d = p.deals[r];
    const std::string stage_before = d.existed_before ? book.stages()[d.stage_before].name : "(new)";
    const std::string stage_after = book.stages()[d.stage_after].name;
    const auto pair = [](const std::string& before, const std::string& after) {
      return before == after ? after : before + " -> " + after;
    };
    t.add_row({std::string(book.ids()[d.deal]), std::string(to_string(d.cause)), signed_thousands(d.change()),
               pair(stage_before, stage_after),
               pair(or_dash(percent(d.probability_before), !std::isnan(d.probability_before)),
                    or_dash(percent(d.probability_after), !std::isnan(d.probability_after))),
               pair(thousands(d.amount_before), thousands(d.amount_after)),
               pair(or_dash(format_day(d.close_before), d.existed_before && d.close_before != kNoDay),
                    or_dash(format_day(d.close_after), d.close_after != kNoDay))});
  }
  t.print(out, "  ");
}

}  // namespace

void print_movement(const ForecastMovement& m, const Book& book, const std::string& description, std::size_t top,
                    std::ostream& out) {
  const std::string& currency = book.base_currency();
  out << "What moved the forecast of bookings" << (currency.empty() ? "" : " (" + currency + ")") << " from "
      << format_day(m.since) << " to " << format_day(m.as_of) << "\n"
      << "model: " << description << " (the same model on both days)\n";
  for (const PeriodMovement& p : m.periods) {
    out << '\n' << p.period.label << " (" << format_day(p.period.first) << ".." << format_day(p.period.last) << ")\n";
    print_waterfall(m, p, out);
    if (top > 0 && !p.deals.empty()) {
      out << "\n  The " << std::min(top, p.deals.size()) << " deals that moved it most (of " << p.deals.size()
          << "):\n";
      print_movers(p, book, top, out);
    }
  }
  out << "\nnew deals: created since " << format_day(m.since)
      << ", and the change in what deals not yet created are expected to bring; won, lost: closed since; "
         "slipped, pulled in: an open deal's chance of closing within the period fell or rose (its close date "
         "moved, or time passed); amount, probability: of deals open on both days.\n";
  if (!m.new_deals_unknown.empty())
    out << "Deals not yet created are left out on both days: " << m.new_deals_unknown << ".\n";
}

}  // namespace pipecast::cli
