#include "pipecast/forecast/forecast_movement.hpp"

#include "pipecast/core/as_of.hpp"
#include "pipecast/forecast/period_forecast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast {

std::string_view to_string(MovementCause cause) {
  switch (cause) {
    case MovementCause::new_deals:
      return "new deals";
    case MovementCause::won:
      return "won";
    case MovementCause::lost:
      return "lost";
    case MovementCause::slipped:
      return "slipped";
    case MovementCause::pulled_in:
      return "pulled in";
    case MovementCause::amount:
      return "amount";
    case MovementCause::probability:
      break;
  }
  return "probability";
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A deal as one forecast sees it on one day.
struct Standing {
  bool exists = false;  // created by then
  StageKind kind = StageKind::open;
  StageId stage = 0;
  double value = 0.0;        // its part of the period's expected bookings
  double amount = kNaN;      // base currency, as the forecast counts it (open: blank is 0)
  double probability = kNaN; // open only
  double timing = kNaN;      // open only: P(closes in the period | won)
  Day close = kNoDay;
};

/// A day as the model sees it: the deals known then, the open ones scored.
struct Seen {
  AsOfView view;
  DealScores scores;
};

Seen seen_at(const FittedModel& model, const Book& book, Day day) {
  AsOfView view(book, day);
  DealScores scores = model.score(view);
  return {std::move(view), std::move(scores)};
}

/// Every deal of the book as seen, for `period`, indexed by DealIndex.
std::vector<Standing> standings(const Seen& seen, const Period& period) {
  const AsOfView& view = seen.view;
  const DealScores& scores = seen.scores;
  const Day day = view.as_of();
  std::vector<Standing> out(view.book().size());
  for (std::size_t k = 0; k < view.size(); ++k) {
    Standing& s = out[view.deal(k)];
    s.exists = true;
    s.kind = view.stage_info(k).kind;
    s.stage = view.stage(k);
    s.close = view.close_date(k);
    s.value = booked_between(view, k, period.first, std::min(period.last, day));
    if (s.kind == StageKind::won) s.amount = view.amount_in_base(k);
  }
  for (std::size_t i = 0; i < scores.size(); ++i) {
    Standing& s = out[scores.deals.deal[i]];
    s.amount = scores.deals.amount[i];
    s.probability = scores.win_probability[i];
    s.timing = scores.closes_between(i, period.first, period.last);
    s.value = scores.expected_between(i, period.first, period.last);
  }
  return out;
}

/// Splits the change of a deal open on both days into amount, probability
/// and timing (see the header), adding each to `bars`; returns the cause of
/// the largest part.
MovementCause split_open_change(const Standing& b, const Standing& a,
                                std::array<double, kMovementCauses.size()>& bars) {
  const double amount = (a.amount - b.amount) * b.probability * b.timing;
  const double probability = a.amount * (a.probability - b.probability) * b.timing;
  // What is left, so that the parts sum to the change exactly as computed.
  const double timing = (a.value - b.value) - amount - probability;
  const MovementCause timing_cause = timing < 0 ? MovementCause::slipped : MovementCause::pulled_in;
  bars[static_cast<std::size_t>(MovementCause::amount)] += amount;
  bars[static_cast<std::size_t>(MovementCause::probability)] += probability;
  bars[static_cast<std::size_t>(timing_cause)] += timing;
  const double largest = std::max({std::abs(amount), std::abs(probability), std::abs(timing)});
  if (largest == std::abs(amount)) return MovementCause::amount;
  if (largest == std::abs(probability)) return MovementCause::probability;
  return timing_cause;
}

/// The cause of a deal's change that does not split: by what became of it.
MovementCause cause_of(const Standing& b, const Standing& a) {
  if (!b.exists) return MovementCause::new_deals;
  if (a.kind == StageKind::won && b.kind != StageKind::won) return MovementCause::won;
  if (a.kind == StageKind::lost && b.kind != StageKind::lost) return MovementCause::lost;
  if (a.kind == StageKind::open) return MovementCause::probability;  // reopened
  return MovementCause::amount;  // closed alike on both days: an edited amount or close
}

PeriodMovement movement_of(const FittedModel& model, const Seen& then, const Seen& now, const Period& period) {
  PeriodMovement out;
  out.period = period;
  const std::vector<Standing> before = standings(then, period);
  const std::vector<Standing> after = standings(now, period);
  NewDealFlow flow = model.new_deals();
  flow.as_of = then.view.as_of();
  const double new_before = flow.expected_bookings(period.first, period.last);
  flow.as_of = now.view.as_of();
  const double new_after = flow.expected_bookings(period.first, period.last);
  out.before = new_before;
  out.after = new_after;
  out.not_yet_created = new_after - new_before;
  out.by_cause[static_cast<std::size_t>(MovementCause::new_deals)] = out.not_yet_created;
  for (DealIndex i = 0; i < before.size(); ++i) {
    const Standing& b = before[i];
    const Standing& a = after[i];
    out.before += b.value;
    out.after += a.value;
    if (a.value == b.value) continue;
    DealMovement m;
    m.deal = i;
    m.before = b.value;
    m.after = a.value;
    m.existed_before = b.exists;
    m.stage_before = b.stage;
    m.stage_after = a.stage;
    m.probability_before = b.probability;
    m.probability_after = a.probability;
    m.amount_before = b.amount;
    m.amount_after = a.amount;
    m.close_before = b.close;
    m.close_after = a.close;
    if (b.exists && b.kind == StageKind::open && a.kind == StageKind::open) {
      m.cause = split_open_change(b, a, out.by_cause);
    } else {
      m.cause = cause_of(b, a);
      out.by_cause[static_cast<std::size_t>(m.cause)] += m.change();
    }
    out.deals.push_back(m);
  }
  std::stable_sort(out.deals.begin(), out.deals.end(), [](const DealMovement& x, const DealMovement& y) {
    return std::abs(x.change()) > std::abs(y.change());
  });
  return out;
}

Day first_record(const Book& book) {
  Day first = kNoDay;
  for (const Day d : book.created_column())
    if (d != kNoDay && (first == kNoDay || d < first)) first = d;
  return first;
}

}  // namespace

void check_since(const Book& book, Day since, Day as_of) {
  if (since >= as_of)
    throw std::invalid_argument("the day to compare with (" + format_day(since) + ") must be before the as-of day (" +
                                format_day(as_of) + ")");
  const Day first = first_record(book);
  if (first == kNoDay || since < first)
    throw std::invalid_argument("the day to compare with (" + format_day(since) + ") is before the book's first record" +
                                (first == kNoDay ? std::string(": the book is empty") : " (" + format_day(first) + ")"));
}

ForecastMovement forecast_movement(const FittedModel& model, const Book& book, Day since, Day as_of,
                                   const std::vector<Period>& periods) {
  if (periods.empty()) throw std::invalid_argument("a forecast's movement needs at least one period");
  check_since(book, since, as_of);
  ForecastMovement out;
  out.model = model.name();
  out.since = since;
  out.as_of = as_of;
  out.new_deals_unknown = model.new_deals().unknown;
  const Seen then = seen_at(model, book, since), now = seen_at(model, book, as_of);
  for (const Period& period : periods) out.periods.push_back(movement_of(model, then, now, period));
  return out;
}

}  // namespace pipecast
