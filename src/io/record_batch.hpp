// The records of one chunk of a CSV file, read ahead of their use, possibly
// on another thread.
#pragma once

#include "io/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::csv {

struct RecordBatch {
  struct Row {
    std::size_t first_field = 0;  // index in `fields` and `offsets`
    std::size_t field_count = 0;
    std::size_t line = 0;         // line the record starts on
    std::size_t start = 0;        // byte offset of the record
    std::int64_t problem = -1;    // index in `problems` for a malformed record
  };

  // Every record's fields back to back: fewer allocations than a vector per
  // record, and the buffers are reused from chunk to chunk.
  std::vector<std::string_view> fields;
  std::vector<std::size_t> offsets;  // byte offset of each field's first character
  std::vector<Row> rows;
  std::vector<Diagnostic> problems;
  std::deque<std::string> unescaped;  // fields that held "" (stable addresses)
  /// Values the reader's user derives from the rows on the reading thread
  /// (ChunkedRecords' `prepare`), row after row.
  std::vector<double> values;

  std::size_t first = 0;      // where the first record starts (after blank lines)
  std::size_t stop = 0;       // where the next chunk's first record starts
  std::size_t stop_line = 0;  // the line of `stop`
  std::optional<Diagnostic> error;  // the error that stopped the reader, if any

  /// Reads every record of `reader`'s range, replacing what the batch held.
  void read(Reader& reader);

  std::string_view field(const Row& row, std::size_t index) const { return fields[row.first_field + index]; }

 private:
  void add(Record& record, std::string_view text);
};

}  // namespace pipecast::csv
