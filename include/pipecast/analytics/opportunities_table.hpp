/// @file
/// Every deal of a book as known at the end of a day, as a result table: the
/// rows of opportunities.csv (docs/format.md) as they stood that day, with
/// what the day makes of each deal (open, won or lost, and since when).  The
/// C ABI's pipecast_book_opportunities and Python's Book.opportunities()
/// read it.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/core/as_of.hpp"

namespace pipecast {

/// The "opportunities" table of `view`: one row per deal created on or
/// before its day, in book order, with the values of the as-of rule
/// (core/as_of.hpp).  Its columns, named as in opportunities.csv where the
/// file has the field:
///  - id, pipeline, account, owner, product, source, segment (text);
///  - amount, in the deal's currency (NaN when blank), so of Unit::none;
///  - currency, the deal's ("" is the base currency);
///  - created;
///  - close_date: expected while open, actual once closed (none when blank);
///  - stage, at the day;
///  - status: "open", "won" or "lost" at the day;
///  - closed_on: the day a closed deal entered its closing stage (none while
///    open);
///  - amount_in_base: amount in the base currency (Unit::currency; NaN when
///    blank);
///  - the custom attributes, in file order; one named like a column above,
///    or like an earlier attribute, takes "_" until no column has its name.
ResultTable opportunities_table(const AsOfView& view);

}  // namespace pipecast
