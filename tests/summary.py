#!/usr/bin/env python3
"""One line per suite of every build that make test ran, then the totals.

Usage: summary.py BUILD_NAME=JUNIT_XML [BUILD_NAME=JUNIT_XML ...]

Each JUnit file is what `ctest --output-junit` wrote for one build.  A test's
suite is the first dotted part of its CTest name (analytics.Funnel.X ->
analytics, capi.version -> capi).  A CTest test that ran a GoogleTest program
whole or in parts ("<area>.all", "<area>.part1", "concurrency.import": the
sanitizer builds run them so; tests/CMakeLists.txt) is
counted test by test from the program's own XML report,
gtest-results/<ctest name>.xml beside the JUnit file, or, when the program
stopped before writing it, as one failure.  The last line stands alone, as CI reads
it: "N passed, N failed, N skipped".  Exits 1 when a test failed or a build
left no results (its build failed before any test ran).
"""
import os
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict


def outcome(case):
    """passed, failed or skipped, from a ctest or a GoogleTest <testcase>."""
    if case.find("failure") is not None or case.find("error") is not None or case.get("status") == "fail":
        return "failed"
    if (case.find("skipped") is not None or case.get("status") in ("notrun", "disabled")
            or case.get("result") in ("skipped", "suppressed")):
        return "skipped"
    return "passed"


def cases_of(junit):
    """(name, outcome, seconds) of every test of one build."""
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = case.get("name", "")
        program_report = os.path.join(os.path.dirname(junit), "gtest-results", name + ".xml")
        if os.path.exists(program_report):
            area = name.split(".", 1)[0]
            tests = [(f"{area}.{test.get('classname')}.{test.get('name')}", outcome(test),
                      float(test.get("time") or 0))
                     for test in ET.parse(program_report).getroot().iter("testcase")]
            yield from tests
            # A program can fail after its tests passed: a leak found at exit.
            if outcome(case) == "failed" and all(result != "failed" for _, result, _ in tests):
                yield (name, "failed", 0.0)
        else:
            yield name, outcome(case), float(case.get("time") or 0)


def suites_of(junit):
    suites = OrderedDict()
    for name, result, seconds in cases_of(junit):
        tally = suites.setdefault(name.split(".", 1)[0],
                                  {"passed": 0, "failed": 0, "skipped": 0, "seconds": 0.0, "failures": []})
        tally["seconds"] += seconds
        tally[result] += 1
        if result == "failed":
            tally["failures"].append(name)
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
