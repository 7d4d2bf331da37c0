"""Forecasting from Python: fit, score, save/load, forecast, backtest and a
model from a Python callable, on the hand-made book (hand_book.py)."""

import dataclasses
import datetime
import math
import os
import tempfile
import unittest

import pipecast

from hand_book import AS_OF, FX_RATES, HISTORY, OPPORTUNITIES, STAGES


def hand_book():
    return pipecast.Book.build(stages=STAGES, opportunities=OPPORTUNITIES, history=HISTORY, fx_rates=FX_RATES)


class FitTest(unittest.TestCase):
    def setUp(self):
        self.book = hand_book()

    def tearDown(self):
        self.book.close()

    def test_every_builtin_model_fits_and_says_what_it_is(self):
        for name in pipecast._forecast.MODELS:
            with pipecast.fit(self.book, name, as_of=AS_OF) as model:
                self.assertEqual(model.name, name)
                self.assertEqual(model.as_of, AS_OF)
                if name == "auto":
                    self.assertIn(model.kind, ("stage", "markov", "logistic"))
                    self.assertIn("auto: chose " + model.kind, model.description)
                else:
                    self.assertEqual(model.kind, name)

    def test_default_is_auto_as_of_the_latest_day(self):
        model = pipecast.fit(self.book)
        self.assertEqual((model.name, model.as_of), ("auto", datetime.date(2024, 4, 10)))

    def test_unknown_model_lists_the_known_ones(self):
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.fit(self.book, "prophet")
        self.assertEqual(caught.exception.name, "NOT_FOUND")
        self.assertIn("known: crm, stage, markov, logistic, auto", str(caught.exception))

    def test_log_hears_the_fit(self):
        lines = []
        pipecast.fit(self.book, "stage", as_of=AS_OF, log=lambda level, message: lines.append(message))
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[1].startswith("fitted stage in "))


class ScoreTest(unittest.TestCase):
    def setUp(self):
        self.book = hand_book()
        self.crm = pipecast.fit(self.book, "crm", as_of=AS_OF)

    def tearDown(self):
        self.crm.close()
        self.book.close()

    def test_crm_scores_are_the_configured_probabilities(self):
        scores = self.crm.score(self.book, as_of=AS_OF)
        self.assertEqual(len(scores), 3)
        rows = scores.rows()
        self.assertEqual([r.id for r in rows], ["d3", "d5", "d7"])
        self.assertEqual([r.win_probability for r in rows], [0.5, 0.5, 0.5])
        self.assertAlmostEqual(rows[2].amount, 110.0)  # 100 EUR at 1.1
        for row, p, e, day in zip(rows, scores.win_probability, scores.expected_amount, scores.expected_close_day):
            self.assertEqual(p, row.win_probability)
            self.assertEqual(e, row.expected_amount)
            self.assertEqual(e, p * row.amount)
            self.assertEqual(pipecast.from_day(int(day)), row.expected_close_date)
        self.assertEqual(scores.to_dict()["model"], "crm")

    def test_numpy_arrays_when_numpy_is_installed(self):
        scores = self.crm.score(self.book, as_of=AS_OF)
        try:
            import numpy as np
        except ImportError:
            self.assertEqual(scores.win_probability.typecode, "d")
            return
        self.assertIsInstance(scores.win_probability, np.ndarray)
        self.assertEqual(scores.win_probability.dtype, np.float64)
        self.assertAlmostEqual(float(scores.expected_amount.sum()), 0.5 * (500 + 800 + 110))

    def test_save_and_load_give_the_same_scores_bit_for_bit(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("crm", "markov", "logistic"):
                path = os.path.join(tmp, name + ".pcm")
                model = pipecast.fit(self.book, name, as_of=AS_OF)
                model.save(path)
                loaded = pipecast.load_model(path)
                self.assertEqual((loaded.name, loaded.kind, loaded.as_of), (name, name, AS_OF))
                a = model.score(self.book, as_of=AS_OF)
                b = loaded.score(self.book, as_of=AS_OF)
                self.assertEqual(bytes(memoryview(a.win_probability)), bytes(memoryview(b.win_probability)))
                self.assertEqual(list(a.expected_close_day), list(b.expected_close_day))

    def test_load_of_a_missing_file_raises_not_found(self):
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.load_model("/nonexistent/model.pcm")
        self.assertEqual(caught.exception.name, "NOT_FOUND")


class ForecastTest(unittest.TestCase):
    def test_pipeline_over_every_future_day_is_the_sum_of_expected_amounts(self):
        with hand_book() as book, pipecast.fit(book, "crm", as_of=AS_OF) as crm:
            expected = sum(crm.score(book, as_of=AS_OF).expected_amount)
            f = crm.forecast(book, period="2024-04-01..2030-12-31", trials=200, as_of=AS_OF)
            pipeline = [r for r in f.forecast if r.component == "pipeline"]
            self.assertEqual(len(pipeline), 1)
            self.assertAlmostEqual(pipeline[0].expected, expected)
            self.assertEqual((f.model, f.as_of, f.trials, f.open_deals), ("crm", AS_OF, 200, 3))

    def test_new_deals_on_a_thin_history_are_unknown_not_zero(self):
        small_book = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "data", "small_book")
        with pipecast.Book.load(small_book) as book, pipecast.fit(book, "markov") as model:
            f = model.forecast(book, trials=200)
            self.assertEqual(f.new_deals_unknown,
                             "the creation dates that can be trusted cover 66 days up to the forecast's date; "
                             "measuring the rate of new deals needs 90")
            closed, pipeline, new, total = f.forecast
            self.assertEqual((new.component, new.expected, new.p10, new.p90), ("new", None, None, None))
            self.assertEqual(total.expected, closed.expected + pipeline.expected)
            # The JSON: the header, then the table's rows, null where unknown.
            d = f.to_dict()
            self.assertEqual(d["new_deals_unknown"], f.new_deals_unknown)
            self.assertEqual([r["component"] for r in d["forecast"]], ["closed", "pipeline", "new", "total"])
            self.assertIsNone(d["forecast"][2]["expected"])
            self.assertEqual(d["forecast"][3]["expected"], total.expected)

    def test_same_seed_same_figures_and_totals_add_up(self):
        with hand_book() as book, pipecast.fit(book, "markov", as_of=AS_OF) as model:
            a = model.forecast(book, period="2024-Q2", periods=2, trials=1000, seed=3, threads=2, as_of=AS_OF)
            b = model.forecast(book, period="2024-Q2", periods=2, trials=1000, seed=3, threads=1, as_of=AS_OF)
            self.assertEqual(a.to_json(), b.to_json())
            rows = a.forecast
            self.assertEqual(len(rows), 8)
            for i in range(0, 8, 4):
                closed, pipeline, new, total = rows[i:i + 4]
                self.assertAlmostEqual(total.expected, closed.expected + pipeline.expected + new.expected)
                self.assertLessEqual(total.p10, total.p50)
                self.assertLessEqual(total.p50, total.p90)
            self.assertEqual(a.periods(), ["2024-Q2", "2024-Q3"])
            self.assertEqual(list(a.totals().values()), [rows[3], rows[7]])
            self.assertEqual([r["period"] for r in a.to_dict()["forecast"]], ["2024-Q2"] * 4 + ["2024-Q3"] * 4)
            self.assertEqual(a.to_dict()["forecast"][7]["p50"], rows[7].p50)

    def test_the_process_thread_cap_changes_no_figure(self):
        self.assertEqual(pipecast.max_threads(), 0)
        with hand_book() as book, pipecast.fit(book, "markov", as_of=AS_OF) as model:
            uncapped = model.forecast(book, period="2024-Q2", periods=2, trials=2000, seed=5, threads=0, as_of=AS_OF)
            pipecast.set_max_threads(1)
            try:
                self.assertEqual(pipecast.max_threads(), 1)
                capped = model.forecast(book, period="2024-Q2", periods=2, trials=2000, seed=5, threads=4, as_of=AS_OF)
            finally:
                pipecast.set_max_threads(0)
            self.assertEqual(pipecast.max_threads(), 0)
            self.assertEqual(uncapped.to_json(), capped.to_json())
        for bad in (-1, 2**32, 1.5, True, "2"):
            with self.assertRaises(ValueError):
                pipecast.set_max_threads(bad)

    def test_bad_period_raises(self):
        with hand_book() as book, pipecast.fit(book, "crm") as model:
            with self.assertRaises(pipecast.Error) as caught:
                model.forecast(book, period="2024-Q5")
            self.assertIn("options->period", str(caught.exception))


class MovementTest(unittest.TestCase):
    SINCE = datetime.date(2024, 3, 1)

    def test_the_bars_sum_from_one_forecast_to_the_other(self):
        with hand_book() as book, pipecast.fit(book, "markov", as_of=AS_OF) as model:
            m = model.forecast_movement(book, since=self.SINCE, period="2024-Q2", as_of=AS_OF, movers=2)
            self.assertEqual((m.model, m.since, m.as_of), ("markov", self.SINCE, AS_OF))
            bars = m.bars()
            self.assertEqual(list(bars), ["before", "new deals", "won", "lost", "slipped", "pulled in", "amount",
                                          "probability", "after"])
            then = model.forecast(book, period="2024-Q2", trials=100, as_of=self.SINCE).forecast[3]
            now = model.forecast(book, period="2024-Q2", trials=100, as_of=AS_OF).forecast[3]
            self.assertAlmostEqual(bars["before"], then.expected)
            self.assertAlmostEqual(bars["after"], now.expected)
            steps = [v for k, v in bars.items() if k not in ("before", "after")]
            self.assertAlmostEqual(bars["before"] + sum(steps), bars["after"])
            self.assertEqual(len(m.movers), 2)
            self.assertEqual((m.movers[0].id, m.movers[0].cause), ("d5", "pulled in"))
            self.assertEqual(m.to_dict()["since"], "2024-03-01")

    def test_a_day_not_before_the_as_of_day_is_refused(self):
        with hand_book() as book, pipecast.fit(book, "crm", as_of=AS_OF) as model:
            with self.assertRaises(pipecast.Error) as caught:
                model.forecast_movement(book, since=AS_OF, as_of=AS_OF)
            self.assertIn("must be before the as-of day", str(caught.exception))

    def test_scores_since_a_day_say_what_moved_each_deal(self):
        with hand_book() as book, pipecast.fit(book, "crm", as_of=AS_OF) as model:
            scores = model.score(book, as_of=AS_OF, since=self.SINCE)
            d5 = next(row for row in scores.scores if row.id == "d5")
            self.assertEqual((d5.win_probability_before, d5.win_probability_change), (0.5, 0.0))
            self.assertEqual(d5.drivers, "days in stage: 20 -> 50")
            self.assertEqual(scores.to_dict()["since"], "2024-03-01")


class CustomModelTest(unittest.TestCase):
    def test_a_python_callable_scores_and_forecasts(self):
        seen = []

        def discounted_crm(deals):
            seen.append(deals)
            return [0.9 * p for p in deals.stage_probability]

        model = pipecast.custom_model("crm90", discounted_crm)
        with hand_book() as book:
            scores = model.score(book, as_of=AS_OF)
            self.assertEqual((model.name, model.kind, model.as_of), ("crm90", "callback", None))
            for p in scores.win_probability:
                self.assertAlmostEqual(p, 0.45)
            deals = seen[0]
            self.assertEqual(len(deals), 3)
            self.assertEqual(deals.as_of, AS_OF)
            self.assertEqual(deals.id, ["d3", "d5", "d7"])
            self.assertEqual(list(deals.days_in_stage), [41, 50, 30])
            self.assertEqual(list(deals.regressions), [1, 0, 0])
            self.assertEqual(deals.pipeline[2], "Renewal")
            f = model.forecast(book, period="2024-04-01..2030-12-31", trials=100, as_of=AS_OF)
            pipeline = [r for r in f.forecast if r.component == "pipeline"][0]
            self.assertAlmostEqual(pipeline.expected, 0.45 * (500 + 800 + 110))

    def test_an_exception_in_the_callable_becomes_pipecast_error(self):
        def broken(deals):
            raise KeyError("no such feature")

        model = pipecast.custom_model("broken", broken)
        with hand_book() as book:
            with self.assertRaises(pipecast.Error) as caught:
                model.score(book)
        self.assertEqual(caught.exception.name, "CALLBACK")
        self.assertIn("custom model 'broken'", str(caught.exception))
        self.assertIn("KeyError", str(caught.exception))
        self.assertIsInstance(caught.exception.__cause__, KeyError)

    def test_out_of_range_and_nan_are_refused(self):
        for bad in (1.5, -0.1, math.nan):
            model = pipecast.custom_model("bad", lambda deals, v=bad: [v] * len(deals))
            with hand_book() as book:
                with self.assertRaises(pipecast.Error) as caught:
                    model.score(book)
            self.assertEqual(caught.exception.name, "CALLBACK")
            self.assertIn("must be a number in [0, 1]", str(caught.exception))

    def test_wrong_count_is_refused(self):
        model = pipecast.custom_model("short", lambda deals: [0.5])
        with hand_book() as book:
            with self.assertRaises(pipecast.Error) as caught:
                model.score(book, as_of=AS_OF)
        self.assertIn("returned 1 probabilities for 3 deals", str(caught.exception))

    def test_a_custom_model_cannot_be_saved(self):
        model = pipecast.custom_model("crm90", lambda deals: [0.5] * len(deals))
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(pipecast.Error) as caught:
                model.save(os.path.join(tmp, "m.pcm"))
        self.assertIn("is a callback model", str(caught.exception))


class BacktestTest(unittest.TestCase):
    def test_backtest_ranks_the_models_with_the_baselines(self):
        progress = []
        with hand_book() as book:
            bt = pipecast.backtest(book, models=["stage", "markov"], from_=datetime.date(2024, 2, 29),
                                   to=AS_OF, horizons=1, trials=200, threads=1,
                                   log=lambda level, message: progress.append(message))
        self.assertEqual(progress, ["origin 1 of 2 done", "origin 2 of 2 done"])
        self.assertEqual([r.model for r in bt.summary], ["crm", "stage", "markov", "seasonal-naive"])
        self.assertTrue(bt.verdict)
        for row in bt.deal_summary:
            self.assertTrue(row.brier is None or 0.0 <= row.brier <= 1.0)
        # The JSON: the settings, then each table's rows under its name.
        d = bt.to_dict()
        self.assertEqual(list(d)[:9], ["from", "to", "every", "horizon", "horizons", "trials", "seed", "latest_day",
                                       "group_by"])
        self.assertEqual(list(d)[9:], bt.tables)
        self.assertEqual((d["from"], d["to"], d["horizons"], d["trials"], d["group_by"]),
                         ("2024-02-29", AS_OF.isoformat(), 1, 200, None))
        self.assertEqual([r["model"] for r in d["summary"]], [r.model for r in bt.summary])
        self.assertEqual([r["wape"] for r in d["summary"]], [r.wape for r in bt.summary])
        self.assertEqual([(r.origin, r.period) for r in bt.origins],
                         [(datetime.date(2024, 2, 29), "2024-03"), (AS_OF, "2024-04")])
        self.assertEqual(d["origins"][1]["period"], "2024-04")
        self.assertEqual(len(bt.origin_scores), 4 * 2)
        for row in bt.origin_scores:
            if row.actual is not None and row.forecast is not None:
                self.assertEqual(row.abs_error, abs(row.actual - row.forecast))
        self.assertEqual(bt.group_summary, [])

    def test_a_custom_model_is_backtested_beside_the_built_in_ones(self):
        days = set()

        def my_crm(deals):  # the built-in crm's probabilities, through Python
            days.add(deals.as_of)
            return list(deals.stage_probability)

        quarter = pipecast.custom_model("quarter", lambda deals: [0.25] * len(deals))
        mine = pipecast.custom_model("mycrm", my_crm)
        with hand_book() as book:
            bt = pipecast.backtest(book, models=["stage"], from_=datetime.date(2024, 1, 31), to=AS_OF,
                                   horizons=1, trials=200, threads=2, custom_models=[mine, quarter])
        self.assertEqual([r.model for r in bt.summary], ["crm", "stage", "mycrm", "quarter", "seasonal-naive"])
        # Asked at each origin, about the deals open there.
        self.assertEqual(days, {datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), AS_OF})
        deal = {(r.model, r.target): r for r in bt.deal_summary}
        period = {r.model: r for r in bt.summary}
        # The same probabilities and timing as crm: the same numbers, the
        # Monte Carlo's included (one seed per origin for every model).
        for target in ("eventual", "1"):
            self.assertEqual(dataclasses.replace(deal["mycrm", target], model="crm"), deal["crm", target])
        self.assertEqual(dataclasses.replace(period["mycrm"], model="crm"), period["crm"])
        # P = 0.25 for every deal: with W won and L lost, Brier is
        # (W x 0.75^2 + L x 0.25^2) / (W + L), log loss -(W ln 0.25 + L ln 0.75) / (W + L).
        q = deal["quarter", "eventual"]
        won, lost = q.positives, q.deals - q.positives
        self.assertEqual((won, lost), (6, 1))  # decided by the book's latest day, of those open at the origins
        self.assertAlmostEqual(q.brier, (won * 0.5625 + lost * 0.0625) / q.deals, places=12)
        self.assertAlmostEqual(q.log_loss, -(won * math.log(0.25) + lost * math.log(0.75)) / q.deals, places=12)
        self.assertEqual(q.auc, 0.5)

    def test_a_failing_custom_model_fails_the_backtest_with_its_exception(self):
        def broken(deals):
            raise KeyError("no such feature")

        with hand_book() as book:
            with self.assertRaises(pipecast.Error) as caught:
                pipecast.backtest(book, from_="2024-02-29", to=AS_OF, models=["stage"], horizons=1, trials=200,
                                  custom_models=[pipecast.custom_model("broken", broken)])
            self.assertEqual(caught.exception.name, "CALLBACK")
            self.assertIn("custom model 'broken'", str(caught.exception))
            self.assertIsInstance(caught.exception.__cause__, KeyError)
            with self.assertRaises(TypeError):
                with pipecast.fit(book, "stage", as_of=AS_OF) as fitted:
                    pipecast.backtest(book, from_="2024-02-29", to=AS_OF, custom_models=[fitted])

    def test_unknown_model_raises_not_found(self):
        with hand_book() as book:
            with self.assertRaises(pipecast.Error) as caught:
                pipecast.backtest(book, models="prophet", **{"from": "2024-02-29"}, to="2024-03-31")
        self.assertEqual(caught.exception.name, "NOT_FOUND")


if __name__ == "__main__":
    unittest.main()
