#include "pipecast/forecast/training_set.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast {
namespace {

/// For each deal, a day from which it is closed for good as the book knows
/// it (the max Day when there is none): its last history row entered a
/// closed stage, or it has no history and sits in a closed stage.  Every view
/// as of that day or later shows it closed.
std::vector<Day> closed_for_good_since(const Book& book) {
  std::vector<Day> since(book.size(), std::numeric_limits<Day>::max());
  const auto& stages = book.stages();
  const auto entered = book.history_entered_column();
  const auto h_stage = book.history_stage_column();
  for (DealIndex i = 0; i < book.size(); ++i) {
    const std::uint32_t begin = book.history_begin(i), end = book.history_end(i);
    if (end > begin) {
      if (stages[h_stage[end - 1]].is_closed()) since[i] = entered[end - 1];
    } else if (stages[book.stage_column()[i]].is_closed()) {
      since[i] = book.created_column()[i];
    }
  }
  return since;
}

/// The deals a snapshot on `day` may find open: created by then and not yet
/// closed for good.  Most of a long book is neither, so the snapshot's view
/// visits a few percent of it instead of every deal.
std::vector<DealIndex> maybe_open_on(const Book& book, std::span<const Day> closed_since, Day day) {
  std::vector<DealIndex> out;
  const auto created = book.created_column();
  for (DealIndex i = 0; i < book.size(); ++i)
    if (created[i] <= day && closed_since[i] > day) out.push_back(i);
  return out;
}

}  // namespace

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

double recency_weight(int half_life_days, int age_days) {
  if (half_life_days <= 0) return 1.0;
  return std::exp2(-static_cast<double>(std::max(0, age_days)) / half_life_days);
}

TrainingSet build_training_set(const Book& book, Day as_of, const TrainingOptions& options) {
  if (options.step_days <= 0 || options.lookback_days <= 0)
    throw std::invalid_argument("training snapshots need a positive step and lookback (got step " +
                                std::to_string(options.step_days) + ", lookback " +
                                std::to_string(options.lookback_days) + " days)");
  TrainingSet set;
  set.as_of = as_of;
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  const std::vector<Day> closed_since = closed_for_good_since(book);
  for (int back = options.step_days; back <= options.lookback_days; back += options.step_days) {
    const Day snapshot = as_of - back;
    if (snapshot < kFirstDay) break;
    const DealStates open =
        open_deal_states(AsOfView(book, snapshot, maybe_open_on(book, closed_since, snapshot)));
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
