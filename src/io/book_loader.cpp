#include "pipecast/io/book_loader.hpp"

#include "pipecast/storage/snapshot.hpp"
#include "io/name_pattern.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

namespace pipecast {
namespace {

namespace fs = std::filesystem;

std::string preset_list() {
  std::string list;
  for (const auto& name : ColumnMapping::preset_names()) list += (list.empty() ? "" : ", ") + name;
  return list.empty() ? "none" : list;
}

std::string read_text_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "cannot open " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::system_error(EIO, std::generic_category(), "cannot read " + file.string());
  return std::move(text).str();
}

ImportResult load_snapshot_file(const fs::path& file) {
  if (!looks_like_snapshot(file))
    throw ImportError({Diagnostic{file.string(), 0, 0, "neither a book directory nor a pipecast snapshot"}});
  try {
    return ImportResult{load_snapshot(file), {}, {}};
  } catch (const std::system_error&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw ImportError({Diagnostic{{}, 0, 0, e.what()}});  // the message names the file
  }
}

// The file's first line (at most 64 KiB of it).
std::string first_line(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line(std::size_t{1} << 16, '\0');
  in.read(line.data(), static_cast<std::streamsize>(line.size()));
  line.resize(static_cast<std::size_t>(in.gcount()));
  return line.substr(0, line.find_first_of("\r\n"));
}

// 1 + the preset's opportunity headers found in its file's first line; 0
// when the folder has no file of the preset's name.
std::size_t score(const ColumnMapping& mapping, const std::vector<std::filesystem::path>& files) {
  const TableMapping deals = mapping.table(Table::opportunities);
  for (const auto& file : files) {
    if (!matches_pattern(deals.file, file.filename().string())) continue;
    const std::string header = first_line(file);
    std::size_t found = 1;
    for (const auto& [field, column] : deals.columns) found += header.find(column) != std::string::npos;
    return found;
  }
  return 0;
}

// The preset whose opportunities file is in `directory` with the most of
// its headers in that file's first line; nullopt when no preset's file is.
// Reads only the start of each candidate file.
std::optional<std::string> preset_matching(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
    if (entry.is_regular_file(ec)) files.push_back(entry.path());
  std::optional<std::string> best;
  std::size_t best_score = 0;
  for (const std::string& name : ColumnMapping::preset_names()) {
    const std::size_t s = score(*ColumnMapping::preset(name), files);
    if (s > best_score) best = name, best_score = s;
  }
  return best;
}

// A mapping applied to the wrong export: when the files or columns it names
// are missing and the folder looks like another preset's export, say which.
ImportError with_preset_hint(const ImportError& error, const fs::path& directory, std::string_view mapping) {
  const auto& problems = error.diagnostics();
  const bool missing = std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) {
    return d.message.starts_with("required file is missing") || d.message.starts_with("missing required column");
  });
  const auto preset = missing ? preset_matching(directory) : std::nullopt;
  if (!preset || *preset == mapping) return error;
  std::vector<Diagnostic> out = problems;
  out.push_back(Diagnostic{directory.string(), 0, 0,
                           "its files look like a " + *preset + " export: the " + *preset +
                               " preset reads them (--map " + *preset + ")"});
  return ImportError(std::move(out));
}

}  // namespace

ColumnMapping load_mapping(std::string_view name) {
  if (name.empty()) return {};
  const fs::path file{std::u8string_view(reinterpret_cast<const char8_t*>(name.data()), name.size())};
  std::error_code ignored;
  if (fs::is_regular_file(file, ignored)) return ColumnMapping::from_json(read_text_file(file), name);
  if (auto preset = ColumnMapping::preset(name)) return *std::move(preset);
  throw NotFoundError("mapping '" + std::string(name) + "' is neither a mapping file nor a preset (presets: " +
                      preset_list() + ")");
}

ImportResult load_book(const fs::path& data, std::string_view mapping) {
  return load_book(data, mapping, ImportOptions{});
}

ImportResult load_book(const fs::path& data, std::string_view mapping, ImportOptions options) {
  std::error_code error;
  const fs::file_status status = fs::status(data, error);
  if (status.type() == fs::file_type::not_found)
    throw NotFoundError(data.string() + ": no such file or directory");
  if (error) throw std::system_error(error, "cannot access " + data.string());
  if (fs::is_directory(status)) {
    options.mapping = load_mapping(mapping);
    try {
      return import_csv_directory(data, options);
    } catch (const ImportError& e) {
      throw with_preset_hint(e, data, mapping);
    }
  }
  if (!mapping.empty())
    throw std::invalid_argument("a mapping applies to book directories only, and " + data.string() +
                                " is a file");
  if (options.progress) {
    const auto bytes = fs::file_size(data, error);
    options.progress(ImportProgress{data.string(), error ? 0 : static_cast<std::size_t>(bytes)});
  }
  return load_snapshot_file(data);
}

}  // namespace pipecast
