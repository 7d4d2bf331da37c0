/// @file
/// The book's summary (core/summary.hpp) as a result table: one row per
/// stage of every pipeline, what `pipecast summary --format csv` writes.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/core/summary.hpp"

#include <string>

namespace pipecast {

/// The "summary" table: as_of, pipeline, stage, kind, probability, count,
/// amount, weighted_amount (probability x amount for an open stage, else 0).
ResultTable summary_table(const Summary& summary);

/// The summary as JSON (`pipecast summary --format json`): its totals, as_of,
/// currency, opportunities, open, won, lost, open_amount, weighted_amount,
/// won_amount, lost_amount and missing_amount, then the rows of
/// summary_table() under "summary".  indent < 0 gives one line.
std::string to_json(const Summary& summary, int indent = 2);

}  // namespace pipecast
