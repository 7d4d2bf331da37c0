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

// ---- lead plan ---------------------------------------------------------------

}  // namespace pipecast::render
