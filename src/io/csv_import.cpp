#include "pipecast/io/csv_book.hpp"

#include "pipecast/core/book_builder.hpp"
#include "io/csv_reader.hpp"
#include "io/diagnostic_list.hpp"
#include "io/name_pattern.hpp"
#include "io/stages_from_data.hpp"
#include "io/wide_history.hpp"
#include "io/table_input.hpp"
#include "io/text_decoding.hpp"
#include "core/parallel_for.hpp"
#include "core/quoted_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace pipecast {
namespace {

/// Returns a file's bytes, or nullopt when the file does not exist.  A name
/// that is a pattern (`*`, `?`) becomes the name of the file it matched.
using FileLoader = std::function<std::optional<csv::Text>(std::string& name)>;

// A file looked up by key: rows of a side table such as accounts.csv.
struct LookupTable {
  const Lookup* spec;
  std::vector<std::string> fields;  // opportunity fields it fills, in column order
  std::unordered_map<std::string, std::vector<std::string>> rows;  // key -> values
};

class Importer {
 public:
  Importer(const FileLoader& load, const ImportOptions& options)
      : load_(load),
        mapping_(options.mapping),
        progress_(options.progress),
        threads_(resolve_threads(options.threads)),
        errors_(options.max_errors) {}

  ImportResult run() {
    read_stages();
    read_fx_rates();
    read_products();
    stop_if_failed();
    read_lookups();
    stop_if_failed();
    read_opportunities();
    stop_if_failed();
    if (mapping_.history_from_dates) history_from_dates();
    else if (mapping_.history_from_columns) history_from_columns();
    else read_history();
    read_line_items();
    read_quotas();
    read_activities();
    stop_if_failed();
    return ImportResult{std::move(builder_).finish(), std::move(warnings_), std::move(unrated_currencies_)};
  }

 private:
  void stop_if_failed() {
    if (!errors_.empty()) errors_.raise();
  }

  void update_layout(const std::function<void(BookLayout&)>& change) {
    BookLayout layout = builder_.book_so_far().layout();
    change(layout);
    builder_.set_layout(layout);
  }

  // A file's text as UTF-8 (decoded per the mapping's encoding); nullopt
  // when it is absent.  Bytes the encoding cannot hold stop the import.
  std::optional<csv::Text> read(std::string& file) {
    auto content = load_(file);
    if (!content) return content;
    if (mapping_.drop_nul_bytes && content->view().find('\0') != std::string_view::npos) {
      std::string text(content->view());
      std::erase(text, '\0');
      content = csv::Text(std::move(text));
    }
    try {
      if (auto decoded = csv::decode_to_utf8(content->view(), mapping_.encoding)) return csv::Text(std::move(*decoded));
    } catch (const std::runtime_error& e) {
      throw ImportError({Diagnostic{file, 0, 0, std::string("cannot decode the file: ") + e.what()}});
    }
    return content;
  }

  // The mapping's field separator, or the file's own.
  char delimiter_of(const csv::Text& text) const {
    return mapping_.delimiter != 0 ? mapping_.delimiter : csv::sniff_delimiter(text.view());
  }

  // How the file writes its cells: its separator, the mapping's numbers and dates.
  csv::CellFormats formats_of(const csv::Text& text) const {
    return csv::CellFormats::of(mapping_, delimiter_of(text));
  }

  // Opens a file of the book; nullopt when it is absent (reported if required).
  std::unique_ptr<TableInput> open(Table table, bool required, bool keeps_attributes = false) {
    return open(table, mapping_.table(table), required, keeps_attributes);
  }

  // Opens a file of `table` as `mapping` maps it.
  std::unique_ptr<TableInput> open(Table table, TableMapping mapping, bool required, bool keeps_attributes) {
    auto content = read(mapping.file);
    if (!content) {
      if (required)
        errors_.add(Diagnostic{mapping.file, 0, 0,
                               !is_pattern(mapping.file)
                                   ? "required file is missing"
                                   : "required file is missing: no file matches this name"});
      return nullptr;
    }
    if (progress_) progress_(ImportProgress{mapping.file, content->view().size()});
    const csv::CellFormats formats = formats_of(*content);
    auto in = std::make_unique<TableInput>(table, mapping, std::move(*content), formats, errors_, warnings_,
                                           keeps_attributes, threads_);
    if (!in->ok()) return nullptr;
    return in;
  }

  // Stages the mapping gives or makes, not read from a file.
  void add_stages(const std::vector<StageDefinition>& stages, const std::string& origin) {
    for (const auto& s : stages) {
      if (auto bad = builder_.add_stage({s.pipeline, s.stage, s.order, s.probability, s.kind, s.forecast_category}))
        errors_.add(Diagnostic{origin, 0, 0, "stage " + in_quotes(s.stage) + ": " + bad->field + ": " + bad->message});
      if (!s.forecast_category.empty()) update_layout([](BookLayout& l) { l.forecast_category = true; });
    }
  }

  // The stage table made from the deals and their history (their problems
  // are left to the main pass to report).
  // Where a preliminary pass over a file puts its problems: the main pass
  // reports them.
  struct Unreported {
    DiagnosticList errors{100000};
    std::vector<Diagnostic> warnings;
  };

  // A file of the book for a preliminary pass; nullptr when it is absent or
  // its header cannot be read.
  std::unique_ptr<TableInput> open_quietly(Table table, Unreported& sink) {
    TableMapping mapping = mapping_.table(table);
    auto content = read(mapping.file);
    if (!content) return nullptr;
    const csv::CellFormats formats = formats_of(*content);
    auto in = std::make_unique<TableInput>(table, mapping, std::move(*content), formats, sink.errors, sink.warnings,
                                           false, threads_);
    return in->ok() ? std::move(in) : nullptr;
  }

  // nullopt when the deals' file cannot be read (the main pass says why).
  std::optional<std::vector<StageDefinition>> stages_made_from_data() {
    Unreported sink;
    auto deals = open_quietly(Table::opportunities, sink);
    if (!deals) return std::nullopt;
    const bool history_file = !mapping_.history_from_dates && !mapping_.history_from_columns;
    auto history = history_file ? open_quietly(Table::stage_history, sink) : nullptr;
    return stages_from_data(*mapping_.stages_from_data, *deals, history.get(),
                            mapping_.history_from_dates ? mapping_.history_from_dates->stage_column : std::string(),
                            mapping_.history_from_columns ? &*mapping_.history_from_columns : nullptr,
                            mapping_.table(Table::stage_history).previous_stage, warnings_);
  }

  // The stage table made from the deals, for a stages file that is absent.
  void add_stages_from_data() {
    const std::string stages_file = mapping_.table(Table::stages).file;
    const auto made = stages_made_from_data();
    // Without the deals' file, that file is what is missing: said when it is
    // read.
    if (!made) return;
    if (made->empty()) {
      errors_.add(Diagnostic{stages_file, 0, 0, "required file is missing, and the deals make no stage"});
      return;
    }
    warnings_.push_back(Diagnostic{stages_file, 0, 0,
                                   "absent: the " + std::to_string(made->size()) +
                                       " stages were made from the deals (stages_from_data)"});
    add_stages(*made, "stages_from_data");
  }

  void read_stages() {
    if (!mapping_.stages.empty()) return add_stages(mapping_.stages, "mapping");
    auto in = open(Table::stages, !mapping_.stages_from_data);
    if (!in) {
      // Read first, the file can only have failed for being absent when no
      // error was found: then the stages are made from the deals.
      if (mapping_.stages_from_data && errors_.empty()) add_stages_from_data();
      return;
    }
    const auto pipeline = in->field("pipeline"), stage = in->field("stage"), order = in->field("order"),
               probability = in->field("probability"), kind = in->field("kind"),
               category = in->field("forecast_category");
    update_layout([&](BookLayout& l) { l.forecast_category = category.present(); });
    while (in->next()) {
      bool ok = true;
      const int order_value = in->integer(order, ok);
      const double p = in->required_number(probability, ok);
      const auto kind_value = parse_stage_kind(in->text(kind));
      if (!kind_value) {
        in->report(kind, in_quotes(in->text(kind)) + " is not a stage kind (expected open, won or lost)");
        ok = false;
      }
      if (ok) {
        if (auto bad = builder_.add_stage({in->text(pipeline), in->text(stage), order_value, p,
                                           *kind_value, in->text(category)}))
          in->report(*bad);
      }
      if (errors_.full()) return;
    }
    if (errors_.empty() && builder_.book_so_far().stages().empty())
      errors_.add(Diagnostic{in->file(), 0, 0, "defines no stage"});
  }

  void read_fx_rates() {
    auto in = open(Table::fx_rates, false);
    if (!in) return;
    update_layout([](BookLayout& l) { l.fx_rates = true; });
    const auto currency = in->field("currency"), rate = in->field("rate");
    while (in->next()) {
      bool ok = true;
      const double value = in->required_number(rate, ok);
      if (ok) {
        if (auto bad = builder_.add_fx_rate(in->text(currency), value)) in->report(*bad);
      }
      if (errors_.full()) return;
    }
  }

  void read_products() {
    auto in = open(Table::products, false);
    if (!in) return;
    update_layout([](BookLayout& l) { l.products = true; });
    const auto product = in->field("product"), family = in->field("family"),
               list_price = in->field("list_price");
    while (in->next()) {
      bool ok = true;
      const double price = in->number(list_price, ok);
      if (ok) {
        if (auto bad = builder_.add_product(in->text(product), in->text(family), price)) in->report(*bad);
        else if (!is_blank(price)) list_prices_[std::string(in->text(product))] = price;
      }
      if (errors_.full()) return;
    }
  }

  void read_lookups() {
    for (const auto& spec : mapping_.lookups) {
      std::string file = spec.file;
      auto content = read(file);
      if (!content) {
        if (!spec.optional)
          errors_.add(Diagnostic{spec.file, 0, 0, "file named by the mapping's lookups is missing"});
        continue;
      }
      const char delimiter = delimiter_of(*content);
      csv::Reader reader(std::move(*content), file, delimiter);
      csv::Record record;
      if (!reader.next(record) || record.problem) {
        errors_.add(record.problem  ? *record.problem
                    : reader.error() ? *reader.error()
                                     : Diagnostic{file, 1, 1, "no header row"});
        continue;
      }
      LookupTable table{&spec, {}, {}};
      int key = -1;
      std::map<std::string_view, int> column_of;
      for (std::size_t c = 0; c < record.fields.size(); ++c) {
        column_of.emplace(record.fields[c], static_cast<int>(c));
        if (record.fields[c] == spec.key) key = static_cast<int>(c);
      }
      if (key < 0) errors_.add(Diagnostic{file, record.line, 1, "missing key column " + in_quotes(spec.key)});
      std::vector<std::vector<int>> columns;  // per field filled, the columns joined
      int widest = key;  // the row must reach the key and every looked-up column
      for (const auto& [field, headers] : spec.columns) {
        table.fields.push_back(field);
        columns.emplace_back();
        for (const std::string& header : headers) {
          const auto it = column_of.find(header);
          if (it == column_of.end()) {
            errors_.add(Diagnostic{file, record.line, 1,
                                   "missing column " + in_quotes(header) + ", which the mapping's lookup names"});
            key = -1;
            continue;
          }
          columns.back().push_back(it->second);
          widest = std::max(widest, it->second);
        }
      }
      if (key < 0) continue;
      while (reader.next(record)) {
        if (record.problem || record.fields.size() <= static_cast<std::size_t>(widest)) continue;
        std::vector<std::string> values;
        for (const std::vector<int>& joined : columns) {
          std::string value;
          for (int c : joined) {
            const std::string_view cell = record.fields[static_cast<std::size_t>(c)];
            if (!cell.empty()) value += (value.empty() ? "" : " ") + std::string(cell);
          }
          values.push_back(std::move(value));
        }
        table.rows.emplace(std::string(record.fields[static_cast<std::size_t>(key)]), std::move(values));
      }
      if (reader.error()) errors_.add(*reader.error());
      lookups_.push_back(std::move(table));
    }
  }

  // Attribute columns an opportunity gets from lookups (fields that are not
  // standard ones).
  std::vector<std::pair<std::size_t, std::size_t>> lookup_attribute_slots(std::vector<std::string>& names) {
    std::vector<std::pair<std::size_t, std::size_t>> slots;  // (lookup, value index)
    for (std::size_t l = 0; l < lookups_.size(); ++l)
      for (std::size_t v = 0; v < lookups_[l].fields.size(); ++v)
        if (lookups_[l].spec->table == Table::opportunities && !is_standard_opportunity_field(lookups_[l].fields[v])) {
          slots.emplace_back(l, v);
          names.push_back(lookups_[l].fields[v]);
        }
    return slots;
  }

  static bool is_standard_opportunity_field(std::string_view f) {
    for (auto name : {"id", "pipeline", "account", "owner", "product", "source", "segment", "amount",
                      "currency", "created", "close_date", "stage"})
      if (f == name) return true;
    return false;
  }

  // Applies the lookups of `table`, in the mapping's order, to the texts of
  // `fields`: each finds its row by the current text of its key field (so a
  // lookup may follow another: a price book entry's id to a product id to a
  // product's name), and fills each field it names from that row.  A field
  // that holds the lookup's own key is replaced (an id by its name); any
  // other is filled only where blank.
  template <std::size_t N>
  void apply_lookups(Table table, const char* const (&names)[N], std::string_view (&text)[N],
                     std::initializer_list<int> fields) const {
    const auto slot = [&](std::string_view field) -> int {
      for (std::size_t i = 0; i < N; ++i)
        if (field == names[i]) return static_cast<int>(i);
      return -1;
    };
    for (const LookupTable& lookup : lookups_) {
      if (lookup.spec->table != table) continue;
      const int key = slot(lookup.spec->field);
      if (key < 0) continue;
      const auto row = lookup.rows.find(std::string(text[key]));
      if (row == lookup.rows.end()) continue;
      std::pair<int, std::string_view> changes[N];
      std::size_t changed = 0;
      for (std::size_t v = 0; v < lookup.fields.size(); ++v) {
        const int i = slot(lookup.fields[v]);
        if (i < 0 || std::find(fields.begin(), fields.end(), i) == fields.end() || row->second[v].empty()) continue;
        if (i == key || text[i].empty()) changes[changed++] = {i, row->second[v]};
      }
      for (std::size_t c = 0; c < changed; ++c) text[changes[c].first] = changes[c].second;
    }
  }

  // The latest date an opportunities file mentions (created_when_blank =
  // "latest").  Its problems are left to the main pass to report.
  Day latest_date_in(Table table) {
    Unreported sink;
    const auto in = open_quietly(table, sink);
    if (!in) return kNoDay;
    Day latest = kNoDay;
    const auto created = in->field("created"), close = in->field("close_date");
    in->convert_ahead(created, TableInput::Kind::date);
    in->convert_ahead(close, TableInput::Kind::date);
    while (in->next()) {
      bool ok = true;
      latest = std::max({latest, in->date(created, ok), in->date(close, ok)});
    }
    return latest;
  }

  void read_opportunities() {
    Day blank_created = kNoDay;
    if (mapping_.created_when_blank == "latest") {
      blank_created = latest_date_in(Table::opportunities);
    } else if (!mapping_.created_when_blank.empty()) {
      blank_created = *parse_day(mapping_.created_when_blank);
    }
    auto in = open(Table::opportunities, true, true);
    if (!in) return;
    std::vector<std::string> names = in->attribute_names();
    const auto lookup_slots = lookup_attribute_slots(names);
    builder_.set_attribute_columns(names);
    builder_.reserve(in->rows_at_most(), 0);

    FieldRef f[12];
    const char* field_names[] = {"id",     "pipeline", "account",  "owner",   "product",    "source",
                                 "segment", "amount",  "currency", "created", "close_date", "stage"};
    for (std::size_t i = 0; i < 12; ++i) f[i] = in->field(field_names[i]);
    enum { ID, PIPELINE, ACCOUNT, OWNER, PRODUCT, SOURCE, SEGMENT, AMOUNT, CURRENCY, CREATED, CLOSE, STAGE };
    in->convert_ahead(f[AMOUNT], TableInput::Kind::number);
    in->convert_ahead(f[CREATED], TableInput::Kind::date);
    const FieldRef stopped = in->column_named(mapping_.history_from_dates ? mapping_.history_from_dates->stage_column
                                                                          : std::string());
    std::vector<std::pair<WideHistoryColumn, FieldRef>> wide;
    if (mapping_.history_from_columns) {
      for (WideHistoryColumn& w : wide_history_columns(mapping_.history_from_columns->header, in->header()))
        wide.emplace_back(w, in->column_named(in->header()[static_cast<std::size_t>(w.column)]));
      if (wide.empty())
        warnings_.push_back(Diagnostic{in->file(), 1, 1,
                                       "history_from_columns: no column matches " +
                                           in_quotes(mapping_.history_from_columns->header) + ": no deal has a history"});
    }
    in->convert_ahead(f[CLOSE], TableInput::Kind::date);

    std::vector<std::string_view> attributes;
    std::size_t filled_amounts = 0, filled_created = 0;
    while (in->next()) {
      std::string_view text[12];
      for (int i : {ID, PIPELINE, ACCOUNT, OWNER, PRODUCT, SOURCE, SEGMENT, CURRENCY, STAGE}) text[i] = in->raw(f[i]);
      const std::string_view key_of_lookups[12] = {text[0], text[1], text[2], text[3], text[4],  text[5],
                                                   text[6], text[7], text[8], text[9], text[10], text[11]};
      const auto value_of = [&](std::string_view field) -> std::string_view {
        for (std::size_t i = 0; i < 12; ++i)
          if (field == field_names[i]) return key_of_lookups[i];
        return {};
      };
      apply_lookups(Table::opportunities, field_names, text, {ACCOUNT, OWNER, PRODUCT, SOURCE, SEGMENT, PIPELINE, CURRENCY});
      for (int i : {ID, PIPELINE, ACCOUNT, OWNER, PRODUCT, SOURCE, SEGMENT, CURRENCY, STAGE})
        if (text[i].empty() && f[i].fallback) text[i] = *f[i].fallback;

      bool ok = true;
      double amount = in->number(f[AMOUNT], ok);
      Day created = in->date(f[CREATED], ok);
      const Day close = in->date(f[CLOSE], ok);
      if (!ok) continue;
      if (created == kNoDay && blank_created != kNoDay) {
        created = blank_created;
        ++filled_created;
      }
      if (needs_list_price(amount)) {
        if (const auto it = list_prices_.find(std::string(text[PRODUCT])); it != list_prices_.end()) {
          amount = it->second;
          ++filled_amounts;
        }
      }
      attributes = in->attributes();
      for (const auto& [l, v] : lookup_slots) {
        const auto it = lookups_[l].rows.find(std::string(value_of(lookups_[l].spec->field)));
        attributes.push_back(it == lookups_[l].rows.end() ? std::string_view{} : std::string_view(it->second[v]));
      }
      OpportunityRecord r{text[ID],      text[PIPELINE], text[ACCOUNT], text[OWNER],
                          text[PRODUCT], text[SOURCE],   text[SEGMENT], amount,
                          text[CURRENCY], created,       close,         text[STAGE],
                          attributes};
      auto bad = builder_.add_opportunity(r);
      if (bad && bad->field == "currency" && mapping_.unrated_currency_as_unknown && !text[CURRENCY].empty()) {
        unrated_currencies_[std::string(text[CURRENCY])].emplace_back(text[ID]);
        unrated_deals_.emplace(text[ID]);
        r.currency = {};
        r.amount = kNoAmount;
        bad = builder_.add_opportunity(r);
      }
      if (bad) {
        in->report(*bad);
      } else {
        if (stopped.column >= 0) stopped_in_.emplace_back(in->raw(stopped));
        for (const auto& [w, field] : wide) {
          if (!w.pipeline.empty() && w.pipeline != text[PIPELINE]) continue;
          bool entered_ok = true;
          const Day entered = in->date(field, entered_ok);
          if (entered_ok && entered != kNoDay) wide_history_.push_back({std::string(text[ID]), w.stage, entered});
        }
      }
      if (errors_.full()) return;
    }
    if (filled_amounts > 0)
      warnings_.push_back(Diagnostic{in->file(), 0, 0, std::to_string(filled_amounts) +
                                         " opportunities took their product's list price as amount"});
    for (const auto& [currency, ids] : unrated_currencies_)
      warnings_.push_back(Diagnostic{in->file(), 0, 0,
                                     "currency " + in_quotes(currency) + " has no rate: " + std::to_string(ids.size()) +
                                         (ids.size() == 1 ? " deal keeps" : " deals keep") +
                                         " an unknown amount, in the base currency"});
    if (filled_created > 0)
      warnings_.push_back(Diagnostic{in->file(), 0, 0, std::to_string(filled_created) +
                                         " opportunities had no created date and were dated " +
                                         format_day(blank_created)});
  }

  bool needs_list_price(double amount) const {
    switch (mapping_.amount_from_list_price) {
      case AmountFallback::none: return false;
      case AmountFallback::blank: return is_blank(amount);
      case AmountFallback::blank_or_zero: return is_blank(amount) || amount == 0.0;
    }
    return false;
  }

  void read_history() {
    const TableMapping history = mapping_.table(Table::stage_history);
    auto in = open(Table::stage_history, !history.optional, true);
    if (!in) {
      if (history.optional && errors_.empty())
        warnings_.push_back(Diagnostic{history.file, 0, 0,
                                       "absent: no deal has a stage history (each is taken to have sat in its "
                                       "current stage since its creation)"});
      return;
    }
    const auto id = in->field("opportunity_id"), stage = in->field("stage"), entered = in->field("entered"),
               amount = in->field("amount"), close = in->field("close_date");
    update_layout([&](BookLayout& l) {
      l.history_amount = amount.present();
      l.history_close_date = close.present();
    });
    builder_.set_history_attribute_columns(in->attribute_names());
    builder_.reserve(builder_.opportunities(), in->rows_at_most());
    in->convert_ahead(entered, TableInput::Kind::date);
    in->convert_ahead(amount, TableInput::Kind::number);
    in->convert_ahead(close, TableInput::Kind::date);
    const FieldRef previous = in->column_named(history.previous_stage);
    if (previous.column >= 0) return read_change_log(*in, previous);
    while (in->next()) {
      bool ok = true;
      const Day day = in->date(entered, ok);
      const double value = amount_of(*in, amount, id, ok);
      const Day close_day = in->date(close, ok);
      if (!ok) continue;
      if (auto bad = builder_.add_history({in->text(id), in->text(stage), day, value, close_day, in->attributes()}))
        in->report(*bad);
      if (errors_.full()) return;
    }
  }

  // A stage history that logs changes (Odoo's mail tracking, newest first):
  // its rows are put in the order of their times, not only of their days
  // (two moves on one day must keep theirs), and each deal's earliest row
  // also says where the deal started.
  void read_change_log(TableInput& in, const FieldRef& previous) {
    struct Change {
      std::string deal, stage, previous;
      Day day;
      int second;  // of the day; -1 when the cell has no time
      double amount;
      Day close;
      std::vector<std::string> attributes;
      std::size_t line;
    };
    const auto id = in.field("opportunity_id"), stage = in.field("stage"), entered = in.field("entered"),
               amount = in.field("amount"), close = in.field("close_date");
    std::vector<Change> changes;
    while (in.next()) {
      bool ok = true;
      const Day day = in.date(entered, ok);
      const double value = amount_of(in, amount, id, ok);
      const Day close_day = in.date(close, ok);
      if (!ok) continue;
      const auto& cells = in.attributes();
      changes.push_back({std::string(in.text(id)), std::string(in.text(stage)), std::string(in.raw(previous)), day,
                         csv::second_of_day(in.text(entered)), value, close_day,
                         std::vector<std::string>(cells.begin(), cells.end()), in.row_line()});
      if (errors_.full()) return;
    }
    std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
      return std::tie(a.deal, a.day, a.second) < std::tie(b.deal, b.day, b.second);
    });
    std::vector<FirstMove> first_moves;  // in deal order, as the changes are sorted
    std::size_t orphans = 0;  // rows of deals the opportunities file does not hold
    for (const Change& c : changes) {
      const std::vector<std::string_view> cells(c.attributes.begin(), c.attributes.end());
      if (!c.deal.empty() && !builder_.book_so_far().find(c.deal)) {
        ++orphans;  // a log outlives the records it logged (deleted deals)
      } else if (auto bad = builder_.add_history({c.deal, c.stage, c.day, c.amount, c.close, cells})) {
        errors_.add(Diagnostic{in.file(), c.line, 1, bad->field + ": " + bad->message});
      } else if (first_moves.empty() || first_moves.back().deal != c.deal) {
        first_moves.push_back({c.deal, c.day, c.previous});  // sorted: a deal's first is its earliest
      }
      if (errors_.full()) return;
    }
    if (orphans > 0)
      warnings_.push_back(Diagnostic{in.file(), 0, 0,
                                     std::to_string(orphans) + (orphans == 1 ? " row" : " rows") +
                                         " of deals that are not in the opportunities file left out (deleted "
                                         "deals, or deals the export did not include)"});
    add_starting_stages(first_moves, in.attribute_names().size());
  }


  // A history row's amount: unknown for a deal whose currency has no rate
  // (its amounts are in that currency), as the deal's own.
  double amount_of(TableInput& in, const FieldRef& amount, const FieldRef& id, bool& ok) {
    const double value = in.number(amount, ok);
    return !unrated_deals_.empty() && unrated_deals_.contains(std::string(in.text(id))) ? kNoAmount : value;
  }

  // Where each deal of a change log started: the stage its earliest change
  // left, entered on the deal's creation (or on that change, if earlier).
  // A value that is no stage of its pipeline (a log of another field) adds
  // nothing.
  struct FirstMove {
    std::string deal;
    Day day;
    std::string left;  // the stage it left
  };
  void add_starting_stages(const std::vector<FirstMove>& first_moves, std::size_t attributes) {
    const std::vector<std::string_view> blank(attributes);
    const Book& book = builder_.book_so_far();
    for (const FirstMove& move : first_moves) {
      const auto index = book.find(move.deal);
      if (!index || move.left.empty() || !book.find_stage(book.pipeline_column()[*index], move.left)) continue;
      const Day start = std::min(book.created_column()[*index], move.day);
      if (auto bad = builder_.add_history({move.deal, move.left, start, kNoAmount, kNoDay, blank}))
        errors_.add(Diagnostic{mapping_.table(Table::stage_history).file, 0, 0,
                               "previous_stage: " + bad->field + ": " + bad->message});
    }
  }


  // The history the opportunities file's stage columns gave.  A column of a
  // stage the pipeline does not have (removed from the settings since) is
  // left out, with a warning.
  void history_from_columns() {
    std::map<std::string, std::size_t> unknown;  // stage -> dates left out
    for (const WideEntry& e : wide_history_) {
      if (auto bad = builder_.add_history({e.deal, e.stage, e.entered, kNoAmount, kNoDay, {}})) {
        if (bad->field == "stage") ++unknown[e.stage];
        else errors_.add(Diagnostic{"history_from_columns", 0, 0, bad->field + ": " + bad->message});
      }
      if (errors_.full()) return;
    }
    for (const auto& [stage, dates] : unknown)
      warnings_.push_back(Diagnostic{mapping_.table(Table::opportunities).file, 0, 0,
                                     "history_from_columns: the stage " + in_quotes(stage) +
                                         " is not in the deal's pipeline: " + std::to_string(dates) +
                                         (dates == 1 ? " date" : " dates") + " left out"});
  }

  void history_from_dates() {
    const Book& book = builder_.book_so_far();
    const std::string& wanted = mapping_.history_from_dates->open_stage;
    for (DealIndex i = 0; i < book.size(); ++i) {
      const Stage& stage = book.stages()[book.stage_column()[i]];
      const Day created = book.created_column()[i];
      const Day close = book.close_date_column()[i];
      const std::string_view id = book.ids()[i];
      StageId open_stage = kNoStage;
      if (i < stopped_in_.size())
        if (const auto s = book.find_stage(book.pipeline_column()[i], stopped_in_[i]); s && !book.stages()[*s].is_closed())
          open_stage = *s;
      if (open_stage == kNoStage) open_stage = open_stage_of(book.pipeline_column()[i], wanted);
      if (stage.is_closed() && close != kNoDay && close >= created && open_stage != kNoStage) {
        add_made_history(id, book.stages()[open_stage].name, created);
        add_made_history(id, stage.name, close);
      } else {
        add_made_history(id, stage.name, created);
      }
      if (errors_.full()) return;
    }
  }

  static constexpr StageId kNoStage = UINT32_MAX;

  StageId open_stage_of(PipelineId pipeline, const std::string& wanted) {
    const Book& book = builder_.book_so_far();
    if (!wanted.empty()) {
      if (const auto s = book.find_stage(pipeline, wanted)) return *s;
      errors_.add(Diagnostic{"mapping", 0, 0, "history_from_dates.open_stage: no stage " + in_quotes(wanted) +
                                                  " in pipeline " + in_quotes(book.pipelines()[pipeline].name)});
      return kNoStage;
    }
    StageId last_open = kNoStage;
    for (StageId s : book.pipelines()[pipeline].stages)
      if (!book.stages()[s].is_closed()) last_open = s;
    return last_open;
  }

  void add_made_history(std::string_view id, std::string_view stage, Day entered) {
    if (auto bad = builder_.add_history({id, stage, entered, kNoAmount, kNoDay, {}}))
      errors_.add(Diagnostic{"mapping", 0, 0, "history_from_dates: " + bad->field + ": " + bad->message});
  }

  void read_line_items() {
    auto in = open(Table::line_items, false);
    if (!in) return;
    update_layout([](BookLayout& l) { l.line_items = true; });
    const auto id = in->field("opportunity_id"), product = in->field("product"),
               quantity = in->field("quantity"), price = in->field("unit_price");
    in->convert_ahead(quantity, TableInput::Kind::number);
    in->convert_ahead(price, TableInput::Kind::number);
    while (in->next()) {
      bool ok = true;
      const double q = in->required_number(quantity, ok);
      const double p = in->required_number(price, ok);
      if (ok) {
        static constexpr const char* names[] = {"opportunity_id", "product"};
        std::string_view text[2] = {in->text(id), in->text(product)};
        apply_lookups(Table::line_items, names, text, {1});
        if (auto bad = builder_.add_line_item(text[0], text[1], q, p)) in->report(*bad);
      }
      if (errors_.full()) return;
    }
  }

  void read_quotas() {
    auto in = open(Table::quotas, false);
    if (!in) return;
    update_layout([](BookLayout& l) { l.quotas = true; });
    const auto owner = in->field("owner"), period = in->field("period"), amount = in->field("amount");
    while (in->next()) {
      bool ok = true;
      const double value = in->required_number(amount, ok);
      if (ok) {
        if (auto bad = builder_.add_quota(in->text(owner), in->text(period), value)) in->report(*bad);
      }
      if (errors_.full()) return;
    }
  }

  // activities.csv, or the files a mapping names: each optional; absent
  // means no activity.
  void read_activities() {
    read_activities(mapping_.table(Table::activities));
    if (const auto more = mapping_.also.find(Table::activities); more != mapping_.also.end())
      for (const TableMapping& file : more->second) read_activities(file);
  }

  void read_activities(const TableMapping& file) {
    auto in = open(Table::activities, file, false, false);
    if (!in) return;
    const auto id = in->field("opportunity_id"), account = in->field("account"), type = in->field("type"),
               date = in->field("date"), owner = in->field("owner"), duration = in->field("duration_minutes"),
               direction = in->field("direction"), outcome = in->field("outcome");
    if (!id.present() && !account.present()) {
      errors_.add(Diagnostic{in->file(), 1, 1, "missing column 'opportunity_id' or 'account' (an activity is a "
                                               "deal's or an account's)"});
      return;
    }
    // Any of the files having a column makes it one of the book's.
    update_layout([&](BookLayout& l) {
      l.activities = true;
      l.activity_duration = l.activity_duration || duration.present();
      l.activity_direction = l.activity_direction || direction.present();
      l.activity_outcome = l.activity_outcome || outcome.present();
    });
    in->convert_ahead(date, TableInput::Kind::date);
    in->convert_ahead(duration, TableInput::Kind::number);
    while (in->next()) {
      bool ok = true;
      const Day day = in->date(date, ok);
      const double minutes = in->number(duration, ok);
      if (ok) {
        static constexpr const char* names[] = {"opportunity_id", "account", "type", "owner", "direction", "outcome"};
        std::string_view text[6] = {in->text(id),    in->text(account),   in->text(type),
                                    in->text(owner), in->text(direction), in->text(outcome)};
        apply_lookups(Table::activities, names, text, {1, 3});
        if (auto bad = builder_.add_activity({text[0], text[1], text[2], day, text[3], minutes, text[4], text[5]}))
          in->report(*bad);
      }
      if (errors_.full()) return;
    }
  }

  const FileLoader& load_;
  const ColumnMapping& mapping_;
  const std::function<void(const ImportProgress&)>& progress_;
  unsigned threads_;
  DiagnosticList errors_;
  std::vector<Diagnostic> warnings_;
  BookBuilder builder_;
  std::unordered_map<std::string, double> list_prices_;
  std::vector<LookupTable> lookups_;
  std::vector<std::string> stopped_in_;  // per deal, history_from_dates.stage_column's cell
  std::map<std::string, std::vector<std::string>> unrated_currencies_;  // currency -> deal ids
  std::unordered_set<std::string> unrated_deals_;                      // the same ids
  struct WideEntry {
    std::string deal;
    std::string stage;
    Day entered;
  };
  std::vector<WideEntry> wide_history_;  // from the opportunities file's stage columns
};

// The one name of `names` that a mapping's file pattern (a name with `*` or
// `?`, as CRMs name exports by date) stands for; nullopt when none does.
// Several are an error: which export is meant is the user's to say.
std::optional<std::string> resolve_file(const std::string& file, const std::vector<std::string>& names) {
  if (!is_pattern(file)) return file;
  std::vector<std::string> found;
  for (const std::string& name : names)
    if (matches_pattern(file, name)) found.push_back(name);
  if (found.empty()) return std::nullopt;
  if (found.size() > 1) {
    std::sort(found.begin(), found.end());
    std::string list;
    for (const std::string& name : found) list += (list.empty() ? "" : ", ") + name;
    throw ImportError({Diagnostic{file, 0, 0,
                                  std::to_string(found.size()) + " files match: " + list +
                                      " (keep one in the folder, or name it in the mapping)"}});
  }
  return found.front();
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    if (errno == ENOENT) return std::nullopt;
    throw ImportError({Diagnostic{path.string(), 0, 0, std::string("cannot read: ") + std::strerror(errno)}});
  }
  std::string content;
  file.seekg(0, std::ios::end);
  const auto size = file.tellg();
  if (size > 0) {
    content.resize(static_cast<std::size_t>(size));
    file.seekg(0);
    file.read(content.data(), size);
  }
  if (!file) throw ImportError({Diagnostic{path.string(), 0, 0, "cannot read the whole file"}});
  return content;
}

}  // namespace

ImportResult import_csv_book(const CsvFiles& files, const ImportOptions& options) {
  std::vector<std::string> names;
  for (const auto& [name, unused] : files) names.push_back(name);
  const FileLoader load = [&](std::string& file) -> std::optional<csv::Text> {
    const auto name = resolve_file(file, names);
    const auto it = name ? files.find(*name) : files.end();
    if (it == files.end()) return std::nullopt;
    file = *name;
    return csv::Text::borrow(it->second);
  };
  return Importer(load, options).run();
}

ImportResult import_csv_directory(const std::filesystem::path& directory, const ImportOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec))
    throw ImportError({Diagnostic{directory.string(), 0, 0,
                                  std::filesystem::exists(directory, ec) ? "is not a directory"
                                                                         : "no such directory"}});
  std::vector<std::string> names;  // listed once, for file patterns
  bool listed = false;
  const FileLoader load = [&](std::string& file) -> std::optional<csv::Text> {
    if (!listed && is_pattern(file)) {
      for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
        if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
      listed = true;
    }
    const auto name = resolve_file(file, names);
    if (!name) return std::nullopt;
    file = *name;
    const auto path = directory / *name;
    if (std::filesystem::is_directory(path, ec))
      throw ImportError({Diagnostic{path.string(), 0, 0, "is a directory, not a file"}});
    auto content = read_file(path);
    if (!content) return std::nullopt;
    return csv::Text(std::move(*content));
  };
  return Importer(load, options).run();
}

}  // namespace pipecast
