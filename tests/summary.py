#!/usr/bin/env python3
"""One line per suite of every build that make test ran, then the totals.

Usage: summary.py BUILD_NAME=JUNIT_XML [BUILD_NAME=JUNIT_XML ...]

Each JUnit file is what `ctest --output-junit` wrote for one build.  A test's
suite is the first dotted part of its CTest name (analytics.Funnel.X ->
analytics, capi.version -> capi).  The last line stands alone, as CI reads
it: "N passed, N failed, N skipped".  Exits 1 when a test failed or a build
left no results (its build failed before any test ran).
"""
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict


def suites_of(path):
    suites = OrderedDict()
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("name", "")
        suite = name.split(".", 1)[0]
        tally = suites.setdefault(suite, {"passed": 0, "failed": 0, "skipped": 0, "seconds": 0.0, "failures": []})
        tally["seconds"] += float(case.get("time") or 0)
        status = case.get("status", "")
        if case.find("failure") is not None or case.find("error") is not None or status == "fail":
            tally["failed"] += 1
            tally["failures"].append(name)
        elif case.find("skipped") is not None or status in ("notrun", "disabled"):
            tally["skipped"] += 1
        else:
            tally["passed"] += 1
    return suites


def main(arguments):
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    missing = []
    failures = []
    print(f"{'build':<10} {'suite':<16} {'passed':>7} {'failed':>7} {'skipped':>8} {'seconds':>8}")
    for argument in arguments:
        build, _, path = argument.partition("=")
        try:
            suites = suites_of(path)
        except (OSError, ET.ParseError):
            print(f"{build:<10} {'(no results: the build or its test run failed)'}")
            missing.append(build)
            continue
        for suite, t in suites.items():
            print(f"{build:<10} {suite:<16} {t['passed']:>7} {t['failed']:>7} {t['skipped']:>8} {t['seconds']:>8.1f}")
            for key in totals:
                totals[key] += t[key]
            failures += [f"{build}: {name}" for name in t["failures"]]
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
    return 1 if totals["failed"] or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
