#include "book_source.hpp"

#include "commands.hpp"

#include "pipecast/forecast/forecast_movement.hpp"
#include "pipecast/io/book_loader.hpp"


namespace pipecast::cli {
namespace {

std::string preset_list() {
  std::string out;
  for (const auto& name : ColumnMapping::preset_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

void BookSource::add_options(CLI::App& command) {
  command.add_option("DATA", data, "Book directory (CSV files) or snapshot file")->required();
  command.add_option("--map", mapping,
                     "Column mapping for a CRM export: a JSON mapping file, or a preset (" +
                         preset_list() + ")");
}

ImportResult BookSource::import() const { return load_book(data, mapping); }

Book BookSource::load(std::vector<Diagnostic>* warnings) const {
  ImportResult result = import();
  if (warnings) *warnings = std::move(result.warnings);
  return std::move(result.book);
}

CLI::Validator date_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return parse_day(text) ? std::string() : "'" + text + "' is not a date (expected YYYY-MM-DD)";
      },
      "DATE");
}

Day resolve_as_of(const std::string& text, const Book& book) {
  if (text.empty()) {
    const Day latest = book.latest_day();
    if (latest == kNoDay) throw std::runtime_error("the book is empty: give --as-of");
    return latest;
  }
  if (const auto day = parse_day(text)) return *day;
  throw std::runtime_error("--as-of " + text + ": not a date (expected YYYY-MM-DD)");
}

Day resolve_since(const std::string& text, const Book& book, Day as_of) {
  const auto day = parse_day(text);
  if (!day) throw UsageError("--since " + text + ": not a date (expected YYYY-MM-DD)");
  try {
    check_since(book, *day, as_of);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--since " + text + ": " + e.what());
  }
  return *day;
}

}  // namespace pipecast::cli
