// The rolling-origin backtest on synthetic books: the same result for any
// thread count, no leakage (each origin equals fits on the book cut at it),
// the figures it reports agree with the engine, and the models known to be
// better rank first.
#include "book_truncation.hpp"
#include "table_json_support.hpp"

#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_output.hpp"
#include "pipecast/backtest/backtest_tables.hpp"
#include "pipecast/backtest/bookings.hpp"
#include "pipecast/backtest/seasonal_naive.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace backtest_test {
namespace {

/// A small book with two years of history and half a year after the last origin.
const SyntheticBook& small_world() {
  static const SyntheticBook w = generate_synthetic_book({2500, 3, to_day(2022, 7, 1), to_day(2024, 9, 30)});
  return w;
}

BacktestOptions small_options() {
  BacktestOptions o;
  o.from = to_day(2024, 1, 31);
  o.to = to_day(2024, 4, 30);
  o.every = OriginStep::month;
  o.horizon = PeriodKind::month;
  o.models = {"crm", "stage", "markov", "logistic"};
  o.trials = 500;
  o.seed = 11;
  o.threads = 1;
  return o;
}

/// Runs once per option set and keeps it: several tests read the same run.
const Backtest& small_backtest() {
  static const Backtest bt = [] {
    BacktestOptions o = small_options();
    o.models.push_back("auto");  // refits its candidates 3 and 6 months back (shared by the origins): leak-free too
    o.keep_predictions = true;
    o.group_by = Dimension::segment;
    return run_backtest(small_world().book, o);
  }();
  return bt;
}

TEST(Backtest, OriginsStepByWeekMonthOrQuarterAndKeepMonthEnds) {
  const auto months = backtest_origins(to_day(2024, 1, 31), to_day(2024, 5, 31), OriginStep::month);
  const std::vector<Day> month_ends{to_day(2024, 1, 31), to_day(2024, 2, 29), to_day(2024, 3, 31),
                                    to_day(2024, 4, 30), to_day(2024, 5, 31)};
  EXPECT_EQ(months, month_ends);
  const auto quarters = backtest_origins(to_day(2024, 1, 15), to_day(2024, 12, 31), OriginStep::quarter);
  EXPECT_EQ(quarters, (std::vector<Day>{to_day(2024, 1, 15), to_day(2024, 4, 15), to_day(2024, 7, 15),
                                        to_day(2024, 10, 15)}));
  const auto weeks = backtest_origins(to_day(2024, 1, 1), to_day(2024, 1, 22), OriginStep::week);
  EXPECT_EQ(weeks.size(), 4u);
  EXPECT_EQ(weeks.back(), to_day(2024, 1, 22));
  EXPECT_THROW(backtest_origins(to_day(2024, 2, 1), to_day(2024, 1, 1), OriginStep::week), std::invalid_argument);
  // The horizons: the period holding T + 1, then the next.
  const auto at_month_end = backtest_periods(to_day(2024, 1, 31), PeriodKind::month, 2);
  EXPECT_EQ(at_month_end[0].label, "2024-02");
  EXPECT_EQ(at_month_end[1].label, "2024-03");
  EXPECT_EQ(backtest_periods(to_day(2024, 1, 15), PeriodKind::quarter, 1)[0].label, "2024-Q1");
}

TEST(Backtest, BaselinesAreAlwaysThereAndSeasonalNaiveLast) {
  const Backtest& bt = small_backtest();
  EXPECT_EQ(bt.models, (std::vector<std::string>{"crm", "stage", "markov", "logistic", "auto", "seasonal-naive"}));
  BacktestOptions o = small_options();
  o.models = {"markov"};
  o.from = o.to;
  const Backtest one = run_backtest(small_world().book, o);
  EXPECT_EQ(one.models, (std::vector<std::string>{"crm", "stage", "markov", "seasonal-naive"}));
  EXPECT_FALSE(one.summary.back().per_deal);
  EXPECT_TRUE(std::isnan(one.summary.back().eventual.brier));
  EXPECT_TRUE(std::isnan(one.summary.back().periods[0].coverage));
  EXPECT_FALSE(std::isnan(one.summary.back().periods[0].wape));
}

TEST(Backtest, RejectsBadOptionsWithAClearMessage) {
  const Book& book = small_world().book;
  BacktestOptions o = small_options();
  o.models = {"nosuch"};
  try {
    run_backtest(book, o);
    ADD_FAILURE() << "an unknown model must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("known: crm, stage, markov, logistic, auto"), std::string::npos) << e.what();
  }
  o = small_options();
  o.models = {"seasonal-naive"};
  EXPECT_THROW(run_backtest(book, o), std::invalid_argument);
  o = small_options();
  o.models = {"markov", "markov"};
  EXPECT_THROW(run_backtest(book, o), std::invalid_argument);
  o = small_options();
  o.to = to_day(2024, 10, 31);  // after the book's latest day
  EXPECT_THROW(run_backtest(book, o), std::invalid_argument);
  o = small_options();
  o.horizon = PeriodKind::year;
  EXPECT_THROW(run_backtest(book, o), std::invalid_argument);
  o = small_options();
  o.from = to_day(2024, 5, 1);
  EXPECT_THROW(run_backtest(book, o), std::invalid_argument);  // to before from
  o = small_options();
  o.trials = 10;
  EXPECT_THROW(run_backtest(book, o), std::invalid_argument);
}

TEST(Backtest, SameResultBitForBitForAnyThreadCount) {
  BacktestOptions o = small_options();
  o.group_by = Dimension::owner;
  o.keep_predictions = true;
  o.threads = 1;
  const Backtest one = run_backtest(small_world().book, o);
  for (unsigned threads : {2u, 3u}) {
    o.threads = threads;
    const Backtest many = run_backtest(small_world().book, o);
    // JSON prints every double with round-trip precision: equal text is equal bits.
    EXPECT_EQ(to_json(one), to_json(many)) << threads << " threads";
    for (std::size_t k = 0; k < one.origins.size(); ++k)
      for (std::size_t m = 0; m + 1 < one.models.size(); ++m) {
        EXPECT_EQ(one.origins[k].models[m].predictions.won, many.origins[k].models[m].predictions.won);
        EXPECT_EQ(one.origins[k].models[m].forecast.total_samples, many.origins[k].models[m].forecast.total_samples);
      }
  }
}

TEST(Backtest, ProgressCountsOriginsInOrder) {
  BacktestOptions o = small_options();
  o.models = {"crm", "stage"};
  o.threads = 2;
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  o.progress = [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); };
  run_backtest(small_world().book, o);
  ASSERT_EQ(calls.size(), 4u);
  for (std::size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i], std::make_pair(i + 1, std::size_t{4}));
}

// The leakage test: every origin of the backtest on the full book equals fits
// made on the book with everything after the origin deleted.
TEST(Backtest, EachOriginEqualsFitsOnTheBookCutAtIt) {
  const Backtest& bt = small_backtest();
  const Book& full = small_world().book;
  const ModelRegistry registry = ModelRegistry::builtin();
  for (const OriginResult& r : bt.origins) {
    const Book cut = test::truncated(full, r.origin);
    ASSERT_LT(cut.size(), full.size());
    const Bookings known_cut(cut, r.origin);
    // The baseline and MASE's scale read nothing after T.
    EXPECT_EQ(seasonal_naive_scale(known_cut, PeriodKind::month), r.mase_scale) << format_day(r.origin);
    const std::size_t naive = bt.model_index(kSeasonalNaive);
    for (std::size_t h = 0; h < r.periods.size(); ++h)
      EXPECT_EQ(seasonal_naive(known_cut, r.periods[h]).value, r.models[naive].periods[h].forecast);

    for (std::size_t m = 0; m < naive; ++m) {
      const ModelOrigin& mo = r.models[m];
      const FittedModel model = fit_model(registry, bt.models[m], cut, r.origin);
      const DealScores scores = model.score(AsOfView(cut, r.origin));
      // The same deals, by id, with the same probabilities.
      ASSERT_EQ(scores.size(), mo.predictions.deal.size()) << bt.models[m] << " at " << format_day(r.origin);
      for (std::size_t i = 0; i < scores.size(); ++i) {
        ASSERT_EQ(cut.ids()[scores.deals.deal[i]], full.ids()[mo.predictions.deal[i]]);
        EXPECT_EQ(scores.win_probability[i], mo.predictions.won[i]) << bt.models[m] << " deal " << i;
        for (std::size_t h = 0; h < r.periods.size(); ++h)
          EXPECT_EQ(scores.won_between(i, r.origin + 1, r.periods[h].last), mo.predictions.won_within[h][i]);
      }
      // The same forecast, samples included.
      ForecastOptions fo;
      fo.periods = r.periods;
      fo.trials = bt.trials;
      fo.seed = r.seed;
      fo.threads = 1;
      const Forecast f = forecast_periods(model, cut, fo);
      EXPECT_EQ(f.total_samples, mo.forecast.total_samples) << bt.models[m] << " at " << format_day(r.origin);
      for (std::size_t h = 0; h < r.periods.size(); ++h)
        for (ForecastComponent c : kForecastComponents) {
          EXPECT_EQ(f.periods[h][c].expected, mo.forecast.periods[h][c].expected);
          EXPECT_EQ(f.periods[h][c].p10, mo.forecast.periods[h][c].p10);
          EXPECT_EQ(f.periods[h][c].p90, mo.forecast.periods[h][c].p90);
        }
    }
  }
}

TEST(Backtest, FiguresAgreeWithTheEngineAndTheOutcomes) {
  const Backtest& bt = small_backtest();
  const Book& book = small_world().book;
  const Day latest = book.latest_day();
  EXPECT_EQ(bt.latest_day, latest);
  const Outcomes final_state = outcomes_as_of(book, latest);
  const std::size_t markov = bt.model_index("markov");
  for (const OriginResult& r : bt.origins) {
    const ModelOrigin& mo = r.models[markov];
    for (std::size_t h = 0; h < r.periods.size(); ++h) {
      const PeriodScore& s = mo.periods[h];
      ASSERT_EQ(r.scored[h], r.periods[h].last <= latest);
      if (!r.scored[h]) {
        EXPECT_TRUE(std::isnan(s.actual));
        continue;
      }
      const double actual = won_amount(book, latest, r.periods[h].first, r.periods[h].last);
      EXPECT_NEAR(s.actual, actual, 1e-6 * actual);
      EXPECT_EQ(s.forecast, mo.forecast.periods[h][ForecastComponent::total].expected);
      EXPECT_DOUBLE_EQ(s.error, s.forecast - s.actual);
      EXPECT_DOUBLE_EQ(s.scaled_error, std::abs(s.error) / r.mase_scale);
      EXPECT_EQ(s.covered, s.p10 <= s.actual && s.actual <= s.p90 ? 1.0 : 0.0);
      // The groups (segments) add up to the company.
      double group_forecast = 0.0, group_actual = 0.0;
      for (const GroupScore& g : mo.groups[h]) {
        group_forecast += g.forecast;
        group_actual += g.actual;
        // Each group's own distribution, scored like the company's.
        EXPECT_LE(g.p10, g.p50);
        EXPECT_LE(g.p50, g.p90);
        EXPECT_EQ(g.covered, g.p10 <= g.actual && g.actual <= g.p90 ? 1.0 : 0.0);
        EXPECT_EQ(g.pinball[0], pinball_loss(g.actual, g.p10, 0.1));
        EXPECT_EQ(g.pinball[2], pinball_loss(g.actual, g.p90, 0.9));
        EXPECT_GE(g.crps, 0.0);
      }
      EXPECT_NEAR(group_forecast, s.forecast, 1e-6 * s.forecast);
      EXPECT_NEAR(group_actual, s.actual, 1e-6 * s.actual);
    }
    // Per deal: recompute "won eventually" from the kept predictions.
    std::vector<double> p, y;
    std::size_t excluded = 0;
    for (std::size_t i = 0; i < mo.predictions.deal.size(); ++i) {
      const Outcome o = final_state.state[mo.predictions.deal[i]];
      if (o == Outcome::open) {
        ++excluded;
        continue;
      }
      p.push_back(mo.predictions.won[i]);
      y.push_back(o == Outcome::won ? 1.0 : 0.0);
    }
    EXPECT_EQ(mo.eventual.deals + mo.eventual.excluded, mo.open_deals);
    EXPECT_EQ(mo.eventual.excluded, excluded);
    EXPECT_EQ(mo.eventual.brier, brier_score(p, y));
    EXPECT_EQ(mo.eventual.auc, roc_auc(p, y));
  }
  // The aggregate pools the deals of every origin.
  std::size_t pooled = 0;
  for (const OriginResult& r : bt.origins) pooled += r.models[markov].eventual.deals;
  EXPECT_EQ(bt.summary[markov].eventual.deals, pooled);
  // Origins whose second month ends after the book's latest day (2024-09-30)
  // are not scored: none here (the last origin is 2024-04-30).
  EXPECT_EQ(bt.unscored, (std::vector<std::size_t>{0, 0}));
}

TEST(Backtest, UnendedPeriodsAreSkippedAndCounted) {
  BacktestOptions o = small_options();
  o.models = {"crm", "stage"};
  o.from = to_day(2024, 7, 31);
  o.to = to_day(2024, 8, 31);
  const Backtest bt = run_backtest(small_world().book, o);
  // Horizons of 2024-07-31: Aug and Sep (both end by 2024-09-30); of
  // 2024-08-31: Sep (scored) and Oct (not).
  EXPECT_EQ(bt.unscored, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(bt.summary[0].periods[1].origins, 1u);
  const auto& verdict = bt.ranking.verdict;
  EXPECT_TRUE(std::any_of(verdict.begin(), verdict.end(), [](const std::string& s) {
    return s.find("1 of 2 origins' horizon-2 period had not ended by 2024-09-30") != std::string::npos;
  }));
}

// Origins before the book's first deal: every period ended by L, but nothing
// was open at the origins nor won in the periods.  The verdict says so, not
// that no period had ended.
TEST(Backtest, OriginsBeforeAnyDealAreExplained) {
  BacktestOptions o = small_options();
  o.models = {"crm", "stage"};
  o.from = to_day(2010, 1, 31);
  o.to = to_day(2010, 2, 28);
  o.horizons = 2;
  const Backtest bt = run_backtest(small_world().book, o);
  EXPECT_EQ(bt.unscored, (std::vector<std::size_t>{0, 0}));
  const std::vector<std::string> expected{
      "No deal was open at any origin (the first is 2010-01-31), so no model's per-deal metrics could be scored.",
      "Horizon 1 (the month holding the day after each origin): 2 periods ended by 2024-09-30 but nothing was won "
      "in them, so WAPE (the error over the amount won) is undefined and no model is ranked on it.",
      "Horizon 2 (the month after it): 2 periods ended by 2024-09-30 but nothing was won in them, so WAPE (the "
      "error over the amount won) is undefined and no model is ranked on it."};
  EXPECT_EQ(bt.ranking.verdict, expected);
}

TEST(Backtest, CsvRowsCoverEveryModelOriginAndHorizon) {
  const Backtest& bt = small_backtest();
  const auto rows = backtest_rows(bt);
  std::map<std::string, int> per_model;
  bool naive_has_deal_rows = false;
  for (const BacktestRow& row : rows) {
    ++per_model[row.model];
    if (row.model == "seasonal-naive" && (row.metric == "brier" || row.horizon == "eventual")) naive_has_deal_rows = true;
  }
  EXPECT_EQ(per_model.size(), bt.models.size());
  EXPECT_FALSE(naive_has_deal_rows);
  const auto find = [&](std::string_view model, std::string_view origin, std::string_view horizon,
                        std::string_view metric) {
    for (const BacktestRow& row : rows)
      if (row.model == model && row.origin == origin && row.horizon == horizon && row.metric == metric)
        return row.value;
    ADD_FAILURE() << model << " " << origin << " " << horizon << " " << metric << " missing";
    return std::nan("");
  };
  const std::size_t logistic = bt.model_index("logistic");
  EXPECT_EQ(find("logistic", "all", "eventual", "brier"), bt.summary[logistic].eventual.brier);
  EXPECT_EQ(find("logistic", "all", "1", "wape"), bt.summary[logistic].periods[0].wape);
  EXPECT_EQ(find("logistic", "2024-02-29", "2", "crps"), bt.origins[1].models[logistic].periods[1].crps);
  EXPECT_EQ(find("logistic", "all", "eventual", "calibration_0.9-1.0/count"),
            static_cast<double>(bt.summary[logistic].eventual.calibration[9].count));
  EXPECT_EQ(find("crm", "all", "1", "segment=SMB/wape"), [&] {
    for (const GroupSummary& g : bt.summary[0].groups[0])
      if (g.name == "SMB") return g.wape;
    return std::nan("");
  }());
}

// The JSON is the settings' single values, then every table's rows under
// its name: each cell exactly as the table has it.
TEST(Backtest, JsonIsItsSettingsThenItsTables) {
  const Backtest& bt = small_backtest();
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(to_json(bt));
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  std::vector<std::string> expected{"from", "to", "every", "horizon", "horizons", "trials", "seed", "latest_day",
                                    "group_by"};
  for (const std::string_view name : backtest_table_names()) expected.emplace_back(name);
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(json["from"], "2024-01-31");
  EXPECT_EQ(json["to"], "2024-04-30");
  EXPECT_EQ(json["every"], "month");
  EXPECT_EQ(json["horizon"], "month");
  EXPECT_EQ(json["horizons"], 2);
  EXPECT_EQ(json["trials"], 500);
  EXPECT_EQ(json["seed"], 11);
  EXPECT_EQ(json["latest_day"], format_day(small_world().book.latest_day()));
  EXPECT_EQ(json["group_by"], "segment");
  for (const std::string_view name : backtest_table_names()) {
    SCOPED_TRACE(name);
    const ResultTable table = backtest_table(bt, name);
    EXPECT_GT(table.rows, 0u);
    test::expect_rows_are_the_table(json[std::string(name)], table);
  }
  // One line, and no group without group_by.
  BacktestOptions o = small_options();
  o.models = {"stage"};
  o.to = o.from;
  const Backtest plain = run_backtest(small_world().book, o);
  const nlohmann::ordered_json one_line = nlohmann::ordered_json::parse(to_json(plain, -1));
  EXPECT_EQ(to_json(plain, -1).find('\n'), std::string::npos);
  EXPECT_TRUE(one_line["group_by"].is_null());
  EXPECT_TRUE(one_line["group_summary"].empty());
  EXPECT_TRUE(one_line["group_scales"].empty());
  for (const auto& row : one_line["summary"]) EXPECT_TRUE(row["group_wape"].is_null());
}

// Every figure of the result is in a table: the origins, each model at each
// origin, the calibration bins, the groups, and the counts behind the shares.
TEST(Backtest, TablesHoldEveryFigureOfTheResult) {
  const Backtest& bt = small_backtest();
  const std::size_t horizons = bt.horizons, models = bt.models.size(), origins = bt.origins.size();
  ASSERT_EQ(horizons, 2u);

  const ResultTable o = backtest_table(bt, "origins");
  ASSERT_EQ(o.rows, origins * horizons);
  for (std::size_t k = 0; k < origins; ++k)
    for (std::size_t h = 0; h < horizons; ++h) {
      const OriginResult& r = bt.origins[k];
      const std::size_t row = k * horizons + h;
      EXPECT_EQ(o.find("origin")->days[row], r.origin);
      EXPECT_EQ(o.find("horizon")->integers[row], static_cast<std::int64_t>(h + 1));
      EXPECT_EQ(o.find("period")->texts[row], r.periods[h].label);
      EXPECT_EQ(o.find("period_first")->days[row], r.periods[h].first);
      EXPECT_EQ(o.find("period_last")->days[row], r.periods[h].last);
      EXPECT_EQ(o.find("scored")->integers[row], r.scored[h] ? 1 : 0);
      EXPECT_EQ(o.find("seed")->texts[row], std::to_string(r.seed));  // all 64 bits
      EXPECT_EQ(o.find("mase_scale")->numbers[row], r.mase_scale);
    }
  // What the old JSON listed per horizon: the origins not scored.
  for (std::size_t h = 0; h < horizons; ++h) {
    std::size_t unscored = 0;
    for (std::size_t k = 0; k < origins; ++k) unscored += o.find("scored")->integers[k * horizons + h] == 0;
    EXPECT_EQ(unscored, bt.unscored[h]);
  }

  const ResultTable fits = backtest_table(bt, "origin_models");
  const ResultTable scores = backtest_table(bt, "origin_scores");
  ASSERT_EQ(fits.rows, models * origins);
  ASSERT_EQ(scores.rows, models * origins * horizons);
  for (std::size_t m = 0; m < models; ++m)
    for (std::size_t k = 0; k < origins; ++k) {
      const ModelOrigin& mo = bt.origins[k].models[m];
      const std::size_t fit = m * origins + k;
      EXPECT_EQ(fits.find("model")->texts[fit], bt.models[m]);
      EXPECT_EQ(fits.find("description")->texts[fit], mo.description);
      EXPECT_EQ(fits.find("open_deals")->integers[fit], static_cast<std::int64_t>(mo.open_deals));
      for (std::size_t h = 0; h < horizons; ++h) {
        const PeriodScore& s = mo.periods[h];
        const std::size_t row = fit * horizons + h;
        const auto same = [&](const char* column, double value) {
          const double v = scores.find(column)->numbers[row];
          EXPECT_TRUE(v == value || (std::isnan(v) && std::isnan(value))) << column << " " << v << " " << value;
        };
        EXPECT_EQ(scores.find("model")->texts[row], bt.models[m]);
        EXPECT_EQ(scores.find("origin")->days[row], bt.origins[k].origin);
        same("forecast", s.forecast);
        same("p50", s.has_distribution ? s.p50 : std::nan(""));
        same("actual", s.actual);
        same("abs_error", s.abs_error);
        same("error", s.error);
        same("wape", origin_wape(s));
        same("mase", s.scaled_error);
        same("pinball_p90", s.pinball[2]);
        same("crps", s.crps);
        same("covered", s.covered);
      }
    }

  // Calibration: each model with per-deal metrics, each origin then "all",
  // "won eventually" then within each horizon, ten bins (none unscored).
  const ResultTable cal = backtest_table(bt, "calibration");
  std::size_t row = 0;
  for (const ModelSummary& sum : bt.summary) {
    if (!sum.per_deal) continue;
    const std::size_t m = bt.model_index(sum.model);
    const auto bins = [&](const std::string& origin, const DealMetrics& eventual, const std::vector<DealMetrics>& within) {
      for (std::size_t target = 0; target <= within.size(); ++target)
        for (const CalibrationBin& b : (target == 0 ? eventual : within[target - 1]).calibration) {
          ASSERT_LT(row, cal.rows);
          EXPECT_EQ(cal.find("model")->texts[row], sum.model);
          EXPECT_EQ(cal.find("origin")->texts[row], origin);
          EXPECT_EQ(cal.find("target")->texts[row], target == 0 ? "eventual" : std::to_string(target));
          EXPECT_EQ(cal.find("lower")->numbers[row], b.lower);
          EXPECT_EQ(cal.find("count")->integers[row], static_cast<std::int64_t>(b.count));
          EXPECT_EQ(cal.find("positives")->integers[row], static_cast<std::int64_t>(b.positives));
          ++row;
        }
    };
    for (const OriginResult& r : bt.origins) bins(format_day(r.origin), r.models[m].eventual, r.models[m].within);
    bins("all", sum.eventual, sum.within);
  }
  EXPECT_EQ(row, cal.rows);
  EXPECT_GT(cal.rows, 4u * 10 * origins);

  // The counts behind the summary's shares, and the WAPE over the groups.
  const ResultTable summary = backtest_table(bt, "summary");
  for (std::size_t m = 0; m < models; ++m)
    for (std::size_t h = 0; h < horizons; ++h) {
      EXPECT_EQ(summary.find("covered")->integers[m * horizons + h],
                static_cast<std::int64_t>(bt.summary[m].periods[h].covered));
      const double g = summary.find("group_wape")->numbers[m * horizons + h];
      EXPECT_TRUE(g == bt.summary[m].group_wape[h] || (std::isnan(g) && std::isnan(bt.summary[m].group_wape[h])));
    }
  const ResultTable ranking = backtest_table(bt, "ranking");
  row = 0;
  for (const MetricRanking& r : bt.ranking.metrics)
    for (std::size_t i = 0; i < r.models.size(); ++i, ++row)
      EXPECT_EQ(ranking.find("origins")->integers[row], static_cast<std::int64_t>(r.origins));
  EXPECT_EQ(row, ranking.rows);

  // The groups: over the origins, at each, and their scales.
  const ResultTable groups = backtest_table(bt, "group_summary");
  row = 0;
  for (const ModelSummary& sum : bt.summary)
    for (std::size_t h = 0; h < sum.groups.size(); ++h)
      for (const GroupSummary& g : sum.groups[h]) {
        EXPECT_EQ(groups.find("group")->texts[row], g.name);
        EXPECT_EQ(groups.find("origins")->integers[row], static_cast<std::int64_t>(g.origins));
        EXPECT_EQ(groups.find("covered")->integers[row], static_cast<std::int64_t>(g.covered));
        ++row;
      }
  EXPECT_EQ(row, groups.rows);
  EXPECT_GT(groups.rows, 0u);
  const ResultTable at_origins = backtest_table(bt, "group_scores");
  row = 0;
  for (std::size_t m = 0; m < models; ++m)
    for (const OriginResult& r : bt.origins)
      for (const auto& per_horizon : r.models[m].groups)
        for (const GroupScore& g : per_horizon) {
          EXPECT_EQ(at_origins.find("group")->texts[row], g.name);
          EXPECT_EQ(at_origins.find("abs_error")->numbers[row], g.abs_error);
          EXPECT_EQ(at_origins.find("error")->numbers[row], g.error);
          ++row;
        }
  EXPECT_EQ(row, at_origins.rows);
  const ResultTable scales = backtest_table(bt, "group_scales");
  ASSERT_EQ(scales.rows, origins * bt.group_names.size());
  for (std::size_t k = 0; k < origins; ++k)
    for (std::size_t g = 0; g < bt.group_names.size(); ++g) {
      const double v = scales.find("mase_scale")->numbers[k * bt.group_names.size() + g];
      const double want = bt.origins[k].group_mase_scale[g];
      EXPECT_TRUE(v == want || (std::isnan(v) && std::isnan(want)));
    }
}

// On a synthetic book the history-based models know more than the CRM's
// configured stage probabilities (forecast_accuracy_test shows it against
// the truth); the backtest must find that out by itself and say so.
TEST(Backtest, KnownBetterModelsRankFirst) {
  static const SyntheticBook w = generate_synthetic_book({12000, 7, to_day(2022, 1, 1), to_day(2025, 6, 30)});
  BacktestOptions o;
  o.from = to_day(2024, 3, 31);
  o.to = to_day(2024, 9, 30);
  o.every = OriginStep::quarter;
  o.horizon = PeriodKind::quarter;
  o.models = {"crm", "stage", "markov", "logistic"};
  o.trials = 500;
  o.threads = 2;
  const Backtest bt = run_backtest(w.book, o);
  const auto value = [&](std::string_view model, auto field) { return field(bt.summary[bt.model_index(model)]); };
  const auto brier = [](const ModelSummary& s) { return s.eventual.brier; };
  const auto loss = [](const ModelSummary& s) { return s.eventual.log_loss; };
  for (std::string_view better : {"markov", "logistic"})
    for (std::string_view worse : {"crm", "stage"}) {
      EXPECT_LT(value(better, brier), value(worse, brier)) << better << " vs " << worse;
      EXPECT_LT(value(better, loss), value(worse, loss)) << better << " vs " << worse;
    }
  for (const char* metric : {"brier", "log_loss", "auc"}) {
    const auto it = std::find_if(bt.ranking.metrics.begin(), bt.ranking.metrics.end(),
                                 [&](const MetricRanking& r) { return r.metric == metric && r.scope == "eventual"; });
    ASSERT_NE(it, bt.ranking.metrics.end());
    const std::string& first = it->models.front().model;
    EXPECT_TRUE(first == "markov" || first == "logistic") << metric << ": " << first;
    EXPECT_EQ(it->models.front().rank, 1u);
    EXPECT_EQ(it->origins, 3u);
  }
  ASSERT_FALSE(bt.ranking.overall.empty());
  const std::string& best = bt.ranking.overall.front().model;
  EXPECT_TRUE(best == "markov" || best == "logistic") << best;
  // The verdict names the winners in words.
  ASSERT_GE(bt.ranking.verdict.size(), 3u);
  EXPECT_EQ(bt.ranking.verdict[0].rfind(best + " ranks first overall", 0), 0u) << bt.ranking.verdict[0];
  const std::string& brier_line = bt.ranking.verdict[1];
  EXPECT_EQ(brier_line.rfind("Won eventually: ", 0), 0u) << brier_line;
  EXPECT_TRUE(brier_line.find("markov had the lowest Brier score") != std::string::npos ||
              brier_line.find("logistic had the lowest Brier score") != std::string::npos)
      << brier_line;
  EXPECT_NE(brier_line.find(" of 3 origins"), std::string::npos) << brier_line;
  for (const auto& line : bt.ranking.verdict) std::printf("  %s\n", line.c_str());
}

}  // namespace
}  // namespace backtest_test
}  // namespace pipecast
