#include "io/chunked_records.hpp"

#include <algorithm>

namespace pipecast::csv {
namespace {

// Enough chunks read ahead that a helper rarely waits for the importing
// thread to free one, few enough that they stay small next to the book.
constexpr std::size_t kSlotsPerThread = 4;

// The chunks: from `first` to the first cut past it, then from cut to cut.
std::vector<Range> chunk_ranges(std::size_t size, Range first, const std::vector<Cut>& cuts) {
  std::vector<Range> chunks;
  Range current{first.begin, size, first.line};
  for (const Cut& cut : cuts) {
    if (cut.offset <= current.begin) continue;
    current.end = cut.offset;
    chunks.push_back(current);
    current = Range{cut.offset, size, cut.line};
  }
  chunks.push_back(current);
  return chunks;
}

}  // namespace

ChunkedRecords::ChunkedRecords(std::string_view text, std::string file, Range range, char delimiter,
                               const std::vector<Cut>& cuts, unsigned threads, Prepare prepare)
    : text_(text),
      delimiter_(delimiter),
      file_(std::move(file)),
      chunks_(chunk_ranges(text.size(), range, cuts)),
      prepare_(std::move(prepare)),
      expected_start_(range.begin),
      expected_line_(range.line) {
  const std::size_t helpers = chunks_.size() > 1 && threads > 1 ? threads - 1 : 0;
  slots_.resize(helpers == 0 ? 1 : kSlotsPerThread * (helpers + 1));
  ready_.assign(slots_.size(), 0);
  failures_.resize(slots_.size());
  helpers_.reserve(helpers);
  for (std::size_t h = 0; h < helpers; ++h) {
    try {
      helpers_.emplace_back([this] { help(); });
    } catch (...) {
      // The system refused a thread (std::system_error) or the memory for
      // one: read with the helpers started (none: next() reads each chunk
      // itself).  The records are the same with any count.
      break;
    }
  }
}

ChunkedRecords::~ChunkedRecords() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

void ChunkedRecords::read(Range range, RecordBatch& batch) const {
  Reader reader(text_, file_, range, delimiter_);
  batch.read(reader);
  if (prepare_) prepare_(batch);
}

// A helper thread: reads the next chunk nobody has started, as long as a
// slot is free for it.
void ChunkedRecords::help() {
  for (;;) {
    std::size_t chunk = 0;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] {
        return stopping_ || claimed_ == chunks_.size() || claimed_ < released_ + slots_.size();
      });
      if (stopping_ || claimed_ == chunks_.size()) return;
      chunk = claimed_++;
    }
    std::exception_ptr failure;
    try {
      read(chunks_[chunk], slot(chunk));
    } catch (...) {
      failure = std::current_exception();
    }
    {
      const std::lock_guard lock(mutex_);
      ready_[chunk % slots_.size()] = chunk + 1;
      failures_[chunk % slots_.size()] = failure;
    }
    changed_.notify_all();
  }
}

RecordBatch& ChunkedRecords::wait_for(std::size_t chunk) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return ready_[chunk % slots_.size()] == chunk + 1; });
  if (const std::exception_ptr failure = failures_[chunk % slots_.size()]) std::rethrow_exception(failure);
  return slot(chunk);
}

void ChunkedRecords::release_previous() {
  if (handed_ == 0 || helpers_.empty()) return;
  {
    const std::lock_guard lock(mutex_);
    released_ = handed_;
  }
  changed_.notify_all();
}

const RecordBatch* ChunkedRecords::next() {
  if (finished_) return nullptr;
  release_previous();
  if (handed_ == chunks_.size()) {
    finished_ = true;
    return nullptr;
  }
  const std::size_t chunk = handed_++;
  RecordBatch* batch = nullptr;
  if (helpers_.empty()) {
    batch = &slot(chunk);
    read(chunks_[chunk], *batch);
  } else {
    batch = &wait_for(chunk);
  }
  // The cut was a guess: when the previous chunk's last record ran past it,
  // read this chunk again from where that record really ended.
  if (chunk > 0 && batch->first != expected_start_)
    read(Range{expected_start_, chunks_[chunk].end, expected_line_}, *batch);
  expected_start_ = batch->stop;
  expected_line_ = batch->stop_line;
  if (batch->error) finished_ = true;
  return batch;
}

}  // namespace pipecast::csv
