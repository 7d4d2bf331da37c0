/// @file
/// A data-quality check of a book: what in its data distorts an analysis,
/// how much of it there is, where, and what pipecast does about it.  It
/// reads the book and changes nothing; `pipecast check` prints it and
/// `pipecast import` prints its findings one line each.
#pragma once

#include "pipecast/analytics/result_table.hpp"
#include "pipecast/core/book.hpp"

#include <map>
#include <span>
#include <string>
#include <vector>

namespace pipecast {

/// One thing looked for, and what was found.
struct DataFinding {
  std::string check;                  ///< a stable name: "close_before_created"
  std::string what;                   ///< what it is, in words (with the days or names found)
  /// the deals (stages for unused_stages, deals and accounts for
  /// activity_after_latest) concerned; 0: none found
  std::size_t count = 0;
  /// up to 5 deal ids (stage names for unused_stages; deal ids, then account
  /// names for activity_after_latest)
  std::vector<std::string> examples;
  std::string action;                 ///< what pipecast does about it
};

/// The days on which creations pile up as a data migration leaves them (every
/// record stamped with the day it was loaded): at least 10 deals, 5% of
/// `created`, and 5 times the mean of the other days that hold any; most
/// deals first.  The rate of new deals does not trust them (new_deal_flow.hpp).
std::vector<Day> piled_creation_days(std::span<const Day> created);
/// The same from the number of deals created on each day (days without any
/// left out): what the parts of a book can add up.
std::vector<Day> piled_creation_days(const std::map<Day, std::size_t>& per_day);

/// Every check, in a fixed order, each with its count (0 when the book is
/// clean of it).  `unrated_currencies` (currency -> ids of the deals kept with
/// an unknown amount) is what the import found (ImportResult); a book holds
/// no trace of them.
std::vector<DataFinding> check_data(const Book& book,
                                    const std::map<std::string, std::vector<std::string>>& unrated_currencies = {});

/// The "data_check" table: check, what, count, examples (ids joined by ", "),
/// action: one row per check.
ResultTable data_check_table(const std::vector<DataFinding>& findings);

}  // namespace pipecast
