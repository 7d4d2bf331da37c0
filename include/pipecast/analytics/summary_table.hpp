/// @file
/// The book's summary (core/summary.hpp) as a result table: one row per
/// stage of every pipeline, what `pipecast summary --format csv` writes.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/core/summary.hpp"

namespace pipecast {

/// The "summary" table: as_of, pipeline, stage, kind, probability, count,
/// amount, weighted_amount (probability x amount for an open stage, else 0).
ResultTable summary_table(const Summary& summary);

}  // namespace pipecast
