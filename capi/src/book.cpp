// Books: loading (CSV directories and snapshots), saving, as-of views and
// the facts a host asks of a book.
#include "book_reading.hpp"
#include "handles.hpp"
#include "input.hpp"
#include "log.hpp"

#include "pipecast/core/as_of.hpp"
#include "pipecast/core/book.hpp"
#include "pipecast/core/book_partition.hpp"
#include "pipecast/io/book_loader.hpp"
#include "pipecast/io/split_order_csv.hpp"
#include "pipecast/storage/snapshot.hpp"
#include "pipecast/core/summary.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::Log;
using pipecast::capi::live;
using pipecast::capi::require;

pipecast::Day pipecast_book::resolve_day(std::int32_t day, const char* argument) const {
  if (day == PIPECAST_NO_DAY) return default_day();
  const pipecast::Day checked = pipecast::capi::day_argument(day, argument, false);
  if (is_view() && checked > view_day)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " " + pipecast::format_day(checked) + " is after the view's day " +
                    pipecast::format_day(view_day) + ": a view knows nothing later");
  return checked;
}

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kLoadEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_load_options, max_errors)};
static_assert(std::size(kLoadEnds) == PIPECAST_LOAD_OPTIONS_VERSION + 1);

fs::path utf8_path(std::string_view text) {
  return fs::path(std::u8string_view(reinterpret_cast<const char8_t*>(text.data()), text.size()));
}

std::string megabytes(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

// The library's loader, its failures sorted into the ABI's codes and told to
// the log one problem at a time.
pipecast::ImportResult load_book(std::string_view path, std::string_view mapping, std::size_t max_errors,
                                 const Log& log) {
  pipecast::ImportOptions options;
  if (max_errors > 0) options.max_errors = max_errors;
  if (log)
    options.progress = [&log](const pipecast::ImportProgress& p) {
      log(PIPECAST_LOG_INFO, "reading " + p.file + " (" + megabytes(p.bytes) + ")");
    };
  try {
    return pipecast::load_book(utf8_path(path), mapping, std::move(options));
  } catch (const pipecast::NotFoundError& e) {
    log(PIPECAST_LOG_ERROR, e.what());
    throw Error(PIPECAST_ERROR_NOT_FOUND, e.what());
  } catch (const pipecast::ImportError& e) {
    for (const auto& d : e.diagnostics()) log(PIPECAST_LOG_ERROR, d.to_string());
    throw Error(PIPECAST_ERROR_PARSE, "cannot load '" + std::string(path) + "':\n" + e.what());
  } catch (const std::invalid_argument& e) {
    log(PIPECAST_LOG_ERROR, e.what());
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
  }
}

int load(const char* path, const pipecast_load_options* in, pipecast_book** out) {
  const std::string_view p = pipecast::capi::text_argument(path, "path");
  require(out, "out");
  auto handle = std::make_unique<pipecast_book>();
  handle->book = pipecast::capi::read_book(p, pipecast::capi::load_options(in));
  *out = handle.release();
  return PIPECAST_OK;
}

const pipecast::Book& whole_book(const pipecast_book* book, const char* what) {
  const pipecast_book& b = live(book, "book");
  if (b.is_view())
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string("book is an as-of view (") + pipecast::format_day(b.view_day) + "): " + what +
                    " the book it views instead");
  return *b.book;
}

// Stage-history rows entered on or before the view's day.
std::uint64_t known_history_rows(const pipecast::AsOfView& view) {
  std::uint64_t rows = 0;
  for (std::size_t k = 0; k < view.size(); ++k)
    rows += view.history_end(k) - view.book().history_begin(view.deal(k));
  return rows;
}

pipecast_counts count(const pipecast::Book& book, pipecast::Day day) {
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  counts.pipelines = book.pipelines().size();
  counts.stages = book.stages().size();
  if (day == pipecast::kNoDay) return counts;  // an empty book
  const pipecast::AsOfView view = pipecast::as_of(book, day);
  const pipecast::Summary summary = pipecast::summarize(view);
  counts.as_of_day = day;
  counts.opportunities = summary.opportunities;
  counts.open = summary.open;
  counts.won = summary.won;
  counts.lost = summary.lost;
  counts.missing_amount = summary.missing_amount;
  counts.history_rows = known_history_rows(view);
  counts.open_amount = summary.open_amount;
  counts.weighted_amount = summary.weighted_amount;
  counts.won_amount = summary.won_amount;
  counts.lost_amount = summary.lost_amount;
  return counts;
}

// Bytes of each released layout of pipecast_counts, by version: a new version
// appends fields and its size here, and old callers get only what they know.
constexpr std::size_t kCountsLayoutSize[] = {0, PIPECAST_LAYOUT_END(pipecast_counts, lost_amount)};
static_assert(std::size(kCountsLayoutSize) == PIPECAST_COUNTS_VERSION + 1);

}  // namespace

namespace pipecast::capi {

pipecast_load_options load_options(const pipecast_load_options* in) {
  const pipecast_load_options defaults = PIPECAST_LOAD_OPTIONS_INIT;
  return in ? read_versioned(*in, defaults, kLoadEnds, "options") : defaults;
}

Book read_book_value(std::string_view path, const pipecast_load_options& options) {
  const std::string_view mapping = text_argument(options.mapping, "mapping", true);
  const Log log(options.log, options.log_user_data);
  const auto start = std::chrono::steady_clock::now();
  ImportResult result = ::load_book(path, mapping, options.max_errors, log);
  for (const auto& w : result.warnings) log(PIPECAST_LOG_WARNING, w.to_string());
  if (log) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    log(PIPECAST_LOG_INFO, "loaded " + std::to_string(result.book.size()) + " opportunities, " +
                               std::to_string(result.book.history_size()) + " history rows in " +
                               std::to_string(ms.count()) + " ms");
  }
  return std::move(result.book);
}

std::shared_ptr<const Book> read_book(std::string_view path, const pipecast_load_options& options) {
  return std::make_shared<const Book>(read_book_value(path, options));
}

}  // namespace pipecast::capi

extern "C" {

int pipecast_load_options_init(pipecast_load_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_load_options PIPECAST_LOAD_OPTIONS_INIT,
                                        kLoadEnds, "options");
}

int pipecast_book_load(const char* path, const pipecast_load_options* options, pipecast_book** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] { return load(path, options, out); });
}

int pipecast_book_load_parts(const char* const* paths, size_t count, const pipecast_load_options* options,
                             pipecast_book** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(out, "out");
    if (count == 0) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "count is 0: no part to load");
    require(paths, "paths");
    const pipecast_load_options o = pipecast::capi::load_options(options);
    std::vector<pipecast::BookPart> parts;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string argument = "paths[" + std::to_string(i) + "]";
      names.emplace_back(pipecast::capi::text_argument(paths[i], argument.c_str()));
      pipecast::BookPart part{pipecast::capi::read_book_value(names.back(), o), std::nullopt};
      part.order = pipecast::read_split_order(utf8_path(names.back()), part.book);  // ImportError: PARSE
      parts.push_back(std::move(part));
    }
    pipecast::Book merged = [&] {
      try {
        return pipecast::merge_books(parts, names);
      } catch (const std::invalid_argument& e) {
        throw Error(PIPECAST_ERROR_INVALID_DATA, e.what());  // parts that are not one book's
      }
    }();
    auto handle = std::make_unique<pipecast_book>();
    handle->book = std::make_shared<const pipecast::Book>(std::move(merged));
    *out = handle.release();
    return PIPECAST_OK;
  });
}

void pipecast_book_free(pipecast_book* book) { pipecast::capi::destroy(book); }

int pipecast_book_save_snapshot(const pipecast_book* book, const char* path, int32_t format) {
  return guard(__func__, [&] {
    const pipecast::Book& b = whole_book(book, "save");
    const std::string_view p = pipecast::capi::text_argument(path, "path");
    if (format != PIPECAST_SNAPSHOT_BINARY && format != PIPECAST_SNAPSHOT_TEXT)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "format is " + std::to_string(format) + ", expected PIPECAST_SNAPSHOT_BINARY or _TEXT");
    pipecast::save_snapshot(b, utf8_path(p),
                            format == PIPECAST_SNAPSHOT_TEXT ? pipecast::SnapshotFormat::text
                                                             : pipecast::SnapshotFormat::binary);
    return PIPECAST_OK;
  });
}

int pipecast_book_export_csv(const pipecast_book* book, const char* directory) {
  return guard(__func__, [&] {
    const pipecast::Book& b = whole_book(book, "export");
    const std::string_view d = pipecast::capi::text_argument(directory, "directory");
    if (d.empty()) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "directory is empty");
    try {
      pipecast::export_csv_directory(b, utf8_path(d));
    } catch (const std::runtime_error& e) {
      // Export fails only on the file system ("cannot create DIR: ...").
      throw Error(PIPECAST_ERROR_IO, e.what());
    }
    return PIPECAST_OK;
  });
}

int pipecast_book_as_of(const pipecast_book* book, int32_t day, pipecast_book** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast::Day checked = pipecast::capi::day_argument(day, "day", false);
    b.resolve_day(checked, "day");
    auto view = std::make_unique<pipecast_book>();
    view->book = b.book;
    view->view_day = checked;
    *out = view.release();
    return PIPECAST_OK;
  });
}

int pipecast_book_view_day(const pipecast_book* book, int32_t* out_day) {
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out_day, "out_day");
    *out_day = b.view_day;
    return PIPECAST_OK;
  });
}

int pipecast_book_latest_day(const pipecast_book* book, int32_t* out_day) {
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out_day, "out_day");
    *out_day = b.default_day();
    return PIPECAST_OK;
  });
}

int pipecast_book_currency(const pipecast_book* book, const char** out) {
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    *out = b.book->base_currency().c_str();
    return PIPECAST_OK;
  });
}

int pipecast_counts_init(pipecast_counts* counts, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, counts, version,
                                        pipecast_counts PIPECAST_COUNTS_INIT,
                                        kCountsLayoutSize, "counts");
}

int pipecast_book_count(const pipecast_book* book, int32_t as_of_day, pipecast_counts* out) {
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    if (out->version == 0)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "out->version is 0: initialise it with PIPECAST_COUNTS_INIT or "
                  "pipecast_counts_init()");
    pipecast_counts counts = count(*b.book, b.resolve_day(as_of_day, "as_of_day"));
    counts.version = std::min<std::uint32_t>(out->version, PIPECAST_COUNTS_VERSION);
    std::memcpy(out, &counts, kCountsLayoutSize[counts.version]);
    return PIPECAST_OK;
  });
}

}  // extern "C"
