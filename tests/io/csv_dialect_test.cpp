// CSV exports as spreadsheets save them: other field separators (sniffed or
// named by the mapping), other encodings (Windows-1252, Latin-1, UTF-16), and
// a mapping that starts from a preset.  Each converted export must import to
// the very book its UTF-8, comma-separated original gives.
#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/diagnostics.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "io/cell_formats.hpp"
#include "io/text_decoding.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace csv_dialect_test {
namespace {

using test::read_directory;
using test::small_book_files;
using test::test_data;

// The code points of UTF-8 text (the fixtures are valid UTF-8).
std::vector<std::uint32_t> code_points(const std::string& text) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    std::uint32_t code = length == 1 ? b : b & (0x3F >> (length - 1));
    for (int k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(code);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

// UTF-8 as Windows-1252 (the fixtures use Latin-1 letters and the euro sign).
std::string to_windows1252(const std::string& text) {
  std::string out;
  for (const std::uint32_t c : code_points(text)) {
    if (c == 0x20AC) out += '\x80';
    else if (c < 0x80 || (c >= 0xA0 && c < 0x100)) out += static_cast<char>(c);
    else throw std::logic_error("not in the test's Windows-1252 subset");
  }
  return out;
}

std::string to_utf16le_with_bom(const std::string& text) {
  std::string out = "\xFF\xFE";
  const auto unit = [&](std::uint32_t u) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  };
  for (const std::uint32_t c : code_points(text)) {
    if (c < 0x10000) {
      unit(c);
    } else {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  }
  return out;
}

// Every comma outside quotes becomes `delimiter` (a CSV-aware replace).
std::string with_delimiter(const std::string& text, char delimiter) {
  std::string out = text;
  bool quoted = false;
  for (char& c : out) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) c = delimiter;
  }
  return out;
}

// A synthetic export with names a spreadsheet in Western Europe would hold:
// accents, a euro sign, and a semicolon inside a quoted field.
CsvFiles european_export() {
  CsvFiles files = export_csv_book(generate_synthetic_book({.deals = 300, .seed = 5}).book);
  for (auto& [name, text] : files) {
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"Ava Patel", "Zoë Müller"},
                                   {"Ben Carter", "\"Ben; €uro Carter\""}}) {
      for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    }
  }
  return files;
}

ImportOptions with_mapping(const std::string& json) {
  ImportOptions options;
  options.mapping = ColumnMapping::from_json(json);
  return options;
}

CsvFiles converted(const CsvFiles& files, char delimiter, std::string (*encode)(const std::string&)) {
  CsvFiles out;
  for (const auto& [name, text] : files) out[name] = encode(with_delimiter(text, delimiter));
  return out;
}

std::string as_is(const std::string& text) { return text; }

// The fields of a comma-separated line, quotes kept (the fixtures hold no
// line breaks inside fields).
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) fields.emplace_back();
    else fields.back() += c;
  }
  return fields;
}

// As a spreadsheet in Germany saves it: semicolons, decimal commas,
// D.M.YYYY dates.
std::string german(const std::string& text) {
  std::string out, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    std::string joined;
    for (std::string field : split_fields(line)) {
      if (const auto day = parse_day(field); day && field.size() == 10) {
        field = field.substr(8, 2) + "." + field.substr(5, 2) + "." + field.substr(0, 4);
      } else if (field.find('.') != std::string::npos && csv::read_number(field, {}).has_value()) {
        std::replace(field.begin(), field.end(), '.', ',');
      }
      joined += (joined.empty() ? "" : ";") + field;
    }
    out += joined + "\n";
  }
  return out;
}

TEST(CsvDialect, TheFixtureHoldsWhatTheTestsAreAbout) {
  const CsvFiles files = european_export();
  EXPECT_NE(files.at("opportunities.csv").find("Zoë Müller"), std::string::npos);
  EXPECT_NE(files.at("opportunities.csv").find("\"Ben; €uro Carter\""), std::string::npos);
}

TEST(CsvDialect, SemicolonsAndWindows1252ImportToTheSameBook) {
  const CsvFiles original = european_export();
  const Book expected = import_csv_book(original).book;
  const CsvFiles excel = converted(original, ';', to_windows1252);
  EXPECT_EQ(import_csv_book(excel, with_mapping(R"({"delimiter": ";", "encoding": "windows-1252"})")).book,
            expected);
  // The separator need not be named: each file's header says it.
  EXPECT_EQ(import_csv_book(excel, with_mapping(R"({"encoding": "Windows-1252"})")).book, expected);
}

TEST(CsvDialect, TabsPipesAndUtf16AreRecognisedWithoutAMapping) {
  const CsvFiles original = european_export();
  const Book expected = import_csv_book(original).book;
  EXPECT_EQ(import_csv_book(converted(original, '\t', to_utf16le_with_bom)).book, expected);
  EXPECT_EQ(import_csv_book(converted(original, '|', as_is)).book, expected);
}

TEST(CsvDialect, DecimalCommasAndDayFirstDatesImportToTheSameBook) {
  const CsvFiles original = european_export();
  const Book expected = import_csv_book(original).book;
  CsvFiles files;
  for (const auto& [name, text] : original) files[name] = german(text);
  ASSERT_NE(files.at("opportunities.csv").find(";31.03.2024;"), std::string::npos) << "no German date";
  EXPECT_EQ(import_csv_book(files, with_mapping(R"({"decimal": ",", "date_format": "D.M.YYYY"})")).book,
            expected);
  // Without the mapping, decimal commas are refused with the key to declare
  // them, and so are the dates, saying what was expected.
  try {
    (void)import_csv_book(files);
    FAIL() << "imported";
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find("stages.csv:2:24: probability: '0,1' is not a number (write digits with a "
                                         "dot for decimals, no thousands separators or currency signs; a mapping "
                                         "declares other forms: \"decimal\": \",\" or \"thousands\": \",\")"),
              std::string::npos)
        << e.what();
  }
  try {
    (void)import_csv_book(files, with_mapping(R"({"decimal": ","})"));
    FAIL() << "imported";
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find("is not a date (expected YYYY-MM-DD)"), std::string::npos) << e.what();
  }
}

TEST(CsvDialect, NumbersInTheDeclaredForm) {
  const csv::CellFormats german_numbers{';', ',', '.', DateFormat::iso};
  EXPECT_EQ(csv::read_number("1.234.567,89", german_numbers), 1234567.89);
  EXPECT_EQ(csv::read_number("-0,5", german_numbers), -0.5);
  EXPECT_EQ(csv::read_number("1,5,5", german_numbers), std::nullopt);
  const csv::CellFormats comma_decimal{';', ',', 0, DateFormat::iso};
  EXPECT_EQ(csv::read_number("1.5", comma_decimal), std::nullopt);  // a dot is no decimal mark here
  const csv::CellFormats us{',', '.', ',', DateFormat::iso};
  EXPECT_EQ(csv::read_number("1,234.5", us), 1234.5);
  EXPECT_EQ(csv::read_number("1234.5", csv::CellFormats{}), 1234.5);
  EXPECT_EQ(csv::read_number("1,234.5", csv::CellFormats{}), std::nullopt);
  EXPECT_EQ(csv::expected_number(german_numbers),
            "write digits with a comma for decimals, '.' between thousands, no currency signs");
}

TEST(CsvDialect, DatesInTheDeclaredForm) {
  EXPECT_EQ(csv::read_date("3/1/2024", DateFormat::month_day_year), to_day(2024, 3, 1));
  EXPECT_EQ(csv::read_date("12/31/2024 11:59 PM", DateFormat::month_day_year), to_day(2024, 12, 31));
  EXPECT_EQ(csv::read_date("31.12.2024", DateFormat::day_month_year), to_day(2024, 12, 31));
  EXPECT_EQ(csv::read_date("1-2-2024", DateFormat::day_month_year), to_day(2024, 2, 1));
  EXPECT_EQ(csv::read_date("31/02/2024", DateFormat::day_month_year), std::nullopt);  // no such day
  EXPECT_EQ(csv::read_date("31.12/2024", DateFormat::day_month_year), std::nullopt);  // two separators
  EXPECT_EQ(csv::read_date("31.12.24", DateFormat::day_month_year), std::nullopt);    // a two-digit year
  EXPECT_EQ(csv::read_date("13/1/2024", DateFormat::month_day_year), std::nullopt);
  // A run of digits longer than any part (found by fuzz_text_formats: it
  // once overflowed while being read).
  EXPECT_EQ(csv::read_date("66666666666666666666/1/2024", DateFormat::day_month_year), std::nullopt);
  EXPECT_EQ(csv::read_date("1/1/66666666666666666666", DateFormat::day_month_year), std::nullopt);
  EXPECT_EQ(csv::read_date("1709251200000", DateFormat::epoch_milliseconds), to_day(2024, 3, 1));
  EXPECT_EQ(csv::read_date("-1", DateFormat::epoch_milliseconds), to_day(1969, 12, 31));
  EXPECT_EQ(csv::read_date("1e12", DateFormat::epoch_milliseconds), std::nullopt);
  EXPECT_EQ(csv::read_date("2024-03-01", DateFormat::iso), to_day(2024, 3, 1));
}

TEST(CsvDialect, AMappingMayStartFromAPreset) {
  const CsvFiles maven = read_directory(test_data("mini_maven"));
  ImportOptions preset;
  preset.mapping = *ColumnMapping::preset("maven");
  const Book expected = import_csv_book(maven, preset).book;
  const CsvFiles semicolons = converted(maven, ';', as_is);
  EXPECT_EQ(import_csv_book(semicolons, with_mapping(R"({"preset": "maven", "delimiter": ";"})")).book, expected);
  // The rest of the document is merged into the preset's: here a default
  // that the preset does not have.
  const ColumnMapping merged = ColumnMapping::from_json(
      R"({"preset": "maven", "tables": {"opportunities": {"defaults": {"currency": "EUR"}}}})");
  EXPECT_EQ(merged.table(Table::opportunities).defaults.at("currency"), "EUR");
  EXPECT_EQ(merged.table(Table::opportunities).file, "sales_pipeline.csv");
}

std::string refusal(const std::string& json) {
  try {
    (void)ColumnMapping::from_json(json, "m.json");
  } catch (const ImportError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(CsvDialect, UnknownSeparatorsEncodingsAndPresetsAreRefusedByName) {
  EXPECT_EQ(refusal(R"({"delimiter": "::"})"),
            R"(m.json: delimiter: '::' is not a field separator (expected ",", ";", "tab", "|" or "auto"))");
  EXPECT_EQ(refusal(R"({"encoding": "ebcdic"})"),
            "m.json: encoding: 'ebcdic' is not an encoding pipecast reads (expected utf-8, utf-16, "
            "windows-1252, latin-1 or auto)");
  EXPECT_EQ(refusal(R"({"preset": "zoho"})"), "m.json: preset: no preset 'zoho' (presets: dynamics365, hubspot, maven, odoo, pipedrive, salesforce)");
  EXPECT_EQ(refusal(R"({"preset": 3})"), "m.json: preset: expected a preset's name (presets: dynamics365, hubspot, maven, odoo, pipedrive, salesforce)");
  EXPECT_EQ(refusal(R"({"decimal": ","})"), "(accepted)");
  EXPECT_EQ(refusal(R"({"decimal": ",", "thousands": ","})"), "m.json: thousands: is the decimal mark too (',')");
  EXPECT_EQ(refusal(R"({"date_format": "DD/MM/YY"})"),
            "m.json: date_format: 'DD/MM/YY' is not a date format pipecast reads (expected YYYY-MM-DD, M/D/YYYY, "
            "D/M/YYYY, D.M.YYYY, D-M-YYYY or epoch_ms)");
}

TEST(CsvDialect, BytesAnEncodingCannotHoldStopTheImportWithTheirPlace) {
  CsvFiles files = small_book_files();
  files["stages.csv"] += "\x81";  // unassigned in Windows-1252
  try {
    (void)import_csv_book(files, with_mapping(R"({"encoding": "windows-1252"})"));
    FAIL() << "imported";
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find("stages.csv: cannot decode the file: byte "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("(0x81) is not a Windows-1252 character"), std::string::npos) << e.what();
  }
  // Latin-1 bytes read as UTF-8 say how to name the encoding.
  files = small_book_files();
  files["stages.csv"] = with_delimiter(files["stages.csv"], ',') + "Sales,Caf\xE9,9,0.5,open\n";
  try {
    (void)import_csv_book(files);
    FAIL() << "imported";
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find("\"encoding\": \"windows-1252\""), std::string::npos) << e.what();
  }
}

TEST(CsvDialect, Utf16OfAnOddLengthOrWithALoneSurrogateIsRefused) {
  EXPECT_THROW(csv::decode_to_utf8("\xFF\xFE" "a", TextEncoding::utf16), std::runtime_error);
  EXPECT_THROW(csv::decode_to_utf8(std::string("\xFF\xFE\x00\xD8", 4), TextEncoding::utf16), std::runtime_error);
  EXPECT_EQ(csv::decode_to_utf8(std::string("\xFE\xFF\x00\x41\xD8\x3D\xDE\x00", 8), TextEncoding::automatic),
            "A\xF0\x9F\x98\x80");  // big-endian, a pair: U+1F600
  EXPECT_EQ(csv::decode_to_utf8("\x80\xE9", TextEncoding::latin1), "\xC2\x80\xC3\xA9");
  EXPECT_EQ(csv::decode_to_utf8("plain", TextEncoding::automatic), std::nullopt);  // used as it is
}

TEST(CsvDialect, TheSeparatorIsTheHeadersMostFrequentOutsideQuotes) {
  EXPECT_EQ(csv::sniff_delimiter("a;b;c\n1,2;3;4\n"), ';');
  EXPECT_EQ(csv::sniff_delimiter("\"a;b;c\",d,e\n"), ',');
  EXPECT_EQ(csv::sniff_delimiter("\xEF\xBB\xBF" "a\tb\tc\n"), '\t');
  EXPECT_EQ(csv::sniff_delimiter("a|b\r\nc;d;e;f\n"), '|');
  EXPECT_EQ(csv::sniff_delimiter("id\n1\n"), ',');  // one column: the default
  EXPECT_EQ(csv::sniff_delimiter(""), ',');
}

}  // namespace
}  // namespace csv_dialect_test
}  // namespace pipecast
