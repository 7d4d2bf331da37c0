/// @file
/// Builds a Book record by record, checking each record as it comes.
///
/// The CSV importer, the synthetic generator and the C ABI's bulk calls all
/// build books through this class, so a rule (a stage must exist in the deal's
/// pipeline, ids are unique, amounts are not negative...) is enforced in one
/// place.  A rejected record changes nothing; `finish()` sorts the history and
/// hands over the book.
#pragma once

#include "pipecast/book.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Why a record was refused: the field at fault and what is wrong with it.
struct Rejection {
  std::string field;
  std::string message;
};
using Checked = std::optional<Rejection>;  // nullopt: accepted

struct StageRecord {
  std::string_view pipeline;
  std::string_view stage;
  int order = 0;
  double probability = 0.0;
  StageKind kind = StageKind::open;
  std::string_view forecast_category;
};

struct OpportunityRecord {
  std::string_view id;
  std::string_view pipeline;  // may be blank when the book has one pipeline
  std::string_view account, owner, product, source, segment;
  double amount = kNoAmount;
  std::string_view currency;  // blank: the base currency
  Day created = kNoDay;
  Day close_date = kNoDay;
  std::string_view stage;
  std::span<const std::string_view> attributes;  // one per attribute column
};

struct HistoryRecord {
  std::string_view opportunity_id;
  std::string_view stage;
  Day entered = kNoDay;
  double amount = kNoAmount;
  Day close_date = kNoDay;
  std::span<const std::string_view> attributes;  // one per history attribute column
};

class BookBuilder {
 public:
  BookBuilder();

  /// Declares which optional columns and files the book has (export writes
  /// them back).  Replaces the whole layout; the add_* calls for products,
  /// line items, quotas and FX rates also switch theirs on.
  void set_layout(const BookLayout& layout);
  void set_attribute_columns(std::vector<std::string> names);
  void set_history_attribute_columns(std::vector<std::string> names);

  // Reference data first: stages, then FX rates, then products.
  Checked add_stage(const StageRecord& record);
  Checked add_fx_rate(std::string_view currency, double rate);
  Checked add_product(std::string_view name, std::string_view family, double list_price);

  // Then opportunities, then what refers to them.
  Checked add_opportunity(const OpportunityRecord& record);
  Checked add_history(const HistoryRecord& record);
  Checked add_line_item(std::string_view opportunity_id, std::string_view product,
                        double quantity, double unit_price);
  Checked add_quota(std::string_view owner, std::string_view period, double amount);

  /// What the builder held at one moment: rollback() returns to it, so that a
  /// batch of records can be accepted or refused as a whole.
  struct Mark {
    std::size_t pipelines = 0, stages = 0, products = 0, line_items = 0, quotas = 0, fx_rates = 0;
    std::size_t deals = 0, history_rows = 0;
    std::size_t dimension_values[std::size(kDimensions)] = {};
    std::size_t currencies = 0;
    std::vector<std::size_t> attribute_values, history_attribute_values;
    std::string base_currency;
    BookLayout layout;
    bool fx_given = false;
  };
  Mark mark() const;
  /// Takes back every record added since `mark` (which must come from this
  /// builder, with no rollback to an earlier mark in between).
  void rollback(const Mark& mark);

  std::size_t opportunities() const { return book_.size(); }
  std::size_t history_rows() const { return history_deal_.size(); }
  const Book& book_so_far() const { return book_; }
  void reserve(std::size_t opportunities, std::size_t history_rows);

  /// Sorts the history by (opportunity, entered), keeping the given order of
  /// rows entered the same day, and returns the book.
  Book finish() &&;

 private:
  Checked check_currency(std::string_view currency, Code& code);
  std::optional<DealIndex> find_deal(std::string_view id);
  bool history_in_order() const;
  void sort_history();

  Book book_;
  std::vector<DealIndex> history_deal_;  // per history row, before sorting
  bool fx_given_ = false;
  // History and line items come grouped by deal, usually in deal order:
  // remember the last deal found, and look at the ones after it first.
  static constexpr std::size_t kDealsLookedAhead = 4;
  bool has_last_deal_ = false;
  DealIndex last_deal_ = 0;
};

}  // namespace pipecast
