/// @file
/// How each table of the pipeline report and the lead plan reads to a
/// person (table_view.hpp): the per-section presentation that the HTML page
/// and the CLI's text tables share.  The values come from the tables
/// (report_tables.hpp, lead_plan_tables.hpp); a view only picks columns,
/// orders them, names them and words them.
#pragma once

#include "pipecast/render/table_view.hpp"

#include <string>

namespace pipecast::render {

// ---- funnel ------------------------------------------------------------------

/// The "funnel" table, one pipeline's steps: reached, value, to next and win
/// rate with their 95% intervals.
TableView funnel_view();

// ---- velocity ----------------------------------------------------------------

// ---- stalled -----------------------------------------------------------------

// ---- patterns ----------------------------------------------------------------

/// The "patterns_top" table, the strongest patterns each way: which way,
/// field and value, win rate and closed deals, the rest of the field's, the
/// difference in points, z and p.
TableView patterns_top_view();

/// The "patterns" table, one field's values (the first column headed by the
/// field's name): won, lost, open, win rate with its 95% interval, average
/// won amount, cycles, and the test against the rest of the field.
TableView patterns_view(const std::string& field);

/// The "lost_reasons" table: deals lost for each reason and their value,
/// each with its share.
TableView lost_reasons_view();

// ---- sales velocity ----------------------------------------------------------

/// The "sales_velocity" table, one row per segment and the total ("All
/// segments"): open deals, win rate and closed deals, average won amount,
/// cycle days, value per 30 days.
TableView sales_velocity_view();

// ---- coverage ----------------------------------------------------------------

/// The "coverage" table, each owner and the team ("Team"): quota ("no
/// quota" without one), won and its deals, attainment, remaining, the open
/// pipeline of the period raw and weighted, and the coverage ratios ("quota
/// met" when nothing remains).
TableView coverage_view();

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
