"""Reports, lead plans, views and tables through the binding, against the
figures worked out by hand for the hand book (see hand_book.py)."""

import datetime
import json
import logging
import math
import os
import tempfile
import unittest
from pathlib import Path

import pipecast
from hand_book import AS_OF, FX_RATES, HISTORY, OPPORTUNITIES, STAGES

try:
    import pandas as pd
except ImportError:
    pd = None
try:
    import numpy as np
except ImportError:
    np = None

D = datetime.date
SMALL_BOOK = Path(__file__).resolve().parents[3] / "tests" / "data" / "small_book"


def hand_book():
    return pipecast.Book.build(STAGES, OPPORTUNITIES, HISTORY, fx_rates=FX_RATES)


class ReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.book = hand_book()
        cls.report = cls.book.report(AS_OF, stall_days={"Propose": 30}, stall_min_sample=3)

    @classmethod
    def tearDownClass(cls):
        cls.report.close()
        cls.book.close()

    def test_headline(self):
        r = self.report
        self.assertEqual((r.as_of, r.period, r.period_first, r.period_last), (AS_OF, "2024-Q1", D(2024, 1, 1), AS_OF))
        self.assertEqual((r.currency, r.pipeline, r.deals), ("USD", "", 7))
        self.assertEqual(len(r.tables), 25)

    def test_funnel(self):
        steps = [s for s in self.report.funnel if s.pipeline == "New Business"]
        self.assertEqual([s.stage for s in steps], ["Qualify", "Discover", "Propose", "Closed Won"])
        self.assertEqual([s.reached for s in steps], [6, 4, 4, 2])
        self.assertEqual([s.reached_value for s in steps], [5800, 4700, 4700, 2200])
        self.assertEqual((steps[0].to_next_successes, steps[0].to_next_trials), (4, 5))
        self.assertAlmostEqual(steps[0].to_next, 0.8)
        self.assertIsNone(steps[3].to_next)  # no next step: NaN in C, None here
        renewal = [s for s in self.report.funnel if s.pipeline == "Renewal"]
        self.assertAlmostEqual(renewal[0].reached_value, 110)

    def test_stalled(self):
        d5, d3, d7 = self.report.stalled
        self.assertEqual((d5.id, d5.days_in_stage, d5.threshold, d5.stalled, d5.overdue), ("d5", 50, 19.5, True, True))
        self.assertEqual(d5.close_date, D(2024, 3, 1))
        self.assertEqual((d3.id, d3.days_in_stage, d3.threshold, d3.stalled), ("d3", 41, 30, True))
        self.assertEqual((d7.id, d7.threshold, d7.stalled, d7.days_overdue), ("d7", None, False, 1))
        sources = [t.source for t in self.report.stalled_thresholds]
        self.assertEqual(sources, ["p90", "p90", "user", "none"])

    def test_velocity_and_sales_velocity(self):
        qualify = self.report.velocity[0]
        self.assertEqual((qualify.stage, qualify.completed_count, qualify.completed_p90), ("Qualify", 6, 19.5))
        total = self.report.sales_velocity[-1]
        self.assertTrue(total.total)
        self.assertAlmostEqual(total.value_per_day, 3 * 0.5 * 1100 / 42.5)

    def test_json_and_dict(self):
        # The document is the tables by name, each a list of rows.
        document = self.report.to_dict()
        self.assertEqual(list(document), self.report.tables)
        self.assertEqual(document["summary"][0]["as_of"], "2024-03-31")
        self.assertEqual(document["funnel"][0]["reached"], 6)
        stalled = json.loads(self.report.to_json("stalled_summary", indent=None))
        self.assertEqual(stalled, [{"stalled": 2, "stalled_value": 1300, "overdue": 2, "overdue_value": 910}])
        self.assertIn('\n      "as_of": "2024-03-31"', self.report.to_json())
        with self.assertRaises(pipecast.Error) as caught:
            self.report.to_json("nothing")
        self.assertEqual(caught.exception.name, "NOT_FOUND")

    def test_tables(self):
        with self.report.table("stalled") as t:
            self.assertEqual(len(t), 3)
            self.assertEqual(t.columns[:3], ["id", "pipeline", "stage"])
            self.assertEqual(list(t.array("days_in_stage")), [50, 41, 30])
            self.assertTrue(math.isnan(t.array("threshold")[2]))
            self.assertEqual(t.column("close_date")[0], D(2024, 3, 1))
            self.assertEqual(t.to_dict()["id"], ["d5", "d3", "d7"])
            self.assertEqual(json.loads(t.to_json())[0]["stalled"], True)
            units = dict(zip(t.columns, t.units))
            self.assertEqual((units["id"], units["amount"], units["days_in_stage"]), ("none", "currency", "days"))
            with self.assertRaises(KeyError):
                t.array("nope")
        # A Python keyword as a column name gets a trailing underscore.
        cls = pipecast._results.row_class("cross_sell_pairs", ["from", "to"], [3, 3])
        self.assertEqual([f.name for f in __import__("dataclasses").fields(cls)], ["from_", "to"])
        with self.assertRaises(AttributeError):
            self.report.nothing

    @unittest.skipIf(pd is None, "pandas is not installed")
    def test_pandas(self):
        frame = self.report.table("stalled").to_pandas()
        self.assertEqual(list(frame["id"]), ["d5", "d3", "d7"])
        self.assertEqual(str(frame["close_date"].dtype), "datetime64[ns]")
        self.assertEqual(frame["stalled"].dtype, bool)
        self.assertTrue(math.isnan(frame["threshold"][2]))
        funnel = self.report.table("funnel").to_pandas()
        self.assertEqual(list(funnel["reached"][:4]), [6, 4, 4, 2])

    def test_options(self):
        r = self.book.report(AS_OF, pipeline="New Business", filters={"owner": "Bob"}, sections=["funnel"])
        self.assertEqual(r.tables, ["summary", "funnel", "funnel_cohorts"])
        self.assertEqual([s.reached for s in r.funnel], [2, 1, 1, 0])
        self.assertEqual(r.filters, "owner=Bob")
        r = self.book.report(AS_OF, period="2024-03", cohort="quarter", filters=["owner=Ann"], by=["owner"])
        self.assertEqual((r.period, r.funnel_cohorts[0].cohort), ("2024-03", "2024-Q1"))
        self.assertEqual({p.field for p in r.patterns}, {"owner"})
        with self.assertRaises(ValueError):
            self.book.report(sections=["funel"])
        with self.assertRaises(pipecast.Error) as caught:
            self.book.report(pipeline="Upsell")
        self.assertIn("known: New Business, Renewal", str(caught.exception))
        with self.assertRaises(pipecast.Error) as caught:
            self.book.report(trend_periods=0)
        self.assertEqual(caught.exception.name, "INVALID_ARGUMENT")


class LeadPlanTest(unittest.TestCase):
    def test_hand_book_plan(self):
        # 2200 won in Q1; d5 and d7 expected at 0.5 each: 455; gap 2345.
        with hand_book() as book:
            plan = book.lead_plan(5000, AS_OF)
        self.assertEqual((plan.status, plan.period), ("ok", "2024-Q1"))
        self.assertEqual((plan.won_in_period, plan.expected_from_pipeline, plan.gap), (2200, 455, 2345))
        self.assertAlmostEqual(plan.won_needed_p50, 2345 / 1100)
        self.assertAlmostEqual(plan.leads_needed_p50, 2 * 2345 / 1100)
        self.assertIsInstance(plan.create_by_p50, datetime.date)
        self.assertEqual(plan.summary.lead_conversion_trials, 4)
        self.assertEqual([s.stage for s in plan.lead_plan_stages], ["Qualify", "Discover", "Propose", "Due"])
        self.assertEqual(plan.to_dict("lead_plan")[0]["gap"], 2345)
        with hand_book() as book, self.assertRaises(pipecast.Error):
            book.lead_plan(-1)


class ViewTest(unittest.TestCase):
    def test_a_view_is_the_book_as_of_its_day(self):
        with hand_book() as book, book.as_of(AS_OF) as view:
            self.assertEqual(view.view_day, AS_OF)
            self.assertEqual(view.latest_day, AS_OF)
            self.assertEqual(view.counts(), book.counts(AS_OF))
            self.assertEqual(view.report().to_json(), book.report(AS_OF).to_json())
            with self.assertRaises(pipecast.Error) as caught:
                view.counts(D(2024, 4, 1))
            self.assertIn("after the view's day", str(caught.exception))
            with view.as_of(D(2024, 1, 31)) as earlier:
                self.assertEqual(earlier.counts().opportunities, 3)
            with tempfile.TemporaryDirectory() as tmp, self.assertRaises(pipecast.Error):
                view.to_csv(tmp)
            self.assertIn("as of 2024-03-31", repr(view))
        self.assertIn("closed", repr(view))

    def test_views_outlive_their_book(self):
        book = hand_book()
        view = book.as_of(AS_OF)
        book.close()
        self.assertEqual(view.counts().opportunities, 7)
        view.close()


class RoundTripTest(unittest.TestCase):
    def test_snapshot_and_csv(self):
        with tempfile.TemporaryDirectory() as tmp, hand_book() as book:
            snapshot = os.path.join(tmp, "book.snap")
            book.save_snapshot(snapshot)
            with pipecast.Book.from_snapshot(snapshot) as loaded:
                self.assertEqual(loaded.counts(AS_OF), book.counts(AS_OF))
            book.save_snapshot(snapshot, text=True)
            with pipecast.Book.load(snapshot) as loaded:
                self.assertEqual(loaded.counts(AS_OF), book.counts(AS_OF))
            folder = Path(tmp) / "csv"
            book.to_csv(folder)
            self.assertTrue((folder / "opportunities.csv").exists())
            with pipecast.Book.from_csv(folder) as loaded:
                self.assertEqual(loaded.report(AS_OF).to_json(), book.report(AS_OF).to_json())
            with self.assertRaises(pipecast.Error):
                pipecast.Book.from_snapshot(folder)
            with self.assertRaises(pipecast.Error):
                pipecast.Book.from_csv(snapshot)


class LogTest(unittest.TestCase):
    def test_messages_reach_a_callable_and_a_logger(self):
        messages = []
        with pipecast.Book.load(SMALL_BOOK, log=lambda level, text: messages.append((level, text))):
            pass
        self.assertIn((logging.INFO, "reading stages.csv (0.0 MB)"), messages)
        self.assertTrue(messages[-1][1].startswith("loaded 5 opportunities, 12 history rows in "))
        with self.assertLogs("pipecast.test", level="INFO") as logs:
            pipecast.Book.load(SMALL_BOOK, log=logging.getLogger("pipecast.test")).close()
        self.assertTrue(any("opportunities.csv" in line for line in logs.output))

    def test_errors_are_logged_one_by_one_and_raised_together(self):
        messages = []
        with tempfile.TemporaryDirectory() as tmp:
            for f in SMALL_BOOK.iterdir():
                (Path(tmp) / f.name).write_bytes(f.read_bytes())
            text = (Path(tmp) / "opportunities.csv").read_text().replace(",1000,USD", ",-1,USD").replace(",500,", ",x,")
            (Path(tmp) / "opportunities.csv").write_text(text)
            with self.assertRaises(pipecast.Error) as caught:
                pipecast.Book.load(tmp, log=lambda level, message: messages.append((level, message)))
        errors = [m for level, m in messages if level == logging.ERROR]
        self.assertEqual(len(errors), 2)
        for message in errors:
            self.assertIn(message, str(caught.exception))
        self.assertEqual(caught.exception.name, "PARSE")

    def test_an_exception_in_the_callback_is_raised_after_the_call(self):
        def fail(level, message):
            raise RuntimeError("host bug")

        with self.assertRaises(RuntimeError):
            pipecast.Book.load(SMALL_BOOK, log=fail)


class GarbageTest(unittest.TestCase):
    def test_closed_handles_and_bad_arguments(self):
        book = hand_book()
        report = book.report(AS_OF, sections="funnel")
        table = report.table("funnel")
        for thing in (table, report, book):
            thing.close()
            thing.close()
        with self.assertRaises(pipecast.Error):
            book.counts()
        with self.assertRaises(pipecast.Error):
            table.to_json()
        with self.assertRaises(pipecast.Error):
            report.table("funnel")
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.load(None)
        self.assertIn("path is NULL", str(caught.exception))
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.load(b"/tmp/\xff")
        self.assertIn("not valid UTF-8", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
