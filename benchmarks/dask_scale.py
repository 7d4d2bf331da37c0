"""A book too large for one worker, on a Dask cluster (issue 18, part 4).

Fits a logistic model and forecasts the next period of one synthetic book,
twice: in one process on the whole book (the `pipecast` CLI), then on a
distributed.LocalCluster of worker processes from the book's parts
(pipecast.dask, parts that do not hold their deals: Parts(hold_deals=False)).
Prints each step's wall time, the peak resident memory of the one process
and of each worker, and whether the two agree (the forecast's figures).

Run with Debian's interpreter, which has dask and distributed:

    /usr/bin/python3 benchmarks/dask_scale.py --build build-release --work /tmp/scale \\
        --deals 10000000 --parts 8 --workers 2

The book and its parts are written under --work once and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Tuple


def timed(command: List[str], out: Path = None) -> Tuple[float, int]:
    """Runs `command` (stdout to `out`): its wall seconds and peak resident KB (GNU time)."""
    with open(out, "wb") if out else open(os.devnull, "wb") as sink:
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stdout=sink, stderr=subprocess.PIPE,
                              check=True)
    seconds, kilobytes = done.stderr.decode().strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes)


def peak_kb() -> int:
    """This process's peak resident memory (KB): run on each worker."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def gb(kilobytes: int) -> str:
    return "%.2f GB" % (kilobytes / 1024 ** 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build-release", help="a Release build folder (its CLI and library)")
    parser.add_argument("--work", required=True, help="folder for the book, its parts and the outputs")
    parser.add_argument("--deals", type=int, default=10_000_000)
    parser.add_argument("--parts", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--as-of", default="2024-12-31")
    parser.add_argument("--period", default="2025-Q1", help="the period forecast (after --as-of)")
    parser.add_argument("--trials", type=int, default=10_000)
    parser.add_argument("--skip-one-process", action="store_true", help="only the cluster's run")
    args = parser.parse_args()

    build = Path(args.build).resolve()
    cli = str(build / "tools" / "pipecast" / "pipecast")
    os.environ["PIPECAST_LIBRARY"] = str(build / "capi" / "libpipecast.so")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bindings" / "python"))
    import distributed
    import pipecast
    import pipecast.dask

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    book, parts_dir = work / "book", work / "parts"
    print("machine: %d cores, %.0f GB; %d deals in %d parts, %d workers"
          % (os.cpu_count(), os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, args.deals, args.parts,
             args.workers))
    if not (book / "opportunities.csv").exists():
        s, kb = timed([cli, "synth", "--deals", str(args.deals), "--seed", "7", "--start", "2015-01-01", "--end",
                       args.as_of, str(book)])
        print("synth: %.0f s, %s" % (s, gb(kb)))
    if not (parts_dir / ("part-%d" % args.parts)).exists():
        s, kb = timed([cli, "split", str(book), str(parts_dir), "--parts", str(args.parts)])
        print("split: %.0f s, %s" % (s, gb(kb)))

    forecast_args = ["--as-of", args.as_of, "--period", args.period, "--trials", str(args.trials), "--seed", "1", "--format", "json"]
    if not args.skip_one_process:
        s, kb = timed([cli, "fit", str(book), "--model", "logistic", "--as-of", args.as_of, "--out",
                       str(work / "whole.pcm")])
        print("one process, fit logistic: %.0f s, peak %s" % (s, gb(kb)))
        s, kb = timed([cli, "forecast", str(book), "--model-file", str(work / "whole.pcm")] + forecast_args,
                      out=work / "whole-forecast.json")
        print("one process, forecast (model file): %.0f s, peak %s" % (s, gb(kb)))

    paths = [parts_dir / ("part-%d" % i) for i in range(1, args.parts + 1)]
    cluster = distributed.LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1,
                                       memory_limit=0, dashboard_address=None, silence_logs=40)
    client = distributed.Client(cluster)
    try:
        start = time.monotonic()
        with pipecast.dask.Parts(client, paths, hold_deals=False) as parts:
            opened = time.monotonic()
            model = pipecast.dask.fit(client, parts, "logistic", as_of=args.as_of)
            fitted = time.monotonic()
            forecast = pipecast.dask.forecast(client, parts, model, period=args.period, trials=args.trials, seed=1,
                                              as_of=args.as_of)
            done = time.monotonic()
        model.save(str(work / "parts.pcm"))
        workers = client.run(peak_kb)
        print("cluster: parts opened in %.0f s, fit logistic %.0f s, forecast %.0f s (total %.0f s)"
              % (opened - start, fitted - opened, done - fitted, done - start))
        for address, kb in sorted(workers.items()):
            print("  worker %s: peak %s" % (address, gb(kb)))
        print("  this process (the client): peak %s" % gb(peak_kb()))
        with open(work / "parts-forecast.json", "w") as f:
            f.write(forecast.to_json())
    finally:
        client.close()
        cluster.close()

    if not args.skip_one_process:
        # The two models agree to rounding (their coefficients to 1e-9): the
        # forecasts' figures, row by row, with the largest relative gap.
        whole = json.loads((work / "whole-forecast.json").read_text())["forecast"]
        ours = json.loads((work / "parts-forecast.json").read_text())["forecast"]
        gap = 0.0
        for a, b in zip(whole, ours):
            for key in ("expected", "p10", "p50", "p90"):
                if isinstance(a.get(key), float) and a[key] != 0:
                    gap = max(gap, abs(a[key] - b[key]) / abs(a[key]))
        total = next(r for r in whole if r["component"] == "total")
        print("forecast rows: %d and %d; largest relative gap %.2g; total P10/P50/P90 %.0f / %.0f / %.0f"
              % (len(whole), len(ours), gap, total["p10"], total["p50"], total["p90"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
