// The malformed-input corpus: tests/data/malformed/CASE holds the files that
// differ from tests/data/small_book (absent.txt lists files to remove) and
// expected.txt, the exact message the user gets.  Every case must be refused
// with that message, without a crash.
//
// To write expected.txt for a new case, run this program with
// PIPECAST_WRITE_EXPECTED=1 and read what it wrote before committing it.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace malformed_input_test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(test::test_data("malformed")))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

CsvFiles case_files(const fs::path& dir) {
  CsvFiles files = test::small_book_files();
  for (const auto& [name, content] : test::read_directory(dir)) {
    if (name == "expected.txt") continue;
    if (name == "absent.txt") {
      std::istringstream lines(content);
      for (std::string line; std::getline(lines, line);) files.erase(line);
      continue;
    }
    files[name] = content;
  }
  return files;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

class MalformedInput : public ::testing::TestWithParam<std::string> {};

TEST_P(MalformedInput, IsRefusedWithTheExactMessage) {
  const fs::path dir = test::test_data("malformed") / GetParam();
  std::string message;
  try {
    import_csv_book(case_files(dir));
    FAIL() << "the import should have failed";
  } catch (const ImportError& e) {
    message = e.what();
    EXPECT_FALSE(e.diagnostics().empty());
  }
  const fs::path expected = dir / "expected.txt";
  if (std::getenv("PIPECAST_WRITE_EXPECTED")) std::ofstream(expected) << message << '\n';
  ASSERT_TRUE(fs::exists(expected)) << "no expected.txt; the message was:\n" << message;
  EXPECT_EQ(message, trimmed(test::read_text(expected)));
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedInput, ::testing::ValuesIn(case_names()),
                         [](const auto& test_case) { return test_case.param; });

TEST(MalformedInput, CorpusHasAtLeastTwentyCases) { EXPECT_GE(case_names().size(), 20u); }

TEST(MalformedInput, ErrorsStopAtTheLimit) {
  CsvFiles files = test::small_book_files();
  std::string history = "opportunity_id,stage,entered\n";
  for (int i = 0; i < 500; ++i) history += "nobody,Lead,2024-01-01\n";
  files["stage_history.csv"] = history;
  ImportOptions options;
  options.max_errors = 10;
  try {
    import_csv_book(files, options);
    FAIL();
  } catch (const ImportError& e) {
    ASSERT_EQ(e.diagnostics().size(), 11u);
    EXPECT_EQ(e.diagnostics()[0].to_string(),
              "stage_history.csv:2:1: opportunity_id: unknown opportunity 'nobody'");
    EXPECT_EQ(e.diagnostics()[10].message, "stopped after 10 errors");
  }
}

}  // namespace
}  // namespace malformed_input_test
}  // namespace pipecast
