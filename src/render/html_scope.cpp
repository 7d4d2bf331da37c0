// What the report looks at, in words, and the note for sections that look at
// more: the forecast and the backtest are fitted and scored on the whole
// book, so in a report narrowed to a pipeline or a segment their figures
// would otherwise pass for the segment's.
#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

namespace pipecast::render::sections {

std::string scope_text(const Report& r) {
  std::string out = r.pipeline.empty() ? "all pipelines" : "pipeline " + r.pipeline;
  for (const Filter& f : r.filters) out += ", " + f.field + " = " + f.value;
  return out;
}

std::string whole_book_note(const Report& r, bool whole_book, std::string_view section) {
  if (!whole_book || (r.pipeline.empty() && r.filters.empty())) return {};
  std::string narrowed = r.pipeline.empty() ? "" : "pipeline " + r.pipeline;
  for (const Filter& f : r.filters) narrowed += (narrowed.empty() ? "" : ", ") + f.field + " = " + f.value;
  return "<p class=\"scope-note\">" +
         html::text("Whole company: the " + std::string(section) +
                    " is made from every deal of the book; the report's " + narrowed + " does not apply to it.") +
         "</p>\n";
}

}  // namespace pipecast::render::sections
