#include "io/table_input.hpp"

#include "io/table_fields.hpp"
#include "quoted_text.hpp"

#include <algorithm>
#include <charconv>

namespace pipecast {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

TableInput::TableInput(Table table, const TableMapping& mapping, csv::Text content,
                       DiagnosticList& errors, std::vector<Diagnostic>& warnings,
                       bool keeps_attributes)
    : table_(table), reader_(std::move(content), mapping.file), errors_(errors) {
  for (const auto& [field, value] : mapping.defaults) defaults_[field] = value;
  for (const auto& [field, map] : mapping.values)
    for (const auto& [from, to] : map) spellings_[field][from] = to;
  ok_ = resolve_header(mapping, keeps_attributes, warnings);
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
  std::vector<bool> used(header.fields.size(), false);
  for (const auto& spec : fields_of(table_)) {
    const auto mapped = mapping.columns.find(std::string(spec.name));
    const std::string wanted = mapped != mapping.columns.end() ? mapped->second : std::string(spec.name);
    if (const auto it = columns.find(wanted); it != columns.end()) {
      field_columns_[std::string(spec.name)] = it->second;
      used[static_cast<std::size_t>(it->second)] = true;
    } else if (spec.required && !defaults_.contains(spec.name)) {
      std::string message = "missing required column " + in_quotes(wanted);
      if (wanted != spec.name) message += " (mapped to " + std::string(spec.name) + ")";
      errors_.add(Diagnostic{file(), header.line, 1, message});
      good = false;
    }
  }
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (used[c] || header_[c].empty()) continue;
    if (std::find(mapping.ignore.begin(), mapping.ignore.end(), header_[c]) != mapping.ignore.end()) continue;
    if (keeps_attributes) {
      attribute_columns_.push_back(static_cast<int>(c));
      attribute_names_.push_back(header_[c]);
    } else {
      warnings.push_back(reader_.at(header, c, "column " + in_quotes(header_[c]) + " is not used"));
    }
  }
  return good;
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
  return f;
}

std::size_t TableInput::rows_at_most() const {
  return csv::count_line_breaks(reader_.rest()) + 1;
}

bool TableInput::next() {
  while (reader_.next(record_)) {
    if (record_.problem) {
      errors_.add(*record_.problem);
    } else if (record_.fields.size() != header_.size()) {
      errors_.add(reader_.at(record_, "row has " + std::to_string(record_.fields.size()) +
                                          " fields, the header has " + std::to_string(header_.size())));
    } else {
      return true;
    }
    if (errors_.full()) return false;
  }
  if (reader_.error()) errors_.add(*reader_.error());
  return false;
}

std::string_view TableInput::raw(const FieldRef& f) const {
  if (f.column < 0) return {};
  std::string_view value = record_.fields[static_cast<std::size_t>(f.column)];
  if (f.spellings) {
    if (const auto it = f.spellings->find(value); it != f.spellings->end()) return it->second;
  }
  return value;
}

std::string_view TableInput::text(const FieldRef& f) const {
  const std::string_view value = raw(f);
  if (value.empty() && f.fallback) return *f.fallback;
  return value;
}

double TableInput::number(const FieldRef& f, bool& ok) {
  const std::string_view value = trim(text(f));
  if (value.empty()) return kNoAmount;
  double parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(parsed)) {
    report(f, in_quotes(value) + " is not a number (write digits with a dot for decimals, "
                              "no thousands separators or currency signs)");
    ok = false;
    return kNoAmount;
  }
  return parsed;
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
  const std::string_view value = trim(text(f));
  if (value.empty()) return kNoDay;
  if (const auto day = parse_day(value)) return *day;
  report(f, in_quotes(value) + " is not a date (expected YYYY-MM-DD)");
  ok = false;
  return kNoDay;
}

const std::vector<std::string_view>& TableInput::attributes() {
  attributes_.clear();
  for (int c : attribute_columns_) attributes_.push_back(record_.fields[static_cast<std::size_t>(c)]);
  return attributes_;
}

void TableInput::report(const FieldRef& f, std::string message) {
  std::string text = std::string(f.name) + ": " + message;
  if (f.column < 0) errors_.add(reader_.at(record_, std::move(text)));
  else errors_.add(reader_.at(record_, static_cast<std::size_t>(f.column), std::move(text)));
}

void TableInput::report(const Rejection& rejection) {
  FieldRef f = field(rejection.field);
  f.name = rejection.field;
  report(f, rejection.message);
}

}  // namespace pipecast
