/// @file
/// How a CRM export with its own file names, headers and spellings maps onto
/// the interchange format, so that it loads without being edited.
///
/// A mapping is a small JSON document (see docs/mapping.md); presets
/// for known exports are built in (`ColumnMapping::preset("maven")`).
#pragma once

#include "pipecast/core/stage.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The tables of the interchange format, one CSV file each.
enum class Table {
  stages,         ///< stages.csv
  opportunities,  ///< opportunities.csv
  stage_history,  ///< stage_history.csv
  products,       ///< products.csv
  line_items,     ///< line_items.csv
  quotas,         ///< quotas.csv
  fx_rates,       ///< fx_rates.csv
  activities      ///< activities.csv
};
/// Every Table, in declaration order.
inline constexpr Table kTables[] = {Table::stages,   Table::opportunities, Table::stage_history,
                                    Table::products, Table::line_items,    Table::quotas,
                                    Table::fx_rates, Table::activities};
/// The table's name, as mappings spell it: "opportunities".
std::string_view to_string(Table table);          // "opportunities"
/// The table's file in a book directory: "opportunities.csv".
std::string_view default_file_name(Table table);  // "opportunities.csv"

/// One case of a computed field: when every named column of the row holds
/// one of its values, the field takes `value` (or, with `column` set, that
/// column's text).  A case without conditions always applies.
struct ComputedCase {
  std::map<std::string, std::vector<std::string>> when;  ///< header -> accepted values
  std::string value;   ///< the field's text when the case applies
  std::string column;  ///< set: the field takes this header's cell instead of `value`
};

/// How a number cell is read beyond its digits.
enum class NumberForm {
  plain,    ///< as written
  percent,  ///< 0..100 (a trailing % allowed), read as a fraction
  inverse,  ///< 1 / the number: a rate given the other way round
};

/// How one table's file maps onto the interchange format.
struct TableMapping {
  std::string file;                            ///< file name in the book directory
  std::map<std::string, std::string> columns;  ///< field -> header in the file
  std::map<std::string, std::string> defaults; ///< field -> value when absent or blank
  /// field -> (spelling in the file -> canonical spelling), e.g. product "GTXPro" -> "GTX Pro"
  std::map<std::string, std::map<std::string, std::string>> values;
  std::vector<std::string> ignore;             ///< headers that are not attributes
  /// header -> values: a row whose cell in that column holds one of them is
  /// left out, e.g. {"IsDeleted": ["1", "true"]} (the column is not an attribute)
  std::map<std::string, std::vector<std::string>> drop_rows;
  /// header -> values: only rows whose cell in that column holds one of them
  /// are read, e.g. {"Field": ["Stage (Lead/Opportunity)"]} for a log of
  /// changes to many fields (the column is not an attribute)
  std::map<std::string, std::vector<std::string>> keep_rows;
  /// For a stage history that logs changes (Odoo's mail tracking): the
  /// header of the stage a row moved from.  A deal's earliest row then also
  /// says where the deal started: that stage, entered on the deal's creation.
  std::string previous_stage;
  /// The file may be absent (stage_history: then no deal has a history, and
  /// the import says so); the other tables but opportunities and stages are
  /// optional anyway.
  bool optional = false;
  /// field -> cases tried in order; when none applies, the field's own column
  /// (then its default), e.g. the stage "Lost" when Status is "lost"
  std::map<std::string, std::vector<ComputedCase>> computed;
  std::map<std::string, NumberForm> read_as;  ///< numeric field -> how its cells are read
};

/// Where a deal's amount comes from when its own is missing.
enum class AmountFallback {
  none,          ///< never: a missing amount stays blank
  blank,         ///< the product's list price when the amount is blank
  blank_or_zero  ///< ... when it is blank or 0
};

/// Fills fields of a table from another file by key (e.g. segment from
/// accounts.csv's sector, by account).  A lookup that fills the field holding
/// its key replaces the key: an account id by the account's name.
struct Lookup {
  std::string file;                            ///< the other file, in the book directory
  std::string key;                             ///< header in `file`, matched against the field
  std::string field;                           ///< field of `table` holding the key
  /// field -> header in `file`; several headers are joined by a space
  /// (Salesforce's User has FirstName and LastName, no Name)
  std::map<std::string, std::vector<std::string>> columns;
  Table table = Table::opportunities;          ///< the table whose fields it fills (opportunities, line_items or activities)
  bool optional = false;                       ///< true: nothing is filled when `file` is absent
};

/// A stage table made from the opportunities file, for exports that carry
/// none (used only when the stages file is absent): one stage per pipeline
/// and stage the deals use.
struct StagesFromData {
  /// The stage's kind from a deal's row: cases whose values are open, won or
  /// lost; a stage takes the kind most of its deals give.
  std::vector<ComputedCase> kind;
  std::string probability;  ///< header of the deal's probability; a stage takes the most common value
  NumberForm probability_form = NumberForm::plain;  ///< how that column is written
  /// Header of the stage's position; blank: open stages in the order the
  /// history enters them (by probability without history), then won, then lost.
  std::string order;
};

/// Stage history made from an export that has none: the deal sits in
/// `open_stage` from its creation and, when closed, moves to its current stage
/// on its close date; an open deal sits in its current stage since creation.
struct HistoryFromDates {
  std::string open_stage;  ///< blank: the last open stage of the deal's pipeline
  /// Header of the opportunities file naming the open stage a closed deal
  /// was in when it closed (Pipedrive keeps it in its stage column); where
  /// it names an open stage of the deal's pipeline, it replaces open_stage.
  std::string stage_column;
};

/// Stage history held in the opportunities file's own columns, one per stage
/// (HubSpot's `Date entered "Qualified To Buy (Sales Pipeline)"`): each
/// non-blank cell is the day the deal entered that stage.
struct HistoryFromColumns {
  /// The columns' header with `{stage}` where the stage's name stands and,
  /// optionally, `{pipeline}` for the pipeline's (the columns of other
  /// pipelines than the deal's are not its history).
  std::string header;
};

/// A stage given by the mapping, for exports without a stages file: a row of
/// stages.csv.
struct StageDefinition {
  std::string pipeline /**< the pipeline's name */, stage /**< the stage's name */;
  int order = 0;                     ///< unique in its pipeline
  double probability = 0.0;          ///< in [0, 1]
  StageKind kind = StageKind::open;  ///< open, won or lost
  std::string forecast_category;     ///< optional
};

/// How the files' bytes are text.
enum class TextEncoding {
  automatic,    ///< UTF-8 (a byte order mark skipped), or UTF-16 when a UTF-16 byte order mark starts the file
  utf8,         ///< UTF-8 only
  utf16,        ///< UTF-16, little- or big-endian by its byte order mark (little without one)
  windows1252,  ///< Windows' Western European code page (what Excel saves as "CSV" in Western Europe)
  latin1,       ///< ISO-8859-1
};

/// How the files write dates.
enum class DateFormat {
  iso,                 ///< YYYY-MM-DD (a time after T or a space is ignored)
  month_day_year,      ///< M/D/YYYY, as US spreadsheets write it
  day_month_year,      ///< D/M/YYYY, D.M.YYYY or D-M-YYYY, as most of Europe writes it
  epoch_milliseconds,  ///< milliseconds since 1970-01-01 UTC (a whole number)
};

/// How a CRM export maps onto the interchange format (see the file's
/// documentation).  The default mapping is the format itself.
struct ColumnMapping {
  std::map<Table, TableMapping> tables;  ///< unmapped tables use the default names
  /// Further files of a table, each mapped on its own, read after the one
  /// in `tables` (activities only: Salesforce keeps tasks and events apart).
  std::map<Table, std::vector<TableMapping>> also;
  std::vector<StageDefinition> stages;   ///< used when there is no stages file
  /// When a deal takes its product's list price as its amount.
  AmountFallback amount_from_list_price = AmountFallback::none;
  /// Set: make the stage history from the dates, for exports without one.
  std::optional<HistoryFromDates> history_from_dates;
  /// Set: read the stage history from the opportunities file's columns.
  std::optional<HistoryFromColumns> history_from_columns;
  /// For a blank created date: "" (an error), "latest" (the latest date in the
  /// export) or a YYYY-MM-DD date.
  std::string created_when_blank;
  std::vector<Lookup> lookups;  ///< opportunity, line item and activity fields filled from other files
  /// The files' field separator: ',', ';', a tab or '|'; 0 (the default): each
  /// file's own, found in its header line (the candidate that occurs most
  /// often outside quotes; a comma when none does).
  char delimiter = 0;
  /// The files' encoding; they are read as UTF-8 after decoding.
  TextEncoding encoding = TextEncoding::automatic;
  /// The decimal mark of numbers: '.' or ','.
  char decimal = '.';
  /// A thousands separator numbers may hold (',', '.', ' ' or '\''); 0: none.
  char thousands = 0;
  /// How dates are written.
  DateFormat date_format = DateFormat::iso;
  /// Set: the stage table is made from the deals when the stages file is absent.
  std::optional<StagesFromData> stages_from_data;
  /// A deal in a currency that has no rate: false (the default) stops the
  /// import; true keeps the deal, its amount unknown, with a warning.
  bool unrated_currency_as_unknown = false;
  /// NUL bytes: false (the default) refuses a file holding one (it is no
  /// text); true drops them (Salesforce starts some rich-text values with one).
  bool drop_nul_bytes = false;

  /// The mapping of `table`, defaults filled in.
  TableMapping table(Table table) const;

  /// Parses a mapping document; throws ImportError naming `origin` and the
  /// line and column of what is wrong.
  static ColumnMapping from_json(std::string_view text, std::string_view origin = "mapping");
  /// A built-in mapping by name; nullopt when there is none of that name.
  static std::optional<ColumnMapping> preset(std::string_view name);
  /// The names of the built-in mappings ("maven").
  static std::vector<std::string> preset_names();
};

}  // namespace pipecast
