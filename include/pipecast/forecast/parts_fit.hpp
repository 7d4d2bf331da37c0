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
///   1. the stage table, the model's counts (stage: decided and won training
///      rows by stage; markov: stays by stage, next stage and days), the
///      close timing's amount-weighted outcomes by stage, band and day, and
///      the deals created on each day (for the days creations pile up on);
///   2. with the piled days and the model so far (its win model and timing):
///      the flow of new deals (trusted creations by day, outcomes by days
///      after creation, a sample of recent wins) and the pipeline's spread
///      (expected, booked and variance by training snapshot).
/// crm needs none.  logistic and auto are not fitted from parts yet
/// (begin_parts_fit() refuses them): see docs/scale-out.md.
#pragma once

#include "pipecast/forecast/fit_statistics.hpp"
#include "pipecast/forecast/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// What the fitting side asks every part for, in one round.
struct StatsRequest {
  std::string model;         ///< the model fitted ("stage", "markov", ...)
  Day as_of = kNoDay;        ///< T
  FitOptions options;        ///< as fit_model() takes them
  std::uint32_t round = 1;   ///< 1, 2, ... (see the file's documentation)
  std::vector<Day> piled_days;  ///< round 2: the days creations pile up on
  std::string provisional;   ///< round 2: model_bytes() of the model so far
  /// Memberwise equality.
  bool operator==(const StatsRequest&) const = default;
};

/// A part's answer to a request, or the merge of several parts' answers.
struct PartStats {
  std::uint64_t request = 0;  ///< the checksum of the request's bytes: what it answers
  std::uint64_t parts = 0;    ///< how many parts' answers it holds
  StageTable stages;          ///< the parts' stage table (the same in every part)
  FitStatistics stats;        ///< the statistics asked for
  /// Memberwise equality.
  bool operator==(const PartStats&) const = default;
};

/// The statistics `request` asks of `part` (a book holding some deals whole,
/// with the whole book's reference tables).  Throws std::invalid_argument
/// for a request of a model that cannot be fitted from parts.
PartStats answer_request(const Book& part, const StatsRequest& request);

/// The statistics of the parts of `a` and of `b` together: associative and
/// commutative, exactly.  Throws std::invalid_argument when they answer
/// different requests or come from parts whose stage tables differ (parts
/// of different books).
PartStats merge_part_stats(const PartStats& a, const PartStats& b);

/// A fit from parts in progress (see the file's documentation).  A value:
/// copy it to try two continuations.
class PartsFit {
 public:
  /// True when model() is ready (no more requests).
  bool done() const { return round_ == 0; }
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
  friend PartsFit begin_parts_fit(std::string_view model, Day as_of, const FitOptions& options);
  StatsRequest request_;
  std::uint64_t request_sum_ = 0;  // the checksum of request_'s bytes
  std::uint32_t round_ = 0;        // 0: done
  StageTable stages_;
  std::shared_ptr<const WinModel> win_;
  CloseTiming timing_;
  NewDealFlow flow_;
  double dispersion_ = 0.0;
  void ask(std::uint32_t round);
};

/// Starts fitting `model` ("crm", "stage" or "markov") as of `as_of` from
/// parts.  Throws std::invalid_argument for another model.
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
