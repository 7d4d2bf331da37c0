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

/// A count of deals to plan for, whole: an expected 12.2 deals reads 13.
ColumnView whole_deals(std::string column, std::string label);

/// A "create by" day of the "lead_plan" table, with "(passed)" when it is
/// before the plan's as-of day.
ColumnView create_by(std::string column, std::string label);

/// The "lead_plan_stages" table, one pipeline's stages: win rate from the
/// stage with its 95% interval and sample, what is open there now, and the
/// opportunities needed (P50, P90).
TableView lead_plan_stages_view();

}  // namespace pipecast::render
