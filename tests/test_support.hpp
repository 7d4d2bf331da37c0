// Helpers shared by the test programs.
#pragma once

#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pipecast::test {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

/// Every file of a directory, by name.
inline CsvFiles read_directory(const std::filesystem::path& directory) {
  CsvFiles files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.is_regular_file()) files[entry.path().filename().string()] = read_text(entry.path());
  return files;
}

inline std::filesystem::path test_data(const std::string& name) {
  return std::filesystem::path(PIPECAST_TEST_DATA_DIR) / name;
}

/// The hand-made book of tests/data/small_book (figures in its tests are
/// computed by hand from those files).
inline CsvFiles small_book_files() { return read_directory(test_data("small_book")); }

/// A fresh, empty directory under the system's temporary folder.
inline std::filesystem::path fresh_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("pipecast-test-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The synthetic book of `deals` deals drawn from `seed` (the generator's
/// other defaults).
inline Book synthetic_test_book(std::size_t deals, std::uint64_t seed) {
  SynthOptions options;
  options.deals = deals;
  options.seed = seed;
  return generate_synthetic_book(options).book;
}

}  // namespace pipecast::test
