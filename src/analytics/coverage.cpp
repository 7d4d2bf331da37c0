#include "pipecast/analytics/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace pipecast {
namespace {

struct QuotaTally {
  std::size_t won_deals = 0, open_deals = 0, open_blank_amount = 0, open_no_close_date = 0;
  double won = 0.0, open_amount = 0.0, weighted = 0.0;
  bool empty() const { return won_deals + open_deals == 0; }
};

Day overlap_days(const Period& a, const Period& b) {
  return std::max<Day>(0, std::min(a.last, b.last) - std::max(a.first, b.first) + 1);
}

// One owner's quota for the period, from the kind of quota rows (month,
// quarter, year...) that covers most of it; the shorter kind on a tie.
std::optional<double> owner_quota(const std::vector<const Quota*>& rows, const Period& period) {
  struct Kind {
    Day covered = 0;
    Day length = 0;  // summed over its rows
    std::size_t rows = 0;
    double amount = 0.0;
  };
  std::map<PeriodKind, Kind> kinds;
  for (const Quota* q : rows) {
    const Day shared = overlap_days(q->period, period);
    if (shared == 0) continue;
    Kind& kind = kinds[q->period.kind];
    kind.covered += shared;
    kind.length += q->period.last - q->period.first + 1;
    ++kind.rows;
    kind.amount += prorated_quota(*q, period);
  }
  const Kind* best = nullptr;
  for (const auto& [_, kind] : kinds) {
    const auto average = [](const Kind& k) { return static_cast<double>(k.length) / static_cast<double>(k.rows); };
    if (!best || kind.covered > best->covered || (kind.covered == best->covered && average(kind) < average(*best)))
      best = &kind;
  }
  if (!best) return std::nullopt;
  return best->amount;
}

CoverageRow owner_coverage(std::string owner, std::optional<double> quota, const QuotaTally& t) {
  CoverageRow row;
  row.owner = std::move(owner);
  row.won_deals = t.won_deals;
  row.won = t.won;
  row.open_deals = t.open_deals;
  row.open_amount = t.open_amount;
  row.weighted_amount = t.weighted;
  row.open_blank_amount = t.open_blank_amount;
  row.open_no_close_date = t.open_no_close_date;
  if (!quota) return row;
  row.quota = *quota;
  if (*quota > 0) row.attainment = t.won / *quota;
  row.remaining = *quota - t.won;
  row.quota_met = row.remaining <= 0;
  if (!row.quota_met) {
    row.coverage = t.open_amount / row.remaining;
    row.weighted_coverage = t.weighted / row.remaining;
  }
  return row;
}

// Whether the scope's owner filters (if any) let `owner` through.
bool owner_in_scope(const Scope& scope, const std::string& owner) {
  for (const Filter& f : scope.options().filters)
    if (f.field == "owner" && f.value != owner) return false;
  return true;
}

bool filters_owner(const Scope& scope) {
  for (const Filter& f : scope.options().filters)
    if (f.field == "owner") return true;
  return false;
}

}  // namespace

std::string_view to_string(TeamQuota source) {
  switch (source) {
    case TeamQuota::team: return "team";
    case TeamQuota::sum_of_owners: return "sum_of_owners";
    case TeamQuota::none: break;
  }
  return "none";
}

double prorated_quota(const Quota& quota, const Period& period) {
  const Day length = quota.period.last - quota.period.first + 1;
  if (length <= 0) return 0.0;
  return quota.amount * static_cast<double>(overlap_days(quota.period, period)) / static_cast<double>(length);
}

CoverageReport coverage(const Scope& scope) {
  const Book& book = scope.book();
  const Period& period = scope.period();
  const AsOfView& view = scope.view();
  const auto owner_codes = book.codes(Dimension::owner);
  std::vector<QuotaTally> by_owner(book.dictionary(Dimension::owner).size());
  QuotaTally all;
  for (std::size_t k : scope.deals()) {
    const StageKind state = scope.state(k);
    QuotaTally& t = by_owner[owner_codes[view.deal(k)]];
    const double amount = scope.amount(k);
    if (state == StageKind::won && period.contains(scope.closed_on(k))) {
      ++t.won_deals, ++all.won_deals;
      t.won += amount, all.won += amount;
    } else if (state == StageKind::open && view.close_date(k) != kNoDay && period.contains(view.close_date(k))) {
      const double weighted = view.stage_info(k).probability * amount;
      ++t.open_deals, ++all.open_deals;
      t.open_amount += amount, all.open_amount += amount;
      t.weighted += weighted, all.weighted += weighted;
      if (is_blank(view.amount(k))) ++t.open_blank_amount, ++all.open_blank_amount;
    } else if (state == StageKind::open && view.close_date(k) == kNoDay) {
      ++t.open_no_close_date, ++all.open_no_close_date;
    }
  }

  std::map<std::string, std::vector<const Quota*>> quotas;
  for (const Quota& q : book.quotas()) quotas[q.owner].push_back(&q);
  std::map<std::string, std::optional<double>> owners;  // listed owners and their quota
  for (const auto& [owner, rows] : quotas) {
    if (owner == "*" || !owner_in_scope(scope, owner)) continue;
    if (auto quota = owner_quota(rows, period)) owners[owner] = quota;
  }
  const Dictionary& names = book.dictionary(Dimension::owner);
  for (Code c = 0; c < by_owner.size(); ++c)
    if (!by_owner[c].empty()) owners.try_emplace(names[c]);

  CoverageReport report;
  report.as_of = scope.as_of();
  report.period = period;
  std::optional<double> team_quota;
  for (const auto& [owner, quota] : owners) {
    const auto code = names.find(owner);
    report.owners.push_back(owner_coverage(owner, quota, code ? by_owner[*code] : QuotaTally{}));
    if (quota) team_quota = team_quota.value_or(0.0) + *quota;
  }
  report.team_quota = team_quota ? TeamQuota::sum_of_owners : TeamQuota::none;
  if (const auto team = quotas.find("*"); team != quotas.end() && !filters_owner(scope)) {
    if (auto quota = owner_quota(team->second, period)) {
      team_quota = quota;
      report.team_quota = TeamQuota::team;
    }
  }
  report.team = owner_coverage("*", team_quota, all);
  return report;
}

}  // namespace pipecast
