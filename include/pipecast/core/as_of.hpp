/// @file
/// The book as it was known at the end of a day.
///
/// as_of(T) keeps the deals created on or before T; each takes the stage,
/// amount and close date of its last stage-history row entered on or before T.
/// A field the history does not carry (a blank cell, or a column the file does
/// not have) comes from the last earlier row that has it, and otherwise from
/// the opportunity row.  A deal with no history row on or before T keeps the
/// stage of its opportunity row: the only way today's state can show through,
/// and only for deals whose history does not cover their start.
///
/// An activity exists from its date on: the view shows a deal's activities,
/// and its account's, dated on or before T (an activity dated before its
/// deal's creation shows once the deal does).
#pragma once

#include "pipecast/core/book.hpp"

#include <span>
#include <vector>

namespace pipecast {

/// The book as known at the end of day T: the deals created by T, each with
/// its stage, amount and close date at T (see the file's documentation).
/// Computed once, in one pass over the book; it points into the book, which
/// must outlive it.  Deals are indexed by k, their position in the view (not
/// their DealIndex); indices are not checked.
class AsOfView {
 public:
  /// The view of `book` at the end of day `as_of` (kNoDay: an empty view).
  AsOfView(const Book& book, Day as_of);
  /// The same view restricted to `deals`, DealIndex values in ascending
  /// order: what the whole view holds of them, at the same cost per deal.
  /// For callers that know which deals can matter (the training snapshots
  /// skip the deals closed for good), since a whole view visits every deal.
  AsOfView(const Book& book, Day as_of, std::span<const DealIndex> deals);

  /// The book it views.
  const Book& book() const { return *book_; }
  /// T, the day it is as of.
  Day as_of() const { return as_of_; }

  /// Deals known at T, in book order; k indexes them.
  std::size_t size() const { return deals_.size(); }
  /// The DealIndex of each deal known at T, in book order.
  std::span<const DealIndex> deals() const { return deals_; }
  /// The DealIndex of deal k.
  DealIndex deal(std::size_t k) const { return deals_[k]; }

  /// The stage deal k was in at T.
  StageId stage(std::size_t k) const { return stage_[k]; }
  /// The Stage deal k was in at T.
  const Stage& stage_info(std::size_t k) const { return book_->stages()[stage_[k]]; }
  /// Deal k's amount at T, in its currency; kNoAmount when blank.
  double amount(std::size_t k) const { return amount_[k]; }
  /// Deal k's amount at T in the base currency; kNoAmount when blank.
  double amount_in_base(std::size_t k) const {
    return amount_[k] * book_->fx_rate(book_->currency_column()[deals_[k]]);
  }
  /// Deal k's close date at T (expected when open); kNoDay when blank.
  Day close_date(std::size_t k) const { return close_date_[k]; }
  /// The day the deal entered its stage at T (its creation day when unknown).
  Day stage_entered(std::size_t k) const { return stage_entered_[k]; }

  /// History rows of deal k known at T: [book().history_begin(deal), history_end(k)).
  std::uint32_t history_end(std::size_t k) const { return history_end_[k]; }

  /// Activities of deal k dated on or before T: the rows
  /// [book().activities().deal_begin(deal(k)), activity_end(k)).  A binary
  /// search, made on demand: most callers never ask.
  std::uint32_t activity_end(std::size_t k) const;
  /// Account-level activities of `account` (a code of the book's account
  /// dictionary) dated on or before T: [activities().account_begin(account),
  /// account_activity_end(account)).  Reach an account through a deal of
  /// the view: an account none of whose deals is known at T was not known
  /// either.
  std::uint32_t account_activity_end(Code account) const;

  /// stage(k) for every k.
  std::span<const StageId> stage_column() const { return stage_; }
  /// amount(k) for every k.
  std::span<const double> amount_column() const { return amount_; }
  /// close_date(k) for every k.
  std::span<const Day> close_date_column() const { return close_date_; }

 private:
  void reserve(std::size_t deals);
  /// Appends deal i as known at as_of_.
  void add(DealIndex i);

  const Book* book_;
  Day as_of_;
  std::vector<DealIndex> deals_;
  std::vector<StageId> stage_;
  std::vector<double> amount_;
  std::vector<Day> close_date_;
  std::vector<Day> stage_entered_;
  std::vector<std::uint32_t> history_end_;
};

/// The view of `book` at the end of `day`.
inline AsOfView as_of(const Book& book, Day day) { return AsOfView(book, day); }

}  // namespace pipecast
