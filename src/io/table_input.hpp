// One interchange file being imported: its header resolved through the
// mapping, then its rows read with typed, positioned access to each field.
#pragma once

#include "pipecast/core/book_builder.hpp"
#include "pipecast/core/calendar.hpp"
#include "pipecast/io/column_mapping.hpp"
#include "io/cell_formats.hpp"
#include "io/chunked_records.hpp"
#include "io/csv_reader.hpp"
#include "io/diagnostic_list.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// A case of a computed field with its columns found in the header (a copy:
/// the mapping it came from may not outlive the rows).
struct ResolvedCase {
  struct Condition {
    int column;
    std::vector<std::string> values;
  };
  std::vector<Condition> when;
  std::string value;
  int column = -1;    // >= 0: the value is this column's cell
  bool never = false;  // a column it names is not in the file
};

/// A field of the current table, resolved once before the rows are read.
struct FieldRef {
  std::string_view name;
  int column = -1;                 // -1: the file has no such column
  const std::string* fallback = nullptr;  // the mapping's default
  const std::map<std::string, std::string, std::less<>>* spellings = nullptr;
  const std::vector<ResolvedCase>* cases = nullptr;  // the mapping's computed cases
  NumberForm form = NumberForm::plain;

  bool present() const { return column >= 0 || fallback != nullptr || cases != nullptr; }
};

class TableInput {
 public:
  /// `keeps_attributes`: unknown columns become attributes (opportunities and
  /// history); elsewhere they are reported as unused in `warnings`.  The rows
  /// are read ahead on `threads` threads (the caller's included); any count
  /// gives the same rows and the same problems.  `content` is UTF-8 text
  /// in `formats` (field separator, numbers, dates).
  TableInput(Table table, const TableMapping& mapping, csv::Text content, const csv::CellFormats& formats,
             DiagnosticList& errors, std::vector<Diagnostic>& warnings, bool keeps_attributes, unsigned threads);
  TableInput(const TableInput&) = delete;
  TableInput& operator=(const TableInput&) = delete;

  bool ok() const { return ok_; }
  const std::string& file() const { return reader_.file_name(); }
  /// At least as many as the rows after the header, as many when no field
  /// holds a line break and no line is blank: to size columns up front.
  std::size_t rows_at_most() const { return rows_at_most_; }

  FieldRef field(std::string_view name) const;
  /// A column by its header, outside the mapping's fields (-1 when absent).
  FieldRef column_named(std::string_view header, NumberForm form = NumberForm::plain) const;
  /// A field computed by `cases` alone (a stage's kind made from the deals).
  FieldRef computed(std::string_view name, const std::vector<ComputedCase>& cases, std::vector<Diagnostic>& warnings);
  const std::vector<std::string>& attribute_names() const { return attribute_names_; }
  /// The header's names, trimmed, in column order.
  const std::vector<std::string>& header() const { return header_; }

  /// Has `f` of every row converted to a number (or a date) by the threads
  /// that read the rows, where number() (date()) finds it ready.  Optional;
  /// before the first next().
  enum class Kind { number, date };
  void convert_ahead(const FieldRef& f, Kind kind);

  /// Moves to the next well-formed row, reporting the malformed ones.
  bool next();

  /// The field's text with the mapping's spellings applied; blank stays blank.
  std::string_view raw(const FieldRef& f) const;
  /// raw(), or the mapping's default when blank.
  std::string_view text(const FieldRef& f) const;
  /// Blank gives kNoAmount (or kNoDay); text that is not a number or a date is
  /// reported and sets ok = false.
  double number(const FieldRef& f, bool& ok);
  double required_number(const FieldRef& f, bool& ok);
  int integer(const FieldRef& f, bool& ok);
  Day date(const FieldRef& f, bool& ok);
  /// The line the current row starts on.
  std::size_t row_line() const { return row_->line; }
  /// The current row's attribute values, in attribute_names() order.
  const std::vector<std::string_view>& attributes();

  void report(const FieldRef& f, std::string message);
  void report(const Rejection& rejection);

 private:
  // True (and counted) for a row the mapping's drop_rows leave out.
  bool left_out(const csv::RecordBatch::Row& row);
  bool resolve_header(const TableMapping& mapping, bool keeps_attributes,
                      std::vector<Diagnostic>& warnings);
  std::vector<ResolvedCase> resolve_cases(std::string_view field, const std::vector<ComputedCase>& cases,
                                          std::vector<bool>& used, std::vector<Diagnostic>& warnings) const;
  void start_rows();
  void convert_batch(csv::RecordBatch& batch) const;
  const double* converted(const FieldRef& f, Kind kind) const;
  int column_of(std::string_view field) const;
  std::string_view field_text(int column) const {
    return batch_->field(*row_, static_cast<std::size_t>(column));
  }

  Table table_;
  csv::Text text_;
  csv::CellFormats formats_;
  csv::Reader reader_;  // reads the header; places the rows' problems
  DiagnosticList& errors_;
  std::vector<Diagnostic>& warnings_;
  bool ok_ = false;
  std::size_t rows_at_most_ = 0;
  unsigned threads_;
  std::vector<csv::Cut> cuts_;  // of the rows, from the scan of the whole file
  struct Ahead {
    FieldRef field;
    Kind kind;
  };
  std::vector<Ahead> ahead_;  // fields converted by the reading threads
  std::vector<std::string> header_;
  std::map<std::string, int, std::less<>> field_columns_;  // field -> column
  std::map<std::string, std::string, std::less<>> defaults_;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> spellings_;
  std::map<std::string, std::vector<ResolvedCase>, std::less<>> cases_;  // by field
  std::map<std::string, NumberForm, std::less<>> forms_;                  // by field
  std::map<std::string, int, std::less<>> header_columns_;                // header -> column
  std::vector<std::unique_ptr<std::vector<ResolvedCase>>> extra_cases_;   // of computed()
  std::vector<int> attribute_columns_;
  std::vector<std::string> attribute_names_;
  struct Drop {
    int column;
    std::vector<std::string> values;
    bool keep = false;  // keep_rows: the row is left out unless its cell is one of the values
  };
  std::vector<Drop> drops_;   // the mapping's drop_rows and keep_rows, by column
  std::size_t dropped_ = 0;   // rows left out so far
  std::vector<std::string_view> attributes_;
  // Last, so destroyed first: its helper threads read the members above.
  std::unique_ptr<csv::ChunkedRecords> records_;
  const csv::RecordBatch* batch_ = nullptr;     // the chunk being read
  std::size_t next_row_ = 0;                    // in batch_
  const csv::RecordBatch::Row* row_ = nullptr;  // the current row
};

}  // namespace pipecast
