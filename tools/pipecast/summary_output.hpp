// The summary in the three output formats.
#pragma once

#include "pipecast/core/summary.hpp"

#include <ostream>
#include <string>

namespace pipecast::cli {

inline const std::vector<std::string> kSummaryFormats = {"table", "csv", "json"};

void print_summary(const Summary& summary, const std::string& format, std::ostream& out);

}  // namespace pipecast::cli
