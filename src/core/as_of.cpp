#include "pipecast/core/as_of.hpp"

#include <algorithm>

namespace pipecast {

AsOfView::AsOfView(const Book& book, Day as_of) : book_(&book), as_of_(as_of) {
  const auto created = book.created_column();
  reserve(static_cast<std::size_t>(
      std::count_if(created.begin(), created.end(), [&](Day d) { return d <= as_of; })));
  for (DealIndex i = 0; i < book.size(); ++i)
    if (created[i] <= as_of) add(i);
}

AsOfView::AsOfView(const Book& book, Day as_of, std::span<const DealIndex> deals)
    : book_(&book), as_of_(as_of) {
  const auto created = book.created_column();
  reserve(deals.size());
  for (const DealIndex i : deals)
    if (created[i] <= as_of) add(i);
}

namespace {

// One past the last of rows [begin, end) dated on or before `day` (the rows
// are in date order).
std::uint32_t end_by(std::span<const Day> dates, std::uint32_t begin, std::uint32_t end, Day day) {
  return static_cast<std::uint32_t>(std::upper_bound(dates.begin() + begin, dates.begin() + end, day) -
                                    dates.begin());
}

}  // namespace

std::uint32_t AsOfView::activity_end(std::size_t k) const {
  const Activities& a = book_->activities();
  return end_by(a.date_column(), a.deal_begin(deals_[k]), a.deal_end(deals_[k]), as_of_);
}

std::uint32_t AsOfView::account_activity_end(Code account) const {
  const Activities& a = book_->activities();
  return end_by(a.date_column(), a.account_begin(account), a.account_end(account), as_of_);
}

void AsOfView::reserve(std::size_t deals) {
  deals_.reserve(deals);
  stage_.reserve(deals);
  amount_.reserve(deals);
  close_date_.reserve(deals);
  stage_entered_.reserve(deals);
  history_end_.reserve(deals);
}

void AsOfView::add(DealIndex i) {
  const Book& book = *book_;
  const auto entered = book.history_entered_column();
  const auto h_stage = book.history_stage_column();
  const auto h_amount = book.history_amount_column();
  const auto h_close = book.history_close_date_column();
  const std::uint32_t begin = book.history_begin(i);
  // History is sorted by entered within a deal: find the first row after T.
  const std::uint32_t end = end_by(entered, begin, book.history_end(i), as_of_);
  StageId stage = book.stage_column()[i];
  double amount = book.amount_column()[i];
  Day close = book.close_date_column()[i];
  Day since = book.created_column()[i];
  if (end > begin) {
    stage = h_stage[end - 1];
    since = entered[end - 1];
    // The last known value of each field, row by row backwards.
    for (auto r = end; r > begin; --r)
      if (!is_blank(h_amount[r - 1])) { amount = h_amount[r - 1]; break; }
    for (auto r = end; r > begin; --r)
      if (h_close[r - 1] != kNoDay) { close = h_close[r - 1]; break; }
    // A deal that re-entered the stage it was in has been in it since the
    // first of those consecutive rows.
    auto first = end - 1;
    while (first > begin && h_stage[first - 1] == stage) --first;
    since = entered[first];
  }
  deals_.push_back(i);
  stage_.push_back(stage);
  amount_.push_back(amount);
  close_date_.push_back(close);
  stage_entered_.push_back(since);
  history_end_.push_back(end);
}

}  // namespace pipecast
