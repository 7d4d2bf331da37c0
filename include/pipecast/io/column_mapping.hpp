/// @file
/// How a CRM export with its own file names, headers and spellings maps onto
/// the interchange format, so that it loads without being edited.
///
/// A mapping is a small JSON document (see README, "Column mappings"); presets
/// for known exports are built in (`ColumnMapping::preset("maven")`).
#pragma once

#include "pipecast/stage.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

enum class Table { stages, opportunities, stage_history, products, line_items, quotas, fx_rates };
inline constexpr Table kTables[] = {Table::stages,   Table::opportunities, Table::stage_history,
                                    Table::products, Table::line_items,    Table::quotas,
                                    Table::fx_rates};
std::string_view to_string(Table table);          // "opportunities"
std::string_view default_file_name(Table table);  // "opportunities.csv"

struct TableMapping {
  std::string file;                            // file name in the book directory
  std::map<std::string, std::string> columns;  // field -> header in the file
  std::map<std::string, std::string> defaults; // field -> value when absent or blank
  /// field -> (spelling in the file -> canonical spelling), e.g. product "GTXPro" -> "GTX Pro"
  std::map<std::string, std::map<std::string, std::string>> values;
  std::vector<std::string> ignore;             // headers that are not attributes
};

/// Where a deal's amount comes from when its own is missing.
enum class AmountFallback { none, blank, blank_or_zero };

/// Fills opportunity fields from another file by key (e.g. segment from
/// accounts.csv's sector, by account).
struct Lookup {
  std::string file;
  std::string key;                             // header in `file`, matched against the field
  std::string field;                           // opportunity field holding the key
  std::map<std::string, std::string> columns;  // opportunity field -> header in `file`
};

/// Stage history made from an export that has none: the deal sits in
/// `open_stage` from its creation and, when closed, moves to its current stage
/// on its close date; an open deal sits in its current stage since creation.
struct HistoryFromDates {
  std::string open_stage;  // blank: the last open stage of the deal's pipeline
};

struct StageDefinition {
  std::string pipeline, stage;
  int order = 0;
  double probability = 0.0;
  StageKind kind = StageKind::open;
  std::string forecast_category;
};

struct ColumnMapping {
  std::map<Table, TableMapping> tables;  // unmapped tables use the default names
  std::vector<StageDefinition> stages;   // used when there is no stages file
  AmountFallback amount_from_list_price = AmountFallback::none;
  std::optional<HistoryFromDates> history_from_dates;
  /// For a blank created date: "" (an error), "latest" (the latest date in the
  /// export) or a YYYY-MM-DD date.
  std::string created_when_blank;
  std::vector<Lookup> lookups;

  /// The mapping of `table`, defaults filled in.
  TableMapping table(Table table) const;

  /// Parses a mapping document; throws ImportError naming `origin` and the
  /// line and column of what is wrong.
  static ColumnMapping from_json(std::string_view text, std::string_view origin = "mapping");
  /// A built-in mapping by name; nullopt when there is none of that name.
  static std::optional<ColumnMapping> preset(std::string_view name);
  static std::vector<std::string> preset_names();
};

}  // namespace pipecast
