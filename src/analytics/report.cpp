#include "pipecast/analytics/report.hpp"

#include "analytics/cross_sell_json.hpp"
#include "analytics/performance_json.hpp"
#include "analytics/json_values.hpp"
#include "analytics/pipeline_json.hpp"
#include "analytics/result_table_json.hpp"
#include "pipecast/analytics/lead_plan_tables.hpp"
#include "pipecast/analytics/report_tables.hpp"

namespace pipecast {
namespace {

nlohmann::ordered_json filters_json(const std::vector<Filter>& filters) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& f : filters) out.push_back({{"field", f.field}, {"value", f.value}});
  return out;
}

}  // namespace

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

std::string to_json(const Report& r, int indent) {
  const nlohmann::ordered_json j = {{"as_of", format_day(r.as_of)},
                                    {"period", json_values::period(r.period)},
                                    {"currency", r.currency},
                                    {"pipeline", r.pipeline},
                                    {"filters", filters_json(r.filters)},
                                    {"deals", r.deals},
                                    {"funnel", to_json_value(r.funnel)},
                                    {"velocity", to_json_value(r.velocity)},
                                    {"stalled", to_json_value(r.stalled)},
                                    {"patterns", to_json_value(r.patterns)},
                                    {"sales_velocity", to_json_value(r.sales_velocity)},
                                    {"coverage", to_json_value(r.coverage)},
                                    {"products", to_json_value(r.products)},
                                    {"cross_sell", to_json_value(r.cross_sell)},
                                    {"tables", result_tables_json_value(report_tables(r))}};
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string to_json(const LeadPlan& plan, int indent) {
  return result_tables_json(lead_plan_tables(plan), indent);
}

}  // namespace pipecast
