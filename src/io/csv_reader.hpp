// RFC 4180 CSV records from text in memory, with the place of every field.
//
// Written for the import fast path (it is the product, and a general CSV
// library would cost a copy per field): fields are views into the text; only
// a quoted field with doubled quotes is copied, unescaped.  Line and column of
// a field are computed only when an error needs them.
#pragma once

#include "pipecast/io/diagnostics.hpp"

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::csv {

/// The most fields a record may have; the rest of a longer line is skipped
/// and the record reported.  Real exports have a few hundred columns at most,
/// and every field costs 24 bytes of bookkeeping, so without a limit a line
/// of commas would cost 24 times its size in memory.
inline constexpr std::size_t kMaxFields = 10'000;

/// A file's text, owned or borrowed (an import from memory need not copy it).
class Text {
 public:
  Text(std::string owned) : owned_(std::move(owned)) {}
  static Text borrow(const std::string& text) {
    Text t{std::string()};
    t.borrowed_ = &text;
    return t;
  }
  std::string_view view() const { return borrowed_ ? std::string_view(*borrowed_) : owned_; }

 private:
  std::string owned_;
  const std::string* borrowed_ = nullptr;
};

struct Record {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> offsets;  // byte offset of each field's first character
  std::size_t line = 0;              // line the record starts on
  std::size_t start = 0;             // byte offset of the record
  /// A malformed record the reader skipped past (a stray quote): report it
  /// and move on; the fields are incomplete.
  std::optional<Diagnostic> problem;
};

/// Line breaks in `text` (\n, \r\n or a lone \r, as the reader counts
/// lines): a bound on the records that follow, to size columns up front.
std::size_t count_line_breaks(std::string_view text);

/// The part of a text one reader reads: the records that start in
/// [begin, end); the last one may run past `end`.  `line` is the line of
/// byte `begin`, which must start a line.
struct Range {
  std::size_t begin = 0;
  std::size_t end = std::string_view::npos;
  std::size_t line = 1;
};

/// Where the text starts, after a UTF-8 byte order mark if there is one.
std::size_t text_start(std::string_view text);

/// A byte as people read it in messages: "0xE9".
std::string hex_byte(unsigned char byte);

/// The message for a byte that is NUL or not UTF-8.
std::string bad_byte_message(unsigned char byte);

class Reader {
 public:
  /// Takes the file's bytes; a UTF-8 byte order mark is skipped.  Bytes that
  /// are not UTF-8, and NUL bytes, are refused up front (error()).  Fields
  /// are separated by `delimiter` (a comma in RFC 4180).
  Reader(Text text, std::string file_name, char delimiter = ',');
  /// Reads `range` of `text`, which the caller has checked is UTF-8 and
  /// keeps alive.
  Reader(std::string_view text, std::string file_name, Range range, char delimiter = ',');
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  /// Reads the next record into `record`; false at the end or after a fatal
  /// error (see error()).  Blank lines are skipped.
  bool next(Record& record);

  /// The error that stopped reading, if any (unterminated quote, bad bytes).
  const std::optional<Diagnostic>& error() const { return error_; }

  /// Where the next record starts (blank lines skipped), once next() returned
  /// false without an error: the first record at or past the range's end.
  std::size_t position() const { return pos_; }
  /// The line of position().
  std::size_t line() const { return line_; }
  std::string_view text() const { return data_; }

  /// Byte `offset` as a diagnostic with `message`; `line` is the line of the
  /// earlier byte `from` (a record's start), whence lines are counted.
  Diagnostic locate(std::size_t line, std::size_t from, std::size_t offset, std::string message) const;
  /// Where field `index` of `record` starts, as a diagnostic with `message`.
  Diagnostic at(const Record& record, std::size_t index, std::string message) const;
  /// Where the record starts.
  Diagnostic at(const Record& record, std::string message) const;

  const std::string& file_name() const { return file_; }
  std::size_t size_bytes() const { return data_.size(); }

 private:
  bool read_quoted(Record& record);
  void fail(std::size_t offset, std::string message);
  void skip_line();
  void skip_blank_lines();
  std::size_t line_start(std::size_t offset) const;

  Text text_;
  std::string_view data_;  // text_.view()
  std::string file_;
  char delimiter_ = ',';
  std::deque<std::string> unescaped_;  // this record's fields that held "" (stable addresses)
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t end_ = 0;          // records starting here or later are not read
  std::size_t begin_ = 0;        // where reading started, on line begin_line_
  std::size_t begin_line_ = 1;
  std::optional<Diagnostic> error_;
};

}  // namespace pipecast::csv
