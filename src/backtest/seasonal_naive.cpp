#include "pipecast/backtest/seasonal_naive.hpp"
#include "core/not_a_number.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace pipecast {
namespace {


void check_kind(PeriodKind kind) {
  if (kind != PeriodKind::month && kind != PeriodKind::quarter)
    throw std::invalid_argument("the seasonal-naive forecast works on months and quarters");
}

Period previous(const Period& p) { return period_containing(p.first - 1, p.kind); }

Period year_before(const Period& p) {
  const boost::gregorian::date first = to_date(p.first);
  // Months and quarters start on the 1st, so a year earlier always exists.
  return period_containing(to_day(first.year() - 1, first.month(), 1), p.kind);
}

double booked(const Bookings& known, const Period& p, std::optional<Code> group) {
  return group ? known.won(p.first, p.last, *group) : known.won(p.first, p.last);
}

/// Known and complete at T: ended by T, and not before the book's record of
/// outcomes starts.
bool usable(const Bookings& known, const Period& p) {
  return known.first_close_day() != kNoDay && p.last <= known.known_at() && p.first >= known.first_close_day();
}

/// The forecast of `target` from the usable periods before `before` (the
/// first period the forecast may not look at).
NaiveForecast forecast(const Bookings& known, const Period& target, const Period& before,
                       std::optional<Code> group) {
  const Period ago = year_before(target);
  if (ago.last < before.first && usable(known, ago))
    return {booked(known, ago, group), NaiveMethod::year_ago, 1};
  NaiveForecast out{0.0, NaiveMethod::recent_mean, 0};
  for (Period p = previous(before); out.periods < kNaiveRecentPeriods && usable(known, p); p = previous(p)) {
    out.value += booked(known, p, group);
    ++out.periods;
  }
  if (out.periods == 0) return {kNaN, NaiveMethod::none, 0};
  out.value /= static_cast<double>(out.periods);
  return out;
}

/// The first period of `kind` the forecast made at T may not look at: the
/// one holding T + 1 (a period still running at T is not complete).
Period first_unseen(const Bookings& known, PeriodKind kind) {
  return period_containing(known.known_at() + 1, kind);
}

}  // namespace

std::string_view to_string(NaiveMethod method) {
  switch (method) {
    case NaiveMethod::year_ago: return "year_ago";
    case NaiveMethod::recent_mean: return "recent_mean";
    case NaiveMethod::none: return "none";
  }
  return "?";
}

NaiveForecast seasonal_naive(const Bookings& known, const Period& period, std::optional<Code> group) {
  check_kind(period.kind);
  if (known.first_close_day() == kNoDay) return {kNaN, NaiveMethod::none, 0};
  return forecast(known, period, first_unseen(known, period.kind), group);
}

double seasonal_naive_scale(const Bookings& known, PeriodKind kind, std::optional<Code> group) {
  check_kind(kind);
  if (known.first_close_day() == kNoDay) return kNaN;
  double sum = 0.0;
  std::size_t n = 0;
  for (Period q = previous(first_unseen(known, kind)); usable(known, q); q = previous(q)) {
    const NaiveForecast f = forecast(known, q, q, group);
    if (f.method == NaiveMethod::none) continue;
    sum += std::abs(booked(known, q, group) - f.value);
    ++n;
  }
  if (n == 0 || !(sum > 0.0)) return kNaN;
  return sum / static_cast<double>(n);
}

}  // namespace pipecast
