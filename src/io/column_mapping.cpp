#include "pipecast/io/column_mapping.hpp"

#include "pipecast/core/calendar.hpp"
#include "pipecast/io/diagnostics.hpp"
#include "io/mapping_presets.hpp"
#include "io/table_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <limits>

namespace pipecast {
namespace {

using nlohmann::json;

// Reads one mapping document, collecting every problem with its JSON path.
class MappingParser {
 public:
  explicit MappingParser(std::string_view origin) : origin_(origin) {}

  ColumnMapping parse(const json& root) {
    ColumnMapping mapping;
    if (!expect(root, json::value_t::object, "the document")) return mapping;
    for (const auto& [key, value] : root.items()) {
      if (key == "tables") parse_tables(value, mapping);
      else if (key == "stages") parse_stages(value, mapping);
      else if (key == "amount_from_list_price") parse_amount_fallback(value, mapping);
      else if (key == "history_from_dates") parse_history(value, mapping);
      else if (key == "history_from_columns") parse_history_columns(value, mapping);
      else if (key == "created_when_blank") parse_created(value, mapping);
      else if (key == "lookups") parse_lookups(value, mapping);
      else if (key == "delimiter") parse_delimiter(value, mapping);
      else if (key == "encoding") parse_encoding(value, mapping);
      else if (key == "decimal") parse_decimal(value, mapping);
      else if (key == "thousands") parse_thousands(value, mapping);
      else if (key == "date_format") parse_date_format(value, mapping);
      else if (key == "stages_from_data") parse_stages_from_data(value, mapping);
      else if (key == "currency_without_rate")
        parse_either(value, key, "error", "amount_unknown", mapping.unrated_currency_as_unknown);
      else if (key == "nul_bytes") parse_either(value, key, "error", "drop", mapping.drop_nul_bytes);
      else if (key != "description")
        error(key, "unknown key (expected preset, tables, stages, stages_from_data, amount_from_list_price, "
                   "history_from_dates, history_from_columns, created_when_blank, lookups, delimiter, encoding, decimal, "
                   "thousands, date_format, currency_without_rate, nul_bytes, description)");
    }
    if (mapping.history_from_dates && mapping.history_from_columns)
      error("history_from_columns", "and history_from_dates exclude each other");
    if (mapping.thousands != 0 && mapping.thousands == mapping.decimal)
      error("thousands", "is the decimal mark too ('" + std::string(1, mapping.decimal) + "')");
    return mapping;
  }

  void finish() const {
    if (!problems_.empty()) throw ImportError(problems_);
  }

 private:
  void error(const std::string& path, const std::string& message) {
    problems_.push_back(Diagnostic{origin_, 0, 0, path + ": " + message});
  }

  bool expect(const json& value, json::value_t type, const std::string& path) {
    if (value.type() == type) return true;
    static const std::map<json::value_t, const char*> names = {
        {json::value_t::object, "an object"}, {json::value_t::array, "a list"},
        {json::value_t::string, "a string"}};
    const auto it = names.find(type);
    error(path, std::string("expected ") + (it != names.end() ? it->second : "another type") +
                    ", found " + value.type_name());
    return false;
  }

  void parse_delimiter(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "delimiter")) return;
    const std::string text = value.get<std::string>();
    if (text == "auto") mapping.delimiter = 0;
    else if (text == "tab" || text == "\t") mapping.delimiter = '\t';
    else if (text == "," || text == ";" || text == "|") mapping.delimiter = text[0];
    else error("delimiter", "'" + text + "' is not a field separator (expected \",\", \";\", \"tab\", \"|\" or \"auto\")");
  }

  void parse_encoding(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "encoding")) return;
    static const std::map<std::string, TextEncoding, std::less<>> kNames = {
        {"auto", TextEncoding::automatic},       {"utf-8", TextEncoding::utf8},
        {"utf-16", TextEncoding::utf16},         {"windows-1252", TextEncoding::windows1252},
        {"cp1252", TextEncoding::windows1252},   {"latin-1", TextEncoding::latin1},
        {"iso-8859-1", TextEncoding::latin1}};
    std::string name = value.get<std::string>();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (const auto it = kNames.find(name); it != kNames.end()) mapping.encoding = it->second;
    else error("encoding", "'" + value.get<std::string>() + "' is not an encoding pipecast reads (expected utf-8, "
                           "utf-16, windows-1252, latin-1 or auto)");
  }

  void parse_decimal(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "decimal")) return;
    const std::string text = value.get<std::string>();
    if (text == "." || text == ",") mapping.decimal = text[0];
    else error("decimal", "'" + text + "' is not a decimal mark (expected \".\" or \",\")");
  }

  void parse_thousands(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "thousands")) return;
    const std::string text = value.get<std::string>();
    if (text.empty()) mapping.thousands = 0;
    else if (text == "," || text == "." || text == " " || text == "'") mapping.thousands = text[0];
    else error("thousands", "'" + text + "' is not a thousands separator (expected \",\", \".\", \" \", \"'\" or \"\")");
  }

  void parse_date_format(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "date_format")) return;
    static const std::map<std::string, DateFormat, std::less<>> kFormats = {
        {"YYYY-MM-DD", DateFormat::iso},
        {"M/D/YYYY", DateFormat::month_day_year},
        {"D/M/YYYY", DateFormat::day_month_year},
        {"D.M.YYYY", DateFormat::day_month_year},
        {"D-M-YYYY", DateFormat::day_month_year},
        {"epoch_ms", DateFormat::epoch_milliseconds}};
    const std::string text = value.get<std::string>();
    if (const auto it = kFormats.find(text); it != kFormats.end()) mapping.date_format = it->second;
    else error("date_format", "'" + text + "' is not a date format pipecast reads (expected YYYY-MM-DD, M/D/YYYY, "
                              "D/M/YYYY, D.M.YYYY, D-M-YYYY or epoch_ms)");
  }

  // A key whose value is one of two words: `when_false` (the default) or
  // `when_true`.
  void parse_either(const json& value, const std::string& key, std::string_view when_false,
                    std::string_view when_true, bool& out) {
    if (!expect(value, json::value_t::string, key)) return;
    const std::string text = value.get<std::string>();
    if (text == when_false || text == when_true) out = text == when_true;
    else error(key, "'" + text + "' is not a choice (expected " + std::string(when_false) + " or " +
                        std::string(when_true) + ")");
  }

  std::optional<NumberForm> number_form(const json& value, const std::string& path) {
    if (!expect(value, json::value_t::string, path)) return std::nullopt;
    const std::string text = value.get<std::string>();
    if (text == "plain") return NumberForm::plain;
    if (text == "percent") return NumberForm::percent;
    if (text == "inverse") return NumberForm::inverse;
    error(path, "'" + text + "' is not a number form (expected plain, percent or inverse)");
    return std::nullopt;
  }

  // {"header": ["value", ...], ...}: a condition on the row's cells.
  std::map<std::string, std::vector<std::string>> accepted_values(const json& value, const std::string& path) {
    std::map<std::string, std::vector<std::string>> out;
    if (!expect(value, json::value_t::object, path)) return out;
    for (const auto& [header, values] : value.items()) {
      const std::string p = path + "." + header;
      if (values.is_string()) {
        out[header].push_back(values.get<std::string>());
        continue;
      }
      if (!expect(values, json::value_t::array, p)) continue;
      for (const auto& v : values)
        if (expect(v, json::value_t::string, p)) out[header].push_back(v.get<std::string>());
    }
    return out;
  }

  // [{"when": {...}, "value": "..."} or {"when": {...}, "column": "..."}, ...]
  std::vector<ComputedCase> computed_cases(const json& value, const std::string& path) {
    std::vector<ComputedCase> cases;
    if (!expect(value, json::value_t::array, path)) return cases;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string p = path + "[" + std::to_string(i) + "]";
      const json& c = value[i];
      if (!expect(c, json::value_t::object, p) || !known_keys(c, p, {"when", "value", "column"})) continue;
      ComputedCase out;
      if (c.contains("when")) out.when = accepted_values(c["when"], p + ".when");
      if (c.contains("value") == c.contains("column")) {
        error(p, "needs either value or column");
        continue;
      }
      if (c.contains("value") && expect(c["value"], json::value_t::string, p + ".value"))
        out.value = c["value"].get<std::string>();
      if (c.contains("column") && expect(c["column"], json::value_t::string, p + ".column"))
        out.column = c["column"].get<std::string>();
      cases.push_back(std::move(out));
    }
    return cases;
  }

  void parse_stages_from_data(const json& value, ColumnMapping& mapping) {
    const std::string path = "stages_from_data";
    if (!expect(value, json::value_t::object, path) ||
        !known_keys(value, path, {"kind", "probability", "probability_as", "order"}))
      return;
    StagesFromData out;
    if (!value.contains("kind")) error(path + ".kind", "is required: the cases that tell open, won and lost apart");
    else out.kind = computed_cases(value["kind"], path + ".kind");
    for (const ComputedCase& c : out.kind)
      if (c.column.empty() && !parse_stage_kind(c.value))
        error(path + ".kind", "'" + c.value + "' is not a stage kind (expected open, won or lost)");
    if (value.contains("probability") && expect(value["probability"], json::value_t::string, path + ".probability"))
      out.probability = value["probability"].get<std::string>();
    if (value.contains("probability_as"))
      if (const auto form = number_form(value["probability_as"], path + ".probability_as")) out.probability_form = *form;
    if (value.contains("order") && expect(value["order"], json::value_t::string, path + ".order"))
      out.order = value["order"].get<std::string>();
    mapping.stages_from_data = std::move(out);
  }

  // Reports the keys of `object` that are not `known` (a typo must not pass
  // silently); false when there is one.
  bool known_keys(const json& object, const std::string& path, std::initializer_list<std::string_view> known) {
    bool good = true;
    for (const auto& [key, unused] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string list;
      for (const auto name : known) list += (list.empty() ? "" : ", ") + std::string(name);
      error(path + "." + key, "unknown key (expected " + list + ")");
      good = false;
    }
    return good;
  }

  // A JSON integer that fits an int (1e300 or 2.5 do not: converting them
  // would be undefined or would silently truncate).
  static bool whole_number(const json& value, int& out) {
    if (value.is_number_unsigned()) {
      if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) return false;
    } else if (value.is_number_integer()) {
      const auto v = value.get<std::int64_t>();
      if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return false;
    } else {
      return false;
    }
    out = value.get<int>();
    return true;
  }

  std::map<std::string, std::string> string_map(const json& value, const std::string& path) {
    std::map<std::string, std::string> out;
    if (!expect(value, json::value_t::object, path)) return out;
    for (const auto& [k, v] : value.items())
      if (expect(v, json::value_t::string, path + "." + k)) out[k] = v.get<std::string>();
    return out;
  }

  // field -> a header, or a list of headers (joined when read).
  std::map<std::string, std::vector<std::string>> header_lists(const json& value, const std::string& path) {
    std::map<std::string, std::vector<std::string>> out;
    if (!expect(value, json::value_t::object, path)) return out;
    for (const auto& [k, v] : value.items()) {
      if (v.is_string()) {
        out[k].push_back(v.get<std::string>());
      } else if (expect(v, json::value_t::array, path + "." + k)) {
        for (const auto& header : v)
          if (expect(header, json::value_t::string, path + "." + k)) out[k].push_back(header.get<std::string>());
        if (out[k].empty()) error(path + "." + k, "names no header");
      }
    }
    return out;
  }

  void check_fields(Table table, const std::map<std::string, std::string>& m, const std::string& path) {
    for (const auto& [field, unused] : m)
      if (!is_field(table, field))
        error(path + "." + field, "not a field of " + std::string(to_string(table)) + " (fields: " +
                                      field_list(table) + ")");
  }

  void parse_tables(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::object, "tables")) return;
    for (const auto& [name, spec] : value.items()) {
      const auto table = table_named(name);
      const std::string path = "tables." + name;
      if (!table) {
        error(path, "unknown table (expected stages, opportunities, stage_history, products, "
                    "line_items, quotas, fx_rates, activities)");
        continue;
      }
      // Exports keep activities of different kinds in files of their own
      // (Salesforce's Task.csv and Event.csv), each with its columns.
      if (*table == Table::activities && spec.is_array()) {
        if (spec.empty()) error(path, "names no file");
        for (std::size_t k = 0; k < spec.size(); ++k) {
          auto t = parse_table(*table, name, spec[k], path + "[" + std::to_string(k) + "]");
          if (!t) continue;
          if (k == 0) mapping.tables[*table] = std::move(*t);
          else mapping.also[*table].push_back(std::move(*t));
        }
        continue;
      }
      if (auto t = parse_table(*table, name, spec, path)) mapping.tables[*table] = std::move(*t);
    }
  }

  std::optional<TableMapping> parse_table(Table table, const std::string& name, const json& spec,
                                          const std::string& path) {
    if (!expect(spec, json::value_t::object, path)) return std::nullopt;
    TableMapping t;
    t.file = std::string(default_file_name(table));
    for (const auto& [key, v] : spec.items()) {
      const std::string p = path + "." + key;
      if (key == "file") {
        if (expect(v, json::value_t::string, p)) t.file = v.get<std::string>();
      } else if (key == "columns") {
        t.columns = string_map(v, p);
        check_fields(table, t.columns, p);
      } else if (key == "defaults") {
        t.defaults = string_map(v, p);
        check_fields(table, t.defaults, p);
      } else if (key == "values") {
        if (!expect(v, json::value_t::object, p)) continue;
        for (const auto& [field, spellings] : v.items()) t.values[field] = string_map(spellings, p + "." + field);
        for (const auto& [field, unused] : t.values)
          if (!is_field(table, field)) error(p + "." + field, "not a field of " + name);
      } else if (key == "ignore") {
        if (!expect(v, json::value_t::array, p)) continue;
        for (const auto& h : v)
          if (expect(h, json::value_t::string, p)) t.ignore.push_back(h.get<std::string>());
      } else if (key == "drop_rows" || key == "keep_rows") {
        if (!expect(v, json::value_t::object, p)) continue;
        auto& rows = key == "drop_rows" ? t.drop_rows : t.keep_rows;
        for (const auto& [header, values] : v.items()) {
          const std::string q = p + "." + header;
          if (!expect(values, json::value_t::array, q)) continue;
          for (const auto& cell : values)
            if (expect(cell, json::value_t::string, q)) rows[header].push_back(cell.get<std::string>());
        }
      } else if (key == "optional") {
        if (!v.is_boolean()) error(p, "expected true or false");
        else if (table == Table::opportunities || table == Table::stages) error(p, "this table is required");
        else t.optional = v.get<bool>();
      } else if (key == "previous_stage") {
        if (table != Table::stage_history) error(p, "only stage_history has a previous stage");
        else if (expect(v, json::value_t::string, p)) t.previous_stage = v.get<std::string>();
      } else if (key == "computed") {
        if (!expect(v, json::value_t::object, p)) continue;
        for (const auto& [field, cases] : v.items()) {
          if (!is_field(table, field)) error(p + "." + field, "not a field of " + name);
          else t.computed[field] = computed_cases(cases, p + "." + field);
        }
      } else if (key == "read_as") {
        if (!expect(v, json::value_t::object, p)) continue;
        for (const auto& [field, form] : v.items()) {
          if (!is_field(table, field)) error(p + "." + field, "not a field of " + name);
          else if (const auto f = number_form(form, p + "." + field)) t.read_as[field] = *f;
        }
      } else {
        error(p, "unknown key (expected file, columns, defaults, values, ignore, drop_rows, keep_rows, computed, "
                 "read_as, previous_stage, optional)");
      }
    }
    if (t.file.empty() || t.file.find('/') != std::string::npos || t.file == "..")
      error(path + ".file", "must be a file name inside the book directory");
    return t;
  }

  void parse_stages(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::array, "stages")) return;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto& s = value[i];
      const std::string path = "stages[" + std::to_string(i) + "]";
      if (!expect(s, json::value_t::object, path)) continue;
      if (!known_keys(s, path, {"pipeline", "stage", "order", "probability", "kind", "forecast_category"}))
        continue;
      StageDefinition d;
      try {
        d.pipeline = s.at("pipeline").get<std::string>();
        d.stage = s.at("stage").get<std::string>();
        if (!whole_number(s.at("order"), d.order)) {
          error(path + ".order", "must be a whole number");
          continue;
        }
        d.probability = s.at("probability").get<double>();
        const auto kind = parse_stage_kind(s.at("kind").get<std::string>());
        if (!kind) {
          error(path + ".kind", "must be open, won or lost");
          continue;
        }
        d.kind = *kind;
        if (s.contains("forecast_category")) d.forecast_category = s["forecast_category"].get<std::string>();
      } catch (const json::exception& e) {
        error(path, std::string("needs pipeline, stage, order, probability and kind: ") + e.what());
        continue;
      }
      mapping.stages.push_back(std::move(d));
    }
  }

  void parse_amount_fallback(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "amount_from_list_price")) return;
    const auto text = value.get<std::string>();
    if (text == "none") mapping.amount_from_list_price = AmountFallback::none;
    else if (text == "blank") mapping.amount_from_list_price = AmountFallback::blank;
    else if (text == "blank_or_zero") mapping.amount_from_list_price = AmountFallback::blank_or_zero;
    else error("amount_from_list_price", "must be none, blank or blank_or_zero");
  }

  void parse_history(const json& value, ColumnMapping& mapping) {
    if (value.is_boolean()) {
      if (value.get<bool>()) mapping.history_from_dates = HistoryFromDates{};
      return;
    }
    if (!expect(value, json::value_t::object, "history_from_dates")) return;
    HistoryFromDates h;
    for (const auto& [k, v] : value.items()) {
      if (k == "open_stage" && expect(v, json::value_t::string, "history_from_dates.open_stage"))
        h.open_stage = v.get<std::string>();
      else if (k == "stage_column" && expect(v, json::value_t::string, "history_from_dates.stage_column"))
        h.stage_column = v.get<std::string>();
      else if (k != "open_stage" && k != "stage_column")
        error("history_from_dates." + k, "unknown key (expected open_stage, stage_column)");
    }
    mapping.history_from_dates = h;
  }

  void parse_history_columns(const json& value, ColumnMapping& mapping) {
    const std::string path = "history_from_columns";
    if (!expect(value, json::value_t::object, path) || !known_keys(value, path, {"header"})) return;
    if (!value.contains("header") || !value["header"].is_string()) {
      error(path + ".header", "is required: the columns' header, {stage} standing for the stage's name");
      return;
    }
    HistoryFromColumns h{value["header"].get<std::string>()};
    const auto stage = h.header.find("{stage}"), pipeline = h.header.find("{pipeline}");
    if (stage == std::string::npos) error(path + ".header", "has no {stage}");
    else if (pipeline != std::string::npos && (pipeline == stage + 7 || stage == pipeline + 10))
      error(path + ".header", "needs text between {stage} and {pipeline} to tell them apart");
    else mapping.history_from_columns = std::move(h);
  }

  void parse_created(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::string, "created_when_blank")) return;
    mapping.created_when_blank = value.get<std::string>();
    if (mapping.created_when_blank != "latest" && !mapping.created_when_blank.empty() &&
        !parse_day(mapping.created_when_blank))
      error("created_when_blank", "must be \"latest\" or a YYYY-MM-DD date");
  }

  void parse_lookups(const json& value, ColumnMapping& mapping) {
    if (!expect(value, json::value_t::array, "lookups")) return;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string path = "lookups[" + std::to_string(i) + "]";
      const auto& l = value[i];
      if (!expect(l, json::value_t::object, path)) continue;
      if (!known_keys(l, path, {"table", "file", "key", "field", "columns", "optional"})) continue;
      Lookup lookup;
      if (l.contains("table")) {
        // An unknown name counts as stages, which no lookup fills (not an
        // optional: GCC 12 at -O1 takes its comparisons for reads of an
        // uninitialised value, -Wmaybe-uninitialized).
        const Table table = l["table"].is_string()
                                ? table_named(l["table"].get<std::string>()).value_or(Table::stages)
                                : Table::stages;
        if (table != Table::opportunities && table != Table::line_items && table != Table::activities) {
          error(path + ".table", "must be opportunities, line_items or activities");
          continue;
        }
        lookup.table = table;
      }
      if (l.contains("optional")) {
        if (!l["optional"].is_boolean()) error(path + ".optional", "expected true or false");
        else lookup.optional = l["optional"].get<bool>();
      }
      try {
        lookup.file = l.at("file").get<std::string>();
        lookup.key = l.at("key").get<std::string>();
        lookup.field = l.at("field").get<std::string>();
        lookup.columns = header_lists(l.at("columns"), path + ".columns");
      } catch (const json::exception& e) {
        error(path, std::string("needs file, key, field and columns: ") + e.what());
        continue;
      }
      if (lookup.columns.empty()) error(path + ".columns", "names no column to fill");
      if (lookup.file.empty() || lookup.file.find('/') != std::string::npos || lookup.file == "..")
        error(path + ".file", "must be a file name inside the book directory");
      if (!is_field(lookup.table, lookup.field))
        error(path + ".field", "not a field of " + std::string(to_string(lookup.table)));
      if (lookup.table != Table::opportunities)
        for (const auto& [field, unused] : lookup.columns)
          if (!is_field(lookup.table, field))
            error(path + ".columns." + field, "not a field of " + std::string(to_string(lookup.table)));
      mapping.lookups.push_back(std::move(lookup));
    }
  }

  std::string origin_;
  std::vector<Diagnostic> problems_;
};

// Line and column of a byte offset, for JSON syntax errors.
Diagnostic locate(std::string_view text, std::size_t byte, std::string_view origin, std::string message) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return Diagnostic{std::string(origin), line, column, std::move(message)};
}

}  // namespace

std::string_view to_string(Table table) {
  switch (table) {
    case Table::stages: return "stages";
    case Table::opportunities: return "opportunities";
    case Table::stage_history: return "stage_history";
    case Table::products: return "products";
    case Table::line_items: return "line_items";
    case Table::quotas: return "quotas";
    case Table::fx_rates: return "fx_rates";
    case Table::activities: return "activities";
  }
  return "?";
}

std::string_view default_file_name(Table table) {
  switch (table) {
    case Table::stages: return "stages.csv";
    case Table::opportunities: return "opportunities.csv";
    case Table::stage_history: return "stage_history.csv";
    case Table::products: return "products.csv";
    case Table::line_items: return "line_items.csv";
    case Table::quotas: return "quotas.csv";
    case Table::fx_rates: return "fx_rates.csv";
    case Table::activities: return "activities.csv";
  }
  return "?";
}

TableMapping ColumnMapping::table(Table t) const {
  if (const auto it = tables.find(t); it != tables.end()) return it->second;
  TableMapping mapping;
  mapping.file = std::string(default_file_name(t));
  return mapping;
}

ColumnMapping ColumnMapping::from_json(std::string_view text, std::string_view origin) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // nlohmann's message repeats the position; keep only what it says is wrong.
    std::string what = e.what();
    if (const auto colon = what.rfind(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw ImportError({locate(text, e.byte == 0 ? 0 : e.byte - 1, origin, "invalid JSON: " + what)});
  } catch (const json::out_of_range& e) {
    // A number beyond a double ("number overflow parsing '1e400'"), found by
    // the parser after the lexer: no position, so find the number's text.
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    std::size_t at = 0;
    if (const auto open = what.find('\''), close = what.rfind('\''); open != std::string::npos && close > open)
      at = std::min(text.find(what.substr(open + 1, close - open - 1)), text.size());
    throw ImportError({locate(text, at, origin, "invalid JSON: " + what)});
  }
  // "preset": the preset's document, the rest of this one merged into it
  // (RFC 7386: objects key by key, anything else replaced, null removes).
  if (root.is_object() && root.contains("preset")) {
    const json& name = root["preset"];
    const auto preset = name.is_string() ? preset_text(name.get<std::string>()) : std::nullopt;
    if (!preset) {
      std::string known;
      for (const std::string& p : preset_names()) known += (known.empty() ? "" : ", ") + p;
      throw ImportError({Diagnostic{std::string(origin), 0, 0,
                                    "preset: " + (name.is_string() ? "no preset '" + name.get<std::string>() + "'"
                                                                   : std::string("expected a preset's name")) +
                                        " (presets: " + known + ")"}});
    }
    json merged = json::parse(*preset);
    root.erase("preset");
    merged.merge_patch(root);
    root = std::move(merged);
  }
  MappingParser parser(origin);
  ColumnMapping mapping = parser.parse(root);
  parser.finish();
  return mapping;
}

}  // namespace pipecast
