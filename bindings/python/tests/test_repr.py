"""What a notebook shows (pipecast/_notebook.py): the HTML of every kind of
result is balanced, escaped, self-contained (nothing loaded from anywhere)
and shows the result's own figures; every public class has a short,
one-line repr naming it.  On the hand-made book (hand_book.py)."""

import datetime
import html.parser
import re
import unittest

import pipecast
from pipecast import _notebook

from hand_book import AS_OF, FX_RATES, HISTORY, OPPORTUNITIES, STAGES

# Elements that have no end tag.
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr", "area", "base", "source"}


class Tree(html.parser.HTMLParser):
    """Checks that tags balance and collects each <table>'s body rows as
    lists of (text, attributes) cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.attrs, self.svg_attrs = [], [], [], [], []
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        # A chart's own attributes (inside <svg>) apart from the HTML's.
        (self.svg_attrs if tag == "svg" or "svg" in self.stack else self.attrs).extend(attrs)
        if tag == "style" and "svg" not in self.stack:
            self.errors.append("<style> outside a chart")
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and "tbody" in self.stack:
            self.tables[-1].append([])
        elif tag == "td":
            self.cell = ["", dict(attrs)]

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        (self.svg_attrs if "svg" in self.stack else self.attrs).extend(attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
            return
        self.stack.pop()
        if tag == "td":
            self.tables[-1][-1].append((self.cell[0], self.cell[1]))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data


def parse(test, text):
    tree = Tree()
    tree.feed(text)
    tree.close()
    test.assertEqual(tree.errors, [])
    test.assertEqual(tree.stack, [], "unclosed tags")
    return tree


def hand_book():
    return pipecast.Book.build(stages=STAGES, opportunities=OPPORTUNITIES, history=HISTORY, fx_rates=FX_RATES)


class NotebookHtmlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.book = hand_book()
        cls.model = pipecast.fit(cls.book, "markov", as_of=AS_OF)
        cls.results = {
            "Report": cls.book.report(as_of=AS_OF),
            "LeadPlan": cls.book.lead_plan(1000, as_of=AS_OF),
            "Scores": cls.model.score(cls.book),
            "Forecast": cls.model.forecast(cls.book, periods=2, trials=500),
            "Movement": cls.model.forecast_movement(cls.book, since=datetime.date(2024, 3, 1)),
            "Backtest": pipecast.backtest(cls.book, models=["markov"], from_="2024-01-31", to="2024-03-31",
                                          trials=200),
        }

    @classmethod
    def tearDownClass(cls):
        for result in cls.results.values():
            result.close()
        cls.model.close()
        cls.book.close()

    def assert_self_contained(self, text, hostile_texts=False):
        """No element or attribute that loads or runs anything; without
        hostile texts in the result, not even the words in the page.  The
        charts' SVG may hold its own <style> (no url(), no @import) and the
        SVG namespace, the one "http" in the page, which loads nothing."""
        tree = parse(self, text)
        for tag in ("script", "link", "iframe", "img", "object", "embed", "image", "use", "foreignobject", "a"):
            self.assertNotIn(tag, tree.tags)
        for name, value in tree.attrs:
            self.assertIn(name, ("style", "title"))
            if name == "style":
                self.assertIsNone(re.search(r"url\s*\(|@import|expression\s*\(", value.lower()), value)
        for name, value in tree.svg_attrs:
            self.assertNotIn(name, ("src", "href", "xlink:href"))
            self.assertFalse(name.startswith("on"), name)
        self.assertIsNone(re.search(r"<script|<link", text.lower()))
        page = text.lower().replace('xmlns="http://www.w3.org/2000/svg"', "")
        for pattern in (r"url\s*\(", r"@import"):
            self.assertIsNone(re.search(pattern, page), pattern)
        if not hostile_texts:
            for pattern in (r"\bsrc\s*=", r"\bhref\s*=", r"https?:"):
                self.assertIsNone(re.search(pattern, page), pattern)
        return tree

    def assert_row_shown(self, cells, table, row):
        """The cells show the row's values: texts as they are, integers with
        separators, dates ISO, booleans yes/no, floats with their exact value
        in the title and the shown one within its rounding."""
        self.assertEqual(len(cells), len(table.columns))
        for (text, attrs), value, unit, column in zip(cells, row, table.units, table.columns):
            with self.subTest(table=table.name, column=column):
                if value is None:
                    self.assertEqual(text, "")
                elif isinstance(value, bool):
                    self.assertEqual(text, "yes" if value else "no")
                elif isinstance(value, int):
                    self.assertEqual(int(text.replace(",", "")), value)
                elif isinstance(value, float):
                    self.assertEqual(float(attrs["title"]), value)
                    shown = float(text.replace(",", "").rstrip("%")) / (100 if text.endswith("%") else 1)
                    self.assertAlmostEqual(shown, value, delta=max(0.5, 0.001 * abs(value)))
                elif isinstance(value, datetime.date):
                    self.assertEqual(text, value.isoformat())
                else:
                    self.assertEqual(text, value)

    def test_each_result_shows_its_main_tables_first_rows(self):
        for kind, result in self.results.items():
            with self.subTest(kind=kind):
                text = result._repr_html_()
                tree = self.assert_self_contained(text)
                self.assertIn("pipecast.%s" % kind, text)
                shown = [t for t in _notebook.MAIN_TABLES[kind] if t in result.tables]
                self.assertTrue(shown)
                self.assertEqual(len(tree.tables), len(shown))
                for name, body in zip(shown, tree.tables):
                    with result.table(name) as table:
                        rows = table.rows()
                        self.assertEqual(len(body), min(len(rows), _notebook.MAX_ROWS))
                        if rows:
                            self.assert_row_shown(body[0], table, [getattr(rows[0], f) for f in
                                                                   rows[0].__dataclass_fields__])
                        if len(rows) > _notebook.MAX_ROWS:
                            self.assertIn("%d more rows" % (len(rows) - _notebook.MAX_ROWS), text)
                others = [t for t in result.tables if t not in shown]
                if others:
                    self.assertIn(", ".join(others), text)

    def test_reports_and_forecasts_show_the_pages_charts(self):
        for kind in ("Report", "Forecast"):
            with self.subTest(kind=kind):
                result = self.results[kind]
                charts = result.charts()
                self.assertTrue(charts)
                text = result._repr_html_()
                self.assertEqual(text.count("<svg"), min(len(charts), _notebook.MAX_CHARTS))
                for name in list(charts)[:_notebook.MAX_CHARTS]:
                    self.assertIn(charts[name], text)
                    self.assertTrue(charts[name].startswith("<svg"), name)
                others = list(charts)[_notebook.MAX_CHARTS:]
                if others:
                    self.assertIn(", ".join(others), text)
        self.assertEqual(list(self.results["Forecast"].charts()), ["forecast"])
        report_charts = list(self.results["Report"].charts())
        self.assertIn("funnel/New Business", report_charts)
        for kind in ("LeadPlan", "Scores", "Movement", "Backtest"):
            self.assertEqual(self.results[kind].charts(), {}, kind)
            self.assertNotIn("<svg", self.results[kind]._repr_html_(), kind)

    def test_backtest_shows_its_verdict(self):
        text = self.results["Backtest"]._repr_html_()
        tree = parse(self, text)
        self.assertEqual(tree.tags.count("li"), len(self.results["Backtest"].verdict))

    def test_a_long_table_says_how_many_rows_are_left_out(self):
        with self.results["Report"].table("funnel") as table:
            text = _notebook.table_html(table, max_rows=2)
            tree = self.assert_self_contained(text)
            self.assertEqual(len(tree.tables[0]), 2)
            self.assertIn(">%d more rows<" % (len(table) - 2), text)
            second = table.rows()[1]
            self.assert_row_shown(tree.tables[0][1], table, [getattr(second, f) for f in second.__dataclass_fields__])
            self.assertEqual(table._repr_html_(), _notebook.table_html(table))  # one rendering

    def test_texts_are_escaped(self):
        name = '<img src="http://x/y.png">&<script>'
        with pipecast.custom_model(name, lambda deals: [0.5] * len(deals)) as model:
            with model.forecast(self.book, trials=100) as forecast:
                text = forecast._repr_html_()
                self.assert_self_contained(text, hostile_texts=True)
                self.assertNotIn("<img", text)
                self.assertIn(name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                              .replace('"', "&quot;"), text)
                tree = parse(self, text)
                self.assertEqual(tree.tables[0][0][0][0], name)  # the model column, unescaped by the parser

    def test_a_closed_result_says_so(self):
        result = self.book.report(as_of=AS_OF, sections="funnel")
        result.close()
        self.assertEqual(repr(result), "<pipecast.Report (closed)>")
        self.assertIn("closed", result._repr_html_())


class ReprTest(unittest.TestCase):
    def assert_short(self, obj, name, limit=120):
        text = repr(obj)
        self.assertNotIn("\n", text)
        self.assertLessEqual(len(text), limit, text)
        self.assertTrue(text.startswith("<pipecast.%s" % name), text)
        self.assertTrue(text.endswith(">"), text)
        return text

    def test_every_public_class_has_a_short_repr(self):
        seen = {}

        def probabilities(deals):
            seen["DealFeatures"] = repr(deals)
            return [0.5] * len(deals)

        with hand_book() as book, pipecast.fit(book, "markov", as_of=AS_OF) as model:
            view = book.as_of(AS_OF)
            custom = pipecast.custom_model("half", probabilities)
            report = book.report(as_of=AS_OF)
            objects = {
                "Book": book, "BookBuilder": pipecast.BookBuilder(), "Model": model,
                "Report": report, "LeadPlan": book.lead_plan(1000, as_of=AS_OF),
                "ActivityEffects": book.activity_effects(as_of=AS_OF),
                "Worklist": book.worklist(model, as_of=AS_OF),
                "Scores": custom.score(book), "Forecast": model.forecast(book, trials=100),
                "Movement": model.forecast_movement(book, since=datetime.date(2024, 3, 1)),
                "Backtest": pipecast.backtest(book, models=["markov"], from_="2024-01-31", to="2024-03-31",
                                              trials=100),
                "Table": report.table("funnel"), "Result": report._result,
            }
            for name, obj in objects.items():
                with self.subTest(name=name):
                    self.assert_short(obj, name)
            self.assertEqual(repr(book), "<pipecast.Book 8 deals (3 open), latest day 2024-04-10, USD>")
            self.assertEqual(self.assert_short(view, "Book"), "<pipecast.Book view as of 2024-03-31: 7 deals (3 open), USD>")
            self.assertIn("7 deals", repr(report))
            self.assertEqual(seen["DealFeatures"], "<pipecast.DealFeatures 3 deals as of 2024-04-10>")
            self.assertEqual(repr(custom), "<pipecast.Model half (callback)>")
            # Every public class is covered, or is a value whose repr is its
            # fields (Counts, a dataclass) or an exception's.
            public = {n for n in pipecast.__all__ if isinstance(getattr(pipecast, n), type)}
            values = {"Counts"} | {n for n in public if issubclass(getattr(pipecast, n), BaseException)}
            self.assertEqual(public - values - set(objects) - {"DealFeatures"}, set())
            counts = repr(book.counts())
            self.assertNotIn("\n", counts)
            self.assertTrue(counts.startswith("Counts("))
            for obj in objects.values():
                obj.close()
                with self.subTest(closed=type(obj).__name__):
                    self.assertIn("(closed)", self.assert_short(obj, type(obj).__name__))
            view.close()
            self.assertEqual(repr(view), "<pipecast.Book (closed)>")


if __name__ == "__main__":
    unittest.main()
