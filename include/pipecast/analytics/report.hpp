/// @file
/// The full pipeline report: every analysis of one scope, as `pipecast report`
/// prints it and the C ABI will hand it over.
#pragma once

#include "pipecast/analytics/coverage.hpp"
#include "pipecast/analytics/cross_sell.hpp"
#include "pipecast/analytics/funnel.hpp"
#include "pipecast/analytics/lead_plan.hpp"
#include "pipecast/analytics/patterns.hpp"
#include "pipecast/analytics/product_potential.hpp"
#include "pipecast/analytics/sales_velocity.hpp"
#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/stalled.hpp"
#include "pipecast/analytics/velocity.hpp"

#include <string>
#include <vector>

namespace pipecast {

/// The options of each analysis of the report.
struct ReportOptions {
  std::vector<std::string> by;  ///< fields for the win/loss patterns; default: owner, product, source, segment
  PatternOptions patterns;      ///< for win_loss_patterns()
  StalledOptions stalled;       ///< for stalled_deals()
  ProductOptions products;      ///< for product_potential()
  CrossSellOptions cross_sell;  ///< for cross_sell()
};

/// Every analysis of one scope.
struct Report {
  Day as_of = kNoDay;    ///< the scope's date
  Period period;         ///< the scope's period
  std::string currency;  ///< the base currency of every amount
  std::string pipeline;  ///< "" for all
  std::vector<Filter> filters;  ///< the scope's filters
  std::size_t deals = 0;  ///< deals in scope
  FunnelReport funnel;                  ///< funnel()
  VelocityReport velocity;              ///< velocity()
  StalledReport stalled;                ///< stalled_deals()
  PatternReport patterns;               ///< win_loss_patterns()
  SalesVelocityReport sales_velocity;   ///< sales_velocity()
  CoverageReport coverage;              ///< coverage()
  ProductReport products;               ///< product_potential()
  CrossSellReport cross_sell;           ///< cross_sell()
};

/// Runs every analysis on `scope`; throws what they throw
/// (std::invalid_argument for an unknown pattern field, stall stage or
/// cross-sell account or deal).
Report build_report(const Scope& scope, const ReportOptions& options = {});

/// The report's tables (report_tables.hpp), each an array of rows under its
/// name, in the order of report_table_names(): {"summary": [{...}],
/// "funnel": [...], ...}.  docs/tables.md lists every column.
std::string to_json(const Report& report, int indent = 2);
/// The plan's tables (lead_plan_tables.hpp), each an array of rows under its
/// name: {"lead_plan": [{...}], "lead_plan_pipelines": [...], "lead_plan_stages": [...]}.
std::string to_json(const LeadPlan& plan, int indent = 2);

}  // namespace pipecast
