// Cells that several report tables print alike, so each reads the same
// wherever it appears.
#pragma once

#include "pipecast/analytics/statistics.hpp"

#include <cstddef>
#include <string>

namespace pipecast::cli {

/// A count with thousands separators: 12345 -> "12,345".
std::string count(std::size_t n);
/// A text value, with "(blank)" for an empty one so that it stays visible.
std::string shown(const std::string& value);
/// A column title with its currency: "won value (USD)" (no code when blank).
std::string titled(const std::string& title, const std::string& currency);
/// A rate's 95% interval as "[12.0%, 18.5%]", or "-" without trials.
std::string interval(const Rate& r);

}  // namespace pipecast::cli
