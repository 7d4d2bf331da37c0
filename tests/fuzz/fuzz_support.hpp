// What the fuzz targets share: the fixture books they start from, and what
// every book the library accepts must survive.
//
// The rule of every target: the library may refuse the input, but only with
// the exception its header documents (ImportError, std::runtime_error from a
// snapshot, std::invalid_argument from a period...).  Any other exception
// escapes LLVMFuzzerTestOneInput, and libFuzzer reports it as a crash; so do
// sanitizer findings and the broken promises checked with FUZZ_CHECK.
#pragma once

#include "pipecast/analytics/report.hpp"
#include "pipecast/core/as_of.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/analytics/summary_table.hpp"
#include "pipecast/core/summary.hpp"

#include "fuzz_target.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pipecast::fuzz {

/// A promise of the library that the input broke: print it and abort, which
/// libFuzzer reports as a crash with the input saved.
#define FUZZ_CHECK(condition, what)                                                      \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d): %s\n", #condition, __FILE__, \
                   __LINE__, std::string(what).c_str());                                 \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

/// Every file of a directory of tests/data, by name, read once.
inline CsvFiles fixture(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(PIPECAST_TEST_DATA_DIR) / name;
  CsvFiles files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files[entry.path().filename().string()] = text.str();
  }
  if (files.empty()) {
    std::fprintf(stderr, "fuzz: no fixture files in %s\n", dir.c_str());
    std::abort();
  }
  return files;
}

/// Where two sets of files first differ: "file, line N: 'a' / 'b'".
inline std::string first_difference(const CsvFiles& a, const CsvFiles& b) {
  for (const auto& [name, text] : a) {
    const auto it = b.find(name);
    if (it == b.end()) return name + " is missing";
    if (it->second == text) continue;
    std::istringstream x(text), y(it->second);
    std::string lx, ly;
    for (int line = 1;; ++line) {
      const bool more_x = static_cast<bool>(std::getline(x, lx)), more_y = static_cast<bool>(std::getline(y, ly));
      if (!more_x && !more_y) break;
      if (lx != ly || more_x != more_y) return name + ", line " + std::to_string(line) + ": '" + lx + "' / '" + ly + "'";
    }
    return name + " differs";
  }
  return a.size() == b.size() ? "no difference" : "another file count";
}

/// Whether the export writes every value of the book: it writes the optional
/// files and columns the layout names, and BookBuilder::set_layout() (the
/// C++ API, and so a snapshot) can leave data out of it.
inline bool layout_shows_everything(const Book& book) {
  const BookLayout& l = book.layout();
  const auto any_amount = [](std::span<const double> v) {
    return std::any_of(v.begin(), v.end(), [](double x) { return !is_blank(x); });
  };
  const auto any_day = [](std::span<const Day> v) {
    return std::any_of(v.begin(), v.end(), [](Day d) { return d != kNoDay; });
  };
  const bool categories = std::any_of(book.stages().begin(), book.stages().end(),
                                      [](const Stage& s) { return !s.forecast_category.empty(); });
  return (l.history_amount || !any_amount(book.history_amount_column())) &&
         (l.history_close_date || !any_day(book.history_close_date_column())) &&
         (l.forecast_category || !categories) && (l.products || book.products().empty()) &&
         (l.line_items || book.line_items().empty()) && (l.quotas || book.quotas().empty()) &&
         (l.fx_rates || book.fx_rates().empty()) && (l.activities || book.activities().size() == 0);
}

/// What a caller does with an accepted book: the summary and the full report
/// as of its latest day and as of a day in its middle, and the canonical
/// export, which must import back to a book with the same summary that
/// exports to the same bytes (docs/format.md, "Rules worth knowing"), when the
/// book has stages.
inline void exercise(const Book& book) {
  const Day latest = book.latest_day();
  if (latest != kNoDay) {
    const Day first = book.size() > 0 ? book.created_column()[0] : latest;
    for (const Day day : {latest, first + (latest - first) / 2}) {
      const AsOfView view = as_of(book, day);
      (void)to_json(summarize(view));
      AnalysisOptions options;
      options.as_of = day;
      try {
        (void)to_json(build_report(Scope(book, options)));
      } catch (const std::invalid_argument&) {
        // A period outside the supported dates: documented, and refused.
      }
    }
  }
  const CsvFiles exported = export_csv_book(book);
  // A book without stages (a snapshot of an empty Book) has no CSV form: the
  // importer requires stages.csv to define one.
  if (book.stages().empty()) return;
  Book again;
  try {
    again = import_csv_book(exported).book;
  } catch (const ImportError& e) {
    FUZZ_CHECK(false, std::string("the export of an accepted book is refused:\n") + e.what());
  }
  const CsvFiles exported_again = export_csv_book(again);
  FUZZ_CHECK(exported_again == exported, "export is not stable across a round trip: " +
                                             first_difference(exported, exported_again));
  // The books need not be equal member by member: dictionary codes follow
  // the order values are first seen in, which the export's sorted history
  // (or a snapshot's arbitrary, consistent order) changes.  What they say is,
  // when the layout lets the export carry everything.
  if (latest != kNoDay && layout_shows_everything(book))
    FUZZ_CHECK(to_json(summarize(as_of(again, latest))) == to_json(summarize(as_of(book, latest))),
               "the round trip changed the summary");
}

}  // namespace pipecast::fuzz
