#include "pipecast/forecast/new_deal_flow.hpp"

#include "pipecast/forecast/training_set.hpp"

#include <algorithm>
#include <numeric>

namespace pipecast {

NewDealFlow NewDealFlow::fit(const Book& book, Day as_of) {
  NewDealFlow flow;
  flow.as_of = as_of;
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  const auto created = book.created_column();
  std::size_t recent = 0;
  std::vector<std::int32_t> time;
  std::vector<std::uint8_t> cause;
  std::vector<double> amounts;
  for (DealIndex i = 0; i < book.size(); ++i) {
    if (!outcomes.known[i] || created[i] <= as_of - kHorizonDays) continue;
    if (created[i] > as_of - kWindowDays) ++recent;
    const Outcome state = outcomes.state[i];
    time.push_back(std::max(0, (state == Outcome::open ? as_of : outcomes.closed_on[i]) - created[i]));
    cause.push_back(state == Outcome::won ? 1 : state == Outcome::lost ? 2 : kCensored);
    if (state == Outcome::won && outcomes.closed_on[i] > as_of - kWindowDays)
      amounts.push_back(outcomes.amount[i]);
  }
  // The window may reach before the book's first deal.
  const Day first = created.empty() ? as_of : *std::min_element(created.begin(), created.end());
  const int window = std::clamp(as_of - first + 1, 1, kWindowDays);
  flow.daily_rate = static_cast<double>(recent) / window;
  flow.from_creation = CumulativeIncidence::estimate(time, cause, 2, kHorizonDays);
  std::sort(amounts.begin(), amounts.end());
  if (amounts.size() <= kAmountQuantiles) {
    flow.won_amounts = std::move(amounts);
  } else {
    for (std::size_t q = 0; q < kAmountQuantiles; ++q)
      flow.won_amounts.push_back(amounts[(2 * q + 1) * amounts.size() / (2 * kAmountQuantiles)]);
  }
  return flow;
}

double NewDealFlow::expected_wins(Day first, Day last) const {
  first = std::max(first, as_of + 1);
  if (last < first || daily_rate <= 0.0) return 0.0;
  // Deals created on day c (as_of < c <= last) won in [first, last].
  double total = 0.0;
  for (Day c = as_of + 1; c <= last; ++c) {
    const double by_last = from_creation.incidence(1, last - c);
    const double before = first - 1 - c >= 0 ? from_creation.incidence(1, first - 1 - c) : 0.0;
    total += by_last - before;
  }
  return daily_rate * total;
}

double NewDealFlow::mean_won_amount() const {
  if (won_amounts.empty()) return 0.0;
  return std::accumulate(won_amounts.begin(), won_amounts.end(), 0.0) /
         static_cast<double>(won_amounts.size());
}

}  // namespace pipecast
