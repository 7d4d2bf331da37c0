#include "pipecast/analytics/time_split.hpp"

#include "pipecast/analytics/statistics.hpp"

#include <array>
#include <map>
#include <stdexcept>

namespace pipecast {
namespace {

constexpr std::array<const char*, 4> kBandNames{"small", "medium", "large", "no amount"};
constexpr std::size_t kNoAmountBand = 3;

// One owner's counts, by StageId and by band.
struct OwnerSums {
  std::vector<std::size_t> stage_activities, stage_won_deals;
  std::vector<double> stage_won;
  std::array<std::size_t, 4> band_activities{}, band_won_deals{};
  std::array<double, 4> band_won{};
  std::size_t unplaced_won_deals = 0;  // won without any activity
  double unplaced_won = 0;
  std::size_t activities = 0;
  double won = 0;
  explicit OwnerSums(std::size_t stages) : stage_activities(stages), stage_won_deals(stages), stage_won(stages) {}
};

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

TimeSplitRow split_row(const std::string& owner, const OwnerSums& o, std::string dimension, std::size_t activities,
                       std::size_t won_deals, double won) {
  TimeSplitRow row;
  row.owner = owner;
  row.dimension = std::move(dimension);
  row.activities = activities;
  row.activity_share = share(static_cast<double>(activities), static_cast<double>(o.activities));
  row.won_deals = won_deals;
  row.won_amount = won;
  row.won_share = share(won, o.won);
  return row;
}

void append_rows(const Book& book, const TimeSplit& split, const std::string& owner, const OwnerSums& o,
                 std::vector<TimeSplitRow>& out) {
  for (const Pipeline& p : book.pipelines())
    for (const StageId s : p.stages) {
      if (o.stage_activities[s] == 0 && o.stage_won_deals[s] == 0) continue;
      TimeSplitRow& row = out.emplace_back(
          split_row(owner, o, "stage", o.stage_activities[s], o.stage_won_deals[s], o.stage_won[s]));
      row.pipeline = p.name;
      row.value = book.stages()[s].name;
    }
  if (o.unplaced_won_deals > 0) {
    out.push_back(split_row(owner, o, "stage", 0, o.unplaced_won_deals, o.unplaced_won));
    out.back().value = "(no activity)";
  }
  const std::array<double, 4> low{0.0, split.small_up_to, split.medium_up_to, std::numeric_limits<double>::quiet_NaN()};
  const std::array<double, 4> high{split.small_up_to, split.medium_up_to, std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::quiet_NaN()};
  for (std::size_t b = 0; b < kBandNames.size(); ++b) {
    if (o.band_activities[b] == 0 && o.band_won_deals[b] == 0) continue;
    TimeSplitRow& row = out.emplace_back(split_row(owner, o, "size", o.band_activities[b], o.band_won_deals[b], o.band_won[b]));
    row.value = kBandNames[b];
    row.band_low = low[b];
    row.band_high = high[b];
  }
}

}  // namespace

TimeSplit time_split(const Scope& scope, int days) {
  if (days < 1) throw std::invalid_argument("time split: days must be at least 1");
  const Book& book = scope.book();
  const AsOfView& view = scope.view();
  const auto day = book.activities().date_column();
  TimeSplit split;
  split.to = scope.as_of();
  split.from = split.to - days + 1;

  std::vector<double> amounts;
  for (const std::size_t k : scope.deals())
    if (scope.amount(k) > 0) amounts.push_back(scope.amount(k));
  if (!amounts.empty()) {
    split.small_up_to = quantile(amounts, 1.0 / 3);
    split.medium_up_to = quantile(amounts, 2.0 / 3);
  }
  const auto band = [&](double amount) -> std::size_t {
    if (!(amount > 0)) return kNoAmountBand;
    return amount <= split.small_up_to ? 0 : amount <= split.medium_up_to ? 1 : 2;
  };

  std::map<std::string, OwnerSums> owners;
  std::vector<StageVisit> visits;
  std::vector<std::size_t> own(book.stages().size());  // a won deal's activities by stage
  for (const std::size_t k : scope.deals()) {
    const DealIndex i = view.deal(k);
    const double amount = scope.amount(k);
    const std::size_t b = band(amount);
    const bool won = scope.state(k) == StageKind::won && scope.closed_on(k) >= split.from;
    visits.clear();
    scope.for_each_visit(k, [&](const StageVisit& v) { visits.push_back(v); });
    OwnerSums& o = owners.try_emplace(std::string(book.opportunity(i).owner()), book.stages().size()).first->second;
    std::fill(own.begin(), own.end(), 0);
    std::size_t own_total = 0;
    std::size_t v = 0;
    for (auto r = book.activities().deal_begin(i); r < view.activity_end(k); ++r) {
      while (v + 1 < visits.size() && visits[v + 1].entered <= day[r]) ++v;  // rows are in date order
      const StageId s = visits[v].stage;
      ++own[s];
      ++own_total;
      if (day[r] < split.from) continue;
      ++o.stage_activities[s];
      ++o.band_activities[b];
      ++o.activities;
    }
    if (!won) continue;
    o.won += amount;
    o.band_won[b] += amount;
    ++o.band_won_deals[b];
    if (own_total == 0) {
      o.unplaced_won += amount;
      ++o.unplaced_won_deals;
      continue;
    }
    for (std::size_t s = 0; s < own.size(); ++s)
      if (own[s] > 0) {
        o.stage_won[s] += amount * static_cast<double>(own[s]) / static_cast<double>(own_total);
        ++o.stage_won_deals[s];
      }
  }
  for (const auto& [owner, sums] : owners) append_rows(book, split, owner, sums, split.rows);
  return split;
}

}  // namespace pipecast
