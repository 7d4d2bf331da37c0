// Writing a whole file so that a reader sees the old content or the new,
// never a part: the content goes to PATH.tmp, which is then renamed over PATH.
#pragma once

#include <filesystem>
#include <string>

namespace pipecast {

/// Writes `content` to `path` through a temporary file renamed into place.
/// Throws std::runtime_error naming the file on failure, leaving no
/// temporary behind.
void write_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace pipecast
