#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_blocks.hpp"
#include "core/not_a_number.hpp"
#include "core/splitmix64.hpp"
#include "core/parallel_for.hpp"

#include "pipecast/backtest/bookings.hpp"
#include "pipecast/backtest/group_forecast.hpp"
#include "pipecast/backtest/seasonal_naive.hpp"
#include "pipecast/forecast/win_model_cache.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <new>
#include <span>
#include <stdexcept>
#include <string_view>

namespace pipecast {
namespace {

constexpr double kCoverageLow = 0.1, kCoverageHigh = 0.9;  // P10..P90
static_assert(kPinballLevels[0] == kCoverageLow && kPinballLevels[2] == kCoverageHigh);

/// The origin-th output of the splitmix64 stream seeded `seed`: distinct,
/// well-mixed seeds for neighbouring origins, the same on every platform.
std::uint64_t origin_seed(std::uint64_t seed, std::size_t origin) {
  std::uint64_t state = seed + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(origin);
  return splitmix64(state);
}

DealMetrics deal_metrics(const DealPairs& pairs, std::size_t excluded) {
  DealMetrics m;
  m.deals = pairs.predicted.size();
  for (double y : pairs.outcome) m.positives += y > 0.5;
  m.excluded = excluded;
  m.brier = brier_score(pairs.predicted, pairs.outcome);
  m.log_loss = log_loss(pairs.predicted, pairs.outcome);
  m.auc = roc_auc(pairs.predicted, pairs.outcome);
  m.calibration = calibration_table(pairs.predicted, pairs.outcome);
  m.calibration_error = expected_calibration_error(m.calibration);
  return m;
}

DealMetrics no_deal_metrics() {
  DealMetrics m;
  m.brier = m.log_loss = m.auc = m.calibration_error = kNaN;
  return m;
}

/// The options' checks that need no book.
void check_options(const BacktestOptions& options) {
  if (options.from == kNoDay || options.to == kNoDay)
    throw std::invalid_argument("a backtest needs a first and a last origin");
  if (options.horizon != PeriodKind::month && options.horizon != PeriodKind::quarter)
    throw std::invalid_argument("the backtest horizon must be a month or a quarter");
  if (options.horizons < 1 || options.horizons > 12)
    throw std::invalid_argument("a backtest forecasts 1 to 12 periods from each origin (got " +
                                std::to_string(options.horizons) + ")");
  if (options.trials < 100 || options.trials > 10'000'000)
    throw std::invalid_argument("trials must be between 100 and 10000000 (got " +
                                std::to_string(options.trials) + ")");
}

void check(const Book& book, const BacktestOptions& options) {
  check_options(options);
  const Day latest = book.latest_day();
  if (latest == kNoDay) throw std::invalid_argument("the book is empty: nothing to backtest");
  if (options.to > latest)
    throw std::invalid_argument("the last origin " + format_day(options.to) + " is after the book's latest day " +
                                format_day(latest) + ": nothing after it could be scored");
}

/// The models to fit: the baselines first when not asked for, then the
/// models asked for, each once.
std::vector<std::string> fitted_models(const BacktestOptions& options) {
  std::vector<std::string> out;
  for (const auto& baseline : kBacktestBaselines)
    if (std::find(options.models.begin(), options.models.end(), baseline) == options.models.end())
      out.push_back(baseline);
  for (const auto& name : options.models) {
    if (name == kSeasonalNaive)
      throw std::invalid_argument("seasonal-naive is always in a backtest; do not name it");
    if (std::find(out.begin(), out.end(), name) != out.end())
      throw std::invalid_argument("model " + name + " is named twice");
    options.registry.find(name);  // throws, naming the known models
    out.push_back(name);
  }
  return out;
}

/// Everything the tasks share, read-only once built.
struct Shared {
  const Book& book;
  const BacktestOptions& options;
  Day latest;
  Outcomes final_state;  // as known at L
  Bookings actuals;      // as known at L
  std::size_t groups = 0;
  // Monthly and quarterly origins: auto validates on each other's days
  // (three and six months back) and fits its candidates at the origin too,
  // so each day's candidates are fitted once and the origin's logistic fit
  // is one of them.  Null for weekly origins, whose validation days are not
  // origins: the candidates fitted at each origin would go unused.
  WinModelCache* win_models;
  // options.fit on the backtest's threads: one per fit when the origins
  // take them, all of them when there is one origin.
  FitOptions fit;
};

/// What every model at one origin shares: built first, then read-only.
struct OriginPrep {
  std::optional<Bookings> known;        // as known at T
  std::vector<double> actual;           // [horizon]
  std::vector<std::vector<double>> group_actual;  // [horizon][group]
  std::vector<double> group_share;      // of the won amount in the year to T, [group]
};

void prepare_origin(const Shared& s, std::size_t k, Day origin, OriginResult& result, OriginPrep& prep) {
  const BacktestOptions& o = s.options;
  result.origin = origin;
  result.seed = origin_seed(o.seed, k);
  result.periods = backtest_periods(origin, o.horizon, o.horizons);
  prep.known.emplace(s.book, origin, o.group_by);
  const Bookings& known = *prep.known;
  result.mase_scale = seasonal_naive_scale(known, o.horizon);
  const std::size_t h_count = result.periods.size();
  result.scored.resize(h_count);
  prep.actual.assign(h_count, kNaN);
  prep.group_actual.assign(h_count, std::vector<double>(s.groups, kNaN));
  for (std::size_t h = 0; h < h_count; ++h) {
    const Period& p = result.periods[h];
    result.scored[h] = p.last <= s.latest;
    if (!result.scored[h]) continue;
    prep.actual[h] = s.actuals.won(p.first, p.last);
    for (Code g = 0; g < s.groups; ++g) prep.group_actual[h][g] = s.actuals.won(p.first, p.last, g);
  }
  if (o.group_by) {
    result.group_mase_scale.resize(s.groups);
    prep.group_share.assign(s.groups, 0.0);
    // The share of the won amount in the new-deal flow's window: how the
    // company's expected new deals are split among the groups.
    const Day window_first = origin - NewDealFlow::kWindowDays + 1;
    const double total = known.won(window_first, origin);
    for (Code g = 0; g < s.groups; ++g) {
      result.group_mase_scale[g] = seasonal_naive_scale(known, o.horizon, g);
      if (total > 0.0) prep.group_share[g] = known.won(window_first, origin, g) / total;
    }
  }
}

/// Pinball losses, CRPS and coverage of a forecast (PeriodScore or
/// GroupScore) against the actual; without samples, a point forecast (CRPS
/// is then the absolute error, and there is no coverage).
template <class Score>
void score_distribution(Score& score, double actual, std::span<const double> samples) {
  const std::array<double, 3> q{score.p10, score.p50, score.p90};
  for (std::size_t j = 0; j < kPinballLevels.size(); ++j) score.pinball[j] = pinball_loss(actual, q[j], kPinballLevels[j]);
  if (!samples.empty()) {
    score.crps = crps_from_samples(samples, actual);
    score.covered = in_interval(actual, score.p10, score.p90) ? 1.0 : 0.0;
  } else {
    const double point = score.forecast;
    score.crps = crps_from_samples(std::span<const double>(&point, 1), actual);
    score.covered = kNaN;
  }
}

void score_period(PeriodScore& score, double actual, double scale, std::span<const double> samples) {
  score.scored = true;
  score.actual = actual;
  if (std::isnan(score.forecast)) return;  // seasonal-naive without a complete period before T
  score.abs_error = std::abs(actual - score.forecast);
  score.error = score.forecast - actual;
  score.scaled_error = scaled_error(actual, score.forecast, scale);
  score_distribution(score, actual, score.has_distribution ? samples : std::span<const double>{});
}

PeriodScore unscored_period(const Period& p, bool distribution) {
  PeriodScore s;
  s.period = p;
  s.has_distribution = distribution;
  s.actual = s.abs_error = s.error = s.scaled_error = s.crps = s.covered = kNaN;
  s.pinball.fill(kNaN);
  return s;
}

/// A group's forecast: `quantiles` P10/P50/P90 and `samples` from its Monte
/// Carlo, or none for a point forecast.
struct GroupDistribution {
  std::array<double, 3> quantiles{};
  std::span<const double> samples;
};

GroupScore group_score(const Shared& s, Code g, double forecast, std::optional<GroupDistribution> distribution,
                       double actual, double scale) {
  GroupScore out;
  out.group = g;
  out.name = s.book.dictionary(*s.options.group_by)[g];
  out.forecast = forecast;
  const auto q = distribution ? distribution->quantiles : std::array<double, 3>{forecast, forecast, forecast};
  out.p10 = q[0];
  out.p50 = q[1];
  out.p90 = q[2];
  out.actual = actual;
  out.abs_error = std::abs(actual - forecast);
  out.error = forecast - actual;
  out.scaled_error = scaled_error(actual, forecast, scale);
  out.crps = out.covered = kNaN;
  out.pinball.fill(kNaN);
  if (!std::isnan(forecast)) score_distribution(out, actual, distribution ? distribution->samples : std::span<const double>{});
  return out;
}

/// The seasonal-naive "model" at one origin.
void run_naive(const Shared& s, const OriginPrep& prep, OriginResult& result, ModelOrigin& out) {
  const Bookings& known = *prep.known;
  out.description = "bookings of the same period a year earlier (else the mean of the last " +
                    std::to_string(kNaiveRecentPeriods) + " complete periods), as known at the origin";
  out.eventual = no_deal_metrics();
  out.within.assign(result.periods.size(), no_deal_metrics());
  for (std::size_t h = 0; h < result.periods.size(); ++h) {
    PeriodScore score = unscored_period(result.periods[h], false);
    const NaiveForecast f = seasonal_naive(known, result.periods[h]);
    score.forecast = score.p10 = score.p50 = score.p90 = f.value;
    if (result.scored[h]) score_period(score, prep.actual[h], result.mase_scale, {});
    out.periods.push_back(score);
  }
  if (s.options.group_by) {
    out.groups.resize(result.periods.size());
    for (std::size_t h = 0; h < result.periods.size(); ++h) {
      if (!result.scored[h]) continue;
      for (Code g = 0; g < s.groups; ++g) {
        const NaiveForecast f = seasonal_naive(known, result.periods[h], g);
        out.groups[h].push_back(
            group_score(s, g, f.value, std::nullopt, prep.group_actual[h][g], result.group_mase_scale[g]));
      }
    }
  }
}

/// The per-group scores of one fitted model at one origin.
void run_groups(const Shared& s, const FittedModel& model, const DealScores& scores, const Forecast& forecast,
                const ForecastOptions& fo, const OriginPrep& prep, const OriginResult& result, ModelOrigin& out) {
  const std::size_t h_count = result.periods.size();
  out.groups.resize(h_count);
  if (std::none_of(result.scored.begin(), result.scored.end(), [](bool b) { return b; })) return;
  const Bookings& known = *prep.known;
  const Day origin = result.origin;
  const auto codes = s.book.codes(*s.options.group_by);
  for (Code g = 0; g < s.groups; ++g) {
    const DealScores mine = group_scores(scores, codes, g);
    std::vector<double> closed(h_count, 0.0);
    for (std::size_t h = 0; h < h_count; ++h) {
      const Period& p = result.periods[h];
      if (p.first <= origin) closed[h] = known.won(p.first, std::min(p.last, origin), g);
    }
    const GroupForecast mc = forecast_group(mine, model.new_deals(), prep.group_share[g], closed, s.book, fo);
    std::vector<double> samples(mc.trials);
    for (std::size_t h = 0; h < h_count; ++h) {
      if (!result.scored[h]) continue;
      const Period& p = result.periods[h];
      // Same terms as the total's expected value, for the group's deals.
      double expected = 0.0;
      for (std::size_t i = 0; i < mine.size(); ++i) expected += mine.won_between(i, p.first, p.last) * mine.deals.amount[i];
      const double fresh = forecast.periods[h][ForecastComponent::new_deals].expected;
      const double f = closed[h] + expected + fresh * prep.group_share[g];
      for (std::size_t t = 0; t < mc.trials; ++t) samples[t] = mc.samples[t * h_count + h];
      const GroupDistribution distribution{{mc.p10[h], mc.p50[h], mc.p90[h]}, samples};
      out.groups[h].push_back(
          group_score(s, g, f, distribution, prep.group_actual[h][g], result.group_mase_scale[g]));
    }
  }
}

/// The models of one origin, fitted together: they share a training set,
/// and auto's pick is often one of them.  When that fails, each is fitted
/// alone, so that the error names the model.
std::vector<FittedModel> fit_origin(const Shared& s, std::span<const std::string> names, Day origin) {
  const BacktestOptions& o = s.options;
  const std::vector<std::string_view> views(names.begin(), names.end());
  try {
    return fit_models(o.registry, views, s.book, origin, s.fit, s.win_models);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception&) {
    for (const std::string& name : names) {
      try {
        fit_model(o.registry, name, s.book, origin, s.fit);
      } catch (const std::bad_alloc&) {
        throw;
      } catch (const std::exception& e) {
        throw std::runtime_error("backtest: model " + name + " at origin " + format_day(origin) + ": " + e.what());
      }
    }
    throw;
  }
}

/// One fitted model at one origin.
void run_model(const Shared& s, const FittedModel& model, const OriginPrep& prep, const OriginResult& result,
               ModelOrigin& out, std::vector<DealPairs>& pairs, std::size_t& excluded) {
  const BacktestOptions& o = s.options;
  const Day origin = result.origin;
  const std::size_t h_count = result.periods.size();
  out.description = model.description();
  const DealScores scores = model.score(AsOfView(s.book, origin));
  out.open_deals = scores.size();

  // Per deal.  pairs[0]: won eventually; pairs[1 + h]: won within horizon h.
  pairs.assign(1 + h_count, {});
  excluded = 0;
  if (o.keep_predictions) {
    out.predictions.deal = scores.deals.deal;
    out.predictions.won = scores.win_probability;
    out.predictions.won_within.assign(h_count, std::vector<double>(scores.size()));
  }
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const DealIndex deal = scores.deals.deal[i];
    const Outcome final_state = s.final_state.state[deal];
    if (final_state == Outcome::open) {
      ++excluded;
    } else {
      pairs[0].predicted.push_back(scores.win_probability[i]);
      pairs[0].outcome.push_back(final_state == Outcome::won ? 1.0 : 0.0);
    }
    for (std::size_t h = 0; h < h_count; ++h) {
      const Day last = result.periods[h].last;
      const double p = scores.won_between(i, origin + 1, last);
      if (o.keep_predictions) out.predictions.won_within[h][i] = p;
      if (!result.scored[h]) continue;
      const Day closed = s.final_state.closed_on[deal];
      const bool won = final_state == Outcome::won && closed > origin && closed <= last;
      pairs[1 + h].predicted.push_back(p);
      pairs[1 + h].outcome.push_back(won ? 1.0 : 0.0);
    }
  }
  out.eventual = deal_metrics(pairs[0], excluded);
  for (std::size_t h = 0; h < h_count; ++h)
    out.within.push_back(result.scored[h] ? deal_metrics(pairs[1 + h], 0) : no_deal_metrics());

  // Per period.
  ForecastOptions fo;
  fo.periods = result.periods;
  fo.trials = o.trials;
  fo.seed = result.seed;
  fo.threads = 1;  // the backtest runs origins in parallel instead
  Forecast forecast = forecast_periods(model, s.book, fo);
  std::vector<double> samples(forecast.trials);
  for (std::size_t h = 0; h < h_count; ++h) {
    const ComponentForecast& total = forecast.periods[h][ForecastComponent::total];
    PeriodScore score = unscored_period(result.periods[h], true);
    score.forecast = total.expected;
    score.p10 = total.p10;
    score.p50 = total.p50;
    score.p90 = total.p90;
    for (std::size_t t = 0; t < forecast.trials; ++t) samples[t] = forecast.total_samples[t * h_count + h];
    if (result.scored[h]) score_period(score, prep.actual[h], result.mase_scale, samples);
    out.periods.push_back(score);
  }

  if (o.group_by) run_groups(s, model, scores, forecast, fo, prep, result, out);
  if (!o.keep_predictions) forecast.total_samples = {};
  out.forecast = std::move(forecast);
}

/// In order, so the sum is the same for any thread count.
double total(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum;
}

double mean(const std::vector<double>& values) {
  return values.empty() ? kNaN : total(values) / static_cast<double>(values.size());
}

PeriodSummary summarise_periods(const std::vector<const PeriodScore*>& scores) {
  PeriodSummary out;
  std::vector<double> actual, forecast, scaled, crps, covered_actual, low, high;
  std::array<std::vector<double>, 3> pinball;
  for (const PeriodScore* s : scores) {
    if (!s->scored || std::isnan(s->actual) || std::isnan(s->forecast)) continue;
    ++out.origins;
    actual.push_back(s->actual);
    forecast.push_back(s->forecast);
    if (!std::isnan(s->scaled_error)) scaled.push_back(s->scaled_error);
    for (std::size_t j = 0; j < 3; ++j) pinball[j].push_back(s->pinball[j]);
    crps.push_back(s->crps);
    if (!std::isnan(s->covered)) {
      covered_actual.push_back(s->actual);
      low.push_back(s->p10);
      high.push_back(s->p90);
      out.covered += s->covered > 0.5;
    }
  }
  out.wape = wape(actual, forecast);
  out.bias = relative_bias(actual, forecast);
  out.mase = mean(scaled);
  for (std::size_t j = 0; j < 3; ++j) out.pinball[j] = mean(pinball[j]);
  out.crps = mean(crps);
  out.coverage = interval_coverage(covered_actual, low, high);
  return out;
}

/// bt's summary and unscored counts, its origins being `origins`' results
/// (in index order) and their pairs still in `origins`.
void summarise(Backtest& bt, const std::vector<BacktestOrigin>& origins) {
  const std::size_t models = bt.models.size(), h_count = bt.horizons;
  bt.unscored.assign(h_count, 0);
  for (const OriginResult& r : bt.origins)
    for (std::size_t h = 0; h < h_count; ++h) bt.unscored[h] += !r.scored[h];
  for (std::size_t m = 0; m < models; ++m) {
    ModelSummary sum;
    sum.model = bt.models[m];
    sum.per_deal = bt.models[m] != kSeasonalNaive;
    if (sum.per_deal) {
      for (std::size_t target = 0; target <= h_count; ++target) {
        DealPairs all;
        std::size_t out_of_scope = 0;
        for (std::size_t k = 0; k < bt.origins.size(); ++k) {
          const DealPairs& p = origins[k].pairs[m][target];
          all.predicted.insert(all.predicted.end(), p.predicted.begin(), p.predicted.end());
          all.outcome.insert(all.outcome.end(), p.outcome.begin(), p.outcome.end());
          if (target == 0) out_of_scope += origins[k].excluded[m];
        }
        DealMetrics dm = deal_metrics(all, out_of_scope);
        if (target == 0) sum.eventual = std::move(dm);
        else sum.within.push_back(std::move(dm));
      }
    } else {
      sum.eventual = no_deal_metrics();
      sum.within.assign(h_count, no_deal_metrics());
    }
    for (std::size_t h = 0; h < h_count; ++h) {
      std::vector<const PeriodScore*> scores;
      for (const OriginResult& r : bt.origins) scores.push_back(&r.models[m].periods[h]);
      sum.periods.push_back(summarise_periods(scores));
    }
    if (bt.group_by) {
      sum.groups.resize(h_count);
      sum.group_wape.assign(h_count, kNaN);
      for (std::size_t h = 0; h < h_count; ++h) {
        double all_error = 0.0, all_actual = 0.0;
        for (Code g = 0; g < bt.group_names.size(); ++g) {
          GroupSummary gs;
          gs.group = g;
          gs.name = bt.group_names[g];
          std::vector<double> actual, forecast, scaled, crps, covered;
          std::array<std::vector<double>, 3> pinball;
          for (const OriginResult& r : bt.origins) {
            if (!r.scored[h]) continue;
            const GroupScore& score = r.models[m].groups[h][g];
            if (std::isnan(score.forecast) || std::isnan(score.actual)) continue;
            actual.push_back(score.actual);
            forecast.push_back(score.forecast);
            if (!std::isnan(score.scaled_error)) scaled.push_back(score.scaled_error);
            for (std::size_t j = 0; j < 3; ++j) pinball[j].push_back(score.pinball[j]);
            crps.push_back(score.crps);
            if (!std::isnan(score.covered)) covered.push_back(score.covered);
          }
          gs.origins = actual.size();
          gs.wape = wape(actual, forecast);
          gs.bias = relative_bias(actual, forecast);
          gs.mase = mean(scaled);
          for (std::size_t j = 0; j < 3; ++j) gs.pinball[j] = mean(pinball[j]);
          gs.crps = mean(crps);
          gs.coverage = mean(covered);
          gs.covered = static_cast<std::size_t>(total(covered));
          gs.actual = total(actual);
          gs.forecast = total(forecast);
          for (std::size_t i = 0; i < actual.size(); ++i) {
            all_error += std::abs(actual[i] - forecast[i]);
            all_actual += std::abs(actual[i]);
          }
          sum.groups[h].push_back(std::move(gs));
        }
        sum.group_wape[h] = all_actual > 0 ? all_error / all_actual : kNaN;
      }
    }
    bt.summary.push_back(std::move(sum));
  }
}


/// A backtest's settings and models, as asked: what every block of it
/// shares.
Backtest backtest_frame(const BacktestOptions& options) {
  Backtest bt;
  bt.from = options.from;
  bt.to = options.to;
  bt.every = options.every;
  bt.horizon = options.horizon;
  bt.horizons = options.horizons;
  bt.trials = options.trials;
  bt.seed = options.seed;
  bt.group_by = options.group_by;
  bt.models = fitted_models(options);
  bt.models.emplace_back(kSeasonalNaive);
  return bt;
}

bool same_settings(const Backtest& a, const Backtest& b) {
  return a.from == b.from && a.to == b.to && a.every == b.every && a.horizon == b.horizon &&
         a.horizons == b.horizons && a.trials == b.trials && a.seed == b.seed && a.group_by == b.group_by &&
         a.models == b.models;
}

/// Why a block fitted with `made` cannot join a backtest fitted with `asked`.
std::string other_fit(const FitOptions& made, const FitOptions& asked) {
  const auto with = [](bool activities) { return activities ? "with" : "without"; };
  if (made.activities != asked.activities)
    return std::string(" was fitted ") + with(made.activities) + " the deals' activities, and these options fit " +
           with(asked.activities) + " them";
  return " was fitted with other fit options";
}

/// Every size summarise() and the tables rely on, so that a block from
/// anywhere cannot make them read out of bounds.
void check_shape(const BacktestOrigin& o, const Backtest& bt, const std::string& which) {
  const std::size_t models = bt.models.size(), h_count = bt.horizons, groups = bt.group_names.size();
  const OriginResult& r = o.result;
  bool ok = r.periods.size() == h_count && r.scored.size() == h_count && r.models.size() == models &&
            o.pairs.size() == models && o.excluded.size() == models &&
            r.group_mase_scale.size() == (bt.group_by ? groups : 0);
  for (std::size_t m = 0; ok && m < models; ++m) {
    const ModelOrigin& mo = r.models[m];
    const bool per_deal = bt.models[m] != kSeasonalNaive;
    ok = mo.periods.size() == h_count && mo.within.size() == h_count &&
         o.pairs[m].size() == (per_deal ? h_count + 1 : 0) && mo.groups.size() == (bt.group_by ? h_count : 0);
    for (const DealPairs& p : o.pairs[m]) ok = ok && p.predicted.size() == p.outcome.size();
    for (std::size_t h = 0; ok && h < mo.groups.size(); ++h) ok = mo.groups[h].size() == (r.scored[h] ? groups : 0);
  }
  if (!ok)
    throw std::invalid_argument(which + ": origin " + std::to_string(o.index) +
                                " does not have the sizes of the backtest's models, horizons and groups");
}

}  // namespace

std::string_view to_string(OriginStep step) {
  switch (step) {
    case OriginStep::week: return "week";
    case OriginStep::month: return "month";
    case OriginStep::quarter: return "quarter";
  }
  return "?";
}

OriginStep parse_origin_step(std::string_view text) {
  if (text == "week") return OriginStep::week;
  if (text == "month") return OriginStep::month;
  if (text == "quarter") return OriginStep::quarter;
  throw std::invalid_argument("'" + std::string(text) + "' is not an origin step (week, month or quarter)");
}

std::size_t Backtest::model_index(std::string_view name) const {
  for (std::size_t m = 0; m < models.size(); ++m)
    if (models[m] == name) return m;
  throw std::invalid_argument("model " + std::string(name) + " is not in this backtest");
}

std::vector<Day> backtest_origins(Day from, Day to, OriginStep step) {
  if (from == kNoDay || to == kNoDay) throw std::invalid_argument("origins need a first and a last date");
  if (to < from)
    throw std::invalid_argument("the last origin " + format_day(to) + " is before the first " + format_day(from));
  std::vector<Day> out;
  if (step == OriginStep::week) {
    for (Day d = from; d <= to; d += 7) out.push_back(d);
    return out;
  }
  // boost's month arithmetic keeps the day of the month, and keeps a month
  // end at the month end (2024-01-31, 2024-02-29, 2024-03-31, ...); counting
  // from the first origin, not from the previous one, so a 31st that had to
  // become a 30th comes back.
  const int months = step == OriginStep::month ? 1 : 3;
  const boost::gregorian::date first = to_date(from);
  for (int k = 0;; ++k) {
    const Day d = to_day(first + boost::gregorian::months(k * months));
    if (d > to) break;
    out.push_back(d);
  }
  return out;
}

std::vector<Period> backtest_periods(Day origin, PeriodKind kind, std::size_t count) {
  std::vector<Period> out;
  Period p = period_containing(origin + 1, kind);
  for (std::size_t h = 0; h < count; ++h) {
    out.push_back(p);
    p = next_period(p);
  }
  return out;
}

BacktestBlock run_backtest_origins(const Book& book, const BacktestOptions& options, std::size_t first,
                                   std::size_t count) {
  check(book, options);
  BacktestBlock block;
  block.frame = backtest_frame(options);
  block.fit = options.fit;
  Backtest& bt = block.frame;
  bt.latest_day = book.latest_day();
  if (options.group_by) bt.group_names = book.dictionary(*options.group_by).values();
  const std::size_t models = bt.models.size(), fitted = models - 1;  // seasonal-naive last

  const std::vector<Day> origins = backtest_origins(options.from, options.to, options.every);
  block.origin_count = origins.size();
  if (first > origins.size() || count > origins.size() - first)
    throw std::invalid_argument("origins " + std::to_string(first) + " to " + std::to_string(first + count) +
                                " (excluded) run past the backtest's " + std::to_string(origins.size()) + " origins");
  WinModelCache win_models;
  WinModelCache* shared_fits = options.every == OriginStep::week ? nullptr : &win_models;
  FitOptions fit = options.fit;
  fit.threads = count > 1 ? 1 : options.threads;
  Shared shared{book, options, bt.latest_day, outcomes_as_of(book, bt.latest_day),
                Bookings(book, bt.latest_day, options.group_by), bt.group_names.size(), shared_fits, fit};

  block.origins.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    BacktestOrigin& o = block.origins[i];
    o.index = first + i;
    o.result.models.resize(models);
    o.pairs.resize(models);
    o.excluded.assign(models, 0);
  }
  std::vector<OriginPrep> prep(count);

  // Two phases of independent tasks, each writing only its own slots: the
  // origins' shared parts (with seasonal-naive), then every (origin, model).
  // The runtime rethrows the lowest failing task's exception, so the message
  // does not depend on which thread got there first.  A task's failure is
  // told with its origin (and model); std::bad_alloc passes as it is, so the
  // C ABI still reports it as out of memory.
  std::mutex progress_mutex;
  std::size_t origins_done = 0;

  parallel_for(count, options.threads, [&](std::size_t i) {
    BacktestOrigin& o = block.origins[i];
    const Day origin = origins[o.index];
    try {
      prepare_origin(shared, o.index, origin, o.result, prep[i]);
      run_naive(shared, prep[i], o.result, o.result.models[fitted]);
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      throw std::runtime_error("backtest at origin " + format_day(origin) + ": " + e.what());
    }
  });

  parallel_for(count, options.threads, [&](std::size_t i) {
    BacktestOrigin& o = block.origins[i];
    const Day origin = origins[o.index];
    const std::vector<FittedModel> fits = fit_origin(shared, std::span(bt.models).first(fitted), origin);
    for (std::size_t m = 0; m < fitted; ++m) {
      try {
        run_model(shared, fits[m], prep[i], o.result, o.result.models[m], o.pairs[m], o.excluded[m]);
      } catch (const std::bad_alloc&) {
        throw;
      } catch (const std::exception& e) {
        throw std::runtime_error("backtest: model " + bt.models[m] + " at origin " + format_day(origin) + ": " +
                                 e.what());
      }
    }
    prep[i].known.reset();
    if (options.progress) {
      std::lock_guard lock(progress_mutex);
      options.progress(++origins_done, count);
    }
  });
  return block;
}

Backtest assemble_backtest(const BacktestOptions& options, std::vector<BacktestBlock> blocks) {
  check_options(options);
  if (blocks.empty()) throw std::invalid_argument("no block of origins to assemble");
  const Backtest expected = backtest_frame(options);
  const std::size_t n = backtest_origins(options.from, options.to, options.every).size();
  Backtest bt = blocks.front().frame;
  std::vector<BacktestOrigin> origins(n);
  std::vector<bool> seen(n, false);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const std::string which = "block " + std::to_string(b + 1) + " of " + std::to_string(blocks.size());
    BacktestBlock& block = blocks[b];
    if (!same_settings(block.frame, expected) || block.origin_count != n)
      throw std::invalid_argument(which + " was made with other backtest settings or models");
    if (block.fit != options.fit) throw std::invalid_argument(which + other_fit(block.fit, options.fit));
    if (block.frame.latest_day != bt.latest_day || block.frame.group_names != bt.group_names)
      throw std::invalid_argument(which + " was made from another book (latest day " +
                                  format_day(block.frame.latest_day) + ", not " + format_day(bt.latest_day) + ")");
    for (BacktestOrigin& o : block.origins) {
      if (o.index >= n) throw std::invalid_argument(which + " has origin " + std::to_string(o.index) + " of " + std::to_string(n));
      if (seen[o.index]) throw std::invalid_argument(which + ": origin " + std::to_string(o.index) + " is given twice");
      check_shape(o, bt, which);
      seen[o.index] = true;
      origins[o.index] = std::move(o);
    }
  }
  const auto missing = std::find(seen.begin(), seen.end(), false);
  if (missing != seen.end())
    throw std::invalid_argument("no block has origin " + std::to_string(missing - seen.begin()) + " of " +
                                std::to_string(n));
  bt.origins.reserve(n);
  for (BacktestOrigin& o : origins) bt.origins.push_back(std::move(o.result));
  summarise(bt, origins);
  bt.ranking = rank_models(bt);
  return bt;
}

Backtest run_backtest(const Book& book, const BacktestOptions& options) {
  check(book, options);
  const std::size_t n = backtest_origins(options.from, options.to, options.every).size();
  std::vector<BacktestBlock> all;
  all.push_back(run_backtest_origins(book, options, 0, n));
  return assemble_backtest(options, std::move(all));
}

}  // namespace pipecast
