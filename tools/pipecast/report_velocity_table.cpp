#include "report_velocity_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

namespace pipecast::cli {
namespace {

std::string days(double value) { return thousands(value, 1); }

void add_distribution_columns(TextTable& t) {
  t.add_column("count");
  t.add_column("mean");
  t.add_column("median");
  t.add_column("p75");
  t.add_column("p90");
}

std::vector<std::string> distribution_cells(std::string label, const Distribution& d) {
  return {std::move(label), count(d.count), days(d.mean), days(d.median), days(d.p75), days(d.p90)};
}

void print_stays(const PipelineVelocity& p, std::ostream& out) {
  out << p.name << ": days in stage (completed stays; deals still in the stage apart)\n";
  TextTable t;
  t.add_column("stage", TextTable::Align::left);
  add_distribution_columns(t);
  t.add_column("in stage now");
  t.add_column("median so far");
  for (const StageVelocity& s : p.stages) {
    auto row = distribution_cells(s.name, s.completed);
    row.push_back(count(s.current.count));
    row.push_back(days(s.current.median));
    t.add_row(std::move(row));
  }
  t.print(out, "  ");
  out << '\n' << p.name << ": cycle length, created to closed (days)\n";
  TextTable c;
  c.add_column("", TextTable::Align::left);
  add_distribution_columns(c);
  c.add_row(distribution_cells("won", p.won_cycle));
  c.add_row(distribution_cells("lost", p.lost_cycle));
  c.print(out, "  ");
}

// "median (count)" per period: how the figures moved.
void print_trend(const VelocityReport& report, const PipelineVelocity& p, std::ostream& out) {
  out << '\n' << p.name << ": median days by period (count)\n";
  TextTable t;
  t.add_column("", TextTable::Align::left);
  for (const Period& period : report.periods) t.add_column(period.label);
  const auto add = [&t](std::string label, const std::vector<Distribution>& by_period) {
    std::vector<std::string> row{std::move(label)};
    for (const Distribution& d : by_period) row.push_back(days(d.median) + " (" + count(d.count) + ")");
    t.add_row(std::move(row));
  };
  for (const StageVelocity& s : p.stages) add(s.name, s.by_period);
  add("won cycle", p.won_cycle_by_period);
  add("lost cycle", p.lost_cycle_by_period);
  t.print(out, "  ");
}

}  // namespace

void print_table(const VelocityReport& report, const std::string& /*currency*/, std::ostream& out) {
  out << "Velocity as of " << format_day(report.as_of) << '\n';
  for (const PipelineVelocity& p : report.pipelines) {
    out << '\n';
    print_stays(p, out);
    if (!report.periods.empty()) print_trend(report, p, out);
  }
}

}  // namespace pipecast::cli
