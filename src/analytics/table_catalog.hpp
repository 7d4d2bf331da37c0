// A result's tables, each listed once with the function that makes it, and
// the two lookups every result offers: its table names, and one table by name.
#pragma once

#include "pipecast/analytics/result_table.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::tables {

template <class Result>
struct Entry {
  std::string_view name;
  ResultTable (*make)(const Result&);
  std::string_view section = {};  // the report's section ("": always there)
};

template <class Result, std::size_t N>
std::vector<std::string_view> names(const Entry<Result> (&entries)[N]) {
  std::vector<std::string_view> out;
  for (const Entry<Result>& e : entries) out.push_back(e.name);
  return out;
}

template <class Result, std::size_t N>
std::vector<ResultTable> all(const Entry<Result> (&entries)[N], const Result& result) {
  std::vector<ResultTable> out;
  for (const Entry<Result>& e : entries) out.push_back(e.make(result));
  return out;
}

// Throws std::invalid_argument naming `what` ("report") and listing the tables.
template <class Result, std::size_t N>
ResultTable make(const Entry<Result> (&entries)[N], const Result& result, std::string_view name,
                 std::string_view what) {
  for (const Entry<Result>& e : entries)
    if (e.name == name) return e.make(result);
  std::string known;
  for (const Entry<Result>& e : entries) known += (known.empty() ? "" : ", ") + std::string(e.name);
  throw std::invalid_argument("no " + std::string(what) + " table '" + std::string(name) + "' (tables: " + known +
                              ")");
}

}  // namespace pipecast::tables
