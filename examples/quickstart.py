"""Quickstart: pipecast from Python (ctypes; nothing to compile).

    python3 examples/quickstart.py [BOOK_DIR]

BOOK_DIR is a book in the CSV interchange format (default: the repository's
tests/data/small_book, found from this file: run it from any folder).  With
the wheel installed (`make wheel`, then `pip install dist/pipecast-*.whl`)
nothing else is needed; from a build tree, set PIPECAST_LIBRARY to
build/capi/libpipecast.so.0 and PYTHONPATH to bindings/python (ctest does).
"""

import datetime
import sys
from pathlib import Path
from typing import Optional

import pipecast


def money(value: Optional[float]) -> str:
    """An amount, or "-" when unknown (None or NaN): never a made-up 0."""
    return "%9s" % "-" if value is None or value != value else "%9.0f" % value


book_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "tests/data/small_book"

with pipecast.Book.from_csv(book_dir) as book:
    print("pipecast", pipecast.__version__, "- book of", book.counts().opportunities, "deals in", book.currency)

    # The book as it was known at the end of a day: nothing later is seen.
    latest = book.latest_day
    if latest is None:
        sys.exit("%s holds no deals" % book_dir)
    day = latest - datetime.timedelta(days=14)
    with book.as_of(day) as then:
        print("as of", day, then.counts())

    report = book.report()  # as of the latest day, for its quarter
    print("\nFunnel (as of %s, %s):" % (report.as_of, report.period))
    for step in report.funnel:
        rate = "-" if step.to_won is None else "%.0f%%" % (100 * step.to_won)
        print("  %-12s %-12s reached %2d, win rate %s" % (step.pipeline, step.stage, step.reached, rate))
    for deal in report.stalled:
        print("  %s in %s for %d days%s" % (deal.id, deal.stage, deal.days_in_stage, ", overdue" if deal.overdue else ""))

    plan = book.lead_plan(target=50_000)
    print("\nLead plan:", plan.message)

    try:
        frame = report.table("funnel").to_pandas()
        print("\nAs a pandas DataFrame:\n", frame[["stage", "reached", "to_next", "to_won"]].to_string(index=False))
    except ImportError:
        print("\n(pandas is not installed: tables also come as lists, arrays and JSON)")
    print("\nJSON keys:", ", ".join(report.to_dict()))

    # Forecasting: fit a model as of the latest day, score the open deals,
    # forecast the next quarter's bookings.
    model = pipecast.fit(book, model="auto")
    print("\nModel:", model.description)
    scores = model.score(book)
    for deal in scores.rows():
        print("  %-6s %-10s P(win) %.2f, expected %8.0f by %s"
              % (deal.id, deal.stage, deal.win_probability, deal.expected_amount, deal.expected_close_date))
    quarter = latest.year, (latest.month - 1) // 3 + 1
    next_quarter = "%d-Q%d" % ((quarter[0] + 1, 1) if quarter[1] == 4 else (quarter[0], quarter[1] + 1))
    forecast = model.forecast(book, period=next_quarter, trials=5000, seed=1)
    print("\nBookings of %s (P10..P90 of %d simulated futures):" % (next_quarter, forecast.trials))
    for row in forecast.forecast:
        print("  %-9s expected %s  P10 %s  P90 %s" % (row.component, money(row.expected), money(row.p10),
                                                      money(row.p90)))
    if forecast.new_deals_unknown:
        print("  new: unknown: %s" % forecast.new_deals_unknown)
