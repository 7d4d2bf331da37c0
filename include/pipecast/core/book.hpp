/// @file
/// The book: every opportunity, its stage history and the reference tables.
///
/// Stored by columns (struct of arrays) so that a pass over a million deals
/// reads only the columns it needs; categories are dictionary-encoded; the stage
/// history is one array sorted by (opportunity, entered) with per-opportunity
/// offsets; so are the activities (activities.hpp).  A Book is an immutable value once built (see BookBuilder): share it
/// freely between threads for reading.
#pragma once

#include "pipecast/core/activities.hpp"
#include "pipecast/core/calendar.hpp"
#include "pipecast/core/dictionary.hpp"
#include "pipecast/core/id_column.hpp"
#include "pipecast/core/stage.hpp"

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
/// The largest amount a book holds (1e18, beyond any deal in any currency):
/// sums of a book's amounts then stay finite, whatever their number.
inline constexpr double kMaxAmount = 1e18;
/// True for a blank number (kNoAmount, or any NaN).
inline bool is_blank(double value) { return std::isnan(value); }

/// The categorical dimensions of an opportunity.
enum class Dimension : std::uint8_t {
  account,  ///< the customer account
  owner,    ///< the sales rep who owns the deal
  product,  ///< the deal's primary product
  source,   ///< the lead source
  segment   ///< the customer segment
};
/// Every Dimension, in declaration order (for loops over them).
inline constexpr Dimension kDimensions[] = {Dimension::account, Dimension::owner,
                                            Dimension::product, Dimension::source,
                                            Dimension::segment};
/// The dimension's column name in opportunities.csv ("account", "owner", ...).
std::string_view to_string(Dimension dimension);

/// Extra columns of a file, kept as text (custom attributes of each row).
struct TextColumns {
  std::vector<std::string> names;             ///< the column names, in file order
  std::vector<Dictionary> values;             ///< one dictionary per column
  std::vector<std::vector<Code>> codes;       ///< codes[column][row]

  /// The number of columns.
  std::size_t size() const { return names.size(); }
  /// The text of `column` in `row` ("" when blank); unchecked indices.
  std::string_view value(std::size_t column, std::size_t row) const {
    return values[column][codes[column][row]];
  }
  /// Memberwise equality.
  bool operator==(const TextColumns&) const = default;
};

/// One row of the stage history: a deal entered `stage` on `entered`; amount
/// and close date as they stood from that change on (blank when not recorded).
struct HistoryEntry {
  StageId stage;    ///< the stage entered
  Day entered;      ///< the day it was entered
  double amount;    ///< in the deal's currency; kNoAmount when not recorded
  Day close_date;   ///< the expected close date then; kNoDay when not recorded
};

/// A row of products.csv.
struct Product {
  Code name;  ///< in Book::dictionary(Dimension::product)
  std::string family;  ///< "" when blank
  double list_price;  ///< kNoAmount when blank
  /// Memberwise equality; two blank list prices are equal.
  bool operator==(const Product& o) const {
    return name == o.name && family == o.family &&
           (list_price == o.list_price || (is_blank(list_price) && is_blank(o.list_price)));
  }
};

/// A row of line_items.csv: a product quoted on a deal.
struct LineItem {
  DealIndex deal;     ///< the deal it belongs to
  Code product;  ///< in Book::dictionary(Dimension::product)
  double quantity;    ///< >= 0
  double unit_price;  ///< in the deal's currency
  /// Memberwise equality.
  bool operator==(const LineItem&) const = default;
};

/// A row of quotas.csv: an owner's (or the team's) target for a period.
struct Quota {
  std::string owner;  ///< "*" for the whole team
  Period period;      ///< the period the quota is for
  double amount;      ///< in the base currency
  /// Memberwise equality.
  bool operator==(const Quota&) const = default;
};

/// A row of fx_rates.csv.
struct FxRate {
  std::string currency;  ///< the currency code, as the deals spell it
  double rate;  ///< one unit of `currency` in the base currency
  /// Memberwise equality.
  bool operator==(const FxRate&) const = default;
};

/// Which optional parts a book was given, so export writes back what came in.
struct BookLayout {
  bool history_amount = false;      ///< stage_history.csv had an amount column
  bool history_close_date = false;  ///< ... and a close_date column
  bool forecast_category = false;   ///< stages.csv had a forecast_category column
  bool products = false;            ///< there was a products.csv
  bool line_items = false;          ///< there was a line_items.csv
  bool quotas = false;              ///< there was a quotas.csv
  bool fx_rates = false;            ///< there was an fx_rates.csv
  bool activities = false;          ///< there was an activities.csv
  bool activity_duration = false;   ///< ... with a duration_minutes column
  bool activity_direction = false;  ///< ... with a direction column
  bool activity_outcome = false;    ///< ... with an outcome column
  /// Memberwise equality.
  bool operator==(const BookLayout&) const = default;
};

class Book;

/// A friendly view of one opportunity; valid while its book lives.
class Opportunity {
 public:
  /// The deal at `index` of `book` (unchecked: index must be below
  /// book.size()).
  Opportunity(const Book& book, DealIndex index) : book_(&book), index_(index) {}
  /// Its row in the book.
  DealIndex index() const { return index_; }
  /// Its id, unique in the book.
  std::string_view id() const;
  /// Its pipeline.
  const Pipeline& pipeline() const;
  /// The stage it is in now (its opportunity row; see as_of() for another day).
  const Stage& stage() const;
  /// Its value of a dimension; "" when blank.
  std::string_view dimension(Dimension d) const;
  /// dimension(Dimension::account).
  std::string_view account() const { return dimension(Dimension::account); }
  /// dimension(Dimension::owner).
  std::string_view owner() const { return dimension(Dimension::owner); }
  /// dimension(Dimension::product): the primary product.
  std::string_view product() const { return dimension(Dimension::product); }
  /// dimension(Dimension::source).
  std::string_view source() const { return dimension(Dimension::source); }
  /// dimension(Dimension::segment).
  std::string_view segment() const { return dimension(Dimension::segment); }
  /// The currency of its amount; "" when blank (the base currency).
  std::string_view currency() const;
  /// The custom attribute `name`, or an empty view when the book has no such column.
  std::string_view attribute(std::string_view name) const;
  double amount() const;          ///< in the deal's currency; kNoAmount when blank
  double amount_in_base() const;  ///< converted with the book's FX rates; kNoAmount when blank
  /// The day it was created.
  Day created() const;
  Day close_date() const;  ///< expected for open deals, actual for closed; kNoDay when blank
  /// The stages of its history rows, oldest first.
  std::span<const StageId> history_stages() const;
  /// Its k-th history row, oldest first (unchecked: k < history_size()).
  HistoryEntry history(std::size_t k) const;
  /// How many history rows it has.
  std::size_t history_size() const;

 private:
  const Book* book_;
  DealIndex index_;
};

/// Every opportunity, its stage history and the reference tables, by
/// columns.  Made by BookBuilder (or import, or a snapshot); immutable
/// afterwards.  Indices given to the accessors are not checked.
class Book {
 public:
  /// An empty book: no pipeline, no deal.
  Book() = default;

  /// @name Reference data
  /// @{

  /// Every pipeline, by PipelineId.
  const std::vector<Pipeline>& pipelines() const { return pipelines_; }
  /// Every stage of every pipeline, by StageId.
  const std::vector<Stage>& stages() const { return stages_; }
  /// The pipeline named `name` (exact match), or nullopt.
  std::optional<PipelineId> find_pipeline(std::string_view name) const;
  /// The stage of `pipeline` named `name` (exact match), or nullopt.
  std::optional<StageId> find_stage(PipelineId pipeline, std::string_view name) const;
  /// products.csv, in file order.
  const std::vector<Product>& products() const { return products_; }
  /// line_items.csv, in file order.
  const std::vector<LineItem>& line_items() const { return line_items_; }
  /// quotas.csv, in file order.
  const std::vector<Quota>& quotas() const { return quotas_; }
  /// fx_rates.csv, in file order.
  const std::vector<FxRate>& fx_rates() const { return fx_rates_; }
  /// Which optional files and columns the book came with.
  const BookLayout& layout() const { return layout_; }
  /// @}

  /// @name Opportunities, by column
  /// Each column has size() values, indexed by DealIndex.
  /// @{

  /// The number of opportunities.
  std::size_t size() const { return ids_.size(); }
  /// A view of deal `i`, valid while the book lives.
  Opportunity opportunity(DealIndex i) const { return {*this, i}; }
  /// The deal with id `id`, or nullopt.
  std::optional<DealIndex> find(std::string_view id) const { return ids_.find(id); }
  /// The ids.
  const IdColumn& ids() const { return ids_; }
  /// Each deal's pipeline.
  std::span<const PipelineId> pipeline_column() const { return pipeline_; }
  /// Each deal's current stage (its opportunity row).
  std::span<const StageId> stage_column() const { return stage_; }
  /// Each deal's amount in its own currency; kNoAmount when blank.
  std::span<const double> amount_column() const { return amount_; }
  /// Each deal's creation day.
  std::span<const Day> created_column() const { return created_; }
  /// Each deal's close date (expected for open deals); kNoDay when blank.
  std::span<const Day> close_date_column() const { return close_date_; }
  /// Each deal's currency, a code in currencies().
  std::span<const Code> currency_column() const { return currency_; }
  /// Each deal's value of dimension `d`, a code in dictionary(d).
  std::span<const Code> codes(Dimension d) const { return dimension_codes_[index(d)]; }
  /// The values of dimension `d` ("" is the blank value).
  const Dictionary& dictionary(Dimension d) const { return dimension_values_[index(d)]; }
  /// The currency codes the deals use ("" for blank).
  const Dictionary& currencies() const { return currencies_; }
  /// The custom attribute columns of opportunities.csv, one row per deal.
  const TextColumns& attributes() const { return attributes_; }
  /// @}

  /// @name Stage history
  /// One array of rows sorted by (deal, entered): the rows of deal i are
  /// [history_begin(i), history_end(i)).
  /// @{

  /// The number of history rows of all deals.
  std::size_t history_size() const { return history_stage_.size(); }
  /// The first history row of deal `i`.
  std::uint32_t history_begin(DealIndex i) const { return history_offsets_[i]; }
  /// One past the last history row of deal `i`.
  std::uint32_t history_end(DealIndex i) const { return history_offsets_[i + 1]; }
  /// The stage each row entered.
  std::span<const StageId> history_stage_column() const { return history_stage_; }
  /// The day each row's stage was entered.
  std::span<const Day> history_entered_column() const { return history_entered_; }
  /// The amount from each row on (deal's currency); kNoAmount when not recorded.
  std::span<const double> history_amount_column() const { return history_amount_; }
  /// The close date from each row on; kNoDay when not recorded.
  std::span<const Day> history_close_date_column() const { return history_close_date_; }
  /// History row `row` (an index into the columns above) as a struct.
  HistoryEntry history(std::size_t row) const {
    return {history_stage_[row], history_entered_[row], history_amount_[row],
            history_close_date_[row]};
  }
  /// The custom attribute columns of stage_history.csv, one row per history row.
  const TextColumns& history_attributes() const { return history_attributes_; }
  /// @}

  /// @name Activities
  /// @{

  /// Every activity: each deal's (by DealIndex) and each account's (by its
  /// code in dictionary(Dimension::account)), by columns.
  const Activities& activities() const { return activities_; }
  /// @}

  /// @name Currencies
  /// @{

  /// The currency totals are reported in ("" when the book does not say).
  const std::string& base_currency() const { return base_currency_; }
  /// Multiplier from a currency (by code) to the base currency.
  double fx_rate(Code currency) const { return currency_rate_[currency]; }
  /// Deal `i`'s amount in the base currency; kNoAmount when blank.
  double amount_in_base(DealIndex i) const { return amount_[i] * currency_rate_[currency_[i]]; }
  /// @}

  /// The latest date the book knows of: creations, stage changes, and the close
  /// dates of closed deals (expected close dates of open deals are not facts).
  /// Activities are left out: the date of the export is what the deals say,
  /// and an activity after it (a task due next week) is a finding of the
  /// data check, not a later export date.
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

  /// Every table and column equal (blank amounts equal each other), the
  /// dictionaries' codes included.
  bool operator==(const Book& other) const;

 private:
  void check_currencies() const;
  void check_text() const;
  friend class BookBuilder;
  // The snapshot layout (src/storage/book_serialization.cpp): Boost stays
  // out of this header.
  template <class Archive>
  friend void serialize(Archive& archive, Book& book, unsigned version);
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

  Activities activities_;

  std::string base_currency_;
  std::vector<double> currency_rate_;  // by currency code; derived
};

}  // namespace pipecast
