/// @file
/// Activities: the calls, emails, meetings and tasks logged on a deal or on
/// an account (activities.csv).
///
/// Stored like the stage history: columns (struct of arrays), the type, owner
/// and outcome dictionary-encoded in dictionaries of their own (an activity's
/// owner is not necessarily anyone who owns a deal, and interning it in the
/// deals' owner dictionary would change what the analytics list).  The rows
/// of every deal come first, sorted by (deal, date) with per-deal offsets,
/// then the account-level rows, sorted by (account, date) with per-account
/// offsets; rows of one day keep the order they were given in.  Immutable
/// once built (BookBuilder::add_activity, finish()).
#pragma once

#include "pipecast/core/calendar.hpp"
#include "pipecast/core/dictionary.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace pipecast {

class Book;

/// Who started an activity: the customer (in) or the seller (out).
enum class ActivityDirection : std::uint8_t {
  none,      ///< not recorded
  inbound,   ///< "in": the customer called, wrote, came
  outbound,  ///< "out": the seller did
};
/// "", "in" or "out": the spelling activities.csv uses.
std::string_view to_string(ActivityDirection direction);
/// The direction spelled `text` ("", "in" or "out"), or nullopt.
std::optional<ActivityDirection> parse_activity_direction(std::string_view text);

/// One activity row as values.  Codes are in Activities::types(), owners()
/// and outcomes().
struct Activity {
  Code type;                      ///< never the blank value
  Day date;                       ///< the day it happened (or is due)
  Code owner;                     ///< who did it; may be the blank value
  double duration_minutes;        ///< >= 0; kNoAmount when blank
  ActivityDirection direction;    ///< none when blank
  Code outcome;                   ///< may be the blank value
};

/// Every activity of a book, by columns (see the file's documentation).
/// Indices given to the accessors are not checked.
class Activities {
 public:
  /// The number of activities, deal-level and account-level.
  std::size_t size() const { return date_.size(); }

  /// The first row of deal `deal` (a DealIndex of the book).
  std::uint32_t deal_begin(std::uint32_t deal) const { return deal_offsets_[deal]; }
  /// One past the last row of deal `deal`.
  std::uint32_t deal_end(std::uint32_t deal) const { return deal_offsets_[deal + 1]; }
  /// The first account-level row of `account` (a code of the book's account
  /// dictionary).
  std::uint32_t account_begin(Code account) const { return account_offsets_[account]; }
  /// One past the last account-level row of `account`.
  std::uint32_t account_end(Code account) const { return account_offsets_[account + 1]; }
  /// The rows [0, deal_rows()) are deals' and the rest accounts'.
  std::uint32_t deal_rows() const { return deal_offsets_.back(); }

  /// Each row's type, a code in types().
  std::span<const Code> type_column() const { return type_; }
  /// Each row's day.
  std::span<const Day> date_column() const { return date_; }
  /// Each row's owner, a code in owners().
  std::span<const Code> owner_column() const { return owner_; }
  /// Each row's duration in minutes; kNoAmount when blank.
  std::span<const double> duration_column() const { return duration_; }
  /// Each row's direction.
  std::span<const ActivityDirection> direction_column() const { return direction_; }
  /// Each row's outcome, a code in outcomes().
  std::span<const Code> outcome_column() const { return outcome_; }
  /// Row `row` as a struct.
  Activity row(std::size_t row) const {
    return {type_[row], date_[row], owner_[row], duration_[row], direction_[row], outcome_[row]};
  }

  /// The activity types ("call", "email", ...).
  const Dictionary& types() const { return types_; }
  /// The activities' owners ("" is the blank value).
  const Dictionary& owners() const { return owners_; }
  /// The outcomes ("" is the blank value).
  const Dictionary& outcomes() const { return outcomes_; }

  /// Bytes held by the columns and dictionaries.
  std::size_t memory_bytes() const;
  /// Throws std::runtime_error naming what is inconsistent with a book of
  /// `deals` deals and `accounts` account values: offsets, codes, days
  /// outside the calendar or out of order, blank types, bad durations, text
  /// that is not UTF-8.
  void check_consistency(std::size_t deals, std::size_t accounts) const;
  /// Every column and dictionary equal (blank durations equal each other).
  bool operator==(const Activities& other) const;

 private:
  friend class BookBuilder;
  // The snapshot layout (src/storage/book_serialization.cpp); a book saved
  // before activities existed loads with set_empty().
  template <class Archive>
  friend void archive_fields(Archive& archive, Activities& activities);
  template <class Archive>
  friend void serialize(Archive& archive, Book& book, unsigned version);

  // Appends a row, unsorted (the builder indexes the rows in finish()).
  void append(std::string_view type, Day date, std::string_view owner, double duration,
              ActivityDirection direction, std::string_view outcome);
  // Keeps the first `rows` rows and the dictionaries' first values.
  void truncate(std::size_t rows, std::size_t types, std::size_t owners, std::size_t outcomes);
  // Sorts the rows by group, then date (stably), and sets the offsets:
  // group[row] is the row's deal, or `deals` + its account code.
  void index(const std::vector<std::uint32_t>& group, std::size_t deals, std::size_t accounts);
  // No activity in a book of `deals` deals and `accounts` accounts (a
  // snapshot written before activities existed).
  void set_empty(std::size_t deals, std::size_t accounts);

  std::vector<std::uint32_t> deal_offsets_{0};
  std::vector<std::uint32_t> account_offsets_{0};
  std::vector<Code> type_;
  std::vector<Day> date_;
  std::vector<Code> owner_;
  std::vector<double> duration_;
  std::vector<ActivityDirection> direction_;
  std::vector<Code> outcome_;
  Dictionary types_, owners_, outcomes_;
};

}  // namespace pipecast
