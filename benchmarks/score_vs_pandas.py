#!/usr/bin/env python3
"""pipecast's scoring against the pipeline an analyst writes by hand, side by
side on one synthetic book: time from CSV files to win probabilities, and the
Brier score of each against what became of the deals.

The peer is a vectorised pandas + scikit-learn pipeline doing the same job:
read the interchange CSV files; snapshot the deals open every 14 days over the
two years before T (merge_asof of the stage history); label each with its
outcome as known at T (deals still open then are left out); one-hot encode
(get_dummies); fit LogisticRegression (lbfgs) on standardised features; score
the deals open at T (predict_proba).  pipecast: `pipecast score --model auto`
(one process, from the same files).  Both are scored on the deals open at T
that the book decides by its end.

Run with Debian's pandas and scikit-learn:
    /usr/bin/python3 benchmarks/score_vs_pandas.py --pipecast build-release/tools/pipecast/pipecast \\
        --deals 500000 --as-of 2023-12-31
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

SNAPSHOT_DAYS = 14
LOOKBACK_DAYS = 730
CATEGORIES = ["stage", "owner", "product", "source", "segment"]
NUMBERS = ["days_in_stage", "age", "log_amount", "close_in_days"]


def read_book(book):
    """The CSV files, with amounts in the base currency and each history row's
    stage kind."""
    opps = pd.read_csv(os.path.join(book, "opportunities.csv"), parse_dates=["created", "close_date"],
                       keep_default_na=False, na_values=[""])
    hist = pd.read_csv(os.path.join(book, "stage_history.csv"), parse_dates=["entered", "close_date"],
                       keep_default_na=False, na_values=[""])
    stages = pd.read_csv(os.path.join(book, "stages.csv"), keep_default_na=False)
    fx_path = os.path.join(book, "fx_rates.csv")
    if os.path.exists(fx_path):
        rates = pd.read_csv(fx_path).set_index("currency")["rate"]
        opps["amount"] = opps["amount"] * opps["currency"].map(rates).fillna(1.0)
    hist = hist.merge(opps[["id", "pipeline"]], left_on="opportunity_id", right_on="id", how="inner")
    hist = hist.merge(stages[["pipeline", "stage", "kind"]], on=["pipeline", "stage"], how="left")
    return opps, hist.sort_values("entered", kind="stable")


def states_at(opps, hist, days):
    """Each deal known at each of `days` with its last history row by then:
    one row per (deal, day), as merge_asof gives it."""
    frames = []
    for day in days:
        known = opps.loc[opps["created"] <= day, ["id", "owner", "product", "source", "segment", "amount", "created"]]
        frames.append(known.assign(day=day))
    pairs = pd.concat(frames, ignore_index=True).sort_values("day", kind="stable")
    rows = hist[["opportunity_id", "entered", "stage", "kind", "close_date"]]
    merged = pd.merge_asof(pairs, rows, left_on="day", right_on="entered", left_by="id",
                           right_by="opportunity_id", direction="backward")
    return merged.dropna(subset=["stage"])


def features(frame):
    out = pd.DataFrame(index=frame.index)
    out["days_in_stage"] = (frame["day"] - frame["entered"]).dt.days
    out["age"] = (frame["day"] - frame["created"]).dt.days
    out["log_amount"] = np.log1p(frame["amount"].fillna(0.0))
    out["close_in_days"] = (frame["close_date"] - frame["day"]).dt.days.fillna(30).clip(-365, 365)
    for c in CATEGORIES:
        out[c] = frame[c].astype(str)
    return out


def pandas_pipeline(book, as_of):
    """Win probabilities of the deals open at `as_of`: (ids, probabilities)."""
    opps, hist = read_book(book)
    t = pd.Timestamp(as_of)
    snapshots = [t - pd.Timedelta(days=d) for d in range(SNAPSHOT_DAYS, LOOKBACK_DAYS + 1, SNAPSHOT_DAYS)]
    train = states_at(opps, hist, snapshots)
    train = train[train["kind"] == "open"]
    at_t = states_at(opps, hist, [t]).set_index("id")
    outcome = train["id"].map(at_t["kind"])
    train = train[outcome.isin(["won", "lost"])]
    y = (outcome[train.index] == "won").to_numpy()
    now = at_t[at_t["kind"] == "open"].reset_index()
    x_all = pd.get_dummies(pd.concat([features(train), features(now)], ignore_index=True), columns=CATEGORIES,
                           dtype=np.float64)
    x_all[NUMBERS] = StandardScaler().fit_transform(x_all[NUMBERS])
    x_train, x_now = x_all.iloc[:len(train)], x_all.iloc[len(train):]
    model = LogisticRegression(solver="lbfgs", max_iter=500, C=1.0)
    model.fit(x_train.to_numpy(), y)
    return now["id"].to_numpy(), model.predict_proba(x_now.to_numpy())[:, 1], len(train), x_train.shape[1]


def outcomes(book):
    """Each deal's outcome at the book's end: 1 won, 0 lost, NaN still open."""
    opps = pd.read_csv(os.path.join(book, "opportunities.csv"), usecols=["id", "pipeline", "stage"])
    stages = pd.read_csv(os.path.join(book, "stages.csv"), usecols=["pipeline", "stage", "kind"])
    kind = opps.merge(stages, on=["pipeline", "stage"], how="left").set_index("id")["kind"]
    return kind.map({"won": 1.0, "lost": 0.0})


def brier(ids, probabilities, outcome):
    y = pd.Series(ids).map(outcome).to_numpy()
    decided = ~np.isnan(y)
    return float(np.mean((np.asarray(probabilities)[decided] - y[decided]) ** 2)), int(decided.sum())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipecast", required=True, help="the pipecast CLI (a Release build)")
    parser.add_argument("--book", help="a book folder; default: one made by pipecast synth")
    parser.add_argument("--deals", type=int, default=500_000, help="deals of the synthetic book")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--as-of", default="2023-12-31", help="T: score the deals open at the end of this day")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        book = args.book
        if book is None:
            book = os.path.join(work, "book")
            subprocess.run([args.pipecast, "synth", book, "--deals", str(args.deals), "--seed", str(args.seed),
                            "--start", "2021-01-01", "--end", "2024-12-31"], check=True, stdout=subprocess.DEVNULL)
        outcome = outcomes(book)
        scores = os.path.join(work, "scores.csv")
        start = time.perf_counter()
        subprocess.run([args.pipecast, "score", book, "--as-of", args.as_of, "--model", "auto", "--out", scores],
                       check=True)
        pipecast_seconds = time.perf_counter() - start
        ours = pd.read_csv(scores, usecols=["id", "win_probability"])
        start = time.perf_counter()
        ids, probabilities, rows, columns = pandas_pipeline(book, args.as_of)
        pandas_seconds = time.perf_counter() - start
        ours_brier, ours_n = brier(ours["id"].to_numpy(), ours["win_probability"].to_numpy(), outcome)
        theirs_brier, theirs_n = brier(ids, probabilities, outcome)
    print("book: %s deals (seed %d), T %s; pandas %s, scikit-learn %s" %
          (f"{args.deals:,}" if args.book is None else args.book, args.seed, args.as_of, pd.__version__,
           __import__("sklearn").__version__))
    print("%-34s %9s %8s %s" % ("", "seconds", "Brier", "deals scored (decided later)"))
    print("%-34s %9.2f %8.4f %d of %d" % ("pipecast score --model auto", pipecast_seconds, ours_brier, ours_n,
                                          len(ours)))
    print("%-34s %9.2f %8.4f %d of %d (training rows %d x %d columns)" %
          ("pandas + scikit-learn (lbfgs)", pandas_seconds, theirs_brier, theirs_n, len(ids), rows, columns))
    print("pipecast is %.1fx faster" % (pandas_seconds / pipecast_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
