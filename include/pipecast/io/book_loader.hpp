/// @file
/// Loading a book the way users name it: a directory of CSV files (read
/// through an optional column mapping) or a snapshot file.  The CLI and the C
/// ABI both load through here.
#pragma once

#include "pipecast/io/csv_book.hpp"

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace pipecast {

/// A path or a mapping that does not exist.
class NotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `name` is a mapping file (it wins when a file of that name exists) or a
/// preset; "" gives the interchange format's own names.  Throws NotFoundError
/// naming the presets, or ImportError for a bad mapping file.
ColumnMapping load_mapping(std::string_view name);

/// Loads `data`: a book directory, or a snapshot file (then `mapping` must be
/// empty).  Throws NotFoundError, ImportError for bad content (CSV problems
/// with file:line:column, or a damaged snapshot), std::invalid_argument for a
/// mapping given with a snapshot, std::system_error when the system fails.
ImportResult load_book(const std::filesystem::path& data, std::string_view mapping = {});

/// The same with import options for a book directory (their `mapping` is
/// replaced by the one `mapping` names).  A snapshot file is reported to
/// options.progress as one file.
ImportResult load_book(const std::filesystem::path& data, std::string_view mapping, ImportOptions options);

}  // namespace pipecast
