#include "report_html.hpp"

#include <filesystem>

namespace pipecast::cli {

std::optional<LeadPlan> lead_plan_for_page(const Scope& scope, const Report& report, std::optional<double> target) {
  // A team's quota is the target it is measured against, so it is the
  // natural default; without one there is no honest number to plan for.
  if (!target && report.coverage.team.has_quota() && report.coverage.team.quota > 0)
    target = report.coverage.team.quota;
  if (!target) return std::nullopt;
  return lead_plan(scope, *target);
}

render::HtmlReportInput page_input(const Report& report, std::optional<LeadPlan> plan, std::string subtitle) {
  render::HtmlReportInput input(report);
  input.lead_plan = std::move(plan);
  input.subtitle = std::move(subtitle);
  input.generated_by = "pipecast " PIPECAST_CLI_VERSION;
  // TODO(forecast): fill input.forecast (render::ForecastFan) and
  // input.backtest (render::BacktestTable) here once the forecast engine and
  // the backtests land; until then the page says there is none.
  input.no_forecast_hint = "No forecast: this version of pipecast does not forecast yet.";
  input.no_backtest_hint = "No backtest: this version of pipecast does not run backtests yet.";
  input.no_lead_plan_hint = "No lead plan: give a revenue target with --target AMOUNT, or a team quota (owner *) for " +
                            report.period.label + " in quotas.csv.";
  return input;
}

void write_page(const render::HtmlReportInput& input, const std::string& path, std::ostream& log) {
  render::write_html_report(input, path);
  const auto bytes = std::filesystem::file_size(path);
  log << "pipecast: wrote " << path << " (" << (bytes + 1023) / 1024 << " KB)\n";
}

}  // namespace pipecast::cli
