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

/// The "velocity" table, one pipeline's open stages: the completed stays
/// (count, median, p75, p90 and mean days) and the deals in the stage now
/// (count, median days so far).
TableView velocity_view();

/// The "cycles" table, one pipeline's won and lost deals: days from creation
/// to close (count, median, p75, p90, mean).
TableView cycles_view();

/// What a cell of the velocity trend shows, in order: the median days of
/// the "velocity_trend" row, then its count in parentheses.
TableView velocity_trend_view();

/// One pipeline's rows of the "velocity_trend" table as a grid: a line per
/// measure (each stage, then the won and the lost cycle), a column per period.
struct VelocityTrendGrid {
  /// A row number that is in no table: a period without a row.
  static constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
  struct Line {
    std::string label;              ///< the stage, "won cycle" or "lost cycle"
    std::vector<std::size_t> rows;  ///< the table's row for each period, or kNoRow
  };
  std::vector<std::string> periods;  ///< the periods' labels, oldest first
  std::vector<Line> lines;           ///< in the table's order
};
/// `pipeline`'s grid of `trend`, the "velocity_trend" table.
VelocityTrendGrid velocity_trend_grid(const ResultTable& trend, std::string_view pipeline);

// ---- stalled -----------------------------------------------------------------

/// The "stalled_summary" table's figures as the section's first sentence
/// words them: the deals stalled and overdue, each with its value (with
/// the currency, "$1,300").
TableView stalled_summary_view();

/// The "stalled_thresholds" table: each open stage's threshold in days, where
/// it comes from, and the completed stays behind it.
TableView stalled_thresholds_view();

/// The "stalled" table, the flagged deals: where each one is, its amount,
/// days in stage against the threshold and whether that is stalled, the
/// close date and days overdue (a dash for a deal that is not overdue).
TableView stalled_view();

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
