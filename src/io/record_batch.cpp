#include "io/record_batch.hpp"

#include <functional>

namespace pipecast::csv {

void RecordBatch::read(Reader& reader) {
  fields.clear();
  offsets.clear();
  rows.clear();
  problems.clear();
  unescaped.clear();
  values.clear();
  error.reset();
  first = reader.position();
  Record record;
  while (reader.next(record)) add(record, reader.text());
  stop = reader.position();
  stop_line = reader.line();
  error = reader.error();
}

void RecordBatch::add(Record& record, std::string_view text) {
  Row row{fields.size(), record.fields.size(), record.line, record.start, -1};
  if (record.problem) {
    row.problem = static_cast<std::int64_t>(problems.size());
    problems.push_back(std::move(*record.problem));
  }
  for (std::string_view field : record.fields) {
    // A field that held doubled quotes lives in the reader's buffer for this
    // record only: keep a copy.  (std::less orders any two pointers.)
    const std::less<const char*> before;
    const bool in_text = field.empty() || (!before(field.data(), text.data()) &&
                                           before(field.data(), text.data() + text.size()));
    fields.push_back(in_text ? field : std::string_view(unescaped.emplace_back(field)));
  }
  offsets.insert(offsets.end(), record.offsets.begin(), record.offsets.end());
  rows.push_back(row);
}

}  // namespace pipecast::csv
