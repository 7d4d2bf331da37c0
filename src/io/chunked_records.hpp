// The records of a CSV file read in chunks by helper threads, handed over in
// file order.
//
// Helpers read chunks ahead while the importing thread builds the book from
// the chunks already read.  A chunk starts at a guessed record start (a cut
// of the TextScan); before a chunk is handed over, its first record is
// checked against where the previous chunk's last record ended, and a chunk
// that guessed wrong (a stray quote earlier in the file) is read again from
// the right place.  So the records, their places and their problems are those
// one reader from the start of the file would give, whatever the thread count.
//
// Not a fan-out of independent tasks (a bounded read-ahead, handed over in
// order), so it keeps its own helper threads rather than parallel_for
// (src/core/parallel_for.hpp), under the same rules: a helper catches
// everything a chunk's reading throws and hands it to the importing thread,
// which rethrows it as it was when it reaches that chunk; a thread the
// system refuses means fewer helpers, the same records.
#pragma once

#include "io/record_batch.hpp"
#include "io/text_scan.hpp"

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace pipecast::csv {

class ChunkedRecords {
 public:
  /// Reads the records of `text` that start at or after `range.begin`,
  /// chunked at `cuts`, on `threads` threads (the caller's included: with 1,
  /// every chunk is read when asked for).  `text` must outlive this.
  /// `prepare` runs on each batch once read, on the thread that read it (so
  /// it must only read shared state).  Fields are separated by `delimiter`.
  using Prepare = std::function<void(RecordBatch&)>;
  ChunkedRecords(std::string_view text, std::string file, Range range, char delimiter,
                 const std::vector<Cut>& cuts, unsigned threads, Prepare prepare);
  ~ChunkedRecords();
  ChunkedRecords(const ChunkedRecords&) = delete;
  ChunkedRecords& operator=(const ChunkedRecords&) = delete;

  /// The next chunk's records; nullptr after the last chunk, or after the
  /// chunk whose reader stopped on an error (its `error`).  The batch stays
  /// valid until the next call.
  const RecordBatch* next();

 private:
  RecordBatch& slot(std::size_t chunk) { return slots_[chunk % slots_.size()]; }
  void read(Range range, RecordBatch& batch) const;
  RecordBatch& wait_for(std::size_t chunk);
  void release_previous();
  void help();

  std::string_view text_;
  char delimiter_;
  std::string file_;
  std::vector<Range> chunks_;
  Prepare prepare_;
  std::vector<RecordBatch> slots_;  // chunk c is read into slot c % slots_.size()

  // The importing thread's side.
  std::size_t handed_ = 0;          // chunks handed over
  std::size_t expected_start_ = 0;  // where the next chunk's first record must start
  std::size_t expected_line_ = 1;
  bool finished_ = false;

  // Shared with the helpers, under mutex_.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t claimed_ = 0;              // chunks a helper has started
  std::size_t released_ = 0;             // chunks whose slot is free again
  std::vector<std::size_t> ready_;       // per slot: 1 + the chunk read into it, 0: none
  std::vector<std::exception_ptr> failures_;  // per slot
  bool stopping_ = false;

  std::vector<std::jthread> helpers_;  // last: joined before the rest goes
};

}  // namespace pipecast::csv
