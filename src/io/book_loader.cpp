#include "pipecast/io/book_loader.hpp"

#include "pipecast/storage/snapshot.hpp"

#include <cerrno>
#include <fstream>
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
    return import_csv_directory(data, options);
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
