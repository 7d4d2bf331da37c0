/// @file
/// How each table of the pipeline report and the lead plan reads to a
/// person (table_view.hpp): the per-section presentation that the HTML page
/// and the CLI's text tables share.  The values come from the tables
/// (report_tables.hpp, lead_plan_tables.hpp); a view only picks columns,
/// orders them, names them and words them.
#pragma once

#include "pipecast/render/table_view.hpp"

namespace pipecast::render {

// ---- funnel ------------------------------------------------------------------

/// The "funnel" table, one pipeline's steps: reached, value, to next and win
/// rate with their 95% intervals.
TableView funnel_view();

// ---- velocity ----------------------------------------------------------------

// ---- stalled -----------------------------------------------------------------

// ---- patterns ----------------------------------------------------------------

// ---- sales velocity ----------------------------------------------------------

// ---- coverage ----------------------------------------------------------------

// ---- products ----------------------------------------------------------------

// ---- cross-sell --------------------------------------------------------------

// ---- lead plan ---------------------------------------------------------------

}  // namespace pipecast::render
