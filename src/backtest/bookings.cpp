#include "pipecast/backtest/bookings.hpp"

#include <algorithm>
#include <stdexcept>

namespace pipecast {

Bookings::Bookings(const Book& book, Day known_at, std::optional<Dimension> group)
    : Bookings(AsOfView(book, known_at), group) {}

Bookings::Bookings(const AsOfView& view, std::optional<Dimension> group)
    : known_at_(view.as_of()), dimension_(group) {
  const Book& book = view.book();
  struct Win {
    Day day;
    double amount;
    Code group;
  };
  std::vector<Win> wins;
  std::size_t groups = 0;
  if (group) groups = book.dictionary(*group).size();
  for (std::size_t k = 0; k < view.size(); ++k) {
    const DealIndex deal = view.deal(k);
    const StageKind kind = view.stage_info(k).kind;
    if (kind == StageKind::open) continue;
    if (first_close_day_ == kNoDay || view.stage_entered(k) < first_close_day_) first_close_day_ = view.stage_entered(k);
    if (kind != StageKind::won) continue;
    const double amount = view.amount_in_base(k);
    wins.push_back({view.stage_entered(k), is_blank(amount) ? 0.0 : amount,
                    group ? book.codes(*group)[deal] : Code{0}});
  }
  // Stable: equal days keep view (book) order, so the sums add in one fixed order.
  std::stable_sort(wins.begin(), wins.end(), [](const Win& a, const Win& b) { return a.day < b.day; });
  series_.resize(1 + groups);
  for (auto& s : series_) s.prefix.push_back(0.0);
  auto append = [](Series& s, const Win& w) {
    s.day.push_back(w.day);
    s.prefix.push_back(s.prefix.back() + w.amount);
  };
  for (const Win& w : wins) {
    append(series_[0], w);
    if (group) append(series_[1 + std::size_t{w.group}], w);
  }
}

double Bookings::won(Day first, Day last, Code group) const {
  if (!dimension_) throw std::logic_error("these bookings are not split by group");
  const std::size_t s = 1 + std::size_t{group};
  return s < series_.size() ? sum(s, first, last) : 0.0;
}

double Bookings::sum(std::size_t series, Day first, Day last) const {
  if (last < first) return 0.0;
  const Series& s = series_[series];
  const auto begin = std::lower_bound(s.day.begin(), s.day.end(), first) - s.day.begin();
  const auto end = std::upper_bound(s.day.begin(), s.day.end(), last) - s.day.begin();
  return s.prefix[static_cast<std::size_t>(end)] - s.prefix[static_cast<std::size_t>(begin)];
}

}  // namespace pipecast
