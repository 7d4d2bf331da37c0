// What the HTML report's tests share: the small book's report, and a page's
// marked figures read back.
#pragma once

#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/scope.hpp"
#include "pipecast/io/csv_book.hpp"

#include "test_support.hpp"

#include <map>
#include <regex>
#include <string>

namespace pipecast::test {

/// The small book, its scope and its report, made once.
struct SmallBookReport {
  Book book = import_csv_book(small_book_files()).book;
  Scope scope{book, AnalysisOptions{}};
  Report report = build_report(scope);
};

inline const SmallBookReport& small_book_report() {
  static const SmallBookReport instance;
  return instance;
}

/// A page's data-figure markers: path -> data-value.
inline std::map<std::string, std::string> marked_figures(const std::string& page) {
  static const std::regex marker("data-figure=\"([^\"]+)\" data-value=\"([^\"]*)\"");
  std::map<std::string, std::string> out;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), marker); it != std::sregex_iterator(); ++it)
    out[(*it)[1]] = (*it)[2];
  return out;
}

}  // namespace pipecast::test
