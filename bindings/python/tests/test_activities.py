"""Activities through the binding: BookBuilder.add_activities and
Book.build(activities=...), the builder's rules as errors naming the row and
field, and the canonical export (to_csv; to_frames reads the same files)."""

import csv
import datetime
import math
import os
import tempfile
import unittest

import pipecast

import hand_book

D = datetime.date
ACTIVITIES = {
    "opportunity_id": ["d3", "", "d1"],
    "account": ["", "Acme", ""],
    "type": ["email", "visit", "call"],
    "date": [D(2024, 1, 15), D(2024, 2, 1), D(2024, 1, 3)],
    "owner": ["Ann", "Bob", "Ann"],
    "duration_minutes": [math.nan, None, 12.5],
    "direction": ["in", "", "out"],
    "outcome": ["", "", "connected"],
}


def exported_activities(book):
    with tempfile.TemporaryDirectory() as directory:
        book.to_csv(directory)
        with open(os.path.join(directory, "activities.csv"), encoding="utf-8", newline="") as f:
            return list(csv.reader(f))


def build(activities):
    return pipecast.Book.build(hand_book.STAGES, hand_book.OPPORTUNITIES, hand_book.HISTORY,
                               fx_rates=hand_book.FX_RATES, activities=activities)


class ActivitiesTest(unittest.TestCase):
    def test_the_export_holds_them_by_deal_then_account(self):
        with build(ACTIVITIES) as book:
            self.assertEqual(exported_activities(book), [
                ["opportunity_id", "account", "type", "date", "owner", "duration_minutes", "direction", "outcome"],
                ["d1", "", "call", "2024-01-03", "Ann", "12.5", "out", "connected"],
                ["d3", "", "email", "2024-01-15", "Ann", "", "in", ""],
                ["", "Acme", "visit", "2024-02-01", "Bob", "", "", ""],
            ])

    def test_a_bad_row_refuses_the_batch_naming_row_and_field(self):
        with pipecast.BookBuilder() as builder:
            builder.add_stages(hand_book.STAGES)
            builder.add_fx_rates(hand_book.FX_RATES)
            builder.add_opportunities(hand_book.OPPORTUNITIES)
            bad = dict(ACTIVITIES, opportunity_id=["d3", "", "d9"])
            with self.assertRaisesRegex(pipecast.InvalidDataError,
                                        "activities row 2, field opportunity_id: unknown opportunity 'd9'"):
                builder.add_activities(bad)
            with self.assertRaisesRegex(pipecast.InvalidDataError, "field direction: 'inbound' is not a direction"):
                builder.add_activities(dict(ACTIVITIES, direction=["inbound", "", "out"]))
            with self.assertRaisesRegex(ValueError, "unknown column"):
                builder.add_activities(dict(ACTIVITIES, note=["", "", ""]))
            builder.add_activities(type=["call"], date=[D(2024, 1, 4)], opportunity_id=["d2"])
            with builder.finish() as book:
                rows = exported_activities(book)
        self.assertEqual(rows[1:], [["d2", "", "call", "2024-01-04", ""]])  # only the batch accepted

    def test_a_book_without_activities_exports_none(self):
        with build(None) as book, tempfile.TemporaryDirectory() as directory:
            book.to_csv(directory)
            self.assertFalse(os.path.exists(os.path.join(directory, "activities.csv")))

    def test_the_worklist_ranks_each_owners_open_deals(self):
        # Too few stays for any playbook: each owner's deals rank by the
        # fallback, the longest silence first (d3's email 2024-01-15 is 76
        # days before 2024-03-31; d7, created 03-01, has none in 30 days).
        with build(ACTIVITIES) as book:
            model = pipecast.fit(book, "stage", as_of=hand_book.AS_OF)
            plan = book.worklist(model, as_of=hand_book.AS_OF)
            self.assertEqual(plan.model, "stage")
            self.assertEqual(plan.owners, 2)  # Ann and Cat have open deals
            rows = [(r.owner, r.rank, r.deal, r.step, r.days_silent) for r in plan.worklist]
            self.assertEqual(rows, [("Ann", 1, "d3", "no_playbook", 76), ("Ann", 2, "d7", "no_playbook", 30),
                                    ("Cat", 1, "d5", "no_playbook", 50)])
            self.assertEqual(plan.worklist[0].reason, "no pattern flagged for Propose; 76 days since the last activity")
            # Ann's two deal activities (d1's call, d3's early email) were in Qualify, as was d1 when won.
            qualify = [r for r in plan.time_split if r.owner == "Ann" and r.value == "Qualify"]
            self.assertEqual([(r.activities, r.activity_share, r.won_amount, r.won_share) for r in qualify],
                             [(2, 1.0, 1000.0, 1.0)])
            self.assertEqual(len(book.worklist(model, as_of=hand_book.AS_OF, rows_per_owner=1).worklist), 2)
            with self.assertRaises(pipecast.InvalidArgumentError):
                book.worklist(model, as_of=hand_book.AS_OF, time_split_days=0)


if __name__ == "__main__":
    unittest.main()
