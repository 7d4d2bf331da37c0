"""The activities switch from Python, on a synthetic book with activities
that the CLI writes (800 deals): fit(..., activities=False) scores as
`pipecast score --model logistic --no-activities` does, every win
probability the same double, and unlike activities=True (the CLI's
default); backtest(..., activities=False), and its blocks of origins
assembled, give `pipecast backtest ... --no-activities --format json`, every
figure, and a block made without them is refused by an assembly with them;
a fit from the book as its only part follows the switch.

Needs PIPECAST_CLI (set by CTest, bindings/python/CMakeLists.txt)."""

import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import pipecast
from pipecast import _parts

CLI = os.environ.get("PIPECAST_CLI")

# One origin, one monthly horizon, logistic only: a backtest of about 0.02 s.
BACKTEST = dict(models="logistic", from_="2024-10-31", to="2024-10-31", horizons=1, trials=100)
BACKTEST_ARGS = ["--models", "logistic", "--from", "2024-10-31", "--to", "2024-10-31", "--horizons", "1",
                 "--trials", "100"]


def cli_json(*args):
    return json.loads(subprocess.run([CLI, *map(str, args), "--format", "json"], check=True,
                                     stdout=subprocess.PIPE).stdout)


@unittest.skipUnless(CLI, "PIPECAST_CLI is not set (run through CTest)")
class ActivitiesSwitchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="pipecast-activities-")
        cls.path = Path(cls._tmp.name) / "book"
        subprocess.run([CLI, "synth", "--deals", "800", "--seed", "3", str(cls.path)], check=True,
                       stdout=subprocess.DEVNULL)
        cls.book = pipecast.Book.load(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.book.close()
        cls._tmp.cleanup()

    def probabilities(self, model):
        with model, model.score(self.book) as scores:
            return list(scores.win_probability)

    def test_fit_without_the_activities_scores_as_the_cli_does(self):
        off = self.probabilities(pipecast.fit(self.book, "logistic", activities=False))
        on = self.probabilities(pipecast.fit(self.book, "logistic"))
        cli_off = [d["win_probability"] for d in cli_json("score", self.path, "--model", "logistic",
                                                          "--no-activities")["deals"]]
        cli_on = [d["win_probability"] for d in cli_json("score", self.path, "--model", "logistic")["deals"]]
        self.assertEqual(len(off), 66)  # the deals open at the book's latest day
        self.assertEqual(off, cli_off)
        self.assertEqual(on, cli_on)
        self.assertGreater(max(abs(a - b) for a, b in zip(on, off)), 0.01)
        self.assertEqual(self.probabilities(pipecast.fit(self.book, "logistic", activities=True)), on)

    def test_a_fit_from_parts_follows_the_switch(self):
        as_of = self.book.latest_day
        for activities in (False, True):
            with self.subTest(activities=activities):
                with _parts.PartsFit("logistic", as_of, activities=activities) as fitting:
                    while not fitting.done:
                        fitting.receive(_parts.part_answer(self.book, fitting.request()))
                    from_parts = self.probabilities(fitting.model())
                whole = self.probabilities(pipecast.fit(self.book, "logistic", activities=activities))
                self.assertEqual(len(from_parts), len(whole))
                # A logistic fit from parts stops its Newton passes at a tolerance.
                self.assertLessEqual(max(abs(a - b) for a, b in zip(from_parts, whole)), 1e-12)

    def test_backtest_without_the_activities_is_the_clis(self):
        with pipecast.backtest(self.book, activities=False, **BACKTEST) as off:
            got = off.to_dict()
        self.assertEqual(got, cli_json("backtest", self.path, *BACKTEST_ARGS, "--no-activities"))
        with pipecast.backtest(self.book, **BACKTEST) as on:
            with_activities = on.to_dict()
        self.assertEqual(with_activities, cli_json("backtest", self.path, *BACKTEST_ARGS))

        def brier(result):
            return next(r["brier"] for r in result["deal_summary"]
                        if r["model"] == "logistic" and r["target"] == "eventual")
        # 0.1453 without the activities, 0.1130 with them, on this book.
        self.assertGreater(brier(got) - brier(with_activities), 0.01)

        count = _parts.backtest_origin_count(from_=BACKTEST["from_"], to=BACKTEST["to"])
        blob = _parts.backtest_origins(self.book, 0, count, activities=False, **BACKTEST)
        with _parts.backtest_from_origins([blob], activities=False, **BACKTEST) as assembled:
            self.assertEqual(assembled.to_dict(), got)
        with self.assertRaises(pipecast.InvalidArgumentError) as caught:
            _parts.backtest_from_origins([blob], **BACKTEST)
        self.assertIn("was fitted without the deals' activities, and these options fit with them",
                      str(caught.exception))


if __name__ == "__main__":
    unittest.main()
