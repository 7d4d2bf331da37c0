#include "pipecast/core/activities.hpp"

#include "core/grouped_rows.hpp"
#include "core/utf8.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pipecast {
namespace {

[[noreturn]] void activities_inconsistent(const std::string& what) {
  throw std::runtime_error("inconsistent book: activity " + what);
}

void check_activity_offsets(const std::vector<std::uint32_t>& offsets, std::size_t groups, std::uint32_t first,
                   std::uint32_t last, const char* what) {
  if (offsets.size() != groups + 1 || offsets.front() != first || offsets.back() != last)
    activities_inconsistent(std::string(what) + " offsets");
  for (std::size_t g = 0; g < groups; ++g)
    if (offsets[g + 1] < offsets[g]) activities_inconsistent(std::string(what) + " offsets decrease");
}

void check_activity_codes(const std::vector<Code>& codes, const Dictionary& values, const char* what) {
  for (Code c : codes)
    if (c >= values.size()) activities_inconsistent(std::string(what) + " code out of range");
  for (const auto& v : values.values())
    if (!is_text(v)) activities_inconsistent(std::string(what) + " that is not UTF-8");
}

template <class T>
std::size_t bytes_of_activity_column(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

std::string_view to_string(ActivityDirection direction) {
  switch (direction) {
    case ActivityDirection::none: return "";
    case ActivityDirection::inbound: return "in";
    case ActivityDirection::outbound: return "out";
  }
  return "?";
}

std::optional<ActivityDirection> parse_activity_direction(std::string_view text) {
  if (text.empty()) return ActivityDirection::none;
  if (text == "in") return ActivityDirection::inbound;
  if (text == "out") return ActivityDirection::outbound;
  return std::nullopt;
}

std::size_t Activities::memory_bytes() const {
  return bytes_of_activity_column(deal_offsets_) + bytes_of_activity_column(account_offsets_) + bytes_of_activity_column(type_) + bytes_of_activity_column(date_) +
         bytes_of_activity_column(owner_) + bytes_of_activity_column(duration_) + bytes_of_activity_column(direction_) + bytes_of_activity_column(outcome_) +
         types_.memory_bytes() + owners_.memory_bytes() + outcomes_.memory_bytes();
}

void Activities::check_consistency(std::size_t deals, std::size_t accounts) const {
  const std::size_t n = date_.size();
  if (type_.size() != n || owner_.size() != n || duration_.size() != n || direction_.size() != n ||
      outcome_.size() != n)
    activities_inconsistent("columns differ in length");
  // Offsets first: the loops below read rows through them.
  if (deal_offsets_.empty()) activities_inconsistent("deal offsets");
  check_activity_offsets(deal_offsets_, deals, 0, deal_offsets_.back(), "deal");
  check_activity_offsets(account_offsets_, accounts, deal_offsets_.back(), static_cast<std::uint32_t>(n), "account");
  check_activity_codes(type_, types_, "type");
  check_activity_codes(owner_, owners_, "owner");
  check_activity_codes(outcome_, outcomes_, "outcome");
  for (Code t : type_)
    if (types_[t].empty()) activities_inconsistent("with a blank type");
  const auto in_date_order = [&](const std::vector<std::uint32_t>& offsets) {
    for (std::size_t g = 0; g + 1 < offsets.size(); ++g)
      for (auto r = offsets[g] + 1; r < offsets[g + 1]; ++r)
        if (date_[r] < date_[r - 1]) activities_inconsistent("rows not in date order");
  };
  in_date_order(deal_offsets_);
  in_date_order(account_offsets_);
  for (std::size_t r = 0; r < n; ++r) {
    if (date_[r] < kFirstDay || date_[r] > kLastDay) activities_inconsistent("day outside the calendar");
    const double d = duration_[r];
    if (!std::isnan(d) && !(std::isfinite(d) && d >= 0)) activities_inconsistent("duration negative or not finite");
    if (static_cast<unsigned>(direction_[r]) > static_cast<unsigned>(ActivityDirection::outbound))
      activities_inconsistent("direction out of range");
  }
}

bool Activities::operator==(const Activities& o) const {
  const bool same_durations =
      std::equal(duration_.begin(), duration_.end(), o.duration_.begin(), o.duration_.end(),
                 [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); });
  return same_durations && deal_offsets_ == o.deal_offsets_ && account_offsets_ == o.account_offsets_ &&
         type_ == o.type_ && date_ == o.date_ && owner_ == o.owner_ && direction_ == o.direction_ &&
         outcome_ == o.outcome_ && types_ == o.types_ && owners_ == o.owners_ && outcomes_ == o.outcomes_;
}

void Activities::append(std::string_view type, Day date, std::string_view owner, double duration,
                        ActivityDirection direction, std::string_view outcome) {
  type_.push_back(types_.intern(type));
  date_.push_back(date);
  owner_.push_back(owners_.intern(owner));
  duration_.push_back(duration);
  direction_.push_back(direction);
  outcome_.push_back(outcomes_.intern(outcome));
}

void Activities::truncate(std::size_t rows, std::size_t types, std::size_t owners, std::size_t outcomes) {
  type_.resize(rows);
  date_.resize(rows);
  owner_.resize(rows);
  duration_.resize(rows);
  direction_.resize(rows);
  outcome_.resize(rows);
  types_.truncate(types);
  owners_.truncate(owners);
  outcomes_.truncate(outcomes);
}

void Activities::index(const std::vector<std::uint32_t>& group, std::size_t deals, std::size_t accounts) {
  auto offsets = grouped_rows::offsets(group, deals + accounts);
  if (!grouped_rows::in_order(group, date_)) {
    const auto rows = grouped_rows::order(group, date_, offsets);
    grouped_rows::permute(type_, rows);
    grouped_rows::permute(date_, rows);
    grouped_rows::permute(owner_, rows);
    grouped_rows::permute(duration_, rows);
    grouped_rows::permute(direction_, rows);
    grouped_rows::permute(outcome_, rows);
  }
  deal_offsets_.assign(offsets.begin(), offsets.begin() + static_cast<std::ptrdiff_t>(deals) + 1);
  account_offsets_.assign(offsets.begin() + static_cast<std::ptrdiff_t>(deals), offsets.end());
}

void Activities::set_empty(std::size_t deals, std::size_t accounts) {
  *this = Activities{};
  deal_offsets_.assign(deals + 1, 0);
  account_offsets_.assign(accounts + 1, 0);
}

}  // namespace pipecast
