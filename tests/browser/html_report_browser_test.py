#!/usr/bin/python3
"""The HTML report in a real browser: headless Chromium, driven by Selenium.

For each case (the hand-made small book, a synthetic book at two dates, and
`pipecast demo`) it writes the page with `--html`, opens it in Chromium and
checks that:
  - the browser console has no error (the page's Content-Security-Policy
    turns any attempt to load something from elsewhere into one), and the
    page loaded no resource at all;
  - every chart is an <svg> with shapes in it, drawn with a non-zero size;
  - every figure marked data-figure="path" data-value="raw" equals the value
    at that path in `pipecast report --format json` (`pipecast plan` for
    lead_plan.*, `pipecast forecast` with the page's model, date and periods
    for forecast.*, `pipecast forecast --since` with the page's day, model,
    date and first period for movement.*, `pipecast backtest` with the
    page's origins for backtest.*, `pipecast activities` with the page's
    scope and model for activities.*, all --format json), exactly, and the key
    figures are there;
  - the forecast's actual of a period that is over equals the won amount of
    that period (`forecast` as of the book's latest day: its closed part;
    `report --period`: the coverage table's team row, won);
  - a filtered report says its forecast and backtest are the whole company's,
    and the footer names what is known only after the as-of date;
  - the page prints (Chromium renders it to PDF);
and leaves a full-page screenshot, a top-of-page screenshot and the PDF in
the output folder.

Needs Debian's chromium, chromium-driver and python3-selenium (installed by
tests/install_test_packages.sh in browser.install, the CTest fixture this
test requires); exits 77 (CTest: skipped) with the reason when they are not
there.

Usage: html_report_browser_test.py --pipecast PATH --data TESTS_DATA --out DIR
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Figures the page must show, as paths in the report JSON.  The test compares
# every marked figure, these must be among them.
TEAM_WON = "coverage.last.won"
# Row "last" is a table's last row (coverage's team, sales velocity's total).
KEY_FIGURES = [
    "summary.0.as_of", "summary.0.period", "summary.0.deals",
    "coverage.last.open_amount", "coverage.last.open_deals", "coverage.last.weighted_amount",
    "coverage.last.won", "coverage.last.won_deals",
    "patterns_summary.0.win_rate", "patterns_summary.0.win_rate_trials",
    "sales_velocity.last.opportunities", "sales_velocity.last.value_per_30_days",
    "stalled_summary.0.stalled", "stalled_summary.0.stalled_value",
    "stalled_summary.0.overdue", "stalled_summary.0.overdue_value",
    "stalled_thresholds.0.days",
    "funnel.0.reached", "funnel.0.to_next",
    "sales_velocity.0.opportunities", "sales_velocity.0.value_per_30_days",
    "coverage.0.won", "coverage.0.open_amount", "coverage.0.coverage",
    "velocity.0.completed_median", "velocity.0.current_count",
    "cycles.0.days_median", "velocity_trend.0.days_median",
    "products.0.expected_revenue", "products_summary.0.win_rate",
    "cross_sell_summary.0.buying_accounts", "cross_sell_summary.0.won_deals",
]
# Figures of the synthetic book's cross-sell (the small book has no pair, no suggestion).
CROSS_SELL_FIGURES = ["cross_sell_products.0.base_rate", "cross_sell_pairs.0.lift",
                      "cross_sell_pairs.0.confidence"]
# The first flagged deal's row, when the totals say there is one.
STALLED_DEAL_FIGURES = ["stalled.0.amount", "stalled.0.days_in_stage", "stalled.0.threshold",
                        "stalled.0.close_date", "stalled.0.days_overdue"]
# The forecast's table has four rows a period (closed, pipeline, new, total):
# row 3 is the first period's total, 7 the second's.
FORECAST_FIGURES = ["forecast.forecast.3.period", "forecast.forecast.3.expected", "forecast.forecast.3.p10",
                    "forecast.forecast.3.p50", "forecast.forecast.3.p90", "forecast.forecast.0.expected",
                    "forecast.forecast.1.expected", "forecast.forecast.7.p50"]
FIRST_PERIOD = "forecast.forecast.3.period"
# The backtest's tables in `pipecast backtest --horizons 1 --format json`:
# deal_summary has two rows a model with per-deal metrics (eventual, 1), in
# the order crm, stage, markov, logistic, auto (row 4: markov's eventual);
# summary one row a model, seasonal-naive last (row 5).
BACKTEST_FIGURES = ["backtest.deal_summary.4.brier", "backtest.deal_summary.4.auc", "backtest.deal_summary.4.deals",
                    "backtest.summary.2.wape", "backtest.summary.2.coverage", "backtest.summary.5.wape"]
LEAD_PLAN_FIGURES = ["lead_plan.0.target", "lead_plan.0.gap", "lead_plan.0.won_in_period",
                     "lead_plan.0.expected_from_pipeline"]
# The waterfall of `report --since`: rows 0 ("before") to 8 ("after") of the
# first period in `pipecast forecast --since --format json`, and its movers.
MOVEMENT_SECTION = "What moved the forecast"
MOVEMENT_FIGURES = (["movement.since", "movement.as_of", "movement.model", "movement.movement.0.period_start",
                     "movement.movement.0.period_end"] +
                    ["movement.movement.%d.%s" % (row, key) for row in range(9) for key in ("change", "running")] +
                    ["movement.movers.0.id", "movement.movers.0.change", "movement.movers.9.change"])

SHAPES = "rect,path,line,polyline,polygon,circle"


class Failures:
    def __init__(self, quiet=False):
        self.passed = 0
        self.failed = 0
        self.messages = []
        self.quiet = quiet

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.messages.append(what)
            if not self.quiet:
                print("FAIL " + what, flush=True)
        return ok


def skip(reason):
    print("SKIP: " + reason + " (tests/install_test_packages.sh installs them as root: ctest -R browser)", flush=True)
    sys.exit(SKIP)


def browser():
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            skip(path + " is missing")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        skip("python3-selenium is missing (" + str(e) + ")")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # Root (as CI runs) needs --no-sandbox; a fixed size and scale factor
    # make the screenshots the same on every machine.
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(" ".join(command) + " exited " + str(result.returncode) + ": " + result.stderr)
    return result.stdout


_documents = {}


def run_json(command):
    """The JSON document `command` prints.  pipecast's output depends on its
    arguments alone, so a command the self-checks repeat runs once (each run
    is a CLI process and a model fit)."""
    key = tuple(command)
    if key not in _documents:
        _documents[key] = json.loads(run(command))
    return _documents[key]


def last_row(report_json, path):
    """The path with its row "last" made the table's last row number."""
    parts = path.split(".")
    if len(parts) > 1 and parts[1] == "last":
        parts[1] = str(len(report_json[parts[0]]) - 1)
    return ".".join(parts)


def resolve(document, path):
    """The value at a dotted path (array positions as numbers); KeyError when
    absent.  Below a null the value is null: a backtest model without per-deal
    metrics has "eventual": null, and the page a dash (data-value "null")."""
    value = document
    for part in path.split("."):
        if value is None:
            return None
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def close(a, b):
    """Equal up to the order of a sum: the won amount added up by two engines."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def same(raw, expected):
    """data-value text against the JSON value, exactly."""
    if expected is None:
        return raw == "null"
    if isinstance(expected, bool):
        return raw == ("true" if expected else "false")
    if isinstance(expected, (int, float)):
        try:
            return float(raw) == float(expected)
        except ValueError:
            return False
    return raw == str(expected)


PAGE_FACTS = """
const charts = [...document.querySelectorAll('svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  return {title: svg.getAttribute('aria-label') || '', shapes: svg.querySelectorAll(arguments[0]).length,
          width: box.width, height: box.height};
});
const figures = [...document.querySelectorAll('[data-figure]')].map(e =>
  ({path: e.dataset.figure, value: e.dataset.value, text: e.textContent.trim()}));
return {charts: charts, figures: figures,
        resources: performance.getEntriesByType('resource').map(r => r.name),
        scripts: document.scripts.length,
        height: Math.ceil(document.documentElement.scrollHeight),
        title: document.title,
        notes: [...document.querySelectorAll('p.scope-note')].map(p => p.textContent),
        footer: (document.querySelector('footer') || {textContent: ''}).textContent,
        sections: [...document.querySelectorAll('section h2')].map(h => h.textContent)};
"""


def check_page(driver, case, page, report_json, sources, out, failures, expect=None, artefacts=True):
    """sources(prefix, marked): the JSON document of figures whose path starts
    with prefix ("lead_plan", "forecast", "movement", "backtest", "activities"), made from
    the page's own marked figures (its target, periods, ...); sources("won",
    label): the won amount of a period, two ways (see check_actuals).
    artefacts: print the page to PDF and take its screenshots (the
    self-checks' tampered pages, which only have to fail, skip them: a
    second apiece)."""
    expect = expect or {}
    driver.get("file://" + os.path.abspath(page))
    facts = driver.execute_script(PAGE_FACTS, SHAPES)
    errors = [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]
    failures.check(not errors, case + ": console errors: " + json.dumps(errors))
    failures.check(not facts["resources"], case + ": the page loaded resources: " + str(facts["resources"]))
    failures.check(facts["scripts"] == 0, case + ": the page has scripts")
    failures.check(len(facts["sections"]) >= 10, case + ": sections: " + str(facts["sections"]))
    # The movement's section is there when asked for (--since), and only then.
    failures.check((MOVEMENT_SECTION in facts["sections"]) == bool(expect.get("movement")),
                   case + ": sections: " + str(facts["sections"]))

    failures.check(len(facts["charts"]) >= 4, case + ": only " + str(len(facts["charts"])) + " charts")
    for chart in facts["charts"]:
        failures.check(chart["shapes"] > 0, case + ": chart without shapes: " + chart["title"])
        failures.check(chart["width"] > 100 and chart["height"] > 20,
                       case + ": chart not drawn (%.0f x %.0f): %s" % (chart["width"], chart["height"], chart["title"]))

    marked = {f["path"]: f for f in facts["figures"]}
    required = [last_row(report_json, p) for p in KEY_FIGURES] + FORECAST_FIGURES + expect.get("figures", [])
    if "lead_plan.0.target" in marked:
        required += LEAD_PLAN_FIGURES
    flagged = [marked.get("stalled_summary.0." + k) for k in ("stalled", "overdue")]
    if all(flagged) and sum(int(f["value"]) for f in flagged) > 0:
        required += STALLED_DEAL_FIGURES
    for path in required:
        failures.check(path in marked, case + ": key figure missing: " + path)
    documents = {}
    compared = 0
    for f in facts["figures"]:
        path = f["path"]
        prefix = path.split(".")[0]
        if prefix.startswith("lead_plan"):
            prefix = "lead_plan"  # lead_plan, lead_plan_stages, ...: tables of one document
        if path.startswith("forecast.") and path.endswith(".actual"):
            continue  # not in the forecast's JSON: check_actuals below
        try:
            if prefix in ("lead_plan", "forecast", "movement", "backtest", "activities"):
                if prefix not in documents:
                    documents[prefix] = sources(prefix, marked)
                # The plan's JSON is its tables by name; the others are the document.
                inner = path if prefix == "lead_plan" else path[len(prefix) + 1:]
                expected = resolve(documents[prefix], inner)
            else:
                expected = resolve(report_json, path)
        except (KeyError, IndexError, TypeError, ValueError):
            failures.check(False, case + ": " + path + " is not in the JSON")
            continue
        failures.check(same(f["value"], expected),
                       "%s: %s is %s in the page, %s in the JSON" % (case, path, f["value"], json.dumps(expected)))
        failures.check(f["text"] != "", case + ": " + path + " shows no text")
        compared += 1
    compared += check_actuals(case, marked, sources, failures)
    for note in expect.get("notes", []):
        failures.check(any(note in n for n in facts["notes"]), case + ": no note '%s' in %s" % (note, facts["notes"]))
    if "notes" not in expect:
        failures.check(not facts["notes"], case + ": unexpected notes: " + str(facts["notes"]))
    for text in expect.get("footer", []):
        failures.check(text in facts["footer"], case + ": the footer does not say '%s': %s" % (text, facts["footer"]))

    if artefacts:
        print_and_photograph(driver, case, facts, out, failures)
    print("%s: %d charts, %d figures equal to the JSON, %d sections" %
          (case, len(facts["charts"]), compared, len(facts["sections"])), flush=True)


def print_and_photograph(driver, case, facts, out, failures):
    """The page's PDF, checked, and its screenshots, for a person to look at."""
    # Printable: Chromium lays it out on paper without trouble.
    pdf = base64.b64decode(driver.print_page())
    with open(os.path.join(out, case + ".pdf"), "wb") as f:
        f.write(pdf)
    failures.check(pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 1, case + ": no printable PDF")

    # The top of the page (headline figures, funnel) as a person first sees
    # it on a laptop, and the whole page.
    driver.set_window_size(1280, 1500)
    driver.save_screenshot(os.path.join(out, case + "-top.png"))
    driver.set_window_size(1280, min(facts["height"] + 40, 16000))
    driver.save_screenshot(os.path.join(out, case + ".png"))
    driver.set_window_size(1280, 900)
    print("%s: %s.pdf, screenshots %s.png and %s-top.png" % (case, case, case, case), flush=True)


def check_actuals(case, marked, sources, failures):
    """Each actual of the fan equals the won amount of its period, two ways."""
    checked = 0
    for i in range(12):
        base = "forecast.forecast.%d." % (4 * i + 3)  # the period's total's row
        if base + "actual" not in marked:
            continue
        page_actual = float(marked[base + "actual"]["value"])
        won = sources("won", marked[base + "period"]["value"])
        failures.check(page_actual == won["closed"],
                       "%s: %sactual is %r, the forecast's closed part as of the latest day %r" %
                       (case, base, page_actual, won["closed"]))
        failures.check(close(page_actual, won["report"]),
                       "%s: %sactual is %r, the report's won in the period %r" % (case, base, page_actual, won["report"]))
        checked += 1
    return checked


def self_check(driver, page, report_json, sources, out):
    """The checks can fail: a page that loads an image from elsewhere, has an
    empty chart and wrong figures (the report's, the forecast's) must be
    caught, each one."""
    with open(page, encoding="utf-8") as f:
        html = f.read()
    html = html.replace("<main>", '<main><img src="https://pipecast.invalid/logo.png" alt="">', 1)
    start = html.index("<svg")
    html = html[:start] + '<svg xmlns="http://www.w3.org/2000/svg" aria-label="empty"></svg>' + html[start:]
    html = with_wrong_figures(html, [last_row(report_json, TEAM_WON), "coverage.0.won",
                                     "forecast.forecast.3.p50"])
    tampered = os.path.join(out, "tampered.html")
    with open(tampered, "w", encoding="utf-8") as f:
        f.write(html)
    caught = Failures(quiet=True)
    check_page(driver, "tampered", tampered, report_json, sources, out, caught, artefacts=False)
    return caught.messages


def with_wrong_figures(html, paths):
    """The page with the data-value of each figure at `paths` made another number."""
    for path in paths:
        marker = 'data-figure="%s" data-value="' % path
        at = html.index(marker) + len(marker)
        html = html[:at] + "1" + html[at:]  # one more digit in front: a different number
    return html


def self_check_movement(driver, page, report_json, sources, out, expect):
    """A wrong waterfall bar and a wrong mover are caught too: the movement's
    figures are compared with `forecast --since`, not skipped."""
    with open(page, encoding="utf-8") as f:
        html = with_wrong_figures(f.read(), ["movement.movement.3.change", "movement.movers.0.change"])
    tampered = os.path.join(out, "tampered_movement.html")
    with open(tampered, "w", encoding="utf-8") as f:
        f.write(html)
    caught = Failures(quiet=True)
    check_page(driver, "tampered_movement", tampered, report_json, sources, out, caught, expect, artefacts=False)
    return caught.messages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipecast", required=True)
    parser.add_argument("--data", required=True, help="tests/data")
    parser.add_argument("--out", required=True, help="where pages, screenshots and PDFs go")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pipecast = args.pipecast
    small = os.path.join(args.data, "small_book")
    work = tempfile.mkdtemp(prefix="pipecast-browser-")
    started = time.time()
    driver = browser()
    failures = Failures()
    try:
        synthetic = os.path.join(work, "synthetic")
        run([pipecast, "synth", synthetic, "--deals", "20000", "--seed", "7"])

        def sources_for(data, scope, backtest, since=None):
            """The JSON behind the page's plan, forecast, movement and backtest
            figures, run with the page's options (see report_html.cpp), and
            the won amount of a period for its actuals."""
            def source(prefix, given):
                """given: the page's marked figures, or for "won" a period's label."""
                marked = given
                if prefix == "lead_plan":
                    target = repr(float(marked["lead_plan.0.target"]["value"]))
                    return run_json([pipecast, "plan", data, "--target", target, "--format", "json", *scope])
                if prefix == "forecast":
                    periods = sum(1 for p in marked if p.startswith("forecast.") and p.endswith(".period"))
                    return run_json([pipecast, "forecast", data, "--as-of", marked["summary.0.as_of"]["value"],
                                           "--period", marked[FIRST_PERIOD]["value"],
                                           "--periods", str(periods), "--model", "auto", "--format", "json"])
                if prefix == "movement":
                    # The page's forecast model, fitted as of its date, over
                    # the first period of its forecast.
                    return run_json([pipecast, "forecast", data, "--as-of", marked["summary.0.as_of"]["value"],
                                           "--since", since, "--model", "auto",
                                           "--period", marked[FIRST_PERIOD]["value"],
                                           "--format", "json"])
                if prefix == "activities":
                    # The worklist ranked with the page's forecast model (auto).
                    return run_json([pipecast, "activities", data, "--model", "auto", "--format", "json", *scope])
                if prefix == "backtest":
                    return run_json([pipecast, "backtest", data, "--from", backtest[0], "--to", backtest[1],
                                           "--horizons", "1", "--format", "json"])
                # "won": the period's bookings as of the book's latest day (no
                # --as-of); the closed part does not depend on the model, and
                # crm's needs no fit.
                period = given
                rows = run_json([pipecast, "forecast", data, "--period", period, "--trials", "100",
                                       "--model", "crm", "--format", "json"])["forecast"]
                closed = next(r["expected"] for r in rows if r["component"] == "closed")
                report = run_json([pipecast, "report", data, "--period", period, "--format", "json"])
                return {"closed": closed, "report": report["coverage"][-1]["won"]}
            return source

        whole_company = ["Whole company: the forecast is made from every deal of the book",
                         "Whole company: the waterfall is made from every deal of the book",
                         "Whole company: the backtest is made from every deal of the book"]
        # (name, data, scope options shared with `plan`, options of `report` only,
        #  the page's backtest origins or None, its --since day or None, what else to expect)
        cases = [
            ("small_book", small, [], [], None, None, {}),
            ("synthetic", synthetic, ["--as-of", "2024-12-31"], [], None, None,
             {"figures": ["patterns_top.0.win_rate", "patterns_top.0.difference"] + CROSS_SELL_FIGURES}),
            ("synthetic_q3", synthetic, ["--as-of", "2024-08-15", "--period", "2024-Q3"],
             ["--by", "owner,segment", "--target", "60000000"], None, None,
             {"figures": ["forecast.forecast.3.actual", "forecast.forecast.7.actual"],
              "footer": ["as known at the end of 15 Aug 2024, except the forecast's actuals, "
                         "as known at the end of 31 Dec 2024"]}),
            # A segment's report with a backtest and what moved the forecast of
            # 2024-Q4 in October: the backtest section, the waterfall and its
            # movers rendered and checked against `backtest` and `forecast
            # --since`, the forecast and backtest labelled whole company.  (One
            # page for both: each page costs Chromium seconds in make test.)
            ("synthetic_smb_backtest", synthetic, ["--as-of", "2024-10-31", "--filter", "segment=SMB"], [],
             ("2024-08-31", "2024-09-30"), "2024-10-01",
             {"figures": BACKTEST_FIGURES + MOVEMENT_FIGURES, "notes": whole_company, "movement": True,
              "footer": ["the outcomes the backtest is scored against, as known at the end of 31 Dec 2024"]}),
        ]
        made = {}  # case: its page, report JSON and sources, for the self-checks
        for case, data, scope, extra, backtest, since, expect in cases:
            page = os.path.join(args.out, case + ".html")
            page_only = ["--backtest-from", backtest[0], "--backtest-to", backtest[1]] if backtest else []
            page_only += ["--since", since] if since else []
            run([pipecast, "report", data, *scope, *extra, *page_only, "--html", page])
            report_json = run_json([pipecast, "report", data, *scope, *extra, "--format", "json"])
            made[case] = (page, report_json, sources_for(data, scope, backtest, since))
            check_page(driver, case, page, report_json, made[case][2], args.out, failures, expect)

        # The demo is the synthetic book above as of its last day.
        page = os.path.join(args.out, "demo.html")
        run([pipecast, "demo", "--html", page])
        demo_json = run_json([pipecast, "demo", "--format", "json"])["report"]
        check_page(driver, "demo", page, demo_json, sources_for(synthetic, ["--as-of", "2024-12-31"], None), args.out,
                   failures)

        small_json = run_json([pipecast, "report", small, "--format", "json"])
        caught = self_check(driver, os.path.join(args.out, "small_book.html"), small_json, sources_for(small, [], None),
                            args.out)
        for expected in ("tampered: console errors", "tampered: chart without shapes: empty",
                         "tampered: %s is 1" % last_row(small_json, TEAM_WON), "tampered: coverage.0.won is 1",
                         "tampered: forecast.forecast.3.p50 is 1"):
            failures.check(any(m.startswith(expected) for m in caught),
                           "self-check: a tampered page was not caught (%s); caught: %s" % (expected, caught))
        caught = self_check_movement(driver, *made["synthetic_smb_backtest"], args.out,
                                     next(c[-1] for c in cases if c[0] == "synthetic_smb_backtest"))
        for expected in ("tampered_movement: movement.movement.3.change is 1",
                         "tampered_movement: movement.movers.0.change is 1"):
            failures.check(any(m.startswith(expected) for m in caught),
                           "self-check: a tampered movement was not caught (%s); caught: %s" % (expected, caught))
        failures.check(len(caught) == 2, "self-check: the tampered movement failed more than its figures: " + str(caught))
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    print("browser test: %.1f s; pages, screenshots and PDFs in %s" % (time.time() - started, args.out))
    print("%d passed, %d failed" % (failures.passed, failures.failed))
    return 1 if failures.failed else 0


if __name__ == "__main__":
    sys.exit(main())
