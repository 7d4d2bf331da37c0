#include "pipecast/forecast/new_deal_flow.hpp"

#include "forecast/loaded_values.hpp"

#include "pipecast/forecast/training_set.hpp"

#include "pipecast/analytics/data_check.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

namespace pipecast {
namespace {

constexpr int kMonthDays = 30;
constexpr std::size_t kMonths = 12;

/// The extra variance of 30-day creation counts beyond Poisson, relative to
/// the squared mean: 0 when the counts look Poisson (or there is no year).
double dispersion(const std::array<double, kMonths>& counts) {
  const double mean = std::accumulate(counts.begin(), counts.end(), 0.0) / kMonths;
  if (mean <= 0.0) return 0.0;
  double variance = 0.0;
  for (double c : counts) variance += (c - mean) * (c - mean);
  variance /= kMonths - 1;
  return std::max(0.0, (variance - mean) / (mean * mean));
}

// Each deal's creation day as far as it can be trusted: on a day where
// creations pile up (a data migration), its first stage entry when earlier,
// else kNoDay (not to be counted).
std::vector<Day> trusted_creations(const Book& book, const std::vector<Day>& piles) {
  const auto created = book.created_column();
  std::vector<Day> out(created.begin(), created.end());
  if (piles.empty()) return out;
  const auto entered = book.history_entered_column();
  for (DealIndex i = 0; i < book.size(); ++i) {
    if (std::find(piles.begin(), piles.end(), created[i]) == piles.end()) continue;
    const auto begin = book.history_begin(i), end = book.history_end(i);
    const Day first = begin < end ? *std::min_element(entered.begin() + begin, entered.begin() + end) : kNoDay;
    out[i] = first != kNoDay && first < created[i] ? first : kNoDay;
  }
  return out;
}

const std::string kFlowCreated = "flow.created", kFlowDeals = "flow.deals", kFlowTrusted = "flow.trusted",
                  kFlowOutcomes = "flow.outcomes";

}  // namespace

void NewDealFlow::add_creation_statistics(const Book& book, Day as_of, FitStatistics& stats) {
  CountTable& created = stats.counts[kFlowCreated];
  for (const Day d : book.created_column())
    if (d <= as_of) ++created[day_key(d)];
}

std::vector<Day> NewDealFlow::piled_days(const FitStatistics& stats) {
  std::map<Day, std::size_t> per_day;
  for (const auto& [key, n] : stats.count_table(kFlowCreated)) per_day[key_day(key)] = static_cast<std::size_t>(n);
  return piled_creation_days(per_day);
}

void NewDealFlow::add_statistics(const Book& book, Day as_of, const std::vector<Day>& piled,
                                 FitStatistics& stats) {
  static_assert(FitStatistics::kMaxSample == kMaxWins);
  const Outcomes outcomes = outcomes_as_of(book, as_of);
  const std::vector<Day> created = trusted_creations(book, piled);
  stats.counts[kFlowDeals][0] += book.size();
  CountTable& trusted = stats.counts[kFlowTrusted];
  CountTable& events = stats.counts[kFlowOutcomes];
  for (DealIndex i = 0; i < book.size(); ++i) {
    if (!outcomes.known[i] || created[i] == kNoDay) continue;
    ++trusted[day_key(created[i])];
    if (created[i] <= as_of - kHorizonDays) continue;
    const Outcome state = outcomes.state[i];
    const std::int32_t days = std::max(0, (state == Outcome::open ? as_of : outcomes.closed_on[i]) - created[i]);
    const std::uint8_t cause = state == Outcome::won ? 1 : state == Outcome::lost ? 2 : kCensored;
    ++events[table_key(0, cause, static_cast<std::uint32_t>(std::min(days, kHorizonDays + 1)))];
    if (state == Outcome::won && outcomes.closed_on[i] > as_of - kWindowDays)
      stats.add_sample({deal_hash(book.ids()[i]), days, outcomes.amount[i]});
  }
}

NewDealFlow NewDealFlow::fit(const Book& book, Day as_of) {
  FitStatistics creations;
  add_creation_statistics(book, as_of, creations);
  FitStatistics stats;
  add_statistics(book, as_of, piled_days(creations), stats);
  return from_statistics(as_of, stats);
}

NewDealFlow NewDealFlow::from_statistics(Day as_of, const FitStatistics& stats) {
  NewDealFlow flow;
  flow.as_of = as_of;
  const CountTable& trusted = stats.count_table(kFlowTrusted);
  // The earliest trusted creation known at T.
  Day first = trusted.empty() ? kNoDay : key_day(trusted.begin()->first);
  if (first == kNoDay && stats.count(kFlowDeals, 0) > 0) {
    flow.unknown = "no deal known at the forecast's date has a creation date that can be trusted";
    return flow;
  }
  if (first != kNoDay && as_of - first + 1 < kMinWindowDays) {
    flow.unknown = "the creation dates that can be trusted cover " + std::to_string(as_of - first + 1) +
                   " days up to the forecast's date; measuring the rate of new deals needs " +
                   std::to_string(kMinWindowDays);
    return flow;
  }
  std::uint64_t recent = 0;
  std::array<double, kMonths> monthly{};
  for (auto it = trusted.upper_bound(day_key(as_of - kHorizonDays)); it != trusted.end(); ++it) {
    const Day created = key_day(it->first);
    if (created > as_of - kWindowDays) recent += it->second;
    const auto month = static_cast<std::size_t>((as_of - created) / kMonthDays);
    if (month < kMonths) monthly[month] += static_cast<double>(it->second);
  }
  const auto days = static_cast<std::size_t>(kHorizonDays) + 1;
  std::vector<double> events(3 * days, 0.0);
  std::size_t observations = 0;
  for (const auto& [key, n] : stats.count_table(kFlowOutcomes)) {
    const TableKey k = split_key(key);
    if (k.a != 0 || k.b > 2 || k.c > days) throw std::invalid_argument("new deal statistics: an outcome out of range");
    // As CumulativeIncidence::estimate counts them: past the horizon, censored at it.
    const std::size_t cause = k.c >= days ? 0 : k.b;
    events[cause * days + std::min<std::size_t>(k.c, days - 1)] += static_cast<double>(n);
    observations += n;
  }
  for (const SampledWin& win : stats.sample) {
    flow.won_days.push_back(win.days);
    flow.won_amounts.push_back(win.amount);
  }
  // The window may reach before the book's first deal.
  if (first == kNoDay) first = as_of;
  const int window = std::clamp(as_of - first + 1, 1, kWindowDays);
  flow.daily_rate = static_cast<double>(recent) / window;
  flow.rate_dispersion = window >= kWindowDays ? dispersion(monthly) : 0.0;
  flow.from_creation =
      CumulativeIncidence::from_events(events, static_cast<double>(observations), observations, 2, kHorizonDays);
  return flow;
}

double NewDealFlow::expected_wins(Day first, Day last) const {
  if (!known()) return std::numeric_limits<double>::quiet_NaN();
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

std::vector<double> NewDealFlow::amount_weights(Day first, Day last) const {
  first = std::max(first, as_of + 1);
  std::vector<double> weight(won_days.size(), 0.0);
  for (std::size_t j = 0; j < won_days.size(); ++j) {
    // Creation days c in [as_of + 1, last] with c + days in [first, last].
    const Day from = std::max(as_of + 1, first - won_days[j]);
    const Day to = last - won_days[j];
    weight[j] = to >= from ? static_cast<double>(to - from + 1) : 0.0;
  }
  return weight;
}

NewDealFlow::AmountMoments NewDealFlow::won_amount(Day first, Day last) const {
  const std::vector<double> weight = amount_weights(first, last);
  double total = 0.0, sum = 0.0;
  for (std::size_t j = 0; j < weight.size(); ++j) {
    total += weight[j];
    sum += weight[j] * won_amounts[j];
  }
  if (total <= 0.0) return {};
  const double mean = sum / total;
  double squares = 0.0;
  for (std::size_t j = 0; j < weight.size(); ++j) squares += weight[j] * (won_amounts[j] - mean) * (won_amounts[j] - mean);
  return {mean, std::sqrt(squares / total)};
}

double NewDealFlow::expected_bookings(Day first, Day last) const {
  if (!known() || daily_rate <= 0.0) return 0.0;
  return expected_wins(first, last) * won_amount(first, last).mean;
}

std::string NewDealFlow::flaw() const {
  if (!loaded::day_or_none(as_of)) return "new deals: the as-of day is outside the calendar";
  if (!(daily_rate >= 0.0 && daily_rate <= kMaxDailyRate) ||
      !(rate_dispersion >= 0.0 && rate_dispersion <= kMaxRateDispersion))
    return "new deals: a rate out of range";
  if (auto f = from_creation.flaw(); !f.empty()) return "new deals: " + f;
  if (from_creation.causes() != 2 && from_creation != CumulativeIncidence{})
    return "new deals: outcomes are not won and lost";
  if (won_days.size() != won_amounts.size() || won_days.size() > kMaxWins)
    return "new deals: recent wins do not match their amounts";
  for (const std::int32_t days : won_days)
    if (days < 0 || days > kHorizonDays) return "new deals: a win closes outside the horizon";
  if (!loaded::amounts(won_amounts)) return "new deals: an amount out of range";
  if (!loaded::text(unknown)) return "new deals: the reason the rate is unknown is not text";
  if (!unknown.empty() && daily_rate != 0.0) return "new deals: a rate said to be unknown";
  return "";
}

}  // namespace pipecast
