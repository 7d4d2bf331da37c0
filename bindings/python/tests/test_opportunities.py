"""Book.opportunities(): the deals of the hand book (hand_book.py) as a
DataFrame, for the whole book and as known at a day."""

import datetime
import math
import unittest

import pipecast

from hand_book import AS_OF, FX_RATES, HISTORY, OPPORTUNITIES, STAGES

try:
    import pandas as pd
except ImportError:
    pd = None


@unittest.skipIf(pd is None, "pandas is not installed")
class OpportunitiesTest(unittest.TestCase):
    def setUp(self):
        self.book = pipecast.Book.build(STAGES, OPPORTUNITIES, HISTORY, fx_rates=FX_RATES)
        self.addCleanup(self.book.close)

    def row(self, frame, deal):
        return frame[frame["id"] == deal].iloc[0]

    def test_view_shows_the_stage_at_its_day(self):
        # d3 was in Propose on AS_OF and won on 2024-04-10; d8 came later.
        with self.book.as_of(AS_OF) as view:
            frame = view.opportunities()
        self.assertEqual(list(frame["id"]), ["d1", "d2", "d3", "d4", "d5", "d6", "d7"])
        d3 = self.row(frame, "d3")
        self.assertEqual((d3["stage"], d3["status"]), ("Propose", "open"))
        self.assertTrue(pd.isna(d3["closed_on"]))
        self.assertEqual(d3["close_date"], pd.Timestamp("2024-04-10"))
        d1 = self.row(frame, "d1")
        self.assertEqual((d1["stage"], d1["status"], d1["closed_on"]),
                         ("Closed Won", "won", pd.Timestamp("2024-03-02")))
        self.assertEqual(self.row(frame, "d2")["status"], "lost")
        d7 = self.row(frame, "d7")
        self.assertEqual((d7["pipeline"], d7["owner"], d7["currency"]), ("Renewal", "Ann", "EUR"))
        self.assertEqual(d7["amount"], 100.0)
        self.assertTrue(math.isclose(d7["amount_in_base"], 110.0))

    def test_whole_book_is_at_its_latest_day(self):
        frame = self.book.opportunities()
        self.assertEqual(len(frame), len(OPPORTUNITIES["id"]))
        d3 = self.row(frame, "d3")
        self.assertEqual((d3["stage"], d3["status"], d3["closed_on"]),
                         ("Closed Won", "won", pd.Timestamp("2024-04-10")))
        self.assertEqual(list(frame["created"]), [pd.Timestamp(d) for d in OPPORTUNITIES["created"]])
        self.assertEqual(str(frame["amount"].dtype), "float64")
        self.assertEqual(list(frame.columns[:12]), ["id", "pipeline", "account", "owner", "product", "source",
                                                     "segment", "amount", "currency", "created", "close_date",
                                                     "stage"])

    def test_view_before_any_deal_is_empty(self):
        with self.book.as_of(datetime.date(2023, 12, 31)) as view:
            frame = view.opportunities()
        self.assertEqual(len(frame), 0)
        self.assertIn("status", frame.columns)


if __name__ == "__main__":
    unittest.main()
