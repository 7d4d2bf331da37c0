#include "pipecast/analytics/velocity.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>

namespace pipecast {
namespace {

constexpr std::size_t kNoPeriod = std::numeric_limits<std::size_t>::max();

std::size_t period_index(const std::vector<Period>& periods, Day day) {
  for (std::size_t p = 0; p < periods.size(); ++p)
    if (periods[p].contains(day)) return p;
  return kNoPeriod;
}

// A sample of whole numbers of days, kept as counts per day so that a million
// stays cost a few hundred counters rather than a million doubles and a
// selection each.  Days outside [0, kMaxCounted] (bad data) are kept as they
// are.  summary() equals describe() on the same values: the same quantile
// positions and interpolation, and a sum of integers is exact in a double.
class DaysSample {
 public:
  void add(int days) {
    ++count_;
    sum_ += days;
    if (days < 0 || days > kMaxCounted) {
      outside_.push_back(days);
      return;
    }
    const auto at = static_cast<std::size_t>(days);
    if (at >= counts_.size()) counts_.resize(at + 1, 0);
    ++counts_[at];
  }

  Distribution summary() {
    if (count_ == 0) return describe({});
    std::sort(outside_.begin(), outside_.end());
    below_ =
        static_cast<std::size_t>(std::lower_bound(outside_.begin(), outside_.end(), 0) - outside_.begin());
    Distribution d;
    d.count = count_;
    d.mean = sum_ / static_cast<double>(count_);
    d.median = quantile(0.5);
    d.p75 = quantile(0.75);
    d.p90 = quantile(0.9);
    return d;
  }

 private:
  static constexpr int kMaxCounted = 1 << 16;

  // As pipecast::quantile (type 7).
  double quantile(double q) const {
    const double position = q * static_cast<double>(count_ - 1);
    const auto low = static_cast<std::size_t>(position);
    const double fraction = position - static_cast<double>(low);
    const double x = order_statistic(low);
    if (fraction == 0.0 || low + 1 >= count_) return x;
    return x + fraction * (order_statistic(low + 1) - x);
  }

  // The j-th smallest value (from 0).
  double order_statistic(std::size_t j) const {
    if (j < below_) return outside_[j];
    j -= below_;
    for (std::size_t day = 0; day < counts_.size(); ++day) {
      if (j < counts_[day]) return static_cast<double>(day);
      j -= counts_[day];
    }
    return outside_[below_ + j];
  }

  std::size_t count_ = 0;
  double sum_ = 0.0;
  std::vector<std::uint32_t> counts_;  // by day
  std::vector<int> outside_;
  std::size_t below_ = 0;  // values of outside_ below 0, once sorted
};

// Samples in days, gathered in one pass and summarised at the end.
struct Samples {
  std::size_t periods = 0;
  std::vector<std::size_t> row_of_stage;  // by StageId: open stage of a pipeline in scope, else kNoPeriod
  std::vector<DaysSample> completed, current, stage_by_period;       // by row (x period)
  std::vector<DaysSample> won, lost, won_by_period, lost_by_period;  // by PipelineId (x period)

  void add_stay(const std::vector<Period>& trend, const StageVisit& v) {
    const std::size_t row = row_of_stage[v.stage];
    if (row == kNoPeriod) return;
    const int days = v.left - v.entered;
    if (v.current) {
      current[row].add(days);
      return;
    }
    completed[row].add(days);
    if (const std::size_t p = period_index(trend, v.left); p != kNoPeriod)
      stage_by_period[row * periods + p].add(days);
  }
};

Samples make_samples(const Scope& scope, std::size_t periods) {
  const Book& book = scope.book();
  Samples s;
  s.periods = periods;
  s.row_of_stage.assign(book.stages().size(), kNoPeriod);
  std::size_t rows = 0;
  for (PipelineId p = 0; p < book.pipelines().size(); ++p) {
    if (!scope.includes_pipeline(p)) continue;
    for (StageId st : book.pipelines()[p].stages)
      if (book.stages()[st].kind == StageKind::open) s.row_of_stage[st] = rows++;
  }
  s.completed.resize(rows);
  s.current.resize(rows);
  s.stage_by_period.resize(rows * periods);
  const std::size_t pipelines = book.pipelines().size();
  s.won.resize(pipelines);
  s.lost.resize(pipelines);
  s.won_by_period.resize(pipelines * periods);
  s.lost_by_period.resize(pipelines * periods);
  return s;
}

std::vector<Distribution> summarise_each(std::vector<DaysSample>& samples, std::size_t from,
                                         std::size_t count) {
  std::vector<Distribution> out;
  for (std::size_t i = from; i < from + count; ++i) out.push_back(samples[i].summary());
  return out;
}

PipelineVelocity summarise(const Book& book, PipelineId p, Samples& s) {
  PipelineVelocity v{p,
                     book.pipelines()[p].name,
                     {},
                     s.won[p].summary(),
                     s.lost[p].summary(),
                     summarise_each(s.won_by_period, p * s.periods, s.periods),
                     summarise_each(s.lost_by_period, p * s.periods, s.periods)};
  for (StageId st : book.pipelines()[p].stages) {
    const std::size_t row = s.row_of_stage[st];
    if (row == kNoPeriod) continue;
    v.stages.push_back({st, book.stages()[st].name, s.completed[row].summary(), s.current[row].summary(),
                        summarise_each(s.stage_by_period, row * s.periods, s.periods)});
  }
  return v;
}

}  // namespace

VelocityReport velocity(const Scope& scope) {
  const Book& book = scope.book();
  VelocityReport report;
  report.as_of = scope.as_of();
  report.periods = scope.trend_periods();
  const std::vector<Period>& trend = report.periods;
  Samples s = make_samples(scope, trend.size());

  const std::function<void(const StageVisit&)> visit = [&s, &trend](const StageVisit& v) {
    s.add_stay(trend, v);
  };
  const auto pipelines = book.pipeline_column();
  for (std::size_t k : scope.deals()) {
    scope.for_each_visit(k, visit);
    const StageKind state = scope.state(k);
    if (state == StageKind::open) continue;
    const PipelineId p = pipelines[scope.view().deal(k)];
    const int days = scope.closed_on(k) - scope.created(k);
    (state == StageKind::won ? s.won : s.lost)[p].add(days);
    if (const std::size_t at = period_index(trend, scope.closed_on(k)); at != kNoPeriod)
      (state == StageKind::won ? s.won_by_period : s.lost_by_period)[p * s.periods + at].add(days);
  }

  for (PipelineId p = 0; p < book.pipelines().size(); ++p)
    if (scope.includes_pipeline(p)) report.pipelines.push_back(summarise(book, p, s));
  return report;
}

}  // namespace pipecast
