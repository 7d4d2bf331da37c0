#include "error.hpp"
#include "pipecast.h"

#include "pipecast/as_of.hpp"
#include "pipecast/book.hpp"
#include "pipecast/io/book_loader.hpp"
#include "pipecast/summary.hpp"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>

// The opaque handle of the header: a book and nothing else, so that every
// const entry point is a read of an immutable value (safe across threads).
struct pipecast_book {
  pipecast::Book book;
};

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::require;

namespace {

namespace fs = std::filesystem;

fs::path utf8_path(const char* text) {
  return fs::path(std::u8string_view(reinterpret_cast<const char8_t*>(text)));
}

// The library's loader, its failures sorted into the ABI's codes.
pipecast::Book load_book(const char* path, const char* mapping) {
  try {
    return pipecast::load_book(utf8_path(path), mapping == nullptr ? "" : mapping).book;
  } catch (const pipecast::NotFoundError& e) {
    throw Error(PIPECAST_ERROR_NOT_FOUND, e.what());
  } catch (const pipecast::ImportError& e) {
    throw Error(PIPECAST_ERROR_PARSE, "cannot load '" + std::string(path) + "':\n" + e.what());
  } catch (const std::invalid_argument& e) {
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
  }
}

// Stage-history rows entered on or before the view's day.
std::uint64_t known_history_rows(const pipecast::AsOfView& view) {
  std::uint64_t rows = 0;
  for (std::size_t k = 0; k < view.size(); ++k)
    rows += view.history_end(k) - view.book().history_begin(view.deal(k));
  return rows;
}

pipecast_counts count(const pipecast::Book& book, pipecast::Day as_of_day) {
  const pipecast::Day day = as_of_day == pipecast::kNoDay ? book.latest_day() : as_of_day;
  const pipecast::AsOfView view = pipecast::as_of(book, day);
  const pipecast::Summary summary = pipecast::summarize(view);
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  counts.as_of_day = day;
  counts.opportunities = summary.opportunities;
  counts.open = summary.open;
  counts.won = summary.won;
  counts.lost = summary.lost;
  counts.missing_amount = summary.missing_amount;
  counts.history_rows = known_history_rows(view);
  counts.pipelines = book.pipelines().size();
  counts.stages = book.stages().size();
  counts.open_amount = summary.open_amount;
  counts.weighted_amount = summary.weighted_amount;
  counts.won_amount = summary.won_amount;
  counts.lost_amount = summary.lost_amount;
  return counts;
}

// Bytes of each released layout of pipecast_counts, by version: a new version
// appends fields and its size here, and old callers get only what they know.
constexpr std::size_t kCountsLayoutSize[] = {
    0, offsetof(pipecast_counts, lost_amount) + sizeof(double)};
static_assert(std::size(kCountsLayoutSize) == PIPECAST_COUNTS_VERSION + 1);

}  // namespace

extern "C" {

int pipecast_book_load(const char* path, const char* mapping, pipecast_book** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(path, "path");
    require(out, "out");
    *out = std::make_unique<pipecast_book>(pipecast_book{load_book(path, mapping)}).release();
    return PIPECAST_OK;
  });
}

void pipecast_book_free(pipecast_book* book) { delete book; }

void pipecast_counts_init(pipecast_counts* counts) {
  if (counts != nullptr) *counts = PIPECAST_COUNTS_INIT;
}

int pipecast_book_count(const pipecast_book* book, int32_t as_of_day, pipecast_counts* out) {
  return guard(__func__, [&] {
    require(book, "book");
    require(out, "out");
    if (out->version == 0)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "out->version is 0: initialise it with PIPECAST_COUNTS_INIT or "
                  "pipecast_counts_init()");
    pipecast_counts counts = count(book->book, as_of_day);
    counts.version = std::min<std::uint32_t>(out->version, PIPECAST_COUNTS_VERSION);
    std::memcpy(out, &counts, kCountsLayoutSize[counts.version]);
    return PIPECAST_OK;
  });
}

}  // extern "C"
