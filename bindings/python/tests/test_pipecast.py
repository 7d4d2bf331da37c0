"""The Python binding against the library: run by make test (stdlib unittest)."""

import datetime
import os
import unittest
from pathlib import Path

import pipecast

REPO = Path(__file__).resolve().parents[3]
SMALL_BOOK = REPO / "tests" / "data" / "small_book"
MALFORMED = REPO / "tests" / "data" / "malformed"
MAVEN = Path(os.environ.get("PIPECAST_SHARED_DATA", REPO.parent / "shared" / "data")) / "maven-crm-sales-opportunities"


class VersionTest(unittest.TestCase):
    def test_version_is_the_library_version(self):
        self.assertRegex(pipecast.__version__, r"^\d+\.\d+\.\d+$")


class DateTest(unittest.TestCase):
    def test_days_round_trip(self):
        self.assertEqual(pipecast.to_day(datetime.date(1970, 1, 2)), 1)
        self.assertEqual(pipecast.from_day(pipecast.to_day(datetime.date(2024, 2, 29))), datetime.date(2024, 2, 29))
        self.assertIsNone(pipecast.from_day(pipecast.NO_DAY))

    def test_parse_date_uses_the_library_rules(self):
        self.assertEqual(pipecast.parse_date("2024-07-01T10:00:00"), datetime.date(2024, 7, 1))
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.parse_date("2023-02-29")
        self.assertIn("2023-02-29", str(caught.exception))


class BookTest(unittest.TestCase):
    def test_counts_match_the_hand_computed_figures(self):
        with pipecast.Book.from_csv(SMALL_BOOK) as book:
            c = book.counts(datetime.date(2024, 3, 31))
        self.assertEqual(c.as_of, datetime.date(2024, 3, 31))
        self.assertEqual((c.opportunities, c.open, c.won, c.lost), (5, 3, 1, 1))
        self.assertEqual(c.missing_amount, 1)
        self.assertAlmostEqual(c.open_amount, 2500.0)
        self.assertAlmostEqual(c.weighted_amount, 0.7 * 2200 + 0.5 * 300)
        self.assertEqual((c.pipelines, c.stages), (2, 8))

    def test_default_as_of_is_the_latest_date(self):
        with pipecast.Book.load(str(SMALL_BOOK)) as book:
            self.assertEqual(book.counts().as_of, datetime.date(2024, 3, 10))

    def test_missing_path_raises_with_the_path(self):
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.load("/nonexistent/book")
        self.assertIn("/nonexistent/book", str(caught.exception))
        self.assertLess(caught.exception.code, 0)

    def test_bad_csv_raises_with_file_line_column(self):
        bad = Path(self.tmp) / "bad"
        bad.mkdir()
        for f in SMALL_BOOK.iterdir():
            (bad / f.name).write_bytes(f.read_bytes())
        (bad / "opportunities.csv").write_bytes((MALFORMED / "negative_amount" / "opportunities.csv").read_bytes())
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.load(bad)
        self.assertIn("opportunities.csv:5:41: amount: must not be negative", str(caught.exception))

    def test_closed_book_is_refused_not_crashed(self):
        book = pipecast.Book.load(SMALL_BOOK)
        book.close()
        book.close()
        with self.assertRaises(pipecast.Error):
            book.counts()

    def test_unknown_preset_names_the_presets(self):
        with self.assertRaises(pipecast.Error) as caught:
            pipecast.Book.load(SMALL_BOOK, mapping="nosuchpreset")
        self.assertIn("maven", str(caught.exception))

    @unittest.skipUnless((MAVEN / "sales_pipeline.csv").exists(), "shared Maven data not found")
    def test_maven_export_through_the_preset(self):
        with pipecast.Book.load(MAVEN, mapping="maven") as book:
            c = book.counts()
        self.assertEqual((c.opportunities, c.won, c.lost), (8800, 4238, 2473))

    def setUp(self):
        import tempfile

        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()


if __name__ == "__main__":
    unittest.main()
