#include "report_cells.hpp"

#include "text_table.hpp"

namespace pipecast::cli {

std::string count(std::size_t n) { return thousands(static_cast<double>(n)); }

std::string shown(const std::string& value) { return value.empty() ? "(blank)" : value; }

std::string titled(const std::string& title, const std::string& currency) {
  return currency.empty() ? title : title + " (" + currency + ")";
}

std::string interval(const Rate& r) {
  if (r.trials == 0) return "-";
  const Interval i = r.interval();
  return "[" + percent(i.low) + ", " + percent(i.high) + "]";
}

}  // namespace pipecast::cli
