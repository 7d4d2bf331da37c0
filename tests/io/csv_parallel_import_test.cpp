// Importing with helper threads (ImportOptions::threads) must give exactly
// what one thread gives: the same book, or the same errors in the same order.
// The files here are four chunks long or more (a chunk is half a megabyte),
// with problems in many chunks and quoted fields that hold line breaks, so
// that chunk cuts fall next to, and would fall inside, them.
#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace csv_parallel_import_test {
namespace {

const unsigned kThreadCounts[] = {2, 3, 8};

// The book's files, with or without its activities.csv (the largest file:
// the tests of errors in the other files read it for nothing, and it is
// 5 MB under ASan).
CsvFiles synthetic_files_of(bool activities) {
  SynthOptions options;
  options.deals = 20'000;
  options.activities = activities;
  return export_csv_book(generate_synthetic_book(options).book);
}

const CsvFiles& synthetic_files() {
  static const CsvFiles files = synthetic_files_of(false);
  return files;
}

const CsvFiles& synthetic_files_with_activities() {
  static const CsvFiles files = synthetic_files_of(true);
  return files;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Field `index` of a line without quotes, replaced by `value`.
void set_field(std::string& line, std::size_t index, const std::string& value) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i < index; ++i) begin = line.find(',', begin) + 1;
  const std::size_t end = std::min(line.find(',', begin), line.size());
  line.replace(begin, end - begin, value);
}

constexpr std::size_t kAmount = 7, kCreated = 9;  // fields of opportunities.csv

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + '\n';
  return text;
}

ImportResult import_with(const CsvFiles& files, unsigned threads, std::size_t max_errors = 100) {
  ImportOptions options;
  options.threads = threads;
  options.max_errors = max_errors;
  return import_csv_book(files, options);
}

// The import's error text, or nullopt when it succeeds.
std::optional<std::string> errors_of(const CsvFiles& files, unsigned threads, std::size_t max_errors = 100) {
  try {
    import_with(files, threads, max_errors);
  } catch (const ImportError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

TEST(ParallelImport, TheFilesSpanSeveralChunks) {
  EXPECT_GT(synthetic_files().at("opportunities.csv").size(), 2u << 20);
  EXPECT_GT(synthetic_files().at("stage_history.csv").size(), 2u << 20);
  EXPECT_EQ(synthetic_files().count("activities.csv"), 0u);
  EXPECT_GT(synthetic_files_with_activities().at("activities.csv").size(), 2u << 20);
}

TEST(ParallelImport, AnyThreadCountGivesTheSameBook) {
  const CsvFiles& files = synthetic_files_with_activities();
  const ImportResult one = import_with(files, 1);
  EXPECT_EQ(one.book.size(), 20'000u);
  EXPECT_GT(one.book.activities().size(), 0u);
  const CsvFiles exported = export_csv_book(one.book);
  for (unsigned threads : kThreadCounts) {
    const ImportResult many = import_with(files, threads);
    EXPECT_TRUE(many.book == one.book) << threads << " threads";
    EXPECT_EQ(export_csv_book(many.book), exported) << threads << " threads";
  }
  EXPECT_EQ(export_csv_book(import_with(files, 0).book), exported);
}

// Problems spread over the whole file, of every kind the reader and the
// importer find: bad numbers and dates, unknown stages and deals, a wrong
// field count, a quote inside an unquoted field (which also upsets the quote
// count the chunk cuts rely on), text after a closing quote.
CsvFiles files_with_errors_everywhere() {
  CsvFiles files = synthetic_files();
  auto opportunities = lines_of(files["opportunities.csv"]);
  for (std::size_t row = 1000; row < opportunities.size(); row += 1500) {
    std::string& line = opportunities[row];
    switch ((row / 1500) % 4) {
      case 0: set_field(line, kCreated, "not a date"); break;
      case 1: line += ",one too many"; break;
      case 2: line.insert(line.find(',') + 1, "stray\"quote"); break;
      case 3: line.insert(line.find(',') + 1, "\"quoted\"then text"); break;
    }
  }
  files["opportunities.csv"] = joined(opportunities);
  return files;
}

TEST(ParallelImport, AnyThreadCountGivesTheSameErrors) {
  const CsvFiles files = files_with_errors_everywhere();
  const auto one = errors_of(files, 1, 1000);
  ASSERT_TRUE(one.has_value());
  EXPECT_GT(lines_of(*one).size(), 10u) << *one;
  EXPECT_NE(one->find("opportunities.csv:1001:"), std::string::npos) << *one;
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads, 1000), one) << threads;
}

TEST(ParallelImport, TheErrorLimitCutsTheListAtTheSamePlace) {
  const CsvFiles files = files_with_errors_everywhere();
  const auto one = errors_of(files, 1, 5);
  ASSERT_TRUE(one.has_value());
  EXPECT_NE(one->find("stopped after 5 errors"), std::string::npos) << *one;
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads, 5), one) << threads;
}

TEST(ParallelImport, ErrorsInTheHistoryAreTheSameToo) {
  CsvFiles files = synthetic_files();
  auto history = lines_of(files["stage_history.csv"]);
  for (std::size_t row = 5000; row < history.size(); row += 9000) history[row].replace(0, 1, "X");
  files["stage_history.csv"] = joined(history);
  const auto one = errors_of(files, 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_NE(one->find("unknown opportunity"), std::string::npos) << *one;
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads), one) << threads;
}

// A note column whose quoted values hold line breaks, doubled quotes and
// commas on every row: the first line break after a chunk's nominal end is
// often inside one of them.  Each row is 5 lines long.
CsvFiles files_with_multiline_notes(std::size_t row_with_bad_amount = 0) {
  CsvFiles files = synthetic_files();
  auto opportunities = lines_of(files["opportunities.csv"]);
  opportunities[0] += ",note";
  for (std::size_t row = 1; row < opportunities.size(); ++row) {
    if (row == row_with_bad_amount) set_field(opportunities[row], kAmount, "12x");
    opportunities[row] += ",\"row " + std::to_string(row) + "\nsays \"\"hi\"\",\r\nthen\n\nends\"";
  }
  files["opportunities.csv"] = joined(opportunities);
  return files;
}

TEST(ParallelImport, QuotedLineBreaksAcrossChunkCutsAreRead) {
  const CsvFiles files = files_with_multiline_notes();
  const ImportResult one = import_with(files, 1);
  ASSERT_EQ(one.book.attributes().size(), 1u);
  const auto& notes = one.book.attributes();
  EXPECT_EQ(notes.value(0, 12'345), "row 12346\nsays \"hi\",\r\nthen\n\nends");
  for (unsigned threads : kThreadCounts) {
    const ImportResult many = import_with(files, threads);
    EXPECT_TRUE(many.book == one.book) << threads << " threads";
  }
}

TEST(ParallelImport, ErrorLinesCountTheLineBreaksInsideQuotes) {
  const CsvFiles files = files_with_multiline_notes(15'000);  // on line 1 + 5 x 14,999 + 1
  const auto one = errors_of(files, 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_NE(one->find("opportunities.csv:74997:"), std::string::npos) << *one;
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads), one) << threads;
}

TEST(ParallelImport, AnUnclosedQuoteLateInTheFileIsTheSameError) {
  CsvFiles files = files_with_multiline_notes();
  files["opportunities.csv"] += "\"never closed\n";
  const auto one = errors_of(files, 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_NE(one->find("quoted field never closes"), std::string::npos) << *one;
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads), one) << threads;
}

TEST(ParallelImport, AQuoteTooManyInTheMiddleGivesTheSameErrors) {
  // Every quote after it pairs with the wrong one: the chunk cuts, chosen by
  // counting quotes, all land inside what the reader takes as quoted fields.
  CsvFiles files = files_with_multiline_notes();
  auto& text = files["opportunities.csv"];
  text.insert(text.find("\nD0010000,") + 1, "\"");
  const auto one = errors_of(files, 1, 1000);
  ASSERT_TRUE(one.has_value());
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads, 1000), one) << threads;
}

TEST(ParallelImport, ABadByteLateInTheFileIsItsOnlyError) {
  CsvFiles files = synthetic_files();
  auto& text = files["stage_history.csv"];
  text[text.size() - 100] = '\xFF';
  const auto one = errors_of(files, 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_NE(one->find("byte 0xFF is not UTF-8"), std::string::npos) << *one;
  for (unsigned threads : kThreadCounts) EXPECT_EQ(errors_of(files, threads), one) << threads;
}

TEST(ParallelImport, FilesOfAMultipleOf64BytesAreText) {
  // The UTF-8 check skips 64 plain ASCII bytes at a time: it must stop at
  // the end, not read the byte after it.
  CsvFiles files = synthetic_files();
  for (auto& [name, text] : files) text.append((64 - text.size() % 64) % 64, '\n');
  EXPECT_EQ(import_with(files, 1).book.size(), 20'000u);
  EXPECT_EQ(import_with(files, 2).book.size(), 20'000u);
}

}  // namespace
}  // namespace csv_parallel_import_test
}  // namespace pipecast
