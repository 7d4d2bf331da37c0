/// @file
/// Builds a Book record by record, checking each record as it comes.
///
/// The CSV importer, the synthetic generator and the C ABI's bulk calls all
/// build books through this class, so a rule (a stage must exist in the deal's
/// pipeline, ids are unique, amounts are in 0..kMaxAmount...) is enforced in one
/// place.  A rejected record changes nothing; `finish()` sorts the history and
/// hands over the book.
#pragma once

#include "pipecast/core/book.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Why a record was refused: the field at fault and what is wrong with it.
struct Rejection {
  std::string field;    ///< the column at fault, as in the file ("stage")
  std::string message;  ///< what is wrong ("unknown stage 'X' in pipeline 'Sales' ...")
};
/// The outcome of an add_* call: nullopt when the record was accepted.
using Checked = std::optional<Rejection>;  // nullopt: accepted

/// A row of stages.csv.  The views are read during the call only.
struct StageRecord {
  std::string_view pipeline;  ///< required; the pipeline is made by its first stage
  std::string_view stage;     ///< required; unique in its pipeline
  int order = 0;              ///< unique in its pipeline
  double probability = 0.0;   ///< as configured in the CRM, in [0, 1]
  StageKind kind = StageKind::open;  ///< open, won or lost
  std::string_view forecast_category;  ///< optional
};

/// A row of opportunities.csv.  The views are read during the call only.
struct OpportunityRecord {
  std::string_view id;        ///< required; unique in the book
  std::string_view pipeline;  ///< may be blank when the book has one pipeline
  std::string_view account /**< optional, as the other dimensions */,
      owner /**< optional */, product /**< optional; the primary product */,
      source /**< optional */, segment /**< optional */;
  double amount = kNoAmount;  ///< >= 0 in the deal's currency; kNoAmount: blank
  std::string_view currency;  ///< blank: the base currency
  Day created = kNoDay;       ///< required
  Day close_date = kNoDay;    ///< expected for open deals, actual for closed; kNoDay: blank
  std::string_view stage;     ///< required; a stage of the deal's pipeline
  std::span<const std::string_view> attributes;  ///< one per attribute column
};

/// A row of stage_history.csv.  The views are read during the call only.
struct HistoryRecord {
  std::string_view opportunity_id;  ///< required; a deal already added
  std::string_view stage;           ///< required; a stage of the deal's pipeline
  Day entered = kNoDay;             ///< required: the day the stage was entered
  double amount = kNoAmount;        ///< the amount from this change on; kNoAmount: not recorded
  Day close_date = kNoDay;          ///< the close date from this change on; kNoDay: not recorded
  std::span<const std::string_view> attributes;  ///< one per history attribute column
};

/// A row of activities.csv: an activity of a deal or, with no deal, of an
/// account.  The views are read during the call only.
struct ActivityRecord {
  std::string_view opportunity_id;  ///< the deal; blank for an account-level activity
  std::string_view account;         ///< the account of an account-level one; with a deal, blank or the deal's
  std::string_view type;            ///< required ("call", "email", "meeting", ...)
  Day date = kNoDay;                ///< required: the day it happened (or is due)
  std::string_view owner;           ///< who did it; may be blank
  double duration_minutes = kNoAmount;  ///< >= 0; kNoAmount: blank
  std::string_view direction;       ///< "in", "out" or blank
  std::string_view outcome;         ///< optional ("connected", "no answer", ...)
};

/// The record that adds deal `deal` of `book` again, with its attribute
/// values, for copies of a book (a split, a merge, a book cut at a date).
/// Its views point into `book` and into `attributes`, which it fills.
OpportunityRecord opportunity_record(const Book& book, DealIndex deal, std::vector<std::string_view>& attributes);

/// The record that adds activity row `row` of `book` again, to the deal
/// `opportunity_id` or (blank) to `account`: for copies of a book (a split,
/// a merge, a book cut at a date).  Its views point into `book` and the
/// arguments.
ActivityRecord activity_record(const Book& book, std::uint32_t row, std::string_view opportunity_id,
                               std::string_view account);

/// Builds a Book record by record; see the file's documentation.  Each add_*
/// call checks its record against what came before and returns the
/// Rejection, changing nothing, when it breaks a rule.  Calls out of order
/// (stages or FX rates after an opportunity, attribute columns after their
/// first row) throw std::logic_error: they are mistakes of the calling code,
/// not of the data.
class BookBuilder {
 public:
  /// An empty builder.
  BookBuilder();

  /// Declares which optional columns and files the book has (export writes
  /// them back).  Replaces the whole layout; the add_* calls for products,
  /// line items, quotas and FX rates also switch theirs on.
  void set_layout(const BookLayout& layout);
  /// Names the custom attribute columns of opportunities; each
  /// OpportunityRecord then carries one value per name.  Before the first
  /// opportunity only (std::logic_error otherwise).
  void set_attribute_columns(std::vector<std::string> names);
  /// Names the custom attribute columns of history rows, as
  /// set_attribute_columns(); before the first history row only.
  void set_history_attribute_columns(std::vector<std::string> names);

  // Reference data first: stages, then FX rates, then products.

  /// Adds a stage, and its pipeline with the first stage named after it.
  /// Refused: a blank pipeline or stage, a probability outside [0, 1], a
  /// stage or order already in the pipeline.  std::logic_error after an
  /// opportunity.
  Checked add_stage(const StageRecord& record);
  /// Adds the rate of a currency (one unit in the base currency; the
  /// currency of the first rate 1 becomes the base).  Refused: a blank
  /// currency, a rate that is not a positive number, a second rate for a
  /// currency.  std::logic_error after an opportunity.
  Checked add_fx_rate(std::string_view currency, double rate);
  /// Adds a product (list_price kNoAmount when blank).  Refused: a blank or
  /// repeated name, a negative or infinite list price.
  Checked add_product(std::string_view name, std::string_view family, double list_price);

  // Then opportunities, then what refers to them.

  /// Adds a deal.  Refused: a blank or repeated id, an unknown or (with
  /// several pipelines) blank pipeline, an unknown stage, an amount negative or above kMaxAmount,
  /// a blank created day, a day outside [kFirstDay, kLastDay], the wrong
  /// number of attributes, a currency without a rate (with FX rates) or a
  /// second currency (without).
  Checked add_opportunity(const OpportunityRecord& record);
  /// Adds a history row of a deal already added, in any order (finish()
  /// sorts).  Refused: an unknown deal, a stage not of the deal's pipeline,
  /// a blank entered day, a day out of range, a negative amount, the wrong
  /// number of attributes.  Throws std::length_error past 2^32 - 2 rows.
  Checked add_history(const HistoryRecord& record);
  /// Adds an activity of a deal, or of an account, already added (an
  /// account exists once a deal has it), in any order (finish() sorts).
  /// Refused: an unknown deal, both deal and account blank, an unknown
  /// account, a deal's activity naming another account than the deal's, a
  /// blank type, a blank day or one out of range, a negative or infinite
  /// duration, a direction other than "in", "out" or blank.  Its date may
  /// precede the deal's creation (a CRM logs the call that made the deal):
  /// the data check reports it.  Switches on the layout's activities, and
  /// each optional column once a value is given for it.  Throws
  /// std::length_error past 2^32 - 2 rows.
  Checked add_activity(const ActivityRecord& record);
  /// Adds a line item of a deal already added; the product need not be in
  /// products.csv.  Refused: an unknown deal, a blank product, a blank or
  /// negative quantity or unit price.
  Checked add_line_item(std::string_view opportunity_id, std::string_view product,
                        double quantity, double unit_price);
  /// Adds a quota of `owner` ("*": the team) for `period` (a label
  /// parse_period() reads, with fiscal years starting in January; kept as
  /// given), in the base currency.  Refused: a blank owner, a bad period, a
  /// blank or negative amount.
  Checked add_quota(std::string_view owner, std::string_view period, double amount);

  /// What the builder held at one moment: rollback() returns to it, so that a
  /// batch of records can be accepted or refused as a whole.
  /// Its members are the sizes of the builder's tables and dictionaries;
  /// only rollback() reads them.
  struct Mark {
    /// @cond INTERNAL
    std::size_t pipelines = 0, stages = 0, products = 0, line_items = 0, quotas = 0, fx_rates = 0;
    std::size_t deals = 0, history_rows = 0;
    std::size_t activities = 0, activity_types = 0, activity_owners = 0, activity_outcomes = 0;
    std::size_t dimension_values[std::size(kDimensions)] = {};
    std::size_t currencies = 0;
    std::vector<std::size_t> attribute_values, history_attribute_values;
    std::string base_currency;
    BookLayout layout;
    bool fx_given = false;
    /// @endcond
  };
  /// What the builder holds now, for rollback().
  Mark mark() const;
  /// Takes back every record added since `mark` (which must come from this
  /// builder, with no rollback to an earlier mark in between).
  void rollback(const Mark& mark);

  /// Opportunities added so far.
  std::size_t opportunities() const { return book_.size(); }
  /// History rows added so far.
  std::size_t history_rows() const { return history_deal_.size(); }
  /// Activities added so far.
  std::size_t activities() const { return activity_deal_.size(); }
  /// The book being built, for reading what is in: its history is not yet
  /// sorted nor indexed by deal (history_begin() and history_end() are not
  /// valid before finish()).
  const Book& book_so_far() const { return book_; }
  /// Makes room for `opportunities` deals and `history_rows` history rows
  /// in all, so that adding them does not reallocate.
  void reserve(std::size_t opportunities, std::size_t history_rows);

  /// Sorts the history by (opportunity, entered) and the activities by
  /// (deal, date), then (account, date), keeping the given order of rows of
  /// the same day, and returns the book.
  Book finish() &&;

 private:
  Checked check_currency(std::string_view currency, Code& code);
  std::optional<DealIndex> find_deal(std::string_view id);
  void sort_history();
  void index_activities();
  std::optional<Code> activity_account(const ActivityRecord& record, std::optional<DealIndex> deal,
                                       Checked& rejected) const;

  Book book_;
  std::vector<DealIndex> history_deal_;  // per history row, before sorting
  // Per activity, before sorting: its deal (kAccountLevel for an account's),
  // and an account's activity's account code.
  std::vector<DealIndex> activity_deal_;
  std::vector<Code> activity_account_;
  static constexpr DealIndex kAccountLevel = UINT32_MAX;
  bool fx_given_ = false;
  // History and line items come grouped by deal, usually in deal order:
  // remember the last deal found, and look at the ones after it first.
  static constexpr std::size_t kDealsLookedAhead = 4;
  bool has_last_deal_ = false;
  DealIndex last_deal_ = 0;
};

}  // namespace pipecast
