"""Books built from Python columns: lists, array.array, numpy, pandas."""

import array
import ctypes
import datetime
import unittest

import pipecast
from hand_book import AS_OF, FX_RATES, HISTORY, OPPORTUNITIES, STAGES

try:
    import numpy as np
except ImportError:
    np = None
try:
    import pandas as pd
except ImportError:
    pd = None


def hand_book(**changes):
    opportunities = dict(OPPORTUNITIES, **changes)
    return pipecast.Book.build(STAGES, opportunities, HISTORY, fx_rates=FX_RATES)


class BuildTest(unittest.TestCase):
    def check_hand_counts(self, book):
        c = book.counts(AS_OF)
        self.assertEqual((c.opportunities, c.open, c.won, c.lost), (7, 3, 2, 2))
        self.assertEqual(c.history_rows, 20)
        self.assertAlmostEqual(c.open_amount, 500 + 800 + 110)
        self.assertAlmostEqual(c.won_amount, 2200)

    def test_from_lists(self):
        with hand_book() as book:
            self.check_hand_counts(book)
            self.assertEqual(book.currency, "USD")
            self.assertEqual(book.latest_day, datetime.date(2024, 4, 10))
            self.assertIsNone(book.view_day)

    def test_in_batches(self):
        with pipecast.BookBuilder() as builder:
            builder.add_stages(STAGES)
            builder.add_fx_rates(**FX_RATES)
            for first in range(0, 8, 3):
                builder.add_opportunities({k: v[first : first + 3] for k, v in OPPORTUNITIES.items()})
            builder.add_history(HISTORY)
            with builder.finish() as book:
                self.check_hand_counts(book)
            with self.assertRaises(pipecast.Error) as caught:
                builder.finish()
            self.assertIn("finished", str(caught.exception))

    def test_days_and_amounts_from_buffers(self):
        days = array.array("i", (pipecast.to_day(d) for d in OPPORTUNITIES["created"]))
        amounts = array.array("d", OPPORTUNITIES["amount"])
        with hand_book(created=days, amount=amounts) as book:
            self.check_hand_counts(book)
        with hand_book(created=[d.isoformat() for d in OPPORTUNITIES["created"]]) as book:
            self.check_hand_counts(book)

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_from_numpy(self):
        created = np.array(OPPORTUNITIES["created"], dtype="datetime64[D]")
        closes = np.array(OPPORTUNITIES["close_date"], dtype="datetime64[D]")
        closes[1] = np.datetime64("NaT")
        amounts = np.array(OPPORTUNITIES["amount"], dtype=np.float64)
        amounts[7] = np.nan
        with hand_book(created=created, close_date=closes, amount=amounts, id=np.array(OPPORTUNITIES["id"])) as book:
            self.check_hand_counts(book)
            self.assertEqual(book.counts().missing_amount, 1)
        days32 = (created.astype(np.int64)).astype(np.int32)
        with hand_book(created=days32, amount=np.array(OPPORTUNITIES["amount"], dtype=np.int64)) as book:
            self.check_hand_counts(book)

    @unittest.skipIf(pd is None, "pandas is not installed")
    def test_from_pandas(self):
        opportunities = pd.DataFrame(OPPORTUNITIES)
        opportunities["created"] = pd.to_datetime(opportunities["created"])
        history = pd.DataFrame(HISTORY)
        with pipecast.Book.build(pd.DataFrame(STAGES), opportunities, history, fx_rates=pd.DataFrame(FX_RATES)) as book:
            self.check_hand_counts(book)

    def test_extra_columns_are_attributes(self):
        regions = ["North", "South", "North", None, "South", "North", "East", "South"]
        with hand_book(region=regions) as book:
            report = book.report(AS_OF, filters={"region": "North"}, sections=["funnel"])
            self.assertEqual(report.deals, 3)  # d1, d3, d6
            self.assertEqual(report.funnel[0].reached, 3)
            with self.assertRaises(pipecast.Error) as caught:
                book.report(AS_OF, filters={"regio": "North"})
            self.assertEqual(caught.exception.name, "NOT_FOUND")
            self.assertIn("region", str(caught.exception))

    def test_a_bad_row_names_row_and_field_and_keeps_nothing(self):
        with pipecast.BookBuilder() as builder:
            builder.add_stages(STAGES)
            builder.add_fx_rates(FX_RATES)
            bad = dict(OPPORTUNITIES, stage=OPPORTUNITIES["stage"][:2] + ["Nowhere"] + OPPORTUNITIES["stage"][3:])
            with self.assertRaises(pipecast.Error) as caught:
                builder.add_opportunities(bad)
            self.assertEqual(caught.exception.name, "INVALID_DATA")
            self.assertIn("opportunities row 2, field stage: unknown stage 'Nowhere'", str(caught.exception))
            builder.add_opportunities(OPPORTUNITIES)  # d1 and d2 were not kept: no duplicate
            builder.add_history(HISTORY)
            with builder.finish() as book:
                self.check_hand_counts(book)

    def test_bad_input_raises(self):
        with self.assertRaises(ValueError) as caught:
            hand_book(owner=["Ann"])
        self.assertIn("differ in length", str(caught.exception))
        with self.assertRaises(ValueError):
            pipecast.Book.build({"pipeline": ["s"]}, OPPORTUNITIES)
        with self.assertRaises(ValueError) as caught:
            pipecast.Book.build(dict(STAGES, colour=["x"] * 8), OPPORTUNITIES, HISTORY, fx_rates=FX_RATES)
        self.assertIn("colour", str(caught.exception))
        with self.assertRaises(pipecast.Error) as caught:
            hand_book(owner=[b"\xff"] + OPPORTUNITIES["owner"][1:])
        self.assertIn("opportunities row 0, field owner: not valid UTF-8", str(caught.exception))
        with self.assertRaises(ValueError) as caught:
            hand_book(created=["2024-02-30"] + OPPORTUNITIES["created"][1:])
        self.assertIn("opportunities row 0, column created", str(caught.exception))
        with self.assertRaises(pipecast.Error) as caught:
            hand_book(close_date=[datetime.date(1399, 1, 1)] + OPPORTUNITIES["close_date"][1:])
        self.assertIn("field close_date: day", str(caught.exception))
        with self.assertRaises(ValueError):
            pipecast.Book.build(dict(STAGES, kind=["open"] * 7 + ["maybe"]), OPPORTUNITIES)

    def test_line_items_products_quotas(self):
        with pipecast.Book.build(
            STAGES,
            OPPORTUNITIES,
            HISTORY,
            fx_rates=FX_RATES,
            products={"product": ["Widget", "Gizmo"], "family": ["Hardware", "Hardware"], "list_price": [100, None]},
            line_items={"opportunity_id": ["d1", "d1"], "product": ["Widget", "Gizmo"], "quantity": [1, 2],
                        "unit_price": [600, 200]},
            quotas={"owner": ["*", "Ann"], "period": ["2024-Q1", "2024-Q1"], "amount": [5000, 2000]},
        ) as book:
            report = book.report(AS_OF, sections=["coverage", "cross_sell"])
            team = report.coverage[-1]
            self.assertEqual(team.owner, "*")
            self.assertEqual(team.quota, 5000)
            self.assertEqual(team.quota_source, "team")
            self.assertAlmostEqual(team.attainment, 2200 / 5000)
            purchases = {(r.account, r.product) for r in report.cross_sell_purchases}
            self.assertEqual(purchases, {("Acme", "Widget"), ("Acme", "Gizmo")})


class ZeroCopyTest(unittest.TestCase):
    """Numbers already in a buffer of the C type reach the library as they are."""

    def columns(self, **values):
        from pipecast import _columns

        return _columns.Columns("t", values, tuple(values), ())

    def test_array_buffers_are_not_copied(self):
        amounts = array.array("d", [1.0, 2.0, 3.0])
        days = array.array("i", [1, 2, 3])
        t = self.columns(amount=amounts, created=days)
        self.assertEqual(ctypes.addressof(t.doubles("amount").contents), amounts.buffer_info()[0])
        self.assertEqual(ctypes.addressof(t.days("created").contents), days.buffer_info()[0])
        copied = self.columns(amount=[1.0, 2.0, 3.0])
        self.assertEqual(copied.doubles("amount")[2], 3.0)

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_numpy_buffers_are_not_copied(self):
        amounts = np.array([1.0, 2.0, 3.0])
        days = np.array([1, 2, 3], dtype=np.int32)
        t = self.columns(amount=amounts, created=days)
        self.assertEqual(ctypes.addressof(t.doubles("amount").contents), amounts.ctypes.data)
        self.assertEqual(ctypes.addressof(t.days("created").contents), days.ctypes.data)


if __name__ == "__main__":
    unittest.main()
