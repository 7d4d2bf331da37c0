// The options every analysis command shares: as-of date, period, pipeline,
// filters, cohorts and the fiscal calendar.
#pragma once

#include "pipecast/analytics/scope.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace pipecast::cli {

struct ScopeOptions {
  std::string as_of;
  std::string period;
  std::string pipeline;
  std::string cohort = "month";
  unsigned fiscal_start = 1;
  int trend_periods = 4;
  std::vector<std::string> filters;  // field=value

  void add_options(CLI::App& command);
  /// The analysis options for `book`; throws std::invalid_argument on bad text.
  AnalysisOptions resolve(const Book& book) const;
};

}  // namespace pipecast::cli
