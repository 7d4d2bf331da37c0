#include "pipecast/forecast/period_forecast.hpp"

#include "pipecast/analytics/statistics.hpp"

#include "core/parallel_for.hpp"
#include "forecast/random_draws.hpp"

#include <algorithm>
#include <limits>
#include <cmath>
#include <stdexcept>

namespace pipecast {

std::string_view to_string(ForecastComponent component) {
  switch (component) {
    case ForecastComponent::closed: return "closed";
    case ForecastComponent::pipeline: return "pipeline";
    case ForecastComponent::new_deals: return "new";
    case ForecastComponent::total: return "total";
  }
  return "?";
}

double booked_between(const AsOfView& view, std::size_t k, Day first, Day last) {
  if (view.stage_info(k).kind != StageKind::won) return 0.0;
  const Day closed = view.stage_entered(k);
  if (closed < first || closed > last) return 0.0;
  const double amount = view.amount_in_base(k);
  return is_blank(amount) ? 0.0 : amount;
}

double won_amount(const Book& book, Day as_of, Day first, Day last) {
  const AsOfView view(book, as_of);
  double total = 0.0;
  for (std::size_t k = 0; k < view.size(); ++k) total += booked_between(view, k, first, last);
  return total;
}

namespace {

constexpr std::size_t kBlockTrials = 256;

/// Per open deal: 32-bit thresholds of the cumulative probability of being
/// won in period 0, 0..1, ...; a uniform u below thresholds[k] and above
/// thresholds[k-1] means won in period k.
struct PipelineDraws {
  std::size_t periods = 0;
  std::vector<std::uint32_t> thresholds;  // deals x periods
  std::vector<double> amount;
  double dispersion = 0.0;                // of the level the deals share
};

PipelineDraws pipeline_draws(const DealScores& scores, const std::vector<Period>& periods) {
  PipelineDraws draws;
  draws.periods = periods.size();
  draws.dispersion = scores.shared_dispersion;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores.deals.amount[i] == 0.0 || scores.win_probability[i] <= 0.0) continue;
    double cumulative = 0.0;
    std::vector<std::uint32_t> row;
    for (const Period& p : periods) {
      cumulative += scores.won_between(i, p.first, p.last);
      row.push_back(static_cast<std::uint32_t>(std::clamp(cumulative, 0.0, 1.0) * 4294967295.0));
    }
    if (row.back() == 0) continue;
    draws.thresholds.insert(draws.thresholds.end(), row.begin(), row.end());
    draws.amount.push_back(scores.deals.amount[i]);
  }
  return draws;
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

/// Trials [first, first + count) of the pipeline and new components.
void simulate_block(const PipelineDraws& open, const NewDraws& fresh_draws, std::uint64_t seed,
                    std::size_t block, std::size_t first, std::size_t count,
                    std::vector<double>& pipeline, std::vector<double>& fresh) {
  const std::size_t k = open.periods;
  std::vector<double> acc(count * k, 0.0);
  draws::SplitMix seeder{draws::stream_seed(seed, block, 1)};
  draws::LaneGenerator lanes(seeder);
  const std::size_t padded = (count + draws::LaneGenerator::kLanes - 1) / draws::LaneGenerator::kLanes * draws::LaneGenerator::kLanes;
  std::vector<std::uint32_t> u(padded), won(padded + 1);
  const std::size_t deals = open.amount.size();
  for (std::size_t d = 0; d < deals; ++d) {
    const std::uint32_t* thr = &open.thresholds[d * k];
    const std::uint32_t any = thr[k - 1];
    const double amount = open.amount[d];
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
      acc[t * k + slot] += amount;
    }
  }
  draws::SplitMix fresh_rng{draws::stream_seed(seed, block, 2)};
  draws::SplitMix shared_rng{draws::stream_seed(seed, block, 3)};
  for (std::size_t t = 0; t < count; ++t) {
    // One level per simulated future for the open deals, and one rate level
    // for the new ones, each shared by the future's periods.
    const double shared =
        open.dispersion > 0.0 ? draws::gamma_mean_one(shared_rng, 1.0 / open.dispersion) : 1.0;
    const double level =
        fresh_draws.dispersion > 0.0 ? draws::gamma_mean_one(fresh_rng, 1.0 / fresh_draws.dispersion) : 1.0;
    for (std::size_t j = 0; j < k; ++j) {
      pipeline[(first + t) * k + j] = shared * acc[t * k + j];
      fresh[(first + t) * k + j] =
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

void check(const ForecastOptions& options) {
  if (options.periods.empty()) throw std::invalid_argument("a forecast needs at least one period");
  if (options.trials < 100 || options.trials > 10'000'000)
    throw std::invalid_argument("trials must be between 100 and 10000000 (got " +
                                std::to_string(options.trials) + ")");
  for (std::size_t j = 1; j < options.periods.size(); ++j)
    if (options.periods[j].first <= options.periods[j - 1].last)
      throw std::invalid_argument("forecast periods must follow each other without overlapping");
}

}  // namespace

Forecast forecast_periods(const FittedModel& model, const Book& book, const ForecastOptions& options) {
  check(options);
  const Day as_of = options.as_of == kNoDay ? model.as_of() : options.as_of;
  return forecast_periods(model.score(AsOfView(book, as_of)), model.new_deals(), book, options);
}

Forecast forecast_periods(const DealScores& scores, const NewDealFlow& new_deals, const Book& book,
                          const ForecastOptions& options) {
  check(options);
  const Day as_of = scores.as_of();
  const std::vector<Period>& periods = options.periods;
  const std::size_t k = periods.size(), trials = options.trials;

  Forecast out;
  out.model = scores.model;
  out.as_of = as_of;
  out.trials = trials;
  out.seed = options.seed;
  out.open_deals = scores.size();
  out.new_deals_unknown = new_deals.unknown;

  const PipelineDraws draws = pipeline_draws(scores, periods);
  // Deals created after T are the new ones, whenever the model was fitted.
  NewDealFlow flow = new_deals;
  flow.as_of = as_of;
  NewDraws fresh_draws;
  fresh_draws.dispersion = flow.rate_dispersion;
  fresh_draws.amounts = &flow.won_amounts;
  std::vector<double> closed(k, 0.0), new_expected(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    const double wins =
        flow.known() && flow.daily_rate > 0 ? flow.expected_wins(periods[j].first, periods[j].last) : 0.0;
    fresh_draws.wins.push_back(wins);
    fresh_draws.amount.emplace_back(flow.amount_weights(periods[j].first, periods[j].last));
    fresh_draws.amount_moments.push_back(flow.won_amount(periods[j].first, periods[j].last));
    new_expected[j] = flow.expected_bookings(periods[j].first, periods[j].last);
    closed[j] = periods[j].first <= as_of
                    ? won_amount(book, as_of, periods[j].first, std::min(periods[j].last, as_of))
                    : 0.0;
  }

  std::vector<double> pipeline(trials * k), fresh(trials * k);
  const std::size_t blocks = (trials + kBlockTrials - 1) / kBlockTrials;
  // Block b's trials are drawn from streams seeded by (seed, b) and written
  // to their own rows, so any thread count gives the same samples.
  parallel_for(blocks, options.threads, [&](std::size_t b) {
    simulate_block(draws, fresh_draws, options.seed, b, b * kBlockTrials,
                   std::min(kBlockTrials, trials - b * kBlockTrials), pipeline, fresh);
  });

  out.total_samples.resize(trials * k);
  for (std::size_t j = 0; j < k; ++j) {
    PeriodForecast pf;
    pf.period = periods[j];
    double expected_pipeline = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i)
      expected_pipeline += scores.expected_between(i, periods[j].first, periods[j].last);
    const double expected_new = new_expected[j];
    std::vector<double> p(trials), n(trials), total(trials);
    for (std::size_t t = 0; t < trials; ++t) {
      p[t] = pipeline[t * k + j];
      n[t] = fresh[t * k + j];
      total[t] = closed[j] + p[t] + n[t];
      out.total_samples[t * k + j] = total[t];
    }
    auto& c = pf.components;
    c[0] = {closed[j], closed[j], closed[j], closed[j]};
    c[1] = summarise(expected_pipeline, std::move(p));
    constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
    c[2] = flow.known() ? summarise(expected_new, std::move(n)) : ComponentForecast{kUnknown, kUnknown, kUnknown, kUnknown};
    c[3] = summarise(closed[j] + expected_pipeline + expected_new, std::move(total));
    out.periods.push_back(pf);
  }
  return out;
}

}  // namespace pipecast
