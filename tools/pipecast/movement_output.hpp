// `pipecast forecast --since` as text: each period's waterfall, then the
// deals that moved it most.
#pragma once

#include "pipecast/forecast/forecast_movement.hpp"

#include <cstddef>
#include <ostream>
#include <string>

namespace pipecast::cli {

/// The waterfall of each period of `movement` and its `top` movers.
void print_movement(const ForecastMovement& movement, const Book& book, const std::string& description,
                    std::size_t top, std::ostream& out);

}  // namespace pipecast::cli
