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

struct ReportOptions {
  std::vector<std::string> by;  // fields for the win/loss patterns; default: owner, product, source, segment
  PatternOptions patterns;
  StalledOptions stalled;
  ProductOptions products;
  CrossSellOptions cross_sell;
};

struct Report {
  Day as_of = kNoDay;
  Period period;
  std::string currency;  // the base currency of every amount
  std::string pipeline;  // "" for all
  std::vector<Filter> filters;
  std::size_t deals = 0;  // deals in scope
  FunnelReport funnel;
  VelocityReport velocity;
  StalledReport stalled;
  PatternReport patterns;
  SalesVelocityReport sales_velocity;
  CoverageReport coverage;
  ProductReport products;
  CrossSellReport cross_sell;
};

Report build_report(const Scope& scope, const ReportOptions& options = {});

/// Stable keys: as_of, period, currency, pipeline, filters, deals, funnel,
/// velocity, stalled, patterns, sales_velocity, coverage, products, cross_sell.
std::string to_json(const Report& report, int indent = 2);
/// {"as_of", "period", "currency", "lead_plan": {...}}
std::string to_json(const LeadPlan& plan, const Scope& scope, int indent = 2);

}  // namespace pipecast
