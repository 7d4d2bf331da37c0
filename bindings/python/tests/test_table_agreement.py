"""Every table of a report, a lead plan, a forecast and a backtest gives
the same values through each renderer: the C ABI's cells (Python's
Table.column), the table's JSON (pipecast_table_json), the result's JSON
document (the C ABI's, which is the command line tool's --format json: the
tables by name, after a forecast's or a backtest's single values) and the
command line tool's CSV (--format csv; the forecast's is rounded, and not
compared here).

The tables are defined once, in the library (pipecast/analytics/
report_tables.hpp, lead_plan_tables.hpp); this test is what keeps the
renderers honest about it, value by value.  Numbers must agree exactly: the
CSV writes each in its shortest round-trip form.
"""
import csv
import ctypes
import datetime
import json
import math
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import pipecast
from pipecast import _core, _library

CLI = os.environ.get("PIPECAST_CLI")
DOCS = Path(__file__).resolve().parents[3] / "docs" / "tables.md"
C_TYPES = {1: "integer", 2: "number", 3: "text", 4: "day", 5: "flag"}
AS_OF = "2024-06-30"
TARGET = "2500000"


def spreadsheet_would_run(text):
    return text[:1] in ("=", "+", "-", "@", "\t", "\r")


def expected_csv_cell(value):
    """How the CLI's CSV writes a Python value read from the C ABI."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if spreadsheet_would_run(value) else value
    return value  # numbers: compared as numbers


def expected_json_cell(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


DOCS_HEAD = """# Result tables

Every result table, with its columns, their type and their unit: the tables
of the C ABI (`pipecast_result_table`) and of Python (`.table(NAME)`); those
of the report, the lead plan, what worked and the worklist are also `pipecast
report|plan|activities --format csv`. They are defined in the library
(`include/pipecast/analytics/report_tables.hpp`, `lead_plan_tables.hpp`,
`activity_effects_tables.hpp`, `worklist_tables.hpp`,
`include/pipecast/forecast/forecast_tables.hpp`,
`include/pipecast/backtest/backtest_tables.hpp`), as is the table of a book's
deals (`include/pipecast/analytics/opportunities_table.hpp`: the C ABI's
`pipecast_book_opportunities`, Python's `Book.opportunities()`, whose last
columns are the book's custom attributes); this page is generated from
them, and a test
(`bindings/python/tests/test_table_agreement.py`) fails when it differs. To
regenerate it after changing a table:

```sh
make build && PIPECAST_LIBRARY=build/capi/libpipecast.so PYTHONPATH=bindings/python \\
  PIPECAST_CLI=build/tools/pipecast/pipecast python3 bindings/python/tests/test_table_agreement.py --write-docs
```

Types: integer (the C ABI's INT64), number (DOUBLE; empty or null when not
known), text, day (DAY; a date) and flag (BOOL). Units: count (a whole number
of things), currency (the book's base currency), days (a duration), fraction
(a rate or share between 0 and 1) and none (text, labels, plain numbers and
statistics).
"""


def opportunities_table(book):
    """The table behind Book.opportunities(), which gives its DataFrame only."""
    handle = _library.TablePointer()
    _core.check(_core.lib.pipecast_book_opportunities(book._live(), ctypes.byref(handle)))
    return pipecast.Table(handle)


def tables_markdown(sections):
    """docs/tables.md from the tables themselves: [(title, [Table])]."""
    out = [DOCS_HEAD]
    for title, tables in sections:
        out.append("\n## %s\n" % title)
        for table in tables:
            out.append("\n### `%s`\n\n| column | type | unit |\n| --- | --- | --- |\n" % table.name)
            for name, kind, unit in zip(table.columns, table.types, table.units):
                out.append("| `%s` | %s | %s |\n" % (name, C_TYPES[kind], unit))
    return "".join(out)


@unittest.skipUnless(CLI, "PIPECAST_CLI (the command line tool) is not set")
class TableAgreement(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.TemporaryDirectory()
        work = Path(cls.work.name)
        cls.book_dir = work / "book"
        subprocess.run([CLI, "synth", str(cls.book_dir), "--deals", "1500", "--seed", "11"],
                       check=True, stdout=subprocess.DEVNULL)
        cls.book = pipecast.Book.load(str(cls.book_dir))
        cls.report_dir = work / "report"
        cls.plan_dir = work / "plan"
        subprocess.run([CLI, "report", str(cls.book_dir), "--as-of", AS_OF, "--format", "csv",
                        "--out", str(cls.report_dir)], check=True)
        subprocess.run([CLI, "plan", str(cls.book_dir), "--as-of", AS_OF, "--target", TARGET,
                        "--format", "csv", "--out", str(cls.plan_dir)], check=True)
        cls.report_json = json.loads(subprocess.run(
            [CLI, "report", str(cls.book_dir), "--as-of", AS_OF, "--format", "json"],
            check=True, capture_output=True).stdout)
        cls.plan_json = json.loads(subprocess.run(
            [CLI, "plan", str(cls.book_dir), "--as-of", AS_OF, "--target", TARGET, "--format", "json"],
            check=True, capture_output=True).stdout)
        cls.activities_dir = work / "activities"
        # What worked, then the worklist ranked by the stage model's scores.
        subprocess.run([CLI, "activities", str(cls.book_dir), "--as-of", AS_OF, "--model", "stage", "--format", "csv",
                        "--out", str(cls.activities_dir)], check=True)
        cls.activities_json = json.loads(subprocess.run(
            [CLI, "activities", str(cls.book_dir), "--as-of", AS_OF, "--model", "stage", "--format", "json"],
            check=True, capture_output=True).stdout)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def check_table(self, table, csv_dir, document):
        with open(csv_dir / (table.name + ".csv"), newline="", encoding="utf-8") as f:
            lines = list(csv.reader(f))
        self.assertEqual(lines[0], table.columns)
        self.assertEqual(len(lines) - 1, len(table))
        as_json = json.loads(table.to_json())
        self.assertEqual(len(as_json), len(table))
        self.assertEqual(document[table.name], as_json, table.name)
        for c, name in enumerate(table.columns):
            values = table.column(name)
            for row, value in enumerate(values):
                where = "%s.%s row %d" % (table.name, name, row)
                self.assertEqual(as_json[row][name], expected_json_cell(value), where)
                cell, want = lines[row + 1][c], expected_csv_cell(value)
                if isinstance(want, (int, float)) and not isinstance(want, bool):
                    self.assertEqual(type(want)(cell), want, where)
                else:
                    self.assertEqual(cell, want, where)

    def test_every_report_table_agrees(self):
        report = self.book.report(as_of=AS_OF)
        self.assertEqual(len(report.tables), 25)
        self.assertEqual(sorted(p.stem for p in self.report_dir.iterdir()), sorted(report.tables))
        document = report.to_dict()
        self.assertEqual(list(document), report.tables)
        self.assertEqual(document, self.report_json)
        rows = 0
        for name in report.tables:
            with self.subTest(table=name), report.table(name) as table:
                self.check_table(table, self.report_dir, document)
                rows += len(table)
        self.assertGreater(rows, 500)  # the synthetic book fills the tables

    def test_every_lead_plan_table_agrees(self):
        plan = self.book.lead_plan(float(TARGET), as_of=AS_OF)
        self.assertEqual(plan.tables, ["lead_plan", "lead_plan_pipelines", "lead_plan_stages"])
        document = plan.to_dict()
        self.assertEqual(document, self.plan_json)
        for name in plan.tables:
            with self.subTest(table=name), plan.table(name) as table:
                self.check_table(table, self.plan_dir, document)

    def test_every_activity_effects_table_agrees(self):
        effects = self.book.activity_effects(as_of=AS_OF)
        self.assertEqual(effects.tables, ["activity_effects", "activity_stages", "activity_comparisons"])
        self.assertGreater(effects.comparisons, 10)
        document = effects.to_dict()
        self.assertEqual(list(self.activities_json)[:3], effects.tables)
        self.assertEqual(document, {name: self.activities_json[name] for name in effects.tables})
        for name in effects.tables:
            with self.subTest(table=name), effects.table(name) as table:
                self.check_table(table, self.activities_dir, document)

    def test_every_worklist_table_agrees(self):
        plan = self.book.worklist(pipecast.fit(self.book, "stage", as_of=AS_OF), as_of=AS_OF)
        self.assertEqual(plan.tables, ["worklist_summary", "worklist", "time_split"])
        self.assertGreater(len(plan.worklist), 10)
        document = plan.to_dict()
        self.assertEqual(list(self.activities_json)[3:], plan.tables)
        self.assertEqual(document, {name: self.activities_json[name] for name in plan.tables})
        for name in plan.tables:
            with self.subTest(table=name), plan.table(name) as table:
                self.check_table(table, self.activities_dir, document)

    def test_scores_agree_with_the_clis_rounded_csv(self):
        # `pipecast score --format csv` rounds for reading (amounts to cents,
        # probabilities to 4 decimals): the same rows, each value within its
        # rounding, the factors' text the same.
        model = pipecast.fit(self.book, "markov", as_of=AS_OF)
        scores = model.score(self.book, as_of=AS_OF, explain=2)
        out = subprocess.run([CLI, "score", str(self.book_dir), "--as-of", AS_OF, "--model", "markov",
                              "--explain", "2"], check=True, capture_output=True, text=True).stdout
        lines = list(csv.reader(out.splitlines()))
        with scores.table("scores") as table:
            self.assertEqual(lines[0], table.columns)
            self.assertEqual(len(lines) - 1, len(table))
            self.assertGreater(len(table), 100)
            rounding = {"currency": 0.005, "fraction": 0.00005}
            for c, name in enumerate(table.columns):
                for row, value in enumerate(table.column(name)):
                    cell, where = lines[row + 1][c], "scores.%s row %d" % (name, row)
                    if table.units[c] in rounding:
                        self.assertLessEqual(abs(float(cell) - value), rounding[table.units[c]] * 1.0001, where)
                    else:
                        self.assertEqual(cell, expected_csv_cell(value), where)

    def check_document(self, result, document, header):
        """A forecast's or a backtest's JSON: its single values (`header`),
        then each table's rows under its name, the table's own JSON."""
        self.assertEqual(list(document), header + result.tables)
        self.assertEqual(result.to_dict(), document)
        for name in result.tables:
            with self.subTest(table=name), result.table(name) as table:
                self.assertEqual(document[name], json.loads(table.to_json()), name)
                for c, column in enumerate(table.columns):
                    for row, value in enumerate(table.column(column)):
                        self.assertEqual(document[name][row][column], expected_json_cell(value),
                                         "%s.%s row %d" % (name, column, row))

    def test_the_forecasts_document_is_its_table(self):
        model = pipecast.fit(self.book, "markov", as_of=AS_OF)
        forecast = model.forecast(self.book, as_of=AS_OF, period="2024-Q3", periods=2, trials=500, seed=3)
        cli = json.loads(subprocess.run(
            [CLI, "forecast", str(self.book_dir), "--as-of", AS_OF, "--model", "markov", "--period", "2024-Q3",
             "--periods", "2", "--trials", "500", "--seed", "3", "--format", "json"],
            check=True, capture_output=True).stdout)
        self.check_document(forecast, cli, ["model", "description", "as_of", "trials", "seed", "open_deals"])
        self.assertEqual(len(cli["forecast"]), 8)

    def test_the_backtests_document_is_its_tables(self):
        backtest = pipecast.backtest(self.book, models=["stage"], from_="2024-04-30", to="2024-05-31", horizons=1,
                                     trials=100, group_by="segment")
        args = [CLI, "backtest", str(self.book_dir), "--from", "2024-04-30", "--to", "2024-05-31", "--models", "stage",
                "--horizons", "1", "--trials", "100", "--group-by", "segment"]
        cli = json.loads(subprocess.run(args + ["--format", "json"], check=True, capture_output=True).stdout)
        self.check_document(backtest, cli, ["from", "to", "every", "horizon", "horizons", "trials", "seed",
                                            "latest_day", "group_by"])
        self.assertTrue(all(cli[name] for name in backtest.tables), "a table without rows")
        # Its CSV is the metrics table, exactly.
        csv_dir = Path(self.work.name) / "backtest"
        csv_dir.mkdir(exist_ok=True)
        subprocess.run(args + ["--format", "csv", "--out", str(csv_dir / "metrics.csv")], check=True)
        with backtest.table("metrics") as table:
            self.check_table(table, csv_dir, cli)

    def documented(self):
        report = self.book.report(as_of=AS_OF)
        plan = self.book.lead_plan(float(TARGET), as_of=AS_OF)
        effects = self.book.activity_effects(as_of=AS_OF)
        model = pipecast.fit(self.book, "stage", as_of=AS_OF)
        worklist = self.book.worklist(model, as_of=AS_OF)
        scores = model.score(self.book, as_of=AS_OF, explain=1)
        forecast = model.forecast(self.book, as_of=AS_OF, trials=100)
        backtest = pipecast.backtest(self.book, models=["stage"], from_="2024-04-30", to="2024-05-31",
                                     horizons=1, trials=100)
        sections = [(title, [result.table(n) for n in result.tables]) for title, result in (
            ("The report", report), ("The lead plan", plan), ("What worked (activities)", effects),
            ("Where the next hour goes (activities)", worklist),
            ("Scores (with explain > 0)", scores),
            ("The period forecast", forecast), ("A backtest", backtest))]
        with self.book.as_of(AS_OF) as view:
            sections.append(("A book's deals", [opportunities_table(view)]))
        return tables_markdown(sections)

    def test_docs_describe_every_table(self):
        self.assertEqual(DOCS.read_text(encoding="utf-8"), self.documented(),
                         "docs/tables.md differs from the library's tables: regenerate it (see its head)")

    def test_a_number_differs_and_the_check_sees_it(self):
        # Guards the comparison itself: one changed digit in a CSV copy fails it.
        report = self.book.report(as_of=AS_OF)
        with report.table("coverage") as table:
            tampered = Path(self.work.name) / "tampered"
            tampered.mkdir(exist_ok=True)
            lines = (self.report_dir / "coverage.csv").read_text(encoding="utf-8").splitlines()
            cells = lines[1].split(",")
            column = table.columns.index("won")
            cells[column] = repr(float(cells[column]) + 0.01)
            lines[1] = ",".join(cells)
            (tampered / "coverage.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
            with self.assertRaises(AssertionError):
                self.check_table(table, tampered, self.report_json)
            # And one changed number in the document fails it too.
            document = json.loads(json.dumps(self.report_json))
            document["coverage"][0]["won"] += 0.01
            with self.assertRaises(AssertionError):
                self.check_table(table, self.report_dir, document)
            self.check_table(table, self.report_dir, self.report_json)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--write-docs"]:
        TableAgreement.setUpClass()
        DOCS.write_text(TableAgreement("documented").documented(), encoding="utf-8")
        TableAgreement.tearDownClass()
        print("wrote", DOCS)
    else:
        unittest.main()
