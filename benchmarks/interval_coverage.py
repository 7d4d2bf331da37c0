#!/usr/bin/env python3
"""How often the next period's bookings fall inside the forecast's P10..P90,
over many origins and several synthetic books: each seed's book with and
without a regime change, a rolling-origin backtest on each, the coverage per
book and pooled over the books of each kind.

Why pooled: over 48 origins the share covered has a standard error of about
6 points at 80% (each origin is covered or not), so one book's figure can
leave an 80% +- 5% band by the luck of its draw alone.  Pooled over four books
(192 origins) the standard error is under 3 points.

Needs only the pipecast CLI and a Python 3:
    python3 benchmarks/interval_coverage.py --pipecast build-release/tools/pipecast/pipecast
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

REGIME_CHANGE = "2024-01-01"


def run(command):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def backtest(pipecast, book, args):
    """The backtest's origin scores of the next period, by model."""
    out = subprocess.run([pipecast, "backtest", book, "--from", args.first, "--to", args.last,
                          "--every", "month", "--horizon", "month", "--horizons", "1",
                          "--models", args.models, "--trials", str(args.trials), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    rows = {}
    for score in json.loads(out)["origin_scores"]:
        rows.setdefault(score["model"], []).append(score)
    return rows


def tally(scores):
    """(covered, below P10, above P90, origins) of some origin scores."""
    covered = sum(1 for s in scores if s["covered"] == 1.0)
    below = sum(1 for s in scores if s["actual"] < s["p10"])
    above = sum(1 for s in scores if s["actual"] > s["p90"])
    return covered, below, above, len(scores)


def line(label, counts):
    covered, below, above, n = counts
    share = covered / n
    se = math.sqrt(share * (1 - share) / n)
    return f"{label:<34} {100 * share:5.1f}% +- {100 * se:3.1f}  {covered:3d} of {n:3d}  below P10 {below:3d}  above P90 {above:3d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pipecast", required=True, help="the pipecast CLI")
    parser.add_argument("--seeds", default="7,11,12,13", help="synth seeds, comma-separated")
    parser.add_argument("--deals", type=int, default=60000)
    parser.add_argument("--models", default="markov,logistic,auto")
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--first", default="2022-06-30", help="the first origin")
    parser.add_argument("--last", default="2026-05-31", help="the last origin")
    args = parser.parse_args()
    models = args.models.split(",")
    pooled = {}
    started = time.perf_counter()
    print(f"next-month P10..P90 coverage, monthly origins {args.first} to {args.last}, "
          f"{args.deals} deals a book, {args.trials} trials")
    with tempfile.TemporaryDirectory() as work:
        for seed in args.seeds.split(","):
            for kind, extra in (("no change", []), ("regime change", ["--regime-change", REGIME_CHANGE])):
                book = os.path.join(work, f"{seed}-{len(extra)}")
                run([args.pipecast, "synth", book, "--deals", str(args.deals), "--seed", seed,
                     "--start", "2022-01-01", "--end", "2026-06-30"] + extra)
                rows = backtest(args.pipecast, book, args)
                for model in models:
                    counts = tally(rows[model])
                    print(line(f"seed {seed}, {kind}, {model}", counts))
                    total = pooled.setdefault((kind, model), [0, 0, 0, 0])
                    for k in range(4):
                        total[k] += counts[k]
    print("pooled over the seeds:")
    for (kind, model), counts in pooled.items():
        print(line(f"{kind}, {model}", counts))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
