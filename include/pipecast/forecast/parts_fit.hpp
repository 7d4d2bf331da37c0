/// @file
/// A model fitted from the parts of a book (book_partition.hpp) without
/// bringing the deals together: only requests, statistics and models travel.
///
/// The fitting side drives a short conversation, the same for every model:
///
///   PartsFit fit = begin_parts_fit("markov", as_of);
///   while (!fit.done()) {
///     const StatsRequest& request = fit.request();           // to every part
///     PartStats merged = answer_request(parts[0], request);  // on each part's worker
///     for (p = 1; p < n; ++p) merged = merge_part_stats(merged, answer_request(parts[p], request));
///     fit.receive(merged);
///   }
///   FittedModel model = fit.model();
///
/// Requests and answers have byte forms (to_bytes(), request_from_bytes(),
/// stats_from_bytes()) to cross processes: sealed like model files (a magic,
/// a format version, a CRC-64), so a damaged, truncated or foreign blob is an
/// error naming what it is, never a crash.
///
/// What makes the parts' statistics the whole book's: each statistic is a
/// count or an exact sum (fit_statistics.hpp) over rows that each belong to
/// one deal (the training snapshots, the stays in stages, the deals
/// themselves), and a deal is whole in one part.  Merging is associative and
/// commutative, exactly, so the merged bytes do not depend on the order the
/// answers arrive in, and fit_model() on the whole book goes through the same
/// statistics: the model fitted from parts equals it bit for bit
/// (model_bytes() compares them).  The rounds, for stage and markov:
///   1. (counts) the stage table, the model's counts (stage: decided and won
///      training rows by stage; markov: stays by stage, next stage and
///      days), the close timing's amount-weighted outcomes by stage, band
///      and day, and the deals created on each day (for the days creations
///      pile up on);
///   2. (flow) with the piled days and the model so far (its win model and
///      timing): the flow of new deals (trusted creations by day, outcomes by
///      days after creation, a sample of recent wins) and the pipeline's
///      spread (expected, booked and variance by training snapshot).
/// logistic adds to round 1 the levels of its categories by text and the
/// moments of its continuous features (so every part encodes the same
/// columns), then a round for the design (the columns' sums, the rows by
/// sample level) and one per pass of Newton's method (logistic_statistics.hpp),
/// before the flow.  Its sums of doubles are each part's in its own row
/// order, merged exactly: the model is the whole book's to rounding (1e-9 in
/// every coefficient, its scores to 1e-12), not bit for bit.  auto first
/// fits stage, markov and logistic (at its candidate half-lives) as of
/// three and six months before T the same way, scores them in a round on the deals
/// each part had open then, chooses, then fits its choice as of T.  crm
/// needs no round.
#pragma once

#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/logistic_regression.hpp"
#include "pipecast/forecast/model.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// What a request asks of each part.
enum class StatsKind : std::uint8_t {
  counts = 1,      ///< counts as of the day (StatsRequest::wants says which)
  design = 2,      ///< the logistic design's column sums and rows by sample level (models[0]: the encoding)
  newton = 3,      ///< a pass of Newton's method (pass; models[0]: the encoding; options.half_life_days: the weights)
  flow = 4,        ///< the flow of new deals and the pipeline's spread (piled_days; models[0]: the model so far)
  validation = 5,  ///< auto's candidates (models) scored on the deals open at as_of, decided by outcomes_as_of
};

/// The counts a StatsKind::counts request may want (bits of StatsRequest::wants).
struct StatsWants {
  static constexpr std::uint32_t stage = 1;      ///< the stage model's
  static constexpr std::uint32_t markov = 2;     ///< the markov chain's stays
  static constexpr std::uint32_t logistic = 4;   ///< the logistic encoding's levels and moments
  static constexpr std::uint32_t timing = 8;     ///< the close timing's
  static constexpr std::uint32_t creations = 16; ///< the deals created on each day
};

/// What the fitting side asks every part for, in one round.
struct StatsRequest {
  StatsKind kind = StatsKind::counts;  ///< what is asked
  std::uint32_t round = 1;             ///< its place in the fit (1, 2, ...): no two requests of a fit are alike
  Day as_of = kNoDay;                  ///< the day the statistics are taken as of
  FitOptions options;                  ///< as fit_model() takes them (half_life_days: see `kind`)
  std::uint32_t wants = 0;             ///< counts: StatsWants bits
  std::vector<Day> piled_days;         ///< flow: the days creations pile up on
  std::vector<std::string> models;     ///< model_bytes() of the models the part needs (see `kind`)
  LogisticPass pass;                   ///< newton: the pass
  Day outcomes_as_of = kNoDay;         ///< validation: T, which decides the deals
  /// Memberwise equality.
  bool operator==(const StatsRequest&) const = default;
};

/// A part's answer to a request, or the merge of several parts' answers.
struct PartStats {
  std::uint64_t request = 0;  ///< the checksum of the request's bytes: what it answers
  std::uint64_t parts = 0;    ///< how many parts' answers it holds
  StageTable stages;          ///< the parts' stage table (the same in every part)
  std::vector<std::string> attributes;  ///< the parts' custom attribute columns (the same in every part)
  FitStatistics stats;        ///< the statistics asked for
  /// Memberwise equality.
  bool operator==(const PartStats&) const = default;
};

/// A part read again by PartAnswerer::reading that is not the part it read
/// first.
class PartChangedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A part's side of fits from parts: the part, and what its last answers
/// built that the next requests of the same fit ask about again (the
/// training snapshots of a day, the logistic design's rows), so that a
/// worker holding one part answers a fit's dozens of rounds (one per pass of
/// Newton's method) without rebuilding them each time.  Answers are what
/// answer_request() gives.  One thread at a time.
class PartAnswerer {
 public:
  /// Answers for `part` (a book holding some deals whole, with the whole
  /// book's reference tables).
  explicit PartAnswerer(std::shared_ptr<const Book> part);
  /// A part read by `read` only while a request needs its deals: the
  /// answerer lets the book go after each answer and keeps only the
  /// logistic rows (the training snapshots are built again by the rounds
  /// that read the deals), so a worker can hold the rows of several parts
  /// and the deals of one at a time (Newton's passes read no deal).  `read` must give the same part every
  /// time (the answers refer to its deals by index): a part whose deal
  /// count, stage table or attribute columns changed between two reads is
  /// refused with PartChangedError.  Reads once here, to check it.
  static PartAnswerer reading(std::function<std::shared_ptr<const Book>()> read);
  ~PartAnswerer();
  /// Moves the answerer.
  PartAnswerer(PartAnswerer&&) noexcept;
  /// Moves the answerer.
  PartAnswerer& operator=(PartAnswerer&&) noexcept;
  /// The statistics `request` asks of the part.  Throws
  /// std::invalid_argument for a request no fit makes.
  PartStats answer(const StatsRequest& request);

 private:
  struct Cache;
  PartAnswerer() = default;
  /// The part for one answer: the one held, or a fresh read.
  std::shared_ptr<const Book> part() const;
  std::shared_ptr<const Book> part_;                    // empty when the part is read
  std::function<std::shared_ptr<const Book>()> read_;   // set when the part is read
  std::unique_ptr<Cache> cache_;
};

/// The statistics `request` asks of `part` (a book holding some deals whole,
/// with the whole book's reference tables): PartAnswerer's answer without
/// anything kept.  Throws std::invalid_argument for a request no fit makes.
PartStats answer_request(const Book& part, const StatsRequest& request);

/// The statistics of the parts of `a` and of `b` together: associative and
/// commutative, exactly.  Throws std::invalid_argument when they answer
/// different requests or come from parts whose stage tables or attribute
/// columns differ (parts of different books).
PartStats merge_part_stats(const PartStats& a, const PartStats& b);
/// The same, reusing `a`'s tables (a merge of many answers, one by one).
PartStats merge_part_stats(PartStats&& a, const PartStats& b);

/// A fit from parts in progress (see the file's documentation).  A value:
/// copy it to try two continuations.
class PartsFit {
 public:
  /// Starts fitting `model` ("crm", "stage", "markov", "logistic" or
  /// "auto") as of `as_of`.  Throws std::invalid_argument for another model.
  PartsFit(std::string_view model, Day as_of, const FitOptions& options = {});
  ~PartsFit();
  /// A copy of the fit where it stands.
  PartsFit(const PartsFit& other);
  /// A copy of the fit where it stands.
  PartsFit& operator=(const PartsFit& other);
  /// Moves the fit.
  PartsFit(PartsFit&&) noexcept;
  /// Moves the fit.
  PartsFit& operator=(PartsFit&&) noexcept;

  /// True when model() is ready (no more requests).
  bool done() const;
  /// The request of the current round.  Throws std::logic_error when done().
  const StatsRequest& request() const;
  /// Takes the merged answers of every part to request().  Throws
  /// std::logic_error when done(), std::invalid_argument when `merged`
  /// answers another request, holds no part, or its stage table is not the
  /// one of the earlier rounds.
  void receive(const PartStats& merged);
  /// The fitted model.  Throws std::logic_error unless done().
  FittedModel model() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// PartsFit(model, as_of, options).
PartsFit begin_parts_fit(std::string_view model, Day as_of, const FitOptions& options = {});

/// The sealed bytes of a request.
std::string to_bytes(const StatsRequest& request);
/// The sealed bytes of statistics.
std::string to_bytes(const PartStats& stats);
/// A request read back from to_bytes().  Throws std::runtime_error starting
/// with "origin: " for bytes that are not a request of this pipecast
/// (another kind of blob, a later format, truncated, damaged).
StatsRequest request_from_bytes(std::string_view bytes, std::string_view origin = "request");
/// Statistics read back from to_bytes(), checked like request_from_bytes().
PartStats stats_from_bytes(std::string_view bytes, std::string_view origin = "statistics");

}  // namespace pipecast
