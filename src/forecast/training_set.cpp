#include "pipecast/forecast/training_set.hpp"

#include <stdexcept>

namespace pipecast {

Outcomes outcomes_as_of(const Book& book, Day as_of) {
  Outcomes out;
  out.state.assign(book.size(), Outcome::open);
  out.closed_on.assign(book.size(), kNoDay);
  out.amount.assign(book.size(), 0.0);
  out.known.assign(book.size(), false);
  const AsOfView view(book, as_of);
  for (std::size_t k = 0; k < view.size(); ++k) {
    const DealIndex i = view.deal(k);
    out.known[i] = true;
    const double amount = view.amount_in_base(k);
    out.amount[i] = is_blank(amount) ? 0.0 : amount;
    switch (view.stage_info(k).kind) {
      case StageKind::open: break;
      case StageKind::won: out.state[i] = Outcome::won; out.closed_on[i] = view.stage_entered(k); break;
      case StageKind::lost: out.state[i] = Outcome::lost; out.closed_on[i] = view.stage_entered(k); break;
    }
  }
  return out;
}

TrainingSet build_training_set(const Book& book, Day as_of, const TrainingOptions& options) {
  if (options.step_days <= 0 || options.lookback_days <= 0)
    throw std::invalid_argument("training snapshots need a positive step and lookback (got step " +
                                std::to_string(options.step_days) + ", lookback " +
                                std::to_string(options.lookback_days) + " days)");
  TrainingSet set;
  set.as_of = as_of;
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  for (int back = options.step_days; back <= options.lookback_days; back += options.step_days) {
    const Day snapshot = as_of - back;
    if (snapshot < kFirstDay) break;
    const DealStates open = open_deal_states(AsOfView(book, snapshot));
    for (std::size_t r = 0; r < open.size(); ++r) {
      append_row(set.rows, open, r);
      const DealIndex i = open.deal[r];
      set.snapshot.push_back(snapshot);
      set.outcome.push_back(outcomes.state[i]);
      set.days_to_close.push_back(
          (outcomes.state[i] == Outcome::open ? as_of : outcomes.closed_on[i]) - snapshot);
    }
  }
  return set;
}

}  // namespace pipecast
