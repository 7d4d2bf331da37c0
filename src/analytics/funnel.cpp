#include "pipecast/analytics/funnel.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>

namespace pipecast {
namespace {

constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

// Where each stage sits in its pipeline's funnel, and where each pipeline's
// steps start in a flat tally array.
struct Layout {
  std::vector<PipelineId> pipelines;            // in scope, book order
  std::vector<std::uint32_t> slot_of_pipeline;  // by PipelineId; kNoSlot when out of scope
  std::vector<std::uint32_t> step_of_stage;     // by StageId; kNoSlot for lost stages
  std::vector<std::uint32_t> first_step;        // by slot, into a tally group; + total
};

Layout make_layout(const Scope& scope) {
  const Book& book = scope.book();
  Layout layout;
  layout.slot_of_pipeline.assign(book.pipelines().size(), kNoSlot);
  layout.step_of_stage.assign(book.stages().size(), kNoSlot);
  std::uint32_t total = 0;
  for (PipelineId p = 0; p < book.pipelines().size(); ++p) {
    if (!scope.includes_pipeline(p)) continue;
    layout.slot_of_pipeline[p] = static_cast<std::uint32_t>(layout.pipelines.size());
    layout.pipelines.push_back(p);
    layout.first_step.push_back(total);
    std::uint32_t steps = 0;
    bool has_won = false;
    for (StageId s : book.pipelines()[p].stages)
      if (book.stages()[s].kind == StageKind::open) layout.step_of_stage[s] = steps++;
    for (StageId s : book.pipelines()[p].stages)
      if (book.stages()[s].kind == StageKind::won) {
        layout.step_of_stage[s] = steps;
        has_won = true;
      }
    total += steps + (has_won ? 1 : 0);
  }
  layout.first_step.push_back(total);
  return layout;
}

// Deals whose furthest step is this one, by outcome at T.
struct StepTally {
  std::size_t open = 0, won = 0, lost = 0;
  double value = 0.0;
};

std::vector<FunnelStep> make_steps(const Book& book, PipelineId p) {
  std::vector<FunnelStep> steps;
  FunnelStep won{};
  won.kind = StageKind::won;
  for (StageId s : book.pipelines()[p].stages) {
    const Stage& stage = book.stages()[s];
    if (stage.kind == StageKind::open) {
      FunnelStep step{};
      step.stage = s;
      step.name = stage.name;
      steps.push_back(std::move(step));
    } else if (stage.kind == StageKind::won) {
      if (won.name.empty()) won.stage = s;
      won.name += (won.name.empty() ? "" : " / ") + stage.name;
    }
  }
  if (!won.name.empty()) steps.push_back(std::move(won));
  return steps;
}

// The rates from the tallies: "reached step i" is "furthest step >= i", so
// every figure is a suffix sum.
PipelineFunnel summarise(const Book& book, PipelineId p, const StepTally* tally) {
  PipelineFunnel f{p, book.pipelines()[p].name, 0, make_steps(book, p)};
  const std::size_t n = f.steps.size();
  std::size_t reached_after = 0, won = 0, closed = 0;
  double value = 0.0;
  for (std::size_t i = n; i-- > 0;) {
    const StepTally& t = tally[i];
    FunnelStep& step = f.steps[i];
    const std::size_t reached = reached_after + t.open + t.won + t.lost;
    value += t.value;
    won += t.won;
    closed += t.won + t.lost;
    step.reached = reached;
    step.reached_value = value;
    if (i + 1 < n) {
      step.to_next = {reached_after, reached_after + t.lost};
      step.to_next_raw = {reached_after, reached};
    }
    step.to_won = {won, closed};
    reached_after = reached;
  }
  f.deals = reached_after;
  return f;
}

// Creation periods covering [first, last] and a day -> period lookup.
struct Cohorts {
  std::vector<Period> periods;
  std::vector<Day> starts;
  std::size_t index(Day day) const {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), day) - starts.begin()) - 1;
  }
};

Cohorts make_cohorts(const Scope& scope, PeriodKind kind) {
  Cohorts c;
  Day first = kLastDay, last = kFirstDay;
  for (std::size_t k : scope.deals()) {
    first = std::min(first, scope.created(k));
    last = std::max(last, scope.created(k));
  }
  if (first > last) return c;
  // Stops on the period holding `last`, so the calendar's last year is safe.
  for (Period p = period_containing(first, kind, scope.options().fiscal);;) {
    c.starts.push_back(p.first);
    c.periods.push_back(p);
    if (p.last >= last) return c;
    p = next_period(p, scope.options().fiscal);
  }
}

}  // namespace

FunnelReport funnel(const Scope& scope) {
  const Book& book = scope.book();
  const Layout layout = make_layout(scope);
  const PeriodKind kind =
      scope.options().cohort == PeriodKind::range ? PeriodKind::month : scope.options().cohort;
  const Cohorts cohorts = make_cohorts(scope, kind);
  const std::size_t width = layout.first_step.back();
  // Group 0 is the whole scope, group 1 + c is cohort c.
  std::vector<StepTally> tallies(width * (1 + cohorts.periods.size()));
  std::vector<std::size_t> cohort_deals(cohorts.periods.size(), 0);

  // The furthest step a deal reached; 0 when it only ever sat in a lost stage
  // (it entered the pipeline, so it reached the top).
  std::uint32_t furthest = 0;
  const std::function<void(const StageVisit&)> visit = [&layout, &furthest](const StageVisit& v) {
    const std::uint32_t step = layout.step_of_stage[v.stage];
    if (step != kNoSlot) furthest = std::max(furthest, step);
  };
  const auto pipelines = book.pipeline_column();
  for (std::size_t k : scope.deals()) {
    const std::uint32_t slot = layout.slot_of_pipeline[pipelines[scope.view().deal(k)]];
    const std::size_t c = cohorts.index(scope.created(k));
    ++cohort_deals[c];
    if (layout.first_step[slot] == layout.first_step[slot + 1]) continue;  // a pipeline without steps
    furthest = 0;
    scope.for_each_visit(k, visit);
    const std::size_t at = layout.first_step[slot] + furthest;
    for (StepTally* t : {&tallies[at], &tallies[width * (1 + c) + at]}) {
      const StageKind state = scope.state(k);
      ++(state == StageKind::open ? t->open : state == StageKind::won ? t->won : t->lost);
      t->value += scope.amount(k);
    }
  }

  FunnelReport report;
  report.as_of = scope.as_of();
  report.cohort_kind = kind;
  const auto group = [&](std::size_t g) {
    std::vector<PipelineFunnel> out;
    for (std::size_t slot = 0; slot < layout.pipelines.size(); ++slot)
      out.push_back(
          summarise(book, layout.pipelines[slot], tallies.data() + g * width + layout.first_step[slot]));
    return out;
  };
  report.pipelines = group(0);
  for (std::size_t c = 0; c < cohorts.periods.size(); ++c)
    if (cohort_deals[c] > 0) report.cohorts.push_back({cohorts.periods[c], group(1 + c)});
  return report;
}

}  // namespace pipecast
