#include "pipecast/analytics/lead_plan.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace pipecast {
namespace {

// The standard normal's 0.9 quantile: P90 figures.
constexpr double kZ90 = 1.2815515655446004;
constexpr int kNoRank = -1;

// Running mean and spread of amounts (Welford), without keeping them.
struct Spread {
  std::size_t count = 0;
  double mean = 0.0;
  double m2 = 0.0;
  void add(double x) {
    ++count;
    const double d = x - mean;
    mean += d / static_cast<double>(count);
    m2 += d * (x - mean);
  }
  // Sample standard deviation; 0 for a single value (see the header).
  double sd() const { return count < 2 ? 0.0 : std::sqrt(m2 / static_cast<double>(count - 1)); }
};

struct StageTally {
  std::size_t reached_won = 0, reached_closed = 0;  // learned closed deals that reached it
  std::size_t open = 0;                             // open in it at T
  double open_amount = 0.0;
  std::size_t closing_deals = 0;                    // ... and expected to close in the period
  double closing_amount = 0.0;
};

struct PipelineTally {
  bool in_scope = false;
  Spread amounts;
  std::vector<double> won_amounts;
  double won_revenue = 0.0;
};

// Everything one pass over the scope's deals gathers.
struct PlanTally {
  std::vector<StageTally> stages;        // by StageId
  std::vector<PipelineTally> pipelines;  // by PipelineId
  std::vector<int> open_rank;            // by StageId: position among its pipeline's open stages
  Spread amounts;
  double won_revenue = 0.0;
  std::vector<double> won_amounts, cycles;
  std::size_t won = 0, closed = 0;
  double won_in_period = 0.0;
  std::size_t won_in_period_deals = 0;
};

std::vector<int> open_ranks(const Book& book) {
  std::vector<int> rank(book.stages().size(), kNoRank);
  for (const Pipeline& p : book.pipelines()) {
    int next = 0;
    for (const StageId s : p.stages)
      if (!book.stages()[s].is_closed()) rank[s] = next++;
  }
  return rank;
}

// The furthest open stage (rank) a closed deal reached, from its history
// known at T: at least its first stage; a won deal passed them all.
int furthest_rank(const Scope& scope, std::size_t k, const std::vector<int>& rank) {
  if (scope.state(k) == StageKind::won) return std::numeric_limits<int>::max();
  const Book& book = scope.book();
  const auto stages = book.history_stage_column();
  int furthest = 0;
  for (auto r = book.history_begin(scope.view().deal(k)); r < scope.view().history_end(k); ++r)
    furthest = std::max(furthest, rank[stages[r]]);
  return furthest;
}

void learn_closed(const Scope& scope, std::size_t k, PlanTally& t) {
  const Book& book = scope.book();
  const bool won = scope.state(k) == StageKind::won;
  const PipelineId pipeline = book.pipeline_column()[scope.view().deal(k)];
  const int furthest = furthest_rank(scope, k, t.open_rank);
  for (const StageId s : book.pipelines()[pipeline].stages) {
    if (t.open_rank[s] == kNoRank || t.open_rank[s] > furthest) continue;
    ++t.stages[s].reached_closed;
    if (won) ++t.stages[s].reached_won;
  }
  ++t.closed;
  if (!won) return;
  ++t.won;
  t.cycles.push_back(static_cast<double>(scope.closed_on(k) - scope.created(k)));
  const double amount = scope.view().amount_in_base(k);
  if (is_blank(amount)) return;
  t.amounts.add(amount);
  t.won_revenue += amount;
  t.won_amounts.push_back(amount);
  PipelineTally& p = t.pipelines[pipeline];
  p.amounts.add(amount);
  p.won_amounts.push_back(amount);
  p.won_revenue += amount;
}

void note_open(const Scope& scope, std::size_t k, PlanTally& t) {
  StageTally& s = t.stages[scope.view().stage(k)];
  ++s.open;
  s.open_amount += scope.amount(k);
  if (scope.period().contains(scope.view().close_date(k))) {
    ++s.closing_deals;
    s.closing_amount += scope.amount(k);
  }
}

bool learned(Day created, const LeadPlanOptions& o, Day as_of) {
  const Day until = o.learn_until == kNoDay ? as_of : std::min(o.learn_until, as_of);
  return (o.learn_from == kNoDay || created >= o.learn_from) && created <= until;
}

PlanTally gather(const Scope& scope, const LeadPlanOptions& options) {
  const Book& book = scope.book();
  PlanTally t;
  t.stages.resize(book.stages().size());
  t.pipelines.resize(book.pipelines().size());
  t.open_rank = open_ranks(book);
  for (const std::size_t k : scope.deals()) {
    t.pipelines[book.pipeline_column()[scope.view().deal(k)]].in_scope = true;
    const StageKind state = scope.state(k);
    if (state == StageKind::open) {
      note_open(scope, k, t);
      continue;
    }
    if (state == StageKind::won && scope.period().contains(scope.closed_on(k))) {
      t.won_in_period += scope.amount(k);
      ++t.won_in_period_deals;
    }
    if (learned(scope.created(k), options, scope.as_of())) learn_closed(scope, k, t);
  }
  return t;
}

// Smallest n such that n chances, each won with probability p for an amount
// of mean `mean` and spread `sd`, bring in `goal` with probability 0.9 under
// the normal approximation of the compound binomial total (see the header).
double p90_count(double goal, double p, double mean, double sd) {
  if (goal <= 0.0) return 0.0;
  if (!(p > 0.0) || !(mean > 0.0)) return kNaN;
  const double a = p * mean;
  const double b = kZ90 * std::sqrt(p * (sd * sd + (1.0 - p) * mean * mean));
  const auto enough = [&](double n) { return a * n - b * std::sqrt(n) >= goal; };
  const double root = (b + std::sqrt(b * b + 4.0 * a * goal)) / (2.0 * a);
  double n = std::max(1.0, std::ceil(root * root));
  // The closed form is exact up to rounding: settle on the integers.
  for (int step = 0; step < 4 && n > 1.0 && enough(n - 1.0); ++step) n -= 1.0;
  for (int step = 0; step < 4 && !enough(n); ++step) n += 1.0;
  return n;
}

// NaN when the rate or the average amount is unknown or 0: on that history
// no number of chances is enough.
PlanCount plan_count(double goal, double p, double mean, double sd) {
  if (goal <= 0.0) return {0.0, 0.0};
  if (!(p > 0.0) || !(mean > 0.0)) return {};
  return {goal / (p * mean), p90_count(goal, p, mean, sd)};
}

// A stage's win rate for weighing open deals: its own, else the pipeline's
// lead-to-won rate, else nothing (0).
double stage_win_probability(const StageTally& s, const Rate& lead) {
  if (s.reached_closed > 0) return static_cast<double>(s.reached_won) / static_cast<double>(s.reached_closed);
  return lead.trials > 0 ? lead.value() : 0.0;
}

Distribution distribution(std::vector<double> values) { return describe(std::move(values)); }

LeadPlanPipeline plan_pipeline(const Book& book, PipelineId id, const PlanTally& t, double gap) {
  const PipelineTally& tally = t.pipelines[id];
  LeadPlanPipeline p;
  p.pipeline = book.pipelines()[id].name;
  p.won_share = t.won_revenue > 0.0 ? tally.won_revenue / t.won_revenue : 0.0;
  p.won_amount = distribution(tally.won_amounts);
  p.won_amount_sd = tally.amounts.sd();
  const double goal = gap * p.won_share;
  p.won_needed = plan_count(goal, 1.0, tally.amounts.mean, p.won_amount_sd);
  for (const StageId s : book.pipelines()[id].stages) {
    if (t.open_rank[s] == kNoRank) continue;
    const StageTally& st = t.stages[s];
    LeadPlanStage row;
    row.stage = book.stages()[s].name;
    row.conversion = {st.reached_won, st.reached_closed};
    row.open_deals = st.open;
    row.open_amount = st.open_amount;
    row.needed = plan_count(goal, row.conversion.value(), tally.amounts.mean, p.won_amount_sd);
    p.stages.push_back(std::move(row));
  }
  return p;
}

Day create_by(const Period& period, double cycle) {
  return std::isnan(cycle) ? kNoDay : period.last - static_cast<Day>(std::ceil(cycle));
}

// 1234567.8 -> "1,234,568 USD", for the message.
std::string money(double value, const std::string& currency) {
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.0f", std::fabs(value));
  const std::string whole(digits);
  std::string text = value < 0 && whole != "0" ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) text += ',';
    text += whole[i];
  }
  return currency.empty() ? text : text + " " + currency;
}

// Fills status and message, and blanks what cannot be planned.
void settle_status(LeadPlan& plan) {
  const std::string what = "Won in " + plan.period.label + " so far: " + money(plan.won_in_period, plan.currency) +
                           "; expected from the open pipeline: " +
                           money(plan.expected_from_pipeline, plan.currency) + ".";
  if (plan.as_of > plan.period.last) {
    plan.status = LeadPlanStatus::period_over;
    plan.message = "The period " + plan.period.label + " ended on " + format_day(plan.period.last) +
                   ", before the as-of date " + format_day(plan.as_of) +
                   ": there is nothing left to plan. Won in it: " + money(plan.won_in_period, plan.currency) +
                   ", gap " + money(plan.gap, plan.currency) + ".";
  } else if (plan.gap <= 0.0) {
    plan.status = LeadPlanStatus::covered;
    plan.message = "The target is covered: nothing more is needed. " + what;
    return;
  } else if (plan.won_amount.count == 0 || !(plan.won_amount.mean > 0.0)) {
    plan.status = LeadPlanStatus::no_history;
    plan.message = "No won deal with an amount as of " + format_day(plan.as_of) +
                   " to learn from: the deals and leads needed cannot be estimated. " + what;
  } else {
    plan.status = LeadPlanStatus::ok;
    plan.message = "The plan covers the gap of " + money(plan.gap, plan.currency) + ". " + what;
    if (plan.create_by_p50 != kNoDay && plan.create_by_p50 < plan.as_of)
      plan.message += " New leads are late: at the median cycle they should have been created by " +
                      format_day(plan.create_by_p50) + ".";
    else if (plan.create_by_p90 != kNoDay && plan.create_by_p90 < plan.as_of)
      plan.message += " At the p90 cycle, new leads should have been created by " +
                      format_day(plan.create_by_p90) + ".";
    return;
  }
  plan.won_needed = plan.leads_needed = PlanCount{};
  for (auto& p : plan.pipelines) {
    p.won_needed = PlanCount{};
    for (auto& s : p.stages) s.needed = PlanCount{};
  }
  if (plan.status == LeadPlanStatus::period_over) plan.create_by_p50 = plan.create_by_p90 = kNoDay;
}

}  // namespace

std::string_view to_string(LeadPlanStatus status) {
  switch (status) {
    case LeadPlanStatus::ok: return "ok";
    case LeadPlanStatus::covered: return "covered";
    case LeadPlanStatus::period_over: return "period_over";
    case LeadPlanStatus::no_history: return "no_history";
  }
  return "ok";
}

LeadPlan lead_plan(const Scope& scope, double target, const LeadPlanOptions& options) {
  if (!std::isfinite(target) || target < 0.0)
    throw std::invalid_argument("lead plan: the target must be a finite amount, 0 or more");
  const Book& book = scope.book();
  const PlanTally t = gather(scope, options);

  LeadPlan plan;
  plan.as_of = scope.as_of();
  plan.period = scope.period();
  plan.currency = book.base_currency();
  plan.target = target;
  plan.won_in_period = t.won_in_period;
  plan.won_in_period_deals = t.won_in_period_deals;
  plan.closed_deals = t.closed;
  plan.won_amount = distribution(t.won_amounts);
  plan.won_amount_sd = t.amounts.sd();
  plan.cycle_days = distribution(t.cycles);
  plan.lead_conversion = {t.won, t.closed};

  const bool over = plan.as_of > plan.period.last;
  for (std::size_t s = 0; s < t.stages.size() && !over; ++s) {
    const StageTally& stage = t.stages[s];
    if (stage.closing_deals == 0) continue;
    plan.pipeline_deals += stage.closing_deals;
    plan.expected_from_pipeline += stage.closing_amount * stage_win_probability(stage, plan.lead_conversion);
  }
  plan.gap = std::max(0.0, target - plan.won_in_period - plan.expected_from_pipeline);

  const double mean = plan.won_amount.count > 0 ? plan.won_amount.mean : kNaN;
  // No deal is needed for a target of 0, whatever the average (0/0 is NaN).
  plan.won_for_target = target == 0.0 ? 0.0 : target / mean;
  plan.won_needed = plan_count(plan.gap, 1.0, mean, plan.won_amount_sd);
  plan.leads_needed = plan_count(plan.gap, plan.lead_conversion.value(), mean, plan.won_amount_sd);
  plan.create_by_p50 = create_by(plan.period, plan.cycle_days.median);
  plan.create_by_p90 = create_by(plan.period, plan.cycle_days.p90);
  for (PipelineId p = 0; p < book.pipelines().size(); ++p)
    if (t.pipelines[p].in_scope) plan.pipelines.push_back(plan_pipeline(book, p, t, plan.gap));
  settle_status(plan);
  return plan;
}

}  // namespace pipecast
