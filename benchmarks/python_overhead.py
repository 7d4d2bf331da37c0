"""What the Python binding adds to a C ABI call, at 10^4 to 10^6 deals.

    python3 benchmarks/python_overhead.py [BUILD_DIR]   (default build-release)

For each size it times the same call twice: straight through ctypes (the C
call plus the least ctypes can do) and through the binding (options from
keyword arguments, the result wrapped in dataclasses).  The median of the
paired differences is what Python adds; it must not grow with the number of deals.  Median of
repeated runs, CPU time of the process (the library runs in it), which
other programs on the machine disturb less than wall time.
"""

import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

repo = Path(__file__).resolve().parents[1]
build = Path(sys.argv[1] if len(sys.argv) > 1 else repo / "build-release").resolve()
os.environ.setdefault("PIPECAST_LIBRARY", str(build / "capi" / "libpipecast.so.0"))
sys.path.insert(0, str(repo / "bindings" / "python"))

import pipecast  # noqa: E402
from pipecast import _library  # noqa: E402

lib = pipecast._core.lib
AS_OF = "2024-12-31"


def timed(call):
    start = time.process_time()
    call()
    return time.process_time() - start


def compare(raw, bound, repeat):
    """Medians of the two calls, run in alternation so that drifts of the
    machine hit both alike, and the median of their paired differences."""
    raw_times, bound_times = [], []
    for _ in range(repeat):
        raw_times.append(timed(raw))
        bound_times.append(timed(bound))
    differences = [b - r for r, b in zip(raw_times, bound_times)]
    return statistics.median(raw_times), statistics.median(bound_times), statistics.median(differences)


def raw_count(book, day):
    counts = _library.Counts()
    lib.pipecast_counts_init(ctypes.byref(counts))
    return lambda: lib.pipecast_book_count(book._handle, day, ctypes.byref(counts))


def raw_report(book, day):
    scope = _library.ScopeOptions()
    lib.pipecast_scope_options_init(ctypes.byref(scope))
    scope.as_of_day = day
    out = _library.ResultPointer()

    def call():
        if lib.pipecast_report(book._handle, ctypes.byref(scope), None, ctypes.byref(out)) != 0:
            raise pipecast.Error(-7, lib.pipecast_last_error().decode())
        lib.pipecast_result_free(out)

    return call


def raw_score(model, book, day):
    """pipecast_score and the bulk read of its three columns, as Scores does."""
    options = _library.ScoreOptions()
    lib.pipecast_score_options_init(ctypes.byref(options))
    options.as_of_day = day
    out = _library.ResultPointer()
    count = ctypes.c_size_t()

    def call():
        if lib.pipecast_score(model._handle, book._handle, ctypes.byref(options), ctypes.byref(out)) != 0:
            raise pipecast.Error(-7, lib.pipecast_last_error().decode())
        lib.pipecast_score_count(out, ctypes.byref(count))
        n = count.value
        p, e, c = (ctypes.c_double * n)(), (ctypes.c_double * n)(), (ctypes.c_int32 * n)()
        lib.pipecast_score_read(out, p, e, c, n)
        lib.pipecast_result_free(out)

    return call


def bound_score(model, book, date):
    def call():
        scores = model.score(book, as_of=date)
        scores.win_probability  # the bulk read
        scores.close()

    return call


def main():
    cli = build / "tools" / "pipecast" / "pipecast"
    day = pipecast.to_day(pipecast.parse_date(AS_OF))
    print("| deals | call | ctypes alone | binding | Python adds |")
    print("| ---: | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for deals in (10_000, 100_000, 1_000_000):
            folder = Path(tmp) / str(deals)
            subprocess.run([str(cli), "synth", str(folder), "--deals", str(deals), "--seed", "7"], check=True,
                           stdout=subprocess.DEVNULL)
            with pipecast.Book.load(folder) as book, pipecast.fit(book, "stage", as_of=AS_OF) as model:
                for name, raw, bound in (
                    ("counts", raw_count(book, day), lambda: book.counts(pipecast.parse_date(AS_OF))),
                    ("report", raw_report(book, day), lambda: book.report(pipecast.parse_date(AS_OF)).close()),
                    ("score", raw_score(model, book, day), bound_score(model, book, pipecast.parse_date(AS_OF))),
                ):
                    n = {"counts": 400 if deals < 10**6 else 60, "report": 60 if deals < 10**6 else 15,
                         "score": 200 if deals < 10**6 else 30}[name]
                    c_time, py_time, added = compare(raw, bound, n)
                    print("| 10^%d | %s | %.3f ms | %.3f ms | %+.0f us |"
                          % (len(str(deals)) - 1, name, c_time * 1e3, py_time * 1e3, added * 1e6))
            for f in folder.iterdir():
                f.unlink()


if __name__ == "__main__":
    main()
