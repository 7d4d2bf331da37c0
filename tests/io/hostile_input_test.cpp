// Hostile bytes: huge lines, a million columns, runaway quoting, binary,
// NUL bytes, bytes that are not UTF-8, empty files.  Each is refused with
// `file:line:column: message` (or, for a huge but well-formed cell, handled),
// and the memory it costs stays within a small multiple of the file's size.
//
// The big inputs are written at test time into a copy of tests/data/small_book
// and imported from disk, as the CLI does, in a forked child whose peak
// resident memory is measured (getrusage).  The smaller cases of the same
// kinds, with their exact messages, are in tests/data/malformed (nul_byte,
// invalid_utf8, quote_never_closes, empty_stages_file, ...).
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/csv_book.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <functional>
#include <random>
#include <regex>
#include <sstream>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace hostile_input_test {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMB = 1'000'000;

// Sanitizers keep freed memory in quarantine and add shadow memory: their
// resident sizes say nothing about the library's.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kMeasuresMemory = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kMeasuresMemory = false;
#else
constexpr bool kMeasuresMemory = true;
#endif
#else
constexpr bool kMeasuresMemory = true;
#endif

struct Outcome {
  bool accepted = false;
  std::string message;           // what() of the ImportError; "" when accepted
  std::size_t diagnostics = 0;
  std::size_t peak_growth = 0;   // bytes of resident memory the import added at its peak
};

// Imports `dir` in a child, so that its peak memory is its own.
Outcome import_in_child(const fs::path& dir, const ImportOptions& options = {}) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const long before_kb = usage.ru_maxrss;
    std::ostringstream report;
    std::string message;
    std::size_t diagnostics = 0;
    bool accepted = false;
    try {
      const ImportResult result = import_csv_directory(dir, options);
      accepted = true;
    } catch (const ImportError& e) {
      message = e.what();
      diagnostics = e.diagnostics().size();
    } catch (const std::exception& e) {
      message = std::string("unexpected exception: ") + e.what();
    }
    ::getrusage(RUSAGE_SELF, &usage);
    report << accepted << ' ' << diagnostics << ' ' << (usage.ru_maxrss - before_kb) * 1024 << '\n' << message;
    const std::string text = report.str();
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the importing child died (status " + std::to_string(status) + ")");
  Outcome outcome;
  std::istringstream in(text);
  long growth = 0;
  in >> outcome.accepted >> outcome.diagnostics >> growth;
  in.ignore(1);
  outcome.peak_growth = static_cast<std::size_t>(std::max(0L, growth));
  outcome.message.assign(std::istreambuf_iterator<char>(in), {});
  return outcome;
}

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = test::fresh_directory(std::string("hostile-") + info->name() + "-" + std::to_string(::getpid()));
    for (const auto& [name, content] : test::small_book_files()) std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Replaces `file` of the book with what `write` puts into it (streamed: the
  // test process never holds the big inputs).
  std::size_t replace(const std::string& file, const std::function<void(std::ostream&)>& write) {
    {
      std::ofstream out(dir_ / file, std::ios::binary | std::ios::trunc);
      write(out);
    }
    return fs::file_size(dir_ / file);
  }
  std::string original(const std::string& file) const { return test::read_text(test::test_data("small_book") / file); }
  std::string header(const std::string& file) const {
    const std::string text = original(file);
    return text.substr(0, text.find('\n') + 1);
  }
  std::string rows(const std::string& file) const {
    const std::string text = original(file);
    return text.substr(text.find('\n') + 1);
  }

  void expect_bounded(const Outcome& outcome, std::size_t file_size, double factor) {
    RecordProperty("file_bytes", std::to_string(file_size));
    RecordProperty("peak_growth_bytes", std::to_string(outcome.peak_growth));
    if (!kMeasuresMemory) return;
    EXPECT_LE(static_cast<double>(outcome.peak_growth), factor * static_cast<double>(file_size) + 16.0 * kMB)
        << "peak memory grew by " << outcome.peak_growth / kMB << " MB for a file of " << file_size / kMB << " MB";
  }

  fs::path dir_;
};

void repeat(std::ostream& out, char c, std::size_t count) {
  const std::string chunk(1 << 20, c);
  for (; count >= chunk.size(); count -= chunk.size()) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  out.write(chunk.data(), static_cast<std::streamsize>(count));
}

// --- Sizes --------------------------------------------------------------------

TEST_F(HostileInput, ALineOf100MegabytesIsRefusedInBoundedMemory) {
  const std::size_t size = replace("opportunities.csv", [&](std::ostream& out) {
    out << header("opportunities.csv");
    repeat(out, 'x', 100 * kMB);
    out << '\n' << rows("opportunities.csv");
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.message, "opportunities.csv:2:1: row has 1 fields, the header has 13");
  expect_bounded(outcome, size, 1.5);
}

// A well-formed row whose custom attribute holds 100 MB: imported (nothing
// in the format forbids it), at the cost of the file and one copy.
TEST_F(HostileInput, ACellOf100MegabytesIsImportedInBoundedMemory) {
  const std::size_t size = replace("opportunities.csv", [&](std::ostream& out) {
    out << header("opportunities.csv") << rows("opportunities.csv");
    out << "O-big,Sales,Acme,Ann,Widget,Inbound,SMB,10,USD,2024-01-05,2024-03-01,Lead,";
    repeat(out, 'r', 100 * kMB);
    out << '\n';
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_TRUE(outcome.accepted) << outcome.message;
  expect_bounded(outcome, size, 3);
}

// Each field costs bookkeeping; past kMaxFields (10,000) the row is refused
// and the rest of its line skipped, so a line of commas costs its size only.
TEST_F(HostileInput, ALineOf100MegabytesOfCommasIsRefusedInBoundedMemory) {
  const std::size_t size = replace("opportunities.csv", [&](std::ostream& out) {
    out << header("opportunities.csv");
    repeat(out, ',', 100 * kMB);
    out << '\n' << rows("opportunities.csv");
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.message,
            "opportunities.csv:2:10001: row has more than 10000 fields, the most pipecast reads (is this a CSV file?)");
  expect_bounded(outcome, size, 1.5);
}

TEST_F(HostileInput, AMillionColumnsAreRefusedInBoundedMemory) {
  const std::size_t size = replace("opportunities.csv", [&](std::ostream& out) {
    out << "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage";
    for (int c = 1; c <= 1'000'000; ++c) out << ",c" << c;
    out << '\n' << rows("opportunities.csv");
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.message,
            "opportunities.csv:1:58912: row has more than 10000 fields, the most pipecast reads (is this a CSV file?)");
  EXPECT_EQ(outcome.diagnostics, 1u);
  expect_bounded(outcome, size, 3);
}

// The largest header allowed is still cheap: 10,000 custom attributes.
TEST_F(HostileInput, TenThousandColumnsAreImported) {
  replace("opportunities.csv", [&](std::ostream& out) {
    out << "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage";
    for (int c = 1; c <= 10'000 - 12; ++c) out << ",c" << c;
    out << "\nO1,Sales,Acme,Ann,Widget,Inbound,SMB,1000,USD,2024-01-05,2024-03-01,Won";
    for (int c = 1; c <= 10'000 - 12; ++c) out << ',' << c;
    out << '\n';
  });
  std::ofstream(dir_ / "stage_history.csv", std::ios::binary)
      << "opportunity_id,stage,entered\nO1,Lead,2024-01-05\nO1,Won,2024-03-01\n";
  for (const char* file : {"line_items.csv", "activities.csv"})
    std::ofstream(dir_ / file, std::ios::binary) << header(file);
  const ImportResult result = import_csv_directory(dir_);
  EXPECT_EQ(result.book.attributes().size(), 10'000u - 12);
  EXPECT_EQ(result.book.attributes().value(9'987, 0), "9988");
}

// --- Quoting ------------------------------------------------------------------

// A quote that never closes runs to the end of the file (here over 4 MB and
// 100,000 line breaks): the message points at the opening quote.
TEST_F(HostileInput, RunawayQuotingIsRefusedAtTheOpeningQuote) {
  const std::size_t size = replace("opportunities.csv", [&](std::ostream& out) {
    out << header("opportunities.csv") << rows("opportunities.csv") << "O-9,Sales,\"Acme";
    for (int i = 0; i < 100'000; ++i) out << ",still inside the quoted field, line " << i << '\n';
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.message, "opportunities.csv:7:11: quoted field never closes (a quote is missing)");
  expect_bounded(outcome, size, 1.5);
}

// Every stray quote is reported, up to the error limit, and reading stops there.
TEST_F(HostileInput, AFileOfStrayQuotesStopsAtTheErrorLimit) {
  replace("stage_history.csv", [&](std::ostream& out) {
    out << header("stage_history.csv");
    for (int i = 0; i < 200'000; ++i) out << "O1,Le\"ad,2024-01-05\n";
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.diagnostics, 101u);  // 100, then "stopped after 100 errors"
  EXPECT_TRUE(outcome.message.starts_with(
      "stage_history.csv:2:6: quote inside an unquoted field (quote the whole field and double the quote)\n"
      "stage_history.csv:3:6: "))
      << outcome.message.substr(0, 300);
  EXPECT_TRUE(outcome.message.ends_with("\nstopped after 100 errors")) << outcome.message.substr(outcome.message.size() - 300);
}

// --- Bytes that are not text -------------------------------------------------------

TEST_F(HostileInput, RandomBinaryIsRefusedAsNotText) {
  std::mt19937 random(2024);
  replace("stages.csv", [&](std::ostream& out) {
    for (int i = 0; i < 1 << 20; ++i) out.put(static_cast<char>(random() & 0xFF));
  });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.diagnostics, 1u);
  EXPECT_TRUE(std::regex_match(outcome.message,
                               std::regex("stages\\.csv:[0-9]+:[0-9]+: (NUL byte: this is not a text file|"
                                          "byte 0x[0-9A-F]{2} is not UTF-8 \\(save the export as UTF-8, or name its encoding in a mapping: \"encoding\": \"windows-1252\"\\))")))
      << outcome.message;
}

TEST_F(HostileInput, NulBytesAreRefusedWhereTheyAre) {
  replace("products.csv", [&](std::ostream& out) {
    out << header("products.csv") << "Gizmos,Tools,1" << '\0' << "00\n";
  });
  EXPECT_EQ(import_in_child(dir_).message, "products.csv:2:15: NUL byte: this is not a text file");
}

// Each way a byte sequence can fail to be UTF-8, at line 2 after "Gizmos,".
TEST_F(HostileInput, BytesThatAreNotUtf8AreRefusedWhereTheyAre) {
  const std::pair<std::string, std::string> cases[] = {
      {"\xE9t\xE9", "0xE9"},              // Latin-1, the usual suspect
      {"\xC0\xAF", "0xC0"},               // overlong encoding of '/'
      {"\xED\xA0\x80", "0xED"},           // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", "0xF4"},       // past U+10FFFF
      {"\xFF\xFE", "0xFF"},               // never in UTF-8
      {"\x80", "0x80"},                   // a continuation byte alone
      {"\xE2\x82", "0xE2"},               // cut short at the end of the file
  };
  for (const auto& [bad_bytes, shown] : cases) {
    const std::string& bytes = bad_bytes;  // clang 14 cannot capture a structured binding
    replace("products.csv", [&](std::ostream& out) { out << header("products.csv") << "Gizmos," << bytes; });
    EXPECT_EQ(import_in_child(dir_).message,
              "products.csv:2:8: byte " + shown + " is not UTF-8 (save the export as UTF-8, or name its encoding in a mapping: \"encoding\": \"windows-1252\")");
  }
  // Valid UTF-8 of every length passes (and a byte order mark is skipped).
  replace("products.csv", [&](std::ostream& out) {
    out << "\xEF\xBB\xBF" << header("products.csv") << "Gizmos,\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x88,1\n";
  });
  EXPECT_TRUE(import_in_child(dir_).accepted);
}

// --- Nothing at all -------------------------------------------------------------

TEST_F(HostileInput, EmptyFilesAreRefused) {
  for (const char* content : {"", "\xEF\xBB\xBF", "\n\n\r\n"}) {
    replace("opportunities.csv", [&](std::ostream& out) { out << content; });
    EXPECT_EQ(import_in_child(dir_).message, "opportunities.csv:1:1: the file is empty (a header row is required)");
  }
  // An optional file that is there must have its header too.
  replace("opportunities.csv", [&](std::ostream& out) { out << original("opportunities.csv"); });
  replace("quotas.csv", [](std::ostream&) {});
  EXPECT_EQ(import_in_child(dir_).message, "quotas.csv:1:1: the file is empty (a header row is required)");
}

TEST_F(HostileInput, AHeaderAloneGivesABookWithoutDeals) {
  for (const char* file : {"opportunities.csv", "stage_history.csv"})
    replace(file, [&](std::ostream& out) { out << header(file); });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_EQ(outcome.message,  // line items and activities name the deals (and accounts) that are gone
            "line_items.csv:2:1: opportunity_id: unknown opportunity 'O1'\n"
            "line_items.csv:3:1: opportunity_id: unknown opportunity 'O2'\n"
            "line_items.csv:4:1: opportunity_id: unknown opportunity 'O2'\n"
            "activities.csv:2:1: opportunity_id: unknown opportunity 'O1'\n"
            "activities.csv:3:1: opportunity_id: unknown opportunity 'O1'\n"
            "activities.csv:4:1: opportunity_id: unknown opportunity 'O2'\n"
            "activities.csv:5:1: opportunity_id: unknown opportunity 'O3'\n"
            "activities.csv:6:2: account: unknown account 'Acme' (no opportunity has it)\n"
            "activities.csv:7:2: account: unknown account 'Gamma, Inc.' (no opportunity has it)");
  for (const char* file : {"line_items.csv", "activities.csv"})
    replace(file, [&](std::ostream& out) { out << header(file); });
  EXPECT_EQ(import_csv_directory(dir_).book.size(), 0u);
}

// --- Messages stay short ---------------------------------------------------------

// Values are quoted in messages cut to 40 bytes (on a character boundary),
// so a megabyte cell does not make a megabyte message.
TEST_F(HostileInput, HugeValuesAreCutShortInMessages) {
  const std::string huge_id = "\xC3\xA9" + std::string(kMB, 'i');
  replace("opportunities.csv", [&](std::ostream& out) {
    out << header("opportunities.csv") << rows("opportunities.csv");
    for (int twice = 0; twice < 2; ++twice)
      out << huge_id << ",Sales,Acme,Ann,Widget,Inbound,SMB,10,USD,2024-01-05,2024-03-01,Lead,North\n";
  });
  const std::string cut_id = "\xC3\xA9" + std::string(38, 'i') + "...";
  EXPECT_EQ(import_in_child(dir_).message, "opportunities.csv:8:1: id: duplicate id '" + cut_id + "'");

  replace("opportunities.csv", [&](std::ostream& out) { out << original("opportunities.csv"); });
  replace("quotas.csv", [&](std::ostream& out) { out << header("quotas.csv") << "Ann," << std::string(kMB, 'Q') << ",10\n"; });
  EXPECT_EQ(import_in_child(dir_).message,
            "quotas.csv:2:5: period: invalid period '" + std::string(40, 'Q') +
                "...': the year must have four digits, from 1400 (expected 2024-07, 2024-Q3, 2024, FY2025, "
                "FY2025-Q1 or 2024-07-01..2024-09-30)");
}

// A quota for the calendar's last month: its end is computed from the month
// after, which used to escape the importer as std::out_of_range.
TEST_F(HostileInput, AQuotaInTheCalendarsLastMonthIsImported) {
  replace("quotas.csv", [&](std::ostream& out) { out << header("quotas.csv") << "Ann,9999-12,10\n*,FY9999,20\n"; });
  const Outcome outcome = import_in_child(dir_);
  EXPECT_TRUE(outcome.accepted) << outcome.message;
}

// A lookup file (named by a mapping) whose header is malformed: the message
// says what is wrong with it, not "no header row".
TEST_F(HostileInput, ALookupFileWithAMalformedHeaderSaysWhere) {
  std::ofstream(dir_ / "accounts.csv", std::ios::binary) << "account,sec\"tor\nAcme,Retail\n";
  ImportOptions options;
  options.mapping = ColumnMapping::from_json(
      R"({"lookups": [{"file": "accounts.csv", "key": "account", "field": "account", "columns": {"sector": "sector"}}]})");
  EXPECT_EQ(import_in_child(dir_, options).message,
            "accounts.csv:1:12: quote inside an unquoted field (quote the whole field and double the quote)");
}

// --- The mapping document -------------------------------------------------------

TEST(HostileMapping, DeepNestingIsRefusedWithoutExhaustingTheStack) {
  const std::string nested = std::string(100'000, '[') + std::string(100'000, ']');
  try {
    ColumnMapping::from_json(nested, "deep.json");
    FAIL() << "accepted";
  } catch (const ImportError& e) {
    EXPECT_STREQ(e.what(), "deep.json: the document: expected an object, found array");
  }
  const std::string unclosed = "{\"tables\": " + std::string(100'000, '[');
  try {
    ColumnMapping::from_json(unclosed, "open.json");
    FAIL() << "accepted";
  } catch (const ImportError& e) {
    EXPECT_TRUE(std::string_view(e.what()).starts_with("open.json:1:")) << e.what();
  }
}

TEST(HostileMapping, BinaryAndEmptyDocumentsAreRefused) {
  for (const std::string& text : {std::string(), std::string("\0\xFF\xFE", 3), std::string("{\"tables\": \"\xE9\"}")}) {
    try {
      ColumnMapping::from_json(text, "m.json");
      FAIL() << "accepted";
    } catch (const ImportError& e) {
      EXPECT_TRUE(std::string_view(e.what()).starts_with("m.json:1:")) << e.what();
      EXPECT_NE(std::string_view(e.what()).find("invalid JSON"), std::string_view::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace hostile_input_test
}  // namespace pipecast
