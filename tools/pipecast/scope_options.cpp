#include "scope_options.hpp"

#include "book_source.hpp"

#include <stdexcept>

namespace pipecast::cli {

namespace {

CLI::Validator period_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          parse_period(text);
          return {};
        } catch (const std::invalid_argument& e) {
          return e.what();
        }
      },
      "PERIOD");
}

}  // namespace

void ScopeOptions::add_options(CLI::App& command) {
  command.add_option("--as-of", as_of, "Date (YYYY-MM-DD); default: the latest date in the book")
      ->check(date_validator());
  command.add_option("--period", period,
                     "Period reported on: 2024-07, 2024-Q3, 2024, FY2025, FY2025-Q1 or "
                     "2024-07-01..2024-09-30; default: the quarter of the as-of date")
      ->check(period_validator());
  command.add_option("--pipeline", pipeline, "Only this pipeline (default: all)");
  command.add_option("--filter", filters,
                     "Only deals whose FIELD is VALUE (FIELD=VALUE; owner, product, source, segment, "
                     "account or a custom attribute); repeat to combine");
  command.add_option("--cohort", cohort, "Cohorts and trends by month or quarter")
      ->check(CLI::IsMember({"month", "quarter"}))
      ->capture_default_str();
  command.add_option("--trend-periods", trend_periods, "How many periods trends look back")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  command.add_option("--fiscal-start", fiscal_start, "First month of the fiscal year (for FY periods)")
      ->check(CLI::Range(1u, 12u))
      ->capture_default_str();
}

AnalysisOptions ScopeOptions::resolve(const Book& book) const {
  AnalysisOptions options;
  options.as_of = resolve_as_of(as_of, book);
  options.fiscal = FiscalCalendar{fiscal_start};
  if (!period.empty()) options.period = parse_period(period, options.fiscal);
  options.pipeline = pipeline;
  options.cohort = cohort == "quarter" ? PeriodKind::quarter : PeriodKind::month;
  options.trend_periods = trend_periods;
  for (const auto& f : filters) {
    const auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("--filter " + f + ": expected FIELD=VALUE, e.g. owner=Ann");
    options.filters.push_back({f.substr(0, eq), f.substr(eq + 1)});
  }
  return options;
}

}  // namespace pipecast::cli
