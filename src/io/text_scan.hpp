// One pass over a CSV file before its records are read in parallel: where
// the file can be cut into chunks, the line each chunk starts on, and whether
// every byte is UTF-8.
#pragma once

#include "core/utf8.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace pipecast::csv {

/// A place where a chunk of records may start: just after a line break,
/// after an even number of quotes (so never inside a well-formed quoted
/// field), on line `line`.
struct Cut {
  std::size_t offset = 0;
  std::size_t line = 1;
};

struct TextScan {
  std::size_t bad_byte = kAllGood;  // first byte that is NUL or not UTF-8
  std::size_t line_breaks = 0;      // in the whole text
  std::vector<Cut> cuts;            // in order, after byte 0
};

/// Scans `text` in pieces of about `piece_bytes` on `threads` threads; any
/// thread count gives the same scan.
TextScan scan_text(std::string_view text, std::size_t piece_bytes, unsigned threads);

}  // namespace pipecast::csv
