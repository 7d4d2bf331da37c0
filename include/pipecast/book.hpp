/// @file
/// The book: every opportunity, its stage history and the reference tables.
///
/// Stored by columns (struct of arrays) so that a pass over a million deals
/// reads only the columns it needs; categories are dictionary-encoded; the stage
/// history is one array sorted by (opportunity, entered) with per-opportunity
/// offsets.  A Book is an immutable value once built (see BookBuilder): share it
/// freely between threads for reading.
#pragma once

#include "pipecast/calendar.hpp"
#include "pipecast/dictionary.hpp"
#include "pipecast/id_column.hpp"
#include "pipecast/stage.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Index of an opportunity in its book (its row in opportunities.csv).
using DealIndex = std::uint32_t;

/// A number that was left blank.
inline constexpr double kNoAmount = std::numeric_limits<double>::quiet_NaN();
inline bool is_blank(double value) { return std::isnan(value); }

/// The categorical dimensions of an opportunity.
enum class Dimension : std::uint8_t { account, owner, product, source, segment };
inline constexpr Dimension kDimensions[] = {Dimension::account, Dimension::owner,
                                            Dimension::product, Dimension::source,
                                            Dimension::segment};
std::string_view to_string(Dimension dimension);

/// Extra columns of a file, kept as text (custom attributes of each row).
struct TextColumns {
  std::vector<std::string> names;
  std::vector<Dictionary> values;             // one dictionary per column
  std::vector<std::vector<Code>> codes;       // codes[column][row]

  std::size_t size() const { return names.size(); }
  std::string_view value(std::size_t column, std::size_t row) const {
    return values[column][codes[column][row]];
  }
  bool operator==(const TextColumns&) const = default;
};

/// One row of the stage history: a deal entered `stage` on `entered`; amount
/// and close date as they stood from that change on (blank when not recorded).
struct HistoryEntry {
  StageId stage;
  Day entered;
  double amount;
  Day close_date;
};

struct Product {
  Code name;  // in Book::dictionary(Dimension::product)
  std::string family;
  double list_price;  // kNoAmount when blank
  bool operator==(const Product& o) const {
    return name == o.name && family == o.family &&
           (list_price == o.list_price || (is_blank(list_price) && is_blank(o.list_price)));
  }
};

struct LineItem {
  DealIndex deal;
  Code product;  // in Book::dictionary(Dimension::product)
  double quantity;
  double unit_price;  // in the deal's currency
  bool operator==(const LineItem&) const = default;
};

struct Quota {
  std::string owner;  // "*" for the whole team
  Period period;
  double amount;      // in the base currency
  bool operator==(const Quota&) const = default;
};

struct FxRate {
  std::string currency;
  double rate;  // one unit of `currency` in the base currency
  bool operator==(const FxRate&) const = default;
};

/// Which optional parts a book was given, so export writes back what came in.
struct BookLayout {
  bool history_amount = false;      // stage_history.csv had an amount column
  bool history_close_date = false;  // ... and a close_date column
  bool forecast_category = false;   // stages.csv had a forecast_category column
  bool products = false;
  bool line_items = false;
  bool quotas = false;
  bool fx_rates = false;
  bool operator==(const BookLayout&) const = default;
};

class Book;

/// A friendly view of one opportunity; valid while its book lives.
class Opportunity {
 public:
  Opportunity(const Book& book, DealIndex index) : book_(&book), index_(index) {}
  DealIndex index() const { return index_; }
  std::string_view id() const;
  const Pipeline& pipeline() const;
  const Stage& stage() const;
  std::string_view dimension(Dimension d) const;
  std::string_view account() const { return dimension(Dimension::account); }
  std::string_view owner() const { return dimension(Dimension::owner); }
  std::string_view product() const { return dimension(Dimension::product); }
  std::string_view source() const { return dimension(Dimension::source); }
  std::string_view segment() const { return dimension(Dimension::segment); }
  std::string_view currency() const;
  /// The custom attribute `name`, or an empty view when the book has no such column.
  std::string_view attribute(std::string_view name) const;
  double amount() const;          // in the deal's currency; kNoAmount when blank
  double amount_in_base() const;  // converted with the book's FX rates
  Day created() const;
  Day close_date() const;  // expected for open deals, actual for closed; kNoDay when blank
  std::span<const StageId> history_stages() const;
  HistoryEntry history(std::size_t k) const;
  std::size_t history_size() const;

 private:
  const Book* book_;
  DealIndex index_;
};

class Book {
 public:
  Book() = default;

  // Reference data.
  const std::vector<Pipeline>& pipelines() const { return pipelines_; }
  const std::vector<Stage>& stages() const { return stages_; }
  std::optional<PipelineId> find_pipeline(std::string_view name) const;
  std::optional<StageId> find_stage(PipelineId pipeline, std::string_view name) const;
  const std::vector<Product>& products() const { return products_; }
  const std::vector<LineItem>& line_items() const { return line_items_; }
  const std::vector<Quota>& quotas() const { return quotas_; }
  const std::vector<FxRate>& fx_rates() const { return fx_rates_; }
  const BookLayout& layout() const { return layout_; }

  // Opportunities, by column.
  std::size_t size() const { return ids_.size(); }
  Opportunity opportunity(DealIndex i) const { return {*this, i}; }
  std::optional<DealIndex> find(std::string_view id) const { return ids_.find(id); }
  const IdColumn& ids() const { return ids_; }
  std::span<const PipelineId> pipeline_column() const { return pipeline_; }
  std::span<const StageId> stage_column() const { return stage_; }
  std::span<const double> amount_column() const { return amount_; }
  std::span<const Day> created_column() const { return created_; }
  std::span<const Day> close_date_column() const { return close_date_; }
  std::span<const Code> currency_column() const { return currency_; }
  std::span<const Code> codes(Dimension d) const { return dimension_codes_[index(d)]; }
  const Dictionary& dictionary(Dimension d) const { return dimension_values_[index(d)]; }
  const Dictionary& currencies() const { return currencies_; }
  const TextColumns& attributes() const { return attributes_; }

  // Stage history: rows of deal i are [history_begin(i), history_end(i)).
  std::size_t history_size() const { return history_stage_.size(); }
  std::uint32_t history_begin(DealIndex i) const { return history_offsets_[i]; }
  std::uint32_t history_end(DealIndex i) const { return history_offsets_[i + 1]; }
  std::span<const StageId> history_stage_column() const { return history_stage_; }
  std::span<const Day> history_entered_column() const { return history_entered_; }
  std::span<const double> history_amount_column() const { return history_amount_; }
  std::span<const Day> history_close_date_column() const { return history_close_date_; }
  HistoryEntry history(std::size_t row) const {
    return {history_stage_[row], history_entered_[row], history_amount_[row],
            history_close_date_[row]};
  }
  const TextColumns& history_attributes() const { return history_attributes_; }

  // Currencies.
  /// The currency totals are reported in ("" when the book does not say).
  const std::string& base_currency() const { return base_currency_; }
  /// Multiplier from a currency (by code) to the base currency.
  double fx_rate(Code currency) const { return currency_rate_[currency]; }
  double amount_in_base(DealIndex i) const { return amount_[i] * currency_rate_[currency_[i]]; }

  /// The latest date the book knows of: creations, stage changes, and the close
  /// dates of closed deals (expected close dates of open deals are not facts).
  Day latest_day() const;

  /// Bytes held by the book's arrays and dictionaries.
  std::size_t memory_bytes() const;

  /// Full check: the structure (offsets, codes, ids in range), so that a
  /// damaged file cannot lead to an out-of-range read, and the values the
  /// builder would refuse (days outside the calendar, history out of date
  /// order, negative amounts, text that is not UTF-8...).  Throws
  /// std::runtime_error naming what is inconsistent.  Run on every loaded
  /// snapshot.
  void check_consistency() const;

  bool operator==(const Book& other) const;

  template <class Archive>
  void serialize(Archive& archive, unsigned version);

 private:
  void check_currencies() const;
  void check_text() const;
  friend class BookBuilder;
  static std::size_t index(Dimension d) { return static_cast<std::size_t>(d); }

  std::vector<Pipeline> pipelines_;
  std::vector<Stage> stages_;
  std::vector<Product> products_;
  std::vector<LineItem> line_items_;
  std::vector<Quota> quotas_;
  std::vector<FxRate> fx_rates_;
  BookLayout layout_;

  IdColumn ids_;
  std::vector<PipelineId> pipeline_;
  std::vector<StageId> stage_;
  std::vector<double> amount_;
  std::vector<Day> created_;
  std::vector<Day> close_date_;
  std::vector<Code> currency_;
  std::vector<Code> dimension_codes_[std::size(kDimensions)];
  Dictionary dimension_values_[std::size(kDimensions)];
  Dictionary currencies_;
  TextColumns attributes_;

  std::vector<std::uint32_t> history_offsets_{0};
  std::vector<StageId> history_stage_;
  std::vector<Day> history_entered_;
  std::vector<double> history_amount_;
  std::vector<Day> history_close_date_;
  TextColumns history_attributes_;

  std::string base_currency_;
  std::vector<double> currency_rate_;  // by currency code; derived
};

}  // namespace pipecast
