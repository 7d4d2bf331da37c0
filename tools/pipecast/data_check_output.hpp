// The data check as people read it: `pipecast check` in full, and the one
// line per finding that `pipecast import` adds (defined in command_check.cpp,
// beside the command).
#pragma once

#include "pipecast/analytics/data_check.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace pipecast::cli {

/// Every check: what was found (with examples) and what pipecast does, then
/// the checks that found nothing.
void print_data_check(const std::string& data, const Book& book, const std::vector<DataFinding>& findings,
                      std::ostream& out);

/// One line per finding that found something: "check: N <what> (e.g. ...)".
void print_finding_lines(const std::vector<DataFinding>& findings, std::ostream& out);

}  // namespace pipecast::cli
