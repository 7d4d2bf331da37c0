#include "io/table_input.hpp"

#include "io/name_pattern.hpp"
#include "io/table_fields.hpp"
#include "core/quoted_text.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast {
namespace {

// Chunks of half a megabyte: a few thousand rows, enough to make handing
// them between threads cheap, few enough that the chunks read ahead stay
// small and in cache.
constexpr std::size_t kChunkBytes = std::size_t{1} << 19;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// What number_cell() and day_cell() give for text that is not a number or not a
// date (no number parses to it): number() and date() then report the text.
constexpr double kUnreadable = std::numeric_limits<double>::infinity();

double number_cell(std::string_view text, const csv::CellFormats& formats, NumberForm form) {
  std::string_view value = trim(text);
  if (value.empty()) return kNoAmount;
  if (form == NumberForm::percent && value.back() == '%') value = trim(value.substr(0, value.size() - 1));
  const auto number = csv::read_number(value, formats);
  if (!number) return kUnreadable;
  switch (form) {
    case NumberForm::plain: return *number;
    case NumberForm::percent: return *number / 100.0;
    case NumberForm::inverse: return *number == 0.0 ? kUnreadable : 1.0 / *number;
  }
  return *number;
}

// A Day as a double (exact), kNoDay when blank.
double day_cell(std::string_view text, const csv::CellFormats& formats) {
  const std::string_view value = trim(text);
  if (value.empty()) return kNoDay;
  if (const auto day = csv::read_date(value, formats.dates)) return *day;
  return kUnreadable;
}

// The cell a field takes from a row: the value of the first of its computed
// cases whose conditions the row meets, else its own column's cell.
std::string_view cell_of(const FieldRef& f, const csv::RecordBatch& batch, const csv::RecordBatch::Row& row) {
  if (f.cases) {
    for (const ResolvedCase& c : *f.cases) {
      if (c.never) continue;
      const bool applies = std::all_of(c.when.begin(), c.when.end(), [&](const ResolvedCase::Condition& k) {
        const std::string_view cell = trim(batch.field(row, static_cast<std::size_t>(k.column)));
        return std::any_of(k.values.begin(), k.values.end(), [&](const std::string& v) { return matches_value(v, cell); });
      });
      if (applies) return c.column >= 0 ? batch.field(row, static_cast<std::size_t>(c.column)) : std::string_view(c.value);
    }
  }
  return f.column >= 0 ? batch.field(row, static_cast<std::size_t>(f.column)) : std::string_view{};
}

// A field's text with the mapping's spellings applied, then its default when
// blank: the text of TableInput::text().
std::string_view spelled(const FieldRef& f, std::string_view value) {
  if (f.spellings) {
    if (const auto it = f.spellings->find(value); it != f.spellings->end()) return it->second;
  }
  return value;
}

std::string_view or_fallback(const FieldRef& f, std::string_view value) {
  return value.empty() && f.fallback ? std::string_view(*f.fallback) : value;
}

}  // namespace

TableInput::TableInput(Table table, const TableMapping& mapping, csv::Text content, const csv::CellFormats& formats,
                       DiagnosticList& errors, std::vector<Diagnostic>& warnings,
                       bool keeps_attributes, unsigned threads)
    : table_(table),
      text_(std::move(content)),
      formats_(formats),
      reader_(text_.view(), mapping.file, csv::Range{csv::text_start(text_.view())}, formats.delimiter),
      errors_(errors),
      warnings_(warnings),
      threads_(threads) {
  for (const auto& [field, value] : mapping.defaults) defaults_[field] = value;
  for (const auto& [field, map] : mapping.values)
    for (const auto& [from, to] : map) spellings_[field][from] = to;
  for (const auto& [field, form] : mapping.read_as) forms_[field] = form;
  // The whole file is checked before its header is read, as a single reader
  // would: a bad byte is the file's only error.
  const csv::TextScan scan = csv::scan_text(text_.view(), kChunkBytes, threads);
  if (scan.bad_byte != kAllGood) {
    const auto byte = static_cast<unsigned char>(text_.view()[scan.bad_byte]);
    errors_.add(reader_.locate(1, 0, scan.bad_byte, csv::bad_byte_message(byte)));
    return;
  }
  ok_ = resolve_header(mapping, keeps_attributes, warnings);
  if (!ok_) return;
  const std::string_view text = text_.view();
  const bool ends_with_break = !text.empty() && (text.back() == '\n' || text.back() == '\r');
  rows_at_most_ = scan.line_breaks - (reader_.line() - 1) + (ends_with_break ? 0 : 1);
  cuts_ = scan.cuts;
}

void TableInput::convert_ahead(const FieldRef& f, Kind kind) {
  if (records_) throw std::logic_error("TableInput::convert_ahead after the rows started");
  if (f.column >= 0 || f.cases) ahead_.push_back(Ahead{f, kind});
}

// Runs on the thread that read the batch: reads only what is fixed once the
// rows started (the header, ahead_ and the mapping's spellings).
void TableInput::convert_batch(csv::RecordBatch& batch) const {
  batch.values.resize(batch.rows.size() * ahead_.size());
  double* out = batch.values.data();
  for (const csv::RecordBatch::Row& row : batch.rows) {
    const bool well_formed = row.problem < 0 && row.field_count == header_.size();
    for (const Ahead& a : ahead_) {
      if (!well_formed) {
        *out++ = 0;  // never read: next() skips the row
        continue;
      }
      const std::string_view value = or_fallback(a.field, spelled(a.field, cell_of(a.field, batch, row)));
      *out++ = a.kind == Kind::date ? day_cell(value, formats_) : number_cell(value, formats_, a.field.form);
    }
  }
}

const double* TableInput::converted(const FieldRef& f, Kind kind) const {
  for (std::size_t k = 0; k < ahead_.size(); ++k)
    if (ahead_[k].kind == kind && ahead_[k].field.column == f.column && ahead_[k].field.name == f.name &&
        ahead_[k].field.cases == f.cases)
      return &batch_->values[(next_row_ - 1) * ahead_.size() + k];
  return nullptr;
}

void TableInput::start_rows() {
  const csv::Range rows{reader_.position(), std::string_view::npos, reader_.line()};
  csv::ChunkedRecords::Prepare prepare;
  if (!ahead_.empty()) prepare = [this](csv::RecordBatch& batch) { convert_batch(batch); };
  records_ = std::make_unique<csv::ChunkedRecords>(text_.view(), file(), rows, formats_.delimiter, cuts_, threads_,
                                                   std::move(prepare));
  cuts_ = {};
  batch_ = records_->next();
}

bool TableInput::resolve_header(const TableMapping& mapping, bool keeps_attributes,
                                std::vector<Diagnostic>& warnings) {
  csv::Record header;
  if (!reader_.next(header)) {
    errors_.add(reader_.error() ? *reader_.error()
                                : Diagnostic{file(), 1, 1, "the file is empty (a header row is required)"});
    return false;
  }
  if (header.problem) {
    errors_.add(*header.problem);
    return false;
  }
  bool good = true;
  std::map<std::string, int, std::less<>> columns;
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string name(trim(header.fields[c]));
    if (name.empty()) {
      errors_.add(reader_.at(header, c, "column " + std::to_string(c + 1) + " of the header has no name"));
      good = false;
    } else if (!columns.emplace(name, static_cast<int>(c)).second) {
      errors_.add(reader_.at(header, c, "column " + in_quotes(name) + " appears twice in the header"));
      good = false;
    }
    header_.push_back(name);
  }
  header_columns_ = columns;
  std::vector<bool> used(header.fields.size(), false);
  for (const auto& [field, cases] : mapping.computed) cases_[field] = resolve_cases(field, cases, used, warnings);
  for (const auto& spec : fields_of(table_)) {
    const auto mapped = mapping.columns.find(std::string(spec.name));
    const std::string wanted = mapped != mapping.columns.end() ? mapped->second : std::string(spec.name);
    if (const auto it = columns.find(wanted); it != columns.end()) {
      field_columns_[std::string(spec.name)] = it->second;
      used[static_cast<std::size_t>(it->second)] = true;
    } else if (spec.required && !defaults_.contains(spec.name) && !cases_.contains(spec.name)) {
      std::string message = "missing required column " + in_quotes(wanted);
      if (wanted != spec.name) message += " (mapped to " + std::string(spec.name) + ")";
      errors_.add(Diagnostic{file(), header.line, 1, message});
      good = false;
    }
  }
  for (const auto& [name, values] : mapping.drop_rows) {
    if (const auto it = columns.find(name); it != columns.end()) {
      drops_.push_back(Drop{it->second, values});
      used[static_cast<std::size_t>(it->second)] = true;
    } else {
      warnings.push_back(Diagnostic{file(), header.line, 1,
                                    "drop_rows: no column " + in_quotes(name) + ": no row is left out by it"});
    }
  }
  for (const auto& [name, values] : mapping.keep_rows) {
    if (const auto it = columns.find(name); it != columns.end()) {
      drops_.push_back(Drop{it->second, values, true});
      used[static_cast<std::size_t>(it->second)] = true;
    } else {
      errors_.add(Diagnostic{file(), header.line, 1, "keep_rows: no column " + in_quotes(name) + " to keep rows by"});
      good = false;
    }
  }
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (used[c] || header_[c].empty()) continue;
    if (std::any_of(mapping.ignore.begin(), mapping.ignore.end(),
                    [&](const std::string& ignored) { return matches_pattern(ignored, header_[c]); }))
      continue;
    if (keeps_attributes) {
      attribute_columns_.push_back(static_cast<int>(c));
      attribute_names_.push_back(header_[c]);
    } else {
      warnings.push_back(reader_.at(header, c, "column " + in_quotes(header_[c]) + " is not used"));
    }
  }
  return good;
}

std::vector<ResolvedCase> TableInput::resolve_cases(std::string_view field, const std::vector<ComputedCase>& cases,
                                                     std::vector<bool>& used, std::vector<Diagnostic>& warnings) const {
  std::vector<ResolvedCase> out;
  const auto column = [&](const std::string& header, ResolvedCase& c) {
    if (const auto it = header_columns_.find(header); it != header_columns_.end()) {
      used[static_cast<std::size_t>(it->second)] = true;
      return it->second;
    }
    warnings.push_back(Diagnostic{file(), 1, 1,
                                  "computed " + std::string(field) + ": no column " + in_quotes(header) +
                                      ": a case that names it never applies"});
    c.never = true;
    return -1;
  };
  for (const ComputedCase& spec : cases) {
    ResolvedCase c;
    c.value = spec.value;
    for (const auto& [header, values] : spec.when) c.when.push_back({column(header, c), values});
    if (!spec.column.empty()) c.column = column(spec.column, c);
    out.push_back(std::move(c));
  }
  return out;
}

FieldRef TableInput::column_named(std::string_view header, NumberForm form) const {
  FieldRef f;
  f.name = header;
  if (const auto it = header_columns_.find(header); it != header_columns_.end()) f.column = it->second;
  f.form = form;
  return f;
}

FieldRef TableInput::computed(std::string_view name, const std::vector<ComputedCase>& cases,
                              std::vector<Diagnostic>& warnings) {
  std::vector<bool> used(header_.size(), false);
  extra_cases_.push_back(std::make_unique<std::vector<ResolvedCase>>(resolve_cases(name, cases, used, warnings)));
  FieldRef f;
  f.name = name;
  f.cases = extra_cases_.back().get();
  return f;
}

int TableInput::column_of(std::string_view field) const {
  const auto it = field_columns_.find(field);
  return it == field_columns_.end() ? -1 : it->second;
}

FieldRef TableInput::field(std::string_view name) const {
  FieldRef f;
  f.name = name;
  f.column = column_of(name);
  if (const auto it = defaults_.find(name); it != defaults_.end()) f.fallback = &it->second;
  if (const auto it = spellings_.find(name); it != spellings_.end()) f.spellings = &it->second;
  if (const auto it = cases_.find(name); it != cases_.end()) f.cases = &it->second;
  if (const auto it = forms_.find(name); it != forms_.end()) f.form = it->second;
  return f;
}

bool TableInput::next() {
  if (!ok_) return false;
  if (!records_) start_rows();
  while (batch_) {
    if (next_row_ == batch_->rows.size()) {  // on to the next chunk
      if (batch_->error) errors_.add(*batch_->error);
      batch_ = records_->next();
      next_row_ = 0;
      continue;
    }
    const csv::RecordBatch::Row& row = batch_->rows[next_row_++];
    if (row.problem >= 0) {
      errors_.add(batch_->problems[static_cast<std::size_t>(row.problem)]);
    } else if (row.field_count != header_.size()) {
      errors_.add(Diagnostic{file(), row.line, 1,
                             "row has " + std::to_string(row.field_count) + " fields, the header has " +
                                 std::to_string(header_.size())});
    } else if (!left_out(row)) {
      row_ = &row;
      return true;
    }
    if (errors_.full()) return false;
  }
  if (dropped_ > 0) {
    std::string columns;
    bool drops = false, keeps = false;
    for (const Drop& d : drops_) {
      columns += (columns.empty() ? "" : ", ") + header_[static_cast<std::size_t>(d.column)];
      (d.keep ? keeps : drops) = true;
    }
    const char* keys = drops && keeps ? "drop_rows and keep_rows" : keeps ? "keep_rows" : "drop_rows";
    warnings_.push_back(Diagnostic{file(), 0, 0,
                                   std::to_string(dropped_) + (dropped_ == 1 ? " row" : " rows") +
                                       " left out by the mapping's " + keys + " (" + columns + ")"});
    dropped_ = 0;
  }
  return false;
}

bool TableInput::left_out(const csv::RecordBatch::Row& row) {
  for (const Drop& d : drops_) {
    const std::string_view cell = trim(batch_->field(row, static_cast<std::size_t>(d.column)));
    const bool listed =
        std::any_of(d.values.begin(), d.values.end(), [&](const std::string& v) { return matches_value(v, cell); });
    if (listed != d.keep) {
      ++dropped_;
      return true;
    }
  }
  return false;
}

std::string_view TableInput::raw(const FieldRef& f) const {
  if (f.column < 0 && !f.cases) return {};
  return spelled(f, cell_of(f, *batch_, *row_));
}

std::string_view TableInput::text(const FieldRef& f) const { return or_fallback(f, raw(f)); }

double TableInput::number(const FieldRef& f, bool& ok) {
  const double* ready = converted(f, Kind::number);
  const double value = ready ? *ready : number_cell(text(f), formats_, f.form);
  if (value == kUnreadable) {
    const std::string_view cell = trim(text(f));
    // A comma where a dot is expected (a decimal comma, or thousands): say
    // how to declare either.
    if (f.form == NumberForm::inverse && csv::read_number(cell, formats_)) {
      report(f, in_quotes(cell) + " has no inverse (the mapping reads this column as 1 / the number)");
      ok = false;
      return kNoAmount;
    }
    const bool comma = formats_.decimal == '.' && csv::read_number(cell, csv::CellFormats{',', ',', 0, formats_.dates});
    report(f, in_quotes(cell) + " is not a number (" + csv::expected_number(formats_) +
                  (comma ? "; a mapping declares other forms: \"decimal\": \",\" or \"thousands\": \",\"" : "") +
                  ")");
    ok = false;
    return kNoAmount;
  }
  return value;
}

double TableInput::required_number(const FieldRef& f, bool& ok) {
  const double value = number(f, ok);
  if (ok && is_blank(value)) {
    report(f, "is blank");
    ok = false;
  }
  return value;
}

int TableInput::integer(const FieldRef& f, bool& ok) {
  const std::string_view value = trim(text(f));
  int parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
    report(f, value.empty() ? std::string("is blank") : in_quotes(value) + " is not a whole number");
    ok = false;
  }
  return parsed;
}

Day TableInput::date(const FieldRef& f, bool& ok) {
  const double* ready = converted(f, Kind::date);
  const double value = ready ? *ready : day_cell(text(f), formats_);
  if (value == kUnreadable) {
    report(f, in_quotes(trim(text(f))) + " is not a date (expected " + std::string(csv::expected_date(formats_.dates)) +
                  ")");
    ok = false;
    return kNoDay;
  }
  return static_cast<Day>(value);
}

const std::vector<std::string_view>& TableInput::attributes() {
  attributes_.clear();
  for (int c : attribute_columns_) attributes_.push_back(field_text(c));
  return attributes_;
}

void TableInput::report(const FieldRef& f, std::string message) {
  std::string text = std::string(f.name) + ": " + message;
  if (f.column < 0) {
    errors_.add(Diagnostic{file(), row_->line, 1, std::move(text)});
  } else {
    const std::size_t offset = batch_->offsets[row_->first_field + static_cast<std::size_t>(f.column)];
    errors_.add(reader_.locate(row_->line, row_->start, offset, std::move(text)));
  }
}

void TableInput::report(const Rejection& rejection) {
  FieldRef f = field(rejection.field);
  f.name = rejection.field;
  report(f, rejection.message);
}

}  // namespace pipecast
