#include "book_source.hpp"

#include "pipecast/io/csv_book.hpp"
#include "pipecast/snapshot.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pipecast::cli {
namespace {

std::string preset_list() {
  std::string out;
  for (const auto& name : ColumnMapping::preset_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

ColumnMapping load_mapping(const std::string& name) {
  if (std::filesystem::is_regular_file(name)) {
    std::ifstream file(name, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return ColumnMapping::from_json(text.str(), name);
  }
  if (auto preset = ColumnMapping::preset(name)) return *preset;
  throw std::runtime_error("--map " + name + ": no such file, and no preset of that name (presets: " +
                           preset_list() + ")");
}

}  // namespace

void BookSource::add_options(CLI::App& command) {
  command.add_option("DATA", data, "Book directory (CSV files) or snapshot file")->required();
  command.add_option("--map", mapping,
                     "Column mapping for a CRM export: a JSON mapping file, or a preset (" +
                         preset_list() + ")");
}

Book BookSource::load(std::vector<Diagnostic>* warnings) const {
  const std::filesystem::path path(data);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    ImportOptions options;
    if (!mapping.empty()) options.mapping = load_mapping(mapping);
    ImportResult result = import_csv_directory(path, options);
    if (warnings) *warnings = std::move(result.warnings);
    return std::move(result.book);
  }
  if (!std::filesystem::exists(path, ec)) throw std::runtime_error(data + ": no such file or directory");
  if (!mapping.empty()) throw std::runtime_error("--map applies to a CSV directory, not to a snapshot");
  if (!looks_like_snapshot(path))
    throw std::runtime_error(data + ": neither a book directory nor a pipecast snapshot");
  return load_snapshot(path);
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

}  // namespace pipecast::cli
