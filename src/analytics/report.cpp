#include "pipecast/analytics/report.hpp"

#include "pipecast/analytics/lead_plan_tables.hpp"
#include "pipecast/analytics/report_tables.hpp"

namespace pipecast {

Report build_report(const Scope& scope, const ReportOptions& options) {
  Report r;
  r.as_of = scope.as_of();
  r.period = scope.period();
  r.currency = scope.book().base_currency();
  r.pipeline = scope.options().pipeline;
  r.filters = scope.options().filters;
  r.deals = scope.deals().size();
  r.funnel = funnel(scope);
  r.velocity = velocity(scope);
  r.stalled = stalled_deals(scope, r.velocity, options.stalled);
  r.patterns = win_loss_patterns(scope, options.by, options.patterns);
  r.sales_velocity = sales_velocity(scope);
  r.coverage = coverage(scope);
  r.products = product_potential(scope, options.products);
  r.cross_sell = cross_sell(scope, options.cross_sell);
  return r;
}

std::string to_json(const Report& r, int indent) { return result_tables_json(report_tables(r), indent); }

std::string to_json(const LeadPlan& plan, int indent) {
  return result_tables_json(lead_plan_tables(plan), indent);
}

}  // namespace pipecast
