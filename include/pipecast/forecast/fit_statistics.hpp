/// @file
/// The sufficient statistics of a fit: what a model learns from a book,
/// reduced to tables that add up.  A part of a book gives its own; the
/// parts' statistics merge into those of the whole book, the same in any
/// order (parts_fit.hpp), and a model is made from them alone.  The fit on
/// one book in one process goes through the same statistics (the book being
/// its one part), so both ways give the same model.
///
/// Three kinds of table, each merging exactly:
///   - counts: key -> how many (stays by stage and day, deals by day, ...);
///   - sums: key -> an ExactSum of doubles (amount-weighted events, ...);
///   - a sample of recent wins: those with the smallest hash of their deal
///     id, which is the same sample of the whole book as of the union of any
///     parts' samples.
/// Each model names its own tables and packs its own keys (the fitting code
/// beside the model, e.g. stage_model.cpp).
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/forecast/exact_sum.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The pipelines and stages of a book: what every part of it shares, and
/// all a model fitted from statistics needs to know of the book.
struct StageTable {
  std::vector<Pipeline> pipelines;  ///< as Book::pipelines()
  std::vector<Stage> stages;        ///< as Book::stages()
  /// The table of `book`.
  static StageTable of(const Book& book) { return {book.pipelines(), book.stages()}; }
  /// Memberwise equality.
  bool operator==(const StageTable&) const = default;
};

/// A table's key of three parts: `a` (a stage, a group), `b` (a cause) and
/// `c` (a day, below 2^24), in that order of significance.
constexpr std::uint64_t table_key(std::uint32_t a, std::uint8_t b, std::uint32_t c) {
  return (std::uint64_t{a} << 32) | (std::uint64_t{b} << 24) | (c & 0xffffffu);
}
/// The parts of a table_key(): a, b, c.
struct TableKey {
  std::uint32_t a;  ///< the most significant part
  std::uint8_t b;   ///< the middle part
  std::uint32_t c;  ///< the least significant part
};
/// Splits a table_key().
constexpr TableKey split_key(std::uint64_t key) {
  return {static_cast<std::uint32_t>(key >> 32), static_cast<std::uint8_t>(key >> 24),
          static_cast<std::uint32_t>(key & 0xffffffu)};
}
/// A day as a key, in the days' order.
constexpr std::uint64_t day_key(Day day) { return static_cast<std::uint64_t>(std::int64_t{day} + (std::int64_t{1} << 31)); }
/// The day of a day_key().
constexpr Day key_day(std::uint64_t key) { return static_cast<Day>(static_cast<std::int64_t>(key) - (std::int64_t{1} << 31)); }

/// key -> count.
using CountTable = std::map<std::uint64_t, std::uint64_t>;
/// key -> exact sum.
using SumTable = std::map<std::uint64_t, ExactSum>;

/// text -> count, of at most `limit` distinct texts (0: any number): past
/// it the counts are dropped and only that it was passed is kept (a custom
/// attribute with too many values to be a category, whatever they are).
struct TextCounts {
  std::map<std::string, std::uint64_t> counts;  ///< by text (empty when over)
  std::uint64_t limit = 0;  ///< most distinct texts; 0: no limit
  bool over = false;        ///< more distinct texts than `limit` were seen

  /// Counts `text` `n` more times.
  void add(const std::string& text, std::uint64_t n = 1);
  /// Adds `other` in (the same limit).  Throws std::invalid_argument for
  /// another limit, std::overflow_error when a count would wrap.
  void merge(const TextCounts& other);
  /// Memberwise equality.
  bool operator==(const TextCounts&) const = default;
};

/// A hash of a deal's id: the same in whichever part the deal is (FNV-1a,
/// then a splitmix64 step to spread it).  What samples of deals or of their
/// rows are drawn by.
std::uint64_t deal_hash(std::string_view id);

/// A recently won deal in the sample of the flow of new deals.
struct SampledWin {
  std::uint64_t key = 0;   ///< a hash of its deal id: what the sample keeps the smallest of
  std::int32_t days = 0;   ///< days from its creation to its win
  double amount = 0.0;     ///< its amount in the base currency
  /// By key, then days, then amount: the sample's order.
  auto operator<=>(const SampledWin&) const = default;
};

/// Statistics that merge (see the file's documentation).
struct FitStatistics {
  /// Most wins the sample keeps (NewDealFlow::kMaxWins).
  static constexpr std::size_t kMaxSample = 4096;

  std::map<std::string, CountTable> counts;  ///< tables of counts, by name
  std::map<std::string, SumTable> sums;      ///< tables of exact sums, by name
  std::map<std::string, TextCounts> texts;   ///< tables of counts by text, by name
  std::vector<SampledWin> sample;            ///< sorted, at most kMaxSample

  /// Adds `other` in: counts and sums cell by cell, the sample by union
  /// (then its kMaxSample smallest).  Associative and commutative, exactly.
  /// Throws std::overflow_error when a count would wrap.
  void merge(const FitStatistics& other);
  /// Adds `win` to the sample (keeping the kMaxSample smallest).
  void add_sample(const SampledWin& win);
  /// The count at `key` of table `name` (0 when absent).
  std::uint64_t count(const std::string& name, std::uint64_t key) const;
  /// Table `name` of counts (empty when absent).
  const CountTable& count_table(const std::string& name) const;
  /// Table `name` of sums (empty when absent).
  const SumTable& sum_table(const std::string& name) const;
  /// Table `name` of counts by text (empty when absent).
  const TextCounts& text_table(const std::string& name) const;

  /// Equal tables (exact sums compared exactly).
  bool operator==(const FitStatistics&) const = default;
};

}  // namespace pipecast
