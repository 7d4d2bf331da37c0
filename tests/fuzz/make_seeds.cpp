// Writes the seed corpus of every fuzz target, from the test fixtures, at
// build time (nothing binary is committed): SEEDS/<target>/<name>.
// Usage: make_seeds TEST_DATA_DIR SEEDS_DIR
//
// A target without a folder here starts from an empty corpus; a new target
// gets seeds by adding a folder below.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "storage/sealed_file.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/storage/snapshot.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace pipecast;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

CsvFiles read_book(const fs::path& dir) {
  CsvFiles files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) files[entry.path().filename().string()] = read(entry.path());
  return files;
}

// A small synthetic book: every file of the format, generated rows.
CsvFiles synthetic_files() {
  SynthOptions options;
  options.deals = 25;
  options.seed = 3;
  return export_csv_book(generate_synthetic_book(options).book);
}

void csv_seeds(const fs::path& data, const fs::path& seeds) {
  const CsvFiles small = read_book(data / "small_book");
  const CsvFiles synthetic = synthetic_files();
  for (const Table table : kTables) {
    const std::string file(default_file_name(table));
    const fs::path dir = seeds / ("fuzz_csv_" + std::string(to_string(table)));
    if (const auto it = small.find(file); it != small.end()) write(dir, "small_book", it->second);
    if (const auto it = synthetic.find(file); it != synthetic.end()) write(dir, "synthetic", it->second);
    // The malformed corpus: each case that changes this file.
    for (const auto& entry : fs::directory_iterator(data / "malformed"))
      if (fs::exists(entry.path() / file))
        write(dir, "malformed_" + entry.path().filename().string(), read(entry.path() / file));
  }
}

void mapping_seeds(const fs::path& seeds) {
  const fs::path dir = seeds / "fuzz_mapping";
  // The example of docs/mapping.md, with the Maven preset's stages and lookups
  // (tests/data/mini_maven has that shape).
  write(dir, "readme", R"({
  "tables": {
    "opportunities": {
      "file": "sales_pipeline.csv",
      "columns":  {"id": "opportunity_id", "owner": "sales_agent", "stage": "deal_stage",
                   "created": "engage_date", "amount": "close_value"},
      "defaults": {"pipeline": "Sales", "currency": "USD", "source": "", "segment": ""},
      "values":   {"product": {"GTXPro": "GTX Pro"}},
      "ignore":   ["internal_notes"]
    },
    "products": {"columns": {"family": "series", "list_price": "sales_price"}}
  },
  "stages": [
    {"pipeline": "Sales", "stage": "Prospecting", "order": 1, "probability": 0.1, "kind": "open"},
    {"pipeline": "Sales", "stage": "Engaging", "order": 2, "probability": 0.5, "kind": "open"},
    {"pipeline": "Sales", "stage": "Won", "order": 3, "probability": 1, "kind": "won"},
    {"pipeline": "Sales", "stage": "Lost", "order": 4, "probability": 0, "kind": "lost"}
  ],
  "amount_from_list_price": "blank_or_zero",
  "history_from_dates": {"open_stage": "Engaging"},
  "created_when_blank": "latest",
  "lookups": [
    {"file": "accounts.csv", "key": "account", "field": "account", "columns": {"segment": "sector"}},
    {"file": "sales_teams.csv", "key": "sales_agent", "field": "owner",
     "columns": {"manager": "manager", "regional_office": "regional_office"}}
  ]
})");
  // The small book renamed: columns, defaults, spellings, ignored columns,
  // a fixed created date, and history made from dates.
  write(dir, "small_book", R"({
  "description": "the small book, remapped",
  "tables": {
    "opportunities": {"columns": {"owner": "owner", "segment": "segment"},
                      "defaults": {"source": "Web"}, "values": {"owner": {"Ann": "Anne"}}},
    "stage_history": {"file": "stage_history.csv", "ignore": ["note"]},
    "quotas": {"columns": {"period": "period"}},
    "fx_rates": {"file": "fx_rates.csv"}
  },
  "amount_from_list_price": "blank",
  "created_when_blank": "2024-01-01"
})");
  write(dir, "history_from_dates", R"({"history_from_dates": true, "amount_from_list_price": "none"})");
  write(dir, "empty", "{}");
}

void snapshot_seeds(const fs::path& data, const fs::path& seeds) {
  const fs::path dir = seeds / "fuzz_snapshot";
  SynthOptions options;
  options.deals = 10;
  options.seed = 5;
  const Book books[] = {import_csv_book(read_book(data / "small_book")).book,
                        generate_synthetic_book(options).book, Book{}};
  const char* names[] = {"small_book", "synthetic", "empty"};
  for (std::size_t b = 0; b < std::size(books); ++b) {
    // Whole files, and payloads behind the kind byte (see fuzz_snapshot.cpp).
    write(dir, std::string(names[b]) + ".bin.snap", snapshot_bytes(books[b], SnapshotFormat::binary));
    write(dir, std::string(names[b]) + ".txt.snap", snapshot_bytes(books[b], SnapshotFormat::text));
    write(dir, std::string(names[b]) + ".bin.payload", "\x01" + book_archive(books[b], SnapshotFormat::binary));
    write(dir, std::string(names[b]) + ".txt.payload", "\x02" + book_archive(books[b], SnapshotFormat::text));
  }
}

// Fitted models of every built-in kind, as files and as bare payloads (the
// bytes after the sealed header: see fuzz_model.cpp).
void model_seeds(const fs::path& data, const fs::path& seeds) {
  const fs::path dir = seeds / "fuzz_model";
  SynthOptions options;
  options.deals = 300;
  options.seed = 11;
  const Book synthetic = generate_synthetic_book(options).book;
  const Book small = import_csv_book(read_book(data / "small_book")).book;
  for (const char* kind : {"crm", "stage", "markov", "logistic"}) {
    for (const auto& [name, book] : {std::pair<const char*, const Book*>{"synthetic", &synthetic},
                                     std::pair<const char*, const Book*>{"small_book", &small}}) {
      const std::string file = model_bytes(fit_model(kind, *book, book->latest_day()));
      const std::string stem = std::string(kind) + "_" + name;
      write(dir, stem + ".model", file);
      write(dir, stem + ".payload", std::string(parse_sealed_bytes(file, kModelMagic, kModelFormatVersion,
                                                                   "model", stem).payload));
    }
  }
}

void calendar_seeds(const fs::path& seeds) {
  const fs::path dir = seeds / "fuzz_calendar";
  const std::vector<std::string> texts = {
      "2024-07-31", "2024-02-29T10:00:00Z", "2023-12-31 23:59:59.123+02:00", "1400-01-01",
      "9999-12-31", "2024-07", "2024-Q3", "2024", "FY2025", "FY2025-Q1", "fy2025-q4",
      "2024-07-01..2024-09-30", "1400-01-01..9999-12-31"};
  int n = 0;
  for (const std::string& text : texts)
    for (const char first_month : {'\x01', '\x02', '\x07'})  // the first byte: fiscal first month
      write(dir, "seed" + std::to_string(n++), std::string(1, first_month) + text);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_seeds TEST_DATA_DIR SEEDS_DIR\n");
    return 2;
  }
  try {
    const fs::path data = argv[1], seeds = argv[2];
    fs::remove_all(seeds);
    csv_seeds(data, seeds);
    mapping_seeds(seeds);
    snapshot_seeds(data, seeds);
    calendar_seeds(seeds);
    model_seeds(data, seeds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}
