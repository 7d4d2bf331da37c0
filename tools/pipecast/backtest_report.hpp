// A backtest in the terminal (tables that end with the ranking and the
// verdict) and as CSV (model,origin,horizon,metric,value).
#pragma once

#include "pipecast/backtest/backtest.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

void print_backtest_table(const Backtest& backtest, const std::string& currency, std::ostream& out);

void write_backtest_csv(const Backtest& backtest, std::ostream& out);

}  // namespace pipecast::cli
