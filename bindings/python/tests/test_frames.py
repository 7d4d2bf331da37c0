"""Data frames in and out: Book.from_frames (through a column mapping),
Book.to_frames, and to_pandas() on every result."""

import datetime
import os
import subprocess
import sys
import unittest
from unittest import mock

import pipecast
from pipecast import _core

try:
    import pandas as pd
except ImportError:
    pd = None

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SMALL_BOOK = os.path.join(REPO, "tests", "data", "small_book")
MINI_MAVEN = os.path.join(REPO, "tests", "data", "mini_maven")


def csv_frames(directory, names, **options):
    return {name: pd.read_csv(os.path.join(directory, name), **options) for name in names}


@unittest.skipIf(pd is None, "pandas is not installed")
class FromFramesTest(unittest.TestCase):
    def setUp(self):
        self.book = pipecast.Book.from_csv(SMALL_BOOK)
        self.addCleanup(self.book.close)
        self.frames = self.book.to_frames()

    def assertSameBook(self, book, expected):
        self.assertEqual(book.counts(), expected.counts())
        self.assertEqual(book.currency, expected.currency)
        for a, b in zip(book.to_frames().values(), expected.to_frames().values()):
            pd.testing.assert_frame_equal(a, b)

    def test_to_frames_holds_the_export(self):
        f = self.frames
        self.assertEqual(sorted(f), ["activities", "fx_rates", "history", "line_items", "opportunities", "products",
                                     "quotas", "stages"])
        self.assertEqual(str(f["activities"]["date"].dtype), "datetime64[ns]")
        self.assertEqual(str(f["activities"]["duration_minutes"].dtype), "float64")
        o = f["opportunities"]
        self.assertEqual(list(o["id"]), ["O1", "O2", "O3", "O4", "O5"])
        self.assertEqual(str(o["created"].dtype), "datetime64[ns]")
        self.assertEqual(str(o["amount"].dtype), "float64")
        self.assertEqual(o.loc[0, "created"], pd.Timestamp("2024-01-05"))
        self.assertEqual(o.loc[2, "account"], "Gamma, Inc.")  # a quoted comma
        self.assertEqual(o.loc[4, "region"], 'East "HQ"')  # a custom attribute with quotes
        self.assertTrue(pd.isna(o.loc[4, "close_date"]))
        self.assertEqual(int(o["amount"].isna().sum()), self.book.counts().missing_amount)
        self.assertEqual(len(f["history"]), self.book.counts().history_rows)
        self.assertEqual(str(f["stages"]["order"].dtype), "int64")

    def test_round_trip(self):
        with pipecast.Book.from_frames(**self.frames) as book:
            self.assertSameBook(book, self.book)
            self.assertEqual(book.counts().open_amount, 2500.0)

    def test_frames_read_from_the_same_csv_files(self):
        names = ["stages.csv", "opportunities.csv", "stage_history.csv", "fx_rates.csv"]
        f = csv_frames(SMALL_BOOK, names)  # pandas' own dtypes: int, float with NaN, dates as str
        with pipecast.Book.from_frames(f["opportunities.csv"], f["stage_history.csv"], f["stages.csv"],
                                       fx_rates=f["fx_rates.csv"]) as book:
            with pipecast.Book.from_csv(SMALL_BOOK) as expected:
                self.assertEqual(book.counts(), expected.counts())
        f = csv_frames(SMALL_BOOK, names[1:2], parse_dates=["created", "close_date"])  # datetime64
        with pipecast.Book.from_frames(**dict(self.frames, opportunities=f["opportunities.csv"])) as book:
            self.assertEqual(book.counts(), self.book.counts())

    def test_preset(self):
        names = ["sales_pipeline.csv", "products.csv", "accounts.csv", "sales_teams.csv"]
        f = csv_frames(MINI_MAVEN, names)
        with pipecast.Book.from_csv(MINI_MAVEN, mapping="maven") as expected:
            with pipecast.Book.from_frames(f["sales_pipeline.csv"], products=f["products.csv"], mapping="maven",
                                           files={"accounts.csv": f["accounts.csv"],
                                                  "sales_teams.csv": f["sales_teams.csv"]}) as book:
                self.assertSameBook(book, expected)
                self.assertGreater(book.counts().won, 0)

    def test_mapping_dict(self):
        o = self.frames["opportunities"].rename(columns={"id": "Deal ID", "created": "Created On", "amount": "Value"})
        o["Value"] = o["Value"].fillna(0).astype("int64")  # ints where a number goes
        o = o.drop(columns=["source"])
        o["Created On"] = o["Created On"] + pd.Timedelta(hours=9)  # a datetime is taken at its date
        mapping = {
            "tables": {"opportunities": {"columns": {"id": "Deal ID", "created": "Created On", "amount": "Value"},
                                         "defaults": {"source": "Web"}}},
            "date_format": "M/D/YYYY",  # the datetime64 columns are written in it
        }
        with pipecast.Book.from_frames(**dict(self.frames, opportunities=o), mapping=mapping) as book:
            c, e = book.counts(), self.book.counts()
            self.assertEqual((c.opportunities, c.open, c.won, c.lost), (e.opportunities, e.open, e.won, e.lost))
            self.assertEqual(c.missing_amount, 0)
            back = book.to_frames()["opportunities"]
            self.assertEqual(list(back["created"]), list(self.frames["opportunities"]["created"]))
            self.assertEqual(set(back["source"]), {"Web"})

    def test_log_names_frames(self):
        messages = []
        o = self.frames["opportunities"].copy()
        pipecast.Book.from_frames(**dict(self.frames, opportunities=o), log=lambda level, m: messages.append(m)).close()
        self.assertTrue(messages)
        self.assertFalse([m for m in messages if "pipecast-frames-" in m or ".csv" in m], messages)
        self.assertIn("reading the opportunities frame", "\n".join(messages))

    def test_dicts_of_columns(self):
        f = {name: {c: list(v) for c, v in frame.items()} for name, frame in self.frames.items()}
        with pipecast.Book.from_frames(**f) as book:
            self.assertEqual(book.counts(), self.book.counts())

    # ---- Errors name the frame, the row and the column ------------------------

    def error(self, **changes):
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.from_frames(**dict(self.frames, **changes))
        message = str(caught.exception)
        self.assertNotIn("pipecast-frames-", message)  # no temporary path
        self.assertNotIn(".csv", message)
        return caught.exception, message

    def test_missing_column(self):
        e, message = self.error(opportunities=self.frames["opportunities"].drop(columns=["segment"]))
        self.assertIsInstance(e, pipecast.ParseError)
        self.assertIn("opportunities frame, header: missing required column 'segment'", message)

    def test_bad_cell_names_row_and_column(self):
        o = self.frames["opportunities"].copy()
        o["created"] = o["created"].dt.strftime("%Y-%m-%d")
        o.loc[3, "created"] = "2024-13-01"
        e, message = self.error(opportunities=o)
        self.assertIsInstance(e, pipecast.ParseError)
        self.assertIn("opportunities frame, row 3, column 'created': created: '2024-13-01' is not a date", message)

    def test_row_label_and_a_cell_after_a_newline(self):
        h = self.frames["history"].copy()
        h.index = ["h%d" % i for i in range(len(h))]
        h["note"] = ["two\nlines" if i == 1 else "" for i in range(len(h))]  # a custom attribute
        h.loc["h5", "stage"] = "Nope"
        e, message = self.error(history=h)
        self.assertIsInstance(e, pipecast.ParseError)  # as from_csv: the CSV reader's errors
        self.assertRegex(message, r"history frame, row 5 \(index 'h5'\), column 'stage': stage: unknown stage 'Nope'")

    def test_mapped_header_is_named(self):
        o = self.frames["opportunities"].rename(columns={"stage": "Deal Stage"})
        o.loc[1, "Deal Stage"] = "Nowhere"
        mapping = {"tables": {"opportunities": {"columns": {"stage": "Deal Stage"}}}}
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.from_frames(**dict(self.frames, opportunities=o), mapping=mapping)
        self.assertIn("opportunities frame, row 1, column 'Deal Stage': stage: unknown stage 'Nowhere'",
                      str(caught.exception))

    def test_inexact_dtypes_are_refused(self):
        o = self.frames["opportunities"].copy()
        o["close_date"] = o["close_date"].astype(object)
        o.loc[2, "close_date"] = 45000.0
        e, message = self.error(opportunities=o)
        self.assertIsInstance(e, pipecast.InvalidDataError)
        self.assertEqual(message, "opportunities frame, column 'close_date': cannot convert it exactly: first at row 2:"
                                  " a number (45000.0) where a date goes")
        s = self.frames["stages"].copy()
        s["order"] = s["order"].astype("float64")  # whole floats are exact
        with pipecast.Book.from_frames(**dict(self.frames, stages=s)) as book:
            self.assertEqual(book.counts(), self.book.counts())
        s.loc[4, "order"] = 2.5
        e, message = self.error(stages=s)
        self.assertIn("stages frame, column 'order': cannot convert it exactly: first at row 4: 2.5 is not a whole", message)
        q = self.frames["quotas"].copy()
        q["amount"] = pd.to_datetime(["2024-01-01", "2024-01-02"])
        e, message = self.error(quotas=q)
        self.assertIn("quotas frame, column 'amount': cannot convert it exactly: first at row 0: a date", message)

    def test_bad_mapping_and_preset(self):
        with self.assertRaises(pipecast.ParseError) as caught:
            pipecast.Book.from_frames(**self.frames, mapping={"tables": {"opportunities": {"colums": {}}}})
        self.assertIn("mapping: tables.opportunities.colums: unknown key", str(caught.exception))
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.from_frames(**self.frames, mapping="no-such-preset")
        self.assertIn("no preset 'no-such-preset'", str(caught.exception))

    # ---- Views and results ----------------------------------------------------

    def test_view_is_refused(self):
        with self.book.as_of(datetime.date(2024, 2, 1)) as view:
            with self.assertRaises(pipecast.InvalidArgumentError):
                view.to_frames()

    def test_results_to_pandas(self):
        report = self.book.report()
        self.assertEqual(report.to_pandas().loc[0, "deals"], report.deals)
        self.assertEqual(list(report.to_pandas("funnel").columns), report.table("funnel").columns)
        self.assertEqual(sorted(report.to_frames()), sorted(report.tables))
        plan = self.book.lead_plan(10_000)
        self.assertEqual(plan.to_pandas().loc[0, "target"], 10_000)
        model = pipecast.fit(self.book, "markov")
        scores = model.score(self.book)
        frame = scores.to_pandas()
        self.assertEqual(list(frame["id"]), [r.id for r in scores.rows()])
        self.assertEqual(list(frame["win_probability"]), list(scores.win_probability))
        forecast = model.forecast(self.book, trials=200)
        self.assertEqual(list(forecast.to_pandas()["component"]), [r.component for r in forecast.forecast])
        movement = model.forecast_movement(self.book, since="2024-02-01")
        self.assertEqual(len(movement.to_pandas()), len(movement.movement))
        with self.assertRaises(pipecast.UnknownNameError):
            scores.to_pandas("nope")


class WithoutPandasTest(unittest.TestCase):
    def test_import_does_not_import_pandas(self):
        code = "import sys, pipecast; pipecast.Book; sys.exit('pandas' in sys.modules)"
        self.assertEqual(subprocess.run([sys.executable, "-c", code]).returncode, 0)

    def test_clear_import_error(self):
        with mock.patch.object(_core, "pandas", lambda: None):
            with pipecast.Book.from_csv(SMALL_BOOK) as book:
                for call in (book.to_frames, book.opportunities, lambda: book.report().to_pandas(),
                             lambda: pipecast.Book.from_frames({"id": []})):
                    with self.assertRaises(ImportError) as caught:
                        call()
                    self.assertIn("needs pandas", str(caught.exception))
                    self.assertEqual(caught.exception.name, "pandas")


if __name__ == "__main__":
    unittest.main()
