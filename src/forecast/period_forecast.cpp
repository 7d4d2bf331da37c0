#include "pipecast/forecast/period_forecast.hpp"

#include "pipecast/analytics/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <thread>

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

double won_amount(const Book& book, Day as_of, Day first, Day last) {
  const AsOfView view(book, as_of);
  double total = 0.0;
  for (std::size_t k = 0; k < view.size(); ++k) {
    if (view.stage_info(k).kind != StageKind::won) continue;
    const Day closed = view.stage_entered(k);
    if (closed < first || closed > last) continue;
    const double amount = view.amount_in_base(k);
    if (!is_blank(amount)) total += amount;
  }
  return total;
}

namespace {

constexpr std::size_t kBlockTrials = 256;

/// splitmix64: a small, fast generator whose streams are cheap to derive from
/// (seed, block), and the same on every platform.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t block, std::uint64_t purpose) {
  SplitMix mix{seed ^ (block * 0xd1b54a32d192ed03ULL) ^ (purpose << 56)};
  mix.next();
  return mix.next();
}

/// Poisson(lambda) by inversion: exact, and cheap for the counts of wins a
/// period brings.  Large means are split into chunks so exp(-lambda) stays
/// representable.
std::uint64_t poisson(SplitMix& rng, double lambda) {
  std::uint64_t total = 0;
  while (lambda > 0.0) {
    const double part = std::min(lambda, 500.0);
    lambda -= part;
    double p = std::exp(-part), cdf = p, u = rng.uniform();
    std::uint64_t k = 0;
    while (u > cdf && k < 100000) {
      ++k;
      p *= part / static_cast<double>(k);
      cdf += p;
      if (p == 0.0) break;
    }
    total += k;
  }
  return total;
}

/// Per open deal: 32-bit thresholds of the cumulative probability of being
/// won in period 0, 0..1, ...; a uniform u below thresholds[k] and above
/// thresholds[k-1] means won in period k.
struct PipelineDraws {
  std::size_t periods = 0;
  std::vector<std::uint32_t> thresholds;  // deals x periods
  std::vector<double> amount;
};

PipelineDraws pipeline_draws(const DealScores& scores, const std::vector<Period>& periods) {
  PipelineDraws draws;
  draws.periods = periods.size();
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

double standard_normal(SplitMix& rng) {
  const double u = 1.0 - rng.uniform(), v = rng.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

/// Gamma(shape, 1 / shape): mean 1, variance 1 / shape (Marsaglia and Tsang).
double gamma_mean_one(SplitMix& rng, double shape) {
  const double boost = shape < 1.0 ? std::pow(rng.uniform(), 1.0 / shape) : 1.0;
  const double d = (shape < 1.0 ? shape + 1.0 : shape) - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
      return boost * d * v / shape;
  }
}

/// The deals not yet created, per period: expected wins and the cumulative
/// weights of the recent wins' amounts.
struct NewDraws {
  double dispersion = 0.0;
  std::vector<double> wins;                     // by period
  std::vector<std::vector<double>> cumulative;  // by period, over NewDealFlow::won_amounts
  const std::vector<double>* amounts = nullptr;
};

double draw_amount(SplitMix& rng, const std::vector<double>& cumulative, const std::vector<double>& amounts) {
  const double u = rng.uniform() * cumulative.back();
  const auto j = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
  return amounts[std::min(j, amounts.size() - 1)];
}

/// xoshiro128+ in eight independent lanes held in SIMD registers (GCC and
/// clang vector extensions): the pipeline draws are one 32-bit uniform per
/// deal and trial, 10^9 of them for 10^5 deals x 10^4 trials.  Only the
/// comparison with a threshold uses the numbers, where xoshiro128+'s weak
/// low bits do not matter.
class LaneGenerator {
 public:
  static constexpr std::size_t kLanes = 8;

  explicit LaneGenerator(SplitMix& seeder) {
    for (std::size_t half = 0; half < 2; ++half)
      for (int l = 0; l < 4; ++l) {
        const std::uint64_t a = seeder.next(), b = seeder.next();
        s_[half][0][l] = static_cast<std::uint32_t>(a) | 1u;  // never the all-zero state
        s_[half][1][l] = static_cast<std::uint32_t>(a >> 32);
        s_[half][2][l] = static_cast<std::uint32_t>(b);
        s_[half][3][l] = static_cast<std::uint32_t>(b >> 32);
      }
  }

  /// Writes n uniforms (n a multiple of kLanes).
  void fill(std::uint32_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; i += kLanes)
      for (std::size_t half = 0; half < 2; ++half) {
        Lanes* s = s_[half];
        const Lanes result = s[0] + s[3];
        std::memcpy(out + i + 4 * half, &result, sizeof result);
        const Lanes t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = (s[3] << 11) | (s[3] >> 21);
      }
  }

 private:
  using Lanes = std::uint32_t __attribute__((vector_size(16)));
  Lanes s_[2][4];
};

/// Trials [first, first + count) of the pipeline and new components.
void simulate_block(const PipelineDraws& draws, const NewDraws& fresh_draws, std::uint64_t seed,
                    std::size_t block, std::size_t first, std::size_t count,
                    std::vector<double>& pipeline, std::vector<double>& fresh) {
  const std::size_t k = draws.periods;
  std::vector<double> acc(count * k, 0.0);
  SplitMix seeder{stream_seed(seed, block, 1)};
  LaneGenerator lanes(seeder);
  const std::size_t padded = (count + LaneGenerator::kLanes - 1) / LaneGenerator::kLanes * LaneGenerator::kLanes;
  std::vector<std::uint32_t> u(padded), won(padded + 1);
  const std::size_t deals = draws.amount.size();
  for (std::size_t d = 0; d < deals; ++d) {
    const std::uint32_t* thr = &draws.thresholds[d * k];
    const std::uint32_t any = thr[k - 1];
    const double amount = draws.amount[d];
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
  SplitMix fresh_rng{stream_seed(seed, block, 2)};
  for (std::size_t t = 0; t < count; ++t) {
    // One rate level per simulated future, shared by its periods.
    const double level =
        fresh_draws.dispersion > 0.0 ? gamma_mean_one(fresh_rng, 1.0 / fresh_draws.dispersion) : 1.0;
    for (std::size_t j = 0; j < k; ++j) {
      pipeline[(first + t) * k + j] = acc[t * k + j];
      double sum = 0.0;
      const auto& cumulative = fresh_draws.cumulative[j];
      if (!cumulative.empty() && cumulative.back() > 0.0) {
        const std::uint64_t wins = poisson(fresh_rng, level * fresh_draws.wins[j]);
        for (std::uint64_t w = 0; w < wins; ++w) sum += draw_amount(fresh_rng, cumulative, *fresh_draws.amounts);
      }
      fresh[(first + t) * k + j] = sum;
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

  const PipelineDraws draws = pipeline_draws(scores, periods);
  // Deals created after T are the new ones, whenever the model was fitted.
  NewDealFlow flow = new_deals;
  flow.as_of = as_of;
  NewDraws fresh_draws;
  fresh_draws.dispersion = flow.rate_dispersion;
  fresh_draws.amounts = &flow.won_amounts;
  std::vector<double> closed(k, 0.0), new_expected(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    const double wins = flow.daily_rate > 0 ? flow.expected_wins(periods[j].first, periods[j].last) : 0.0;
    std::vector<double> cumulative = flow.amount_weights(periods[j].first, periods[j].last);
    std::partial_sum(cumulative.begin(), cumulative.end(), cumulative.begin());
    fresh_draws.wins.push_back(wins);
    fresh_draws.cumulative.push_back(std::move(cumulative));
    new_expected[j] = wins * flow.mean_won_amount(periods[j].first, periods[j].last);
    closed[j] = periods[j].first <= as_of
                    ? won_amount(book, as_of, periods[j].first, std::min(periods[j].last, as_of))
                    : 0.0;
  }

  std::vector<double> pipeline(trials * k), fresh(trials * k);
  const std::size_t blocks = (trials + kBlockTrials - 1) / kBlockTrials;
  const unsigned threads = std::max(1u, std::min<unsigned>(
      options.threads == 0 ? std::thread::hardware_concurrency() : options.threads,
      static_cast<unsigned>(blocks)));
  auto work = [&](unsigned t) {
    for (std::size_t b = t; b < blocks; b += threads)
      simulate_block(draws, fresh_draws, options.seed, b, b * kBlockTrials,
                     std::min(kBlockTrials, trials - b * kBlockTrials), pipeline, fresh);
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
  }

  out.total_samples.resize(trials * k);
  for (std::size_t j = 0; j < k; ++j) {
    PeriodForecast pf;
    pf.period = periods[j];
    double expected_pipeline = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i)
      expected_pipeline += scores.won_between(i, periods[j].first, periods[j].last) * scores.deals.amount[i];
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
    c[2] = summarise(expected_new, std::move(n));
    c[3] = summarise(closed[j] + expected_pipeline + expected_new, std::move(total));
    out.periods.push_back(pf);
  }
  return out;
}

}  // namespace pipecast
