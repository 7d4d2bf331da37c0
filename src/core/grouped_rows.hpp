// Rows kept by group (a deal, an account), each group's rows by day: how the
// book holds its stage history and its activities.  The builder takes rows
// in any order; these put them in that order, stably (rows of one group and
// day keep the order they came in, which is how a file says which of two
// changes on one day came last).
#pragma once

#include "pipecast/core/calendar.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

namespace pipecast::grouped_rows {

// offsets[g] is the first row of group g, offsets[groups] the row count.
inline std::vector<std::uint32_t> offsets(std::span<const std::uint32_t> group, std::size_t groups) {
  std::vector<std::uint32_t> out(groups + 1, 0);
  for (std::uint32_t g : group) ++out[g + 1];
  std::partial_sum(out.begin(), out.end(), out.begin());
  return out;
}

// True when the rows are already by (group, day), as an export writes them.
inline bool in_order(std::span<const std::uint32_t> group, std::span<const Day> day) {
  for (std::size_t row = 1; row < group.size(); ++row)
    if (group[row] < group[row - 1] || (group[row] == group[row - 1] && day[row] < day[row - 1])) return false;
  return true;
}

// The rows in (group, day) order: a counting sort by group (stable), then a
// stable sort by day within each group.
inline std::vector<std::uint32_t> order(std::span<const std::uint32_t> group, std::span<const Day> day,
                                        std::span<const std::uint32_t> offsets) {
  std::vector<std::uint32_t> rows(group.size());
  std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
  for (std::uint32_t row = 0; row < group.size(); ++row) rows[next[group[row]]++] = row;
  for (std::size_t g = 0; g + 1 < offsets.size(); ++g)
    std::stable_sort(rows.begin() + offsets[g], rows.begin() + offsets[g + 1],
                     [&](std::uint32_t a, std::uint32_t b) { return day[a] < day[b]; });
  return rows;
}

// column[k] becomes the old column[rows[k]].
template <class T>
void permute(std::vector<T>& column, const std::vector<std::uint32_t>& rows) {
  std::vector<T> sorted(column.size());
  for (std::size_t k = 0; k < rows.size(); ++k) sorted[k] = column[rows[k]];
  column.swap(sorted);
}

}  // namespace pipecast::grouped_rows
