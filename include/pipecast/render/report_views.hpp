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
  /// One measure across the periods.
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

/// The "products" table, products by rank: family, win rate with its 95%
/// interval and closed deals, average won amount, median cycle, open deals
/// and value, expected revenue and share of all won value.
TableView products_view();

/// The "product_families" table, families by rank: the columns of
/// products_view() but the family.
TableView product_families_view();

/// The rows of the "products" or "product_families" table (`level`
/// "product" or "family", as in the "product_trends" table): rank, name, the
/// won value of each trend period (from `trends`, the "product_trends"
/// table; these cells are read there), the fitted change per period and the
/// reason for the rank.
TableView product_trend_view(const ResultTable& trends, std::string_view level);

// ---- cross-sell --------------------------------------------------------------

/// The "cross_sell_products" table: each product's buying accounts and base
/// rate, then its base rate in each segment of `segments` (the
/// "cross_sell_segments" table; these cells are read there), headed by the
/// segment and its buying accounts.
TableView cross_sell_products_view(const ResultTable& segments);

/// The "cross_sell_pairs" table: buyers of A also buy B, the accounts with
/// both, the confidence with its 95% interval, and the lift.
TableView cross_sell_pairs_view();

/// The "cross_sell" table, one row per suggestion: the account, its segment
/// and what it bought (the first products of `purchases`, the
/// "cross_sell_purchases" table, then how many more) on its first row only;
/// the product suggested, its score, the best supporting product with the
/// confidence and lift of that pair, and the segment's base rate.
TableView cross_sell_view(const ResultTable& purchases);

/// How many accounts' suggestions are shown at most.
inline constexpr std::size_t kCrossSellAccountsShown = 20;

/// The rows of the "cross_sell" table to show: every suggestion of the
/// kCrossSellAccountsShown accounts whose best suggestion scores highest
/// (ties: the account first in the table), strongest account first; every
/// row, in the table's order, when no more accounts than that have one.
std::vector<std::size_t> cross_sell_rows_shown(const ResultTable& cross_sell);

/// How many different accounts the rows of a table with an "account" column
/// ("cross_sell", "cross_sell_purchases") name.
std::size_t accounts_named(const ResultTable& table);

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
