#include "pipecast/analytics/stalled.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast {
namespace {


void check_options(const Book& book, const StalledOptions& options) {
  for (const auto& [name, days] : options.threshold_days) {
    // An init-capture: clang before 16 cannot capture a structured binding.
    const bool known = std::any_of(book.stages().begin(), book.stages().end(), [&wanted = name](const Stage& s) {
      return s.kind == StageKind::open && s.name == wanted;
    });
    if (!known) {
      std::string names;
      for (const Stage& s : book.stages())
        if (s.kind == StageKind::open && names.find("'" + s.name + "'") == std::string::npos)
          names += (names.empty() ? "'" : ", '") + s.name + "'";
      throw std::invalid_argument("stalled threshold for unknown open stage '" + name + "' (known: " + names +
                                  ")");
    }
    if (!std::isfinite(days) || days < 0)
      throw std::invalid_argument("stalled threshold for '" + name + "' must be a number of days >= 0");
  }
}

StageThreshold threshold_for(const std::string& pipeline, const StageVelocity& stage,
                             const StalledOptions& options) {
  StageThreshold t{stage.stage, pipeline, stage.name, kNaN, ThresholdSource::none, stage.completed.count};
  if (const auto user = options.threshold_days.find(stage.name); user != options.threshold_days.end()) {
    t.days = user->second;
    t.source = ThresholdSource::user;
  } else if (stage.completed.count >= std::max<std::size_t>(options.min_sample, 1)) {
    t.days = stage.completed.p90;
    t.source = ThresholdSource::p90;
  }
  return t;
}

StalledDeal make_row(const Scope& scope, std::size_t k, int days_in_stage, double threshold, bool stalled,
                     bool overdue) {
  const Book& book = scope.book();
  const DealIndex i = scope.view().deal(k);
  const Opportunity o = book.opportunity(i);
  const Day close = scope.view().close_date(k);
  StalledDeal row;
  row.deal = i;
  row.id = std::string(o.id());
  row.pipeline = o.pipeline().name;
  row.stage = scope.view().stage_info(k).name;
  row.owner = std::string(o.owner());
  row.amount = scope.amount(k);
  row.days_in_stage = days_in_stage;
  row.threshold = threshold;
  row.stalled = stalled;
  row.close_date = close;
  row.overdue = overdue;
  row.days_overdue = overdue ? scope.as_of() - close : 0;
  return row;
}

}  // namespace

std::string_view to_string(ThresholdSource source) {
  switch (source) {
    case ThresholdSource::p90:
      return "p90";
    case ThresholdSource::user:
      return "user";
    case ThresholdSource::none:
      break;
  }
  return "none";
}

StalledReport stalled_deals(const Scope& scope, const StalledOptions& options) {
  return stalled_deals(scope, velocity(scope), options);
}

StalledReport stalled_deals(const Scope& scope, const VelocityReport& stays, const StalledOptions& options) {
  const Book& book = scope.book();
  if (stays.as_of != scope.as_of())
    throw std::invalid_argument("stalled_deals: the velocity report is as of " + format_day(stays.as_of) +
                                ", the scope as of " + format_day(scope.as_of()));
  check_options(book, options);
  StalledReport report;
  report.as_of = scope.as_of();
  std::vector<double> threshold(book.stages().size(), kNaN);
  for (const PipelineVelocity& p : stays.pipelines)
    for (const StageVelocity& s : p.stages) {
      if (s.stage >= threshold.size())
        throw std::invalid_argument("stalled_deals: the velocity report is of another book");
      report.thresholds.push_back(threshold_for(p.name, s, options));
      threshold[s.stage] = report.thresholds.back().days;
    }

  Day entered = kNoDay;  // of the deal's last (current) stay
  const std::function<void(const StageVisit&)> visit = [&entered](const StageVisit& v) {
    entered = v.entered;
  };
  for (std::size_t k : scope.deals()) {
    if (scope.state(k) != StageKind::open) continue;
    scope.for_each_visit(k, visit);
    const int days = scope.as_of() - entered;
    const double limit = threshold[scope.view().stage(k)];
    const Day close = scope.view().close_date(k);
    const bool stalled = !std::isnan(limit) && days > limit;
    const bool overdue = close != kNoDay && close < scope.as_of();
    if (!stalled && !overdue) continue;
    report.deals.push_back(make_row(scope, k, days, limit, stalled, overdue));
    const StalledDeal& row = report.deals.back();
    report.stalled += stalled ? 1 : 0;
    report.stalled_value += stalled ? row.amount : 0.0;
    report.overdue += overdue ? 1 : 0;
    report.overdue_value += overdue ? row.amount : 0.0;
  }
  std::sort(report.deals.begin(), report.deals.end(), [](const StalledDeal& a, const StalledDeal& b) {
    return a.amount != b.amount ? a.amount > b.amount : a.id < b.id;
  });
  return report;
}

}  // namespace pipecast
