#include "pipecast/forecast/deal_state.hpp"

#include <algorithm>

namespace pipecast {
namespace {

constexpr std::uint16_t kStoredCountCap = 65535;

void append(DealStates& out, const AsOfView& view, std::size_t k) {
  const Book& book = view.book();
  const DealIndex i = view.deal(k);
  const auto h_stage = book.history_stage_column();
  const auto h_close = book.history_close_date_column();
  const auto& stages = book.stages();

  // Regressions and pushes, counted over the history rows known at the date.
  unsigned regressions = 0, pushes = 0;
  Day last_close = kNoDay;
  const std::uint32_t begin = book.history_begin(i), end = view.history_end(k);
  for (std::uint32_t r = begin; r < end; ++r) {
    if (r > begin && !stages[h_stage[r]].is_closed() &&
        stages[h_stage[r]].order < stages[h_stage[r - 1]].order)
      ++regressions;
    if (h_close[r] != kNoDay) {
      if (last_close != kNoDay && h_close[r] > last_close) ++pushes;
      last_close = h_close[r];
    }
  }
  const double amount = view.amount_in_base(k);
  out.position.push_back(k);
  out.deal.push_back(i);
  out.stage.push_back(view.stage(k));
  out.days_in_stage.push_back(std::max(0, view.as_of() - view.stage_entered(k)));
  out.age.push_back(std::max(0, view.as_of() - book.created_column()[i]));
  out.amount.push_back(is_blank(amount) ? 0.0 : amount);
  out.amount_in_deal_currency.push_back(view.amount(k));
  out.close_date.push_back(view.close_date(k));
  out.close_in_days.push_back(view.close_date(k) == kNoDay ? kNoDay : view.close_date(k) - view.as_of());
  out.regressions.push_back(static_cast<std::uint16_t>(std::min<unsigned>(regressions, kStoredCountCap)));
  out.pushes.push_back(static_cast<std::uint16_t>(std::min<unsigned>(pushes, kStoredCountCap)));
}

}  // namespace

DealStates open_deal_states(const AsOfView& view) {
  DealStates out;
  out.as_of = view.as_of();
  for (std::size_t k = 0; k < view.size(); ++k)
    if (!view.stage_info(k).is_closed()) append(out, view, k);
  return out;
}

void append_row(DealStates& to, const DealStates& from, std::size_t i) {
  to.position.push_back(from.position[i]);
  to.deal.push_back(from.deal[i]);
  to.stage.push_back(from.stage[i]);
  to.days_in_stage.push_back(from.days_in_stage[i]);
  to.age.push_back(from.age[i]);
  to.amount.push_back(from.amount[i]);
  to.amount_in_deal_currency.push_back(from.amount_in_deal_currency[i]);
  to.close_date.push_back(from.close_date[i]);
  to.close_in_days.push_back(from.close_in_days[i]);
  to.regressions.push_back(from.regressions[i]);
  to.pushes.push_back(from.pushes[i]);
}

}  // namespace pipecast
