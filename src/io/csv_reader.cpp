#include "io/csv_reader.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace pipecast::csv {
namespace {

constexpr std::size_t npos = std::string::npos;

bool ends_field(char c, char delimiter) { return c == delimiter || c == '\n' || c == '\r'; }

// Where an unquoted field that starts at `at` ends: its separator, a line
// break or a quote.  One loop per separator, so that each compares with
// constants (one test of a bit mask): a separator read from memory made a
// one-thread import 10% slower (measured, import_benchmark at 10^5 deals).
template <char Separator>
std::size_t unquoted_end(std::string_view data, std::size_t at) {
  const std::size_t n = data.size();
  while (at < n) {
    const char c = data[at];
    if (c == Separator || c == '\n' || c == '\r' || c == '"') break;
    ++at;
  }
  return at;
}

std::size_t unquoted_end(std::string_view data, std::size_t at, char separator) {
  switch (separator) {
    case ',': return unquoted_end<','>(data, at);
    case ';': return unquoted_end<';'>(data, at);
    case '\t': return unquoted_end<'\t'>(data, at);
    case '|': return unquoted_end<'|'>(data, at);
    default:
      while (at < data.size() && !ends_field(data[at], separator) && data[at] != '"') ++at;
      return at;
  }
}

}  // namespace

std::string hex_byte(unsigned char b) {
  static const char digits[] = "0123456789ABCDEF";
  return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

std::size_t count_line_breaks(std::string_view text) {
  auto breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));  // vectorised
  // A lone \r ends a line too (\r\n was counted at its \n); most files have none.
  for (std::size_t r = text.find('\r'); r != npos; r = text.find('\r', r + 1))
    if (r + 1 == text.size() || text[r + 1] != '\n') ++breaks;
  return breaks;
}

std::size_t text_start(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

std::string bad_byte_message(unsigned char byte) {
  return byte == 0 ? "NUL byte: this is not a text file"
                   : "byte " + hex_byte(byte) +
                         " is not UTF-8 (save the export as UTF-8, or name its encoding in a mapping: "
                         "\"encoding\": \"windows-1252\")";
}

Reader::Reader(Text text, std::string file_name, char delimiter)
    : text_(std::move(text)), data_(text_.view()), file_(std::move(file_name)), delimiter_(delimiter) {
  pos_ = text_start(data_);
  end_ = data_.size();
  if (const std::size_t bad = first_bad_byte(data_); bad != kAllGood)
    error_ = locate(1, 0, bad, bad_byte_message(static_cast<unsigned char>(data_[bad])));
}

Reader::Reader(std::string_view text, std::string file_name, Range range, char delimiter)
    : text_(std::string()), data_(text), file_(std::move(file_name)), delimiter_(delimiter) {
  pos_ = begin_ = std::min(range.begin, data_.size());
  end_ = std::min(range.end, data_.size());
  line_ = begin_line_ = range.line;
  skip_blank_lines();
}

void Reader::fail(std::size_t offset, std::string message) {
  // Lines are counted from where this reader started, not from the file's
  // start: a reader of the last chunk of a big file need not count them all.
  error_ = locate(begin_line_, begin_, offset, std::move(message));
}

std::size_t Reader::line_start(std::size_t offset) const {
  while (offset > 0 && data_[offset - 1] != '\n' && data_[offset - 1] != '\r') --offset;
  return offset;
}

Diagnostic Reader::locate(std::size_t line, std::size_t from, std::size_t offset,
                          std::string message) const {
  // `line` is the line of byte `from`; count the line breaks up to `offset`.
  for (std::size_t i = from; i < offset; ++i)
    if (data_[i] == '\n' || (data_[i] == '\r' && (i + 1 >= data_.size() || data_[i + 1] != '\n')))
      ++line;
  std::size_t column = 1;
  for (std::size_t i = line_start(offset); i < offset; ++i)
    if ((static_cast<unsigned char>(data_[i]) & 0xC0) != 0x80) ++column;  // count characters
  return Diagnostic{file_, line, column, std::move(message)};
}

Diagnostic Reader::at(const Record& record, std::size_t index, std::string message) const {
  return locate(record.line, record.start, record.offsets[index], std::move(message));
}

Diagnostic Reader::at(const Record& record, std::string message) const {
  return Diagnostic{file_, record.line, 1, std::move(message)};
}

bool Reader::read_quoted(Record& record) {
  const std::size_t open = pos_;
  const std::size_t start = pos_ + 1;
  std::string* unescaped = nullptr;  // only for a field with doubled quotes
  std::size_t read = start;
  for (;;) {
    const std::size_t quote = data_.find('"', read);
    if (quote == npos) {
      fail(open, "quoted field never closes (a quote is missing)");
      return false;
    }
    for (std::size_t i = read; i < quote; ++i)
      if (data_[i] == '\n' || (data_[i] == '\r' && data_[i + 1] != '\n')) ++line_;
    if (quote + 1 < data_.size() && data_[quote + 1] == '"') {  // "" stands for "
      if (!unescaped) unescaped = &unescaped_.emplace_back();
      unescaped->append(data_.substr(read, quote + 1 - read));
      read = quote + 2;
      continue;
    }
    if (unescaped) {
      unescaped->append(data_.substr(read, quote - read));
      record.fields.emplace_back(*unescaped);
    } else {
      record.fields.emplace_back(data_.substr(start, quote - start));
    }
    record.offsets.push_back(open);
    pos_ = quote + 1;
    return true;
  }
}

bool Reader::next(Record& record) {
  record.fields.clear();
  record.offsets.clear();
  record.problem.reset();
  unescaped_.clear();
  if (error_) return false;
  const std::size_t n = data_.size();
  skip_blank_lines();
  if (pos_ >= end_) return false;
  record.line = line_;
  record.start = pos_;
  for (;;) {
    if (record.fields.size() == kMaxFields) {
      record.problem = locate(record.line, record.start, pos_,
                                 "row has more than " + std::to_string(kMaxFields) +
                                     " fields, the most pipecast reads (is this a CSV file?)");
      skip_line();
      return true;
    }
    if (data_[pos_] == '"') {
      if (!read_quoted(record)) return false;
      if (pos_ < n && !ends_field(data_[pos_], delimiter_)) {
        const Diagnostic opened = locate(record.line, record.start, record.offsets.back(), {});
        record.problem = locate(
            record.line, record.start, pos_,
            "text after the closing quote of the field opened at line " + std::to_string(opened.line) +
                ", column " + std::to_string(opened.column) +
                " (a quote inside a quoted field must be doubled)");
        skip_line();
        return true;
      }
    } else {
      const std::size_t end = unquoted_end(data_, pos_, delimiter_);
      if (end < n && data_[end] == '"') {
        record.problem = locate(record.line, record.start, end,
                                   "quote inside an unquoted field (quote the whole field "
                                   "and double the quote)");
        pos_ = end;
        skip_line();
        return true;
      }
      record.fields.emplace_back(data_.substr(pos_, end - pos_));
      record.offsets.push_back(pos_);
      pos_ = end;
    }
    if (pos_ >= n) return true;
    const char c = data_[pos_++];
    if (c == delimiter_) {
      if (pos_ >= n) {  // a trailing separator at the very end: one more, empty field
        record.fields.emplace_back();
        record.offsets.push_back(pos_);
        return true;
      }
      continue;
    }
    if (c == '\r' && pos_ < n && data_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

void Reader::skip_blank_lines() {
  const std::size_t n = data_.size();
  while (pos_ < n && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n' || pos_ + 1 >= n || data_[pos_ + 1] != '\n') ++line_;
    ++pos_;
  }
}

void Reader::skip_line() {
  const std::size_t n = data_.size();
  while (pos_ < n && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
}

}  // namespace pipecast::csv
