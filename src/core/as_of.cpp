#include "pipecast/core/as_of.hpp"

#include <algorithm>

namespace pipecast {

AsOfView::AsOfView(const Book& book, Day as_of) : book_(&book), as_of_(as_of) {
  const auto created = book.created_column();
  const auto entered = book.history_entered_column();
  const auto h_stage = book.history_stage_column();
  const auto h_amount = book.history_amount_column();
  const auto h_close = book.history_close_date_column();
  const std::size_t known = static_cast<std::size_t>(
      std::count_if(created.begin(), created.end(), [&](Day d) { return d <= as_of; }));
  deals_.reserve(known);
  stage_.reserve(known);
  amount_.reserve(known);
  close_date_.reserve(known);
  stage_entered_.reserve(known);
  history_end_.reserve(known);

  for (DealIndex i = 0; i < book.size(); ++i) {
    if (created[i] > as_of) continue;
    const std::uint32_t begin = book.history_begin(i);
    // History is sorted by entered within a deal: find the first row after T.
    const std::uint32_t end = static_cast<std::uint32_t>(
        std::upper_bound(entered.begin() + begin, entered.begin() + book.history_end(i), as_of) -
        entered.begin());
    StageId stage = book.stage_column()[i];
    double amount = book.amount_column()[i];
    Day close = book.close_date_column()[i];
    Day since = created[i];
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
}

}  // namespace pipecast
