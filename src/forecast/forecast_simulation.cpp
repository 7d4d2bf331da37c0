#include "forecast/forecast_simulation.hpp"

#include "pipecast/analytics/statistics.hpp"

#include "core/key_hash.hpp"
#include "core/parallel_for.hpp"
#include "forecast/random_draws.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pipecast {
namespace {

constexpr std::size_t kBlockTrials = 256;

std::size_t block_count(std::size_t trials) { return (trials + kBlockTrials - 1) / kBlockTrials; }

/// Per open deal: 32-bit thresholds of the cumulative probability of being
/// won in period 0, 0..1, ...; a uniform u below thresholds[k] and above
/// thresholds[k-1] means won in period k.
struct PipelineDraws {
  std::size_t periods = 0;
  std::vector<std::uint32_t> thresholds;  // deals x periods
  std::vector<ForecastWideSum> amount;    // in kForecastAmountUnit
  std::vector<std::uint64_t> key;         // the hash of the deal's id: its streams
  ForecastWideSum reach = 0;              // the sum of every |amount|: what any sum stays within
};

/// Integers below 2^53 add exactly, in any order, as doubles: a part whose
/// open deals' amounts all together stay below it sums its trials in
/// doubles (as fast as the sums were before they had to be exact), to the
/// same integers the 128-bit sums give.
constexpr double kExactInDouble = 0x1.0p53;

ForecastWideSum fixed_amount(const DealScores& scores, const Book& book, std::size_t i) {
  const double amount = scores.deals.amount[i];
  if (!(std::abs(amount) <= kForecastMaxAmount))
    throw std::invalid_argument("deal " + std::string(book.opportunity(scores.deals.deal[i]).id()) +
                                ": its amount " + std::to_string(amount) +
                                " is beyond what a forecast sums exactly (2^80)");
  // Exact: a power of two's multiple, rounded once to an integer below 2^96.
  return static_cast<ForecastWideSum>(std::nearbyint(amount / kForecastAmountUnit));
}

PipelineDraws pipeline_draws(const DealScores& scores, const Book& book, const std::vector<Period>& periods) {
  PipelineDraws draws;
  draws.periods = periods.size();
  std::vector<std::uint32_t> row;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores.deals.amount[i] == 0.0 || scores.win_probability[i] <= 0.0) continue;
    double cumulative = 0.0;
    row.clear();
    for (const Period& p : periods) {
      cumulative += scores.won_between(i, p.first, p.last);
      row.push_back(static_cast<std::uint32_t>(std::clamp(cumulative, 0.0, 1.0) * 4294967295.0));
    }
    if (row.back() == 0) continue;
    draws.thresholds.insert(draws.thresholds.end(), row.begin(), row.end());
    draws.amount.push_back(fixed_amount(scores, book, i));
    draws.reach += draws.amount.back() < 0 ? -draws.amount.back() : draws.amount.back();
    draws.key.push_back(key_hash(book.opportunity(scores.deals.deal[i]).id()));
  }
  return draws;
}

/// Trials [first, first + count) of the open deals: their won amounts by
/// trial and period, added to `sums` (the block's rows, count x periods),
/// each amount as a Sum (ForecastWideSum, or double within kExactInDouble).
/// Each deal draws from its own stream of the block, seeded by (seed, block,
/// its key), whichever deals are simulated beside it.
template <class Sum>
void simulate_block(const PipelineDraws& open, std::uint64_t seed, std::size_t block, std::size_t count,
                    Sum* sums) {
  const std::size_t k = open.periods;
  const std::uint64_t block_seed = draws::stream_seed(seed, block, 1);
  constexpr std::size_t kLanes = draws::LaneGenerator::kLanes;
  const std::size_t padded = (count + kLanes - 1) / kLanes * kLanes;
  std::vector<std::uint32_t> u(padded), won(padded + 1);
  const std::size_t deals = open.amount.size();
  for (std::size_t d = 0; d < deals; ++d) {
    const std::uint32_t* thr = &open.thresholds[d * k];
    const std::uint32_t any = thr[k - 1];
    const auto amount = static_cast<Sum>(open.amount[d]);
    draws::SplitMix seeder{block_seed ^ open.key[d]};
    draws::LaneGenerator lanes(seeder);
    lanes.fill(u.data(), padded);
    // The trials the deal is won in, gathered without a branch (a branch on
    // a coin flip is mispredicted as often as it is right); only those, a
    // fraction the size of its probability, look for the period.
    std::size_t wins = 0;
    for (std::size_t t = 0; t < count; ++t) {
      won[wins] = static_cast<std::uint32_t>(t);
      wins += u[t] < any;
    }
    for (std::size_t w = 0; w < wins; ++w) {
      const std::uint32_t t = won[w];
      std::size_t slot = 0;
      while (u[t] >= thr[slot]) ++slot;
      sums[t * k + slot] += amount;
    }
  }
}

/// The deals not yet created, per period: expected wins and the law of a
/// win's amount (over NewDealFlow::won_amounts).
struct NewDraws {
  double dispersion = 0.0;
  std::vector<double> wins;                 // by period
  std::vector<draws::AliasTable> amount;    // by period
  std::vector<NewDealFlow::AmountMoments> amount_moments;  // by period: of one win's amount
  const std::vector<double>* amounts = nullptr;
};

/// Wins of new deals in one simulated period beyond which their amounts'
/// sum is drawn from its normal limit instead of win by win: the central
/// limit is exact to well within the simulation's own noise there, and a
/// flow of millions of deals a quarter would otherwise cost millions of
/// draws per future.
constexpr std::uint64_t kWinsDrawnOneByOne = 10'000;

/// The sum of `wins` amounts of new deals won in period j.
double new_wins_amount(const NewDraws& fresh_draws, std::size_t j, std::uint64_t wins, draws::SplitMix& rng) {
  if (wins > kWinsDrawnOneByOne) {
    const auto n = static_cast<double>(wins);
    const NewDealFlow::AmountMoments& one = fresh_draws.amount_moments[j];
    const double sum = n * one.mean + std::sqrt(n) * one.sd * draws::standard_normal(rng);
    return std::max(0.0, sum);
  }
  double sum = 0.0;
  for (std::uint64_t w = 0; w < wins; ++w) sum += (*fresh_draws.amounts)[fresh_draws.amount[j].draw(rng)];
  return sum;
}

/// Trials [first, first + count) of the whole book: the open deals' sums
/// times the level they share, and the new deals' bookings, each drawn from
/// the block's streams (seed, block).
void finish_block(double open_dispersion, const NewDraws& fresh_draws, const ForecastPartial& merged,
                  std::uint64_t seed, std::size_t block, std::size_t first, std::size_t count,
                  std::vector<double>& pipeline, std::vector<double>& fresh) {
  const auto k = static_cast<std::size_t>(merged.periods);
  draws::SplitMix fresh_rng{draws::stream_seed(seed, block, 2)};
  draws::SplitMix shared_rng{draws::stream_seed(seed, block, 3)};
  for (std::size_t t = first; t < first + count; ++t) {
    // One level per simulated future for the open deals, and one rate level
    // for the new ones, each shared by the future's periods.
    const double shared =
        open_dispersion > 0.0 ? draws::gamma_mean_one(shared_rng, 1.0 / open_dispersion) : 1.0;
    const double level =
        fresh_draws.dispersion > 0.0 ? draws::gamma_mean_one(fresh_rng, 1.0 / fresh_draws.dispersion) : 1.0;
    for (std::size_t j = 0; j < k; ++j) {
      pipeline[t * k + j] = shared * (static_cast<double>(merged.pipeline[t * k + j]) * kForecastAmountUnit);
      fresh[t * k + j] =
          fresh_draws.amount[j].empty()
              ? 0.0
              : new_wins_amount(fresh_draws, j, draws::poisson(fresh_rng, level * fresh_draws.wins[j]), fresh_rng);
    }
  }
}

ComponentForecast summarise(double expected, std::vector<double> samples) {
  ComponentForecast out;
  out.expected = expected;
  out.p10 = quantile(samples, 0.1);
  out.p50 = quantile(samples, 0.5);
  out.p90 = quantile(samples, 0.9);
  return out;
}

void check_shape(const ForecastPartial& merged, const ForecastOptions& options) {
  const std::size_t k = options.periods.size();
  if (merged.parts == 0 || merged.trials != options.trials || merged.periods != k ||
      merged.pipeline.size() != options.trials * k || merged.expected.size() != k || merged.closed.size() != k)
    throw std::invalid_argument("the partial forecast holds " + std::to_string(merged.trials) + " trials of " +
                                std::to_string(merged.periods) + " periods from " + std::to_string(merged.parts) +
                                " parts; the options ask for " + std::to_string(options.trials) + " trials of " +
                                std::to_string(k) + " periods");
}

}  // namespace

void check_forecast_options(const ForecastOptions& options) {
  if (options.periods.empty()) throw std::invalid_argument("a forecast needs at least one period");
  if (options.trials < 100 || options.trials > 10'000'000)
    throw std::invalid_argument("trials must be between 100 and 10000000 (got " +
                                std::to_string(options.trials) + ")");
  for (std::size_t j = 1; j < options.periods.size(); ++j)
    if (options.periods[j].first <= options.periods[j - 1].last)
      throw std::invalid_argument("forecast periods must follow each other without overlapping");
}

ForecastPartial simulate_part(const DealScores& scores, const Book& book, const ForecastOptions& options,
                              std::uint64_t request) {
  check_forecast_options(options);
  const std::vector<Period>& periods = options.periods;
  const std::size_t k = periods.size(), trials = options.trials;
  const Day as_of = scores.as_of();

  ForecastPartial out;
  out.request = request;
  out.parts = 1;
  out.open_deals = scores.size();
  out.trials = trials;
  out.periods = k;
  const PipelineDraws draws = pipeline_draws(scores, book, periods);
  out.pipeline.assign(trials * k, 0);
  // Block b's trials are drawn from streams seeded by (seed, b) and written
  // to their own rows, so any thread count gives the same sums.
  const bool in_doubles = static_cast<double>(draws.reach) < kExactInDouble;
  parallel_for(block_count(trials), options.threads, [&](std::size_t b) {
    const std::size_t count = std::min(kBlockTrials, trials - b * kBlockTrials);
    ForecastWideSum* rows = out.pipeline.data() + b * kBlockTrials * k;
    if (!in_doubles) return simulate_block(draws, options.seed, b, count, rows);
    std::vector<double> sums(count * k, 0.0);
    simulate_block(draws, options.seed, b, count, sums.data());
    std::transform(sums.begin(), sums.end(), rows, [](double x) { return static_cast<ForecastWideSum>(x); });
  });

  const AsOfView view(book, as_of);
  out.expected.resize(k);
  out.closed.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    const Period& p = periods[j];
    for (std::size_t i = 0; i < scores.size(); ++i) out.expected[j].add(scores.expected_between(i, p.first, p.last));
    if (p.first <= as_of)
      for (std::size_t d = 0; d < view.size(); ++d)
        out.closed[j].add(booked_between(view, d, p.first, std::min(p.last, as_of)));
  }
  return out;
}

Forecast finish_forecast(const ForecastBasis& basis, const ForecastPartial& merged, const ForecastOptions& options) {
  check_forecast_options(options);
  check_shape(merged, options);
  const std::vector<Period>& periods = options.periods;
  const std::size_t k = periods.size(), trials = options.trials;

  Forecast out;
  out.model = basis.model;
  out.as_of = basis.as_of;
  out.trials = trials;
  out.seed = options.seed;
  out.open_deals = static_cast<std::size_t>(merged.open_deals);
  out.new_deals_unknown = basis.new_deals.unknown;

  // Deals created after T are the new ones, whenever the model was fitted.
  NewDealFlow flow = basis.new_deals;
  flow.as_of = basis.as_of;
  NewDraws fresh_draws;
  fresh_draws.dispersion = flow.rate_dispersion;
  fresh_draws.amounts = &flow.won_amounts;
  for (std::size_t j = 0; j < k; ++j) {
    const double wins =
        flow.known() && flow.daily_rate > 0 ? flow.expected_wins(periods[j].first, periods[j].last) : 0.0;
    fresh_draws.wins.push_back(wins);
    fresh_draws.amount.emplace_back(flow.amount_weights(periods[j].first, periods[j].last));
    fresh_draws.amount_moments.push_back(flow.won_amount(periods[j].first, periods[j].last));
  }

  std::vector<double> pipeline(trials * k), fresh(trials * k);
  parallel_for(block_count(trials), options.threads, [&](std::size_t b) {
    finish_block(basis.shared_dispersion, fresh_draws, merged, options.seed, b, b * kBlockTrials,
                 std::min(kBlockTrials, trials - b * kBlockTrials), pipeline, fresh);
  });

  out.total_samples.resize(trials * k);
  for (std::size_t j = 0; j < k; ++j) {
    PeriodForecast pf;
    pf.period = periods[j];
    const double closed = merged.closed[j].value();
    const double expected_pipeline = merged.expected[j].value();
    const double expected_new = flow.expected_bookings(periods[j].first, periods[j].last);
    std::vector<double> p(trials), n(trials), total(trials);
    for (std::size_t t = 0; t < trials; ++t) {
      p[t] = pipeline[t * k + j];
      n[t] = fresh[t * k + j];
      total[t] = closed + p[t] + n[t];
      out.total_samples[t * k + j] = total[t];
    }
    auto& c = pf.components;
    c[0] = {closed, closed, closed, closed};
    c[1] = summarise(expected_pipeline, std::move(p));
    constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
    c[2] = flow.known() ? summarise(expected_new, std::move(n))
                        : ComponentForecast{kUnknown, kUnknown, kUnknown, kUnknown};
    c[3] = summarise(closed + expected_pipeline + expected_new, std::move(total));
    out.periods.push_back(pf);
  }
  return out;
}

}  // namespace pipecast
