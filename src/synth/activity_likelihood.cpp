#include "synth/activity_likelihood.hpp"

#include "synth/model.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "synth/random.hpp"  // last: its pragmas apply to the code below

namespace pipecast::synth {
namespace {

// P(the stay ends on day `end_day` with `event`) / exp(log_stay), for a day
// after as_of: the dwell's probability of that day, and for a win also the
// quarter-end slip, which moves wins due in the window to the quarter's last
// day (and wins due then elsewhere).
double end_day_share(const SynthTruth& truth, SynthEvent event, const SynthDwell& dwell, double pace, Day entered,
                     Day end_day, double log_stay) {
  const auto due = [&](Day day) {  // P(the dwell ends on `day`) / exp(log_stay)
    const double j = day - entered;
    return synth::exp(log_survival(dwell, j - 1, pace) - log_stay) -
           synth::exp(log_survival(dwell, j, pace) - log_stay);
  };
  const double share = due(end_day);
  if (event != SynthEvent::win || truth.quarter_end_slip <= 0.0) return share;
  const Day q = quarter_end(end_day);
  const double slip = truth.quarter_end_slip;
  const bool slips_away = q - end_day >= 1 && q - end_day <= truth.quarter_end_window;
  double slipped_in = 0.0;
  if (end_day == q)
    for (Day day = std::max<Day>(entered + 1, q - truth.quarter_end_window); day < q; ++day) slipped_in += due(day);
  return share * (slips_away ? 1.0 - slip : 1.0) + slip * slipped_in;
}

}  // namespace

StayActivities::StayActivities(const SynthTruth& truth, const Book& book, DealIndex deal, Day entered, Day as_of,
                               double pace)
    : model_(truth.activities), entered_(entered), as_of_(as_of),
      span_(std::max(model_.window, model_.silence)), types_(model_.types.size()),
      since_(static_cast<std::size_t>(std::max(span_, 1)) * types_, 0) {
  for (const SynthActivityType& type : model_.types) rate_.push_back(type.per_week / 7.0 / pace);
  const Activities& logged = book.activities();
  std::vector<std::size_t> type_of(logged.types().size(), types_);
  for (Code code = 0; code < logged.types().size(); ++code)
    for (std::size_t k = 0; k < types_; ++k)
      if (model_.types[k].name == logged.types()[code]) type_of[code] = k;
  for (std::uint32_t row = logged.deal_begin(deal); row < logged.deal_end(deal); ++row) {
    const Day day = logged.date_column()[row];
    if (day < std::max(entered_, as_of_ - span_ + 1) || day > as_of_) continue;
    const std::size_t k = type_of[logged.type_column()[row]];
    if (k == types_)
      throw std::invalid_argument("activity type '" + logged.types()[logged.type_column()[row]] +
                                  "' is not in the truth");
    ++since_[static_cast<std::size_t>(as_of_ - day) * types_ + k];
  }
  // since_[d][k]: activities of type k on days as_of - d .. as_of.
  for (std::size_t i = types_; i < since_.size(); ++i) since_[i] += since_[i - types_];
}

double StayActivities::log_lifted(Day from) const {
  double sum = 0.0;
  for (std::size_t k = 0; k < types_; ++k) {
    const double factor = model_.types[k].before_advance;
    sum += count(k, from) * synth::log(factor) - (factor - 1.0) * rate_[k] * (as_of_ + 1 - from);
  }
  return sum;
}

double StayActivities::log_silent(Day from) const {
  double sum = 0.0;
  for (std::size_t k = 0; k < types_; ++k) {
    if (count(k, from) > 0) return -std::numeric_limits<double>::infinity();
    sum += rate_[k] * (as_of_ + 1 - from);
  }
  return sum;
}

double log_expected_ratio(const SynthTruth& truth, const StayActivities& logged, SynthEvent event,
                          const SynthDwell& dwell, double pace, double log_stay) {
  if (event == SynthEvent::regress) return 0.0;
  const bool forward = event != SynthEvent::lose;
  const int reach = forward ? truth.activities.window : truth.activities.silence;
  double within = 0.0, expected = 0.0;
  for (Day end_day = logged.as_of() + 1; end_day <= logged.as_of() + reach; ++end_day) {
    if (truth.end != kNoDay && end_day > truth.end) break;
    const double share = end_day_share(truth, event, dwell, pace, logged.entered(), end_day, log_stay);
    const Day from = std::max(logged.entered(), end_day - reach);
    within += share;
    expected += share * synth::exp(forward ? logged.log_lifted(from) : logged.log_silent(from));
  }
  expected += std::max(0.0, 1.0 - within);
  return expected > 0.0 ? synth::log(expected) : -std::numeric_limits<double>::infinity();
}

}  // namespace pipecast::synth
