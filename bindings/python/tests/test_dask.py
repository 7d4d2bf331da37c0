"""pipecast.dask on a real cluster: a distributed.LocalCluster of two worker
processes, started here, and a synthetic book split in three by the CLI.

    test_dask.py PIPECAST_CLI        (CTest's python.dask, with /usr/bin/python3)

Checks that fit on the parts gives the model pipecast.fit gives on the whole
book (the model files byte for byte) for every model the protocol fits;
that a worker killed in the middle of a logistic fit (SIGKILL from a hook
after a round's tasks are submitted) leaves the model unchanged, its parts
loaded again on the worker left; that forecast gives Model.forecast's
figures on the whole book, every digit; that score gives the rows and values of Model.score on the whole book, in
its order; that backtest on the whole book's path, and on its parts, gives pipecast.backtest's tables; that map_books returns each good book's result and a bad book's
error without failing the others; that a part given twice, or parts of
different books, are refused clearly.  And that `import pipecast` does not
import dask, and that pipecast.dask names the packages to install when they
are missing.

Run as a script it exits 77 (CTest's skip) when dask or distributed are
missing (the fixture python.dask.install installs them when it can).  The
unittest discovery of python.unittest finds this file too: there it skips,
since the cluster test has its own CTest entry (PIPECAST_DASK_TEST=1).
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import pipecast
from pipecast import _parts

from same_model import assert_same_model

CLI = os.environ.get("PIPECAST_CLI")
DASK_TEST = os.environ.get("PIPECAST_DASK_TEST") == "1"
DEALS = "3000"


def synth_and_split(cli, folder, seed):
    """A synthetic book folder/book and its three parts folder/parts/part-N."""
    book, parts = folder / "book", folder / "parts"
    subprocess.run([cli, "synth", "--deals", DEALS, "--seed", str(seed), str(book)], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([cli, "split", str(book), str(parts), "--parts", "3"], check=True, stdout=subprocess.DEVNULL)
    return book, [parts / ("part-%d" % i) for i in (1, 2, 3)]


def count_deals(book):
    """For map_books: a module-level function, pickled by reference."""
    return book.counts().opportunities


class DaskClusterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not (DASK_TEST and CLI):
            raise unittest.SkipTest("the Dask cluster test runs as CTest's python.dask (PIPECAST_DASK_TEST=1)")
        import distributed
        import pipecast.dask

        cls.dask = pipecast.dask
        start = time.monotonic()
        cls._tmp = tempfile.TemporaryDirectory(prefix="pipecast-dask-")
        tmp = Path(cls._tmp.name)
        cls.book_path, cls.part_paths = synth_and_split(CLI, tmp / "a", seed=3)
        cls.other_book_path, cls.other_part_paths = synth_and_split(CLI, tmp / "b", seed=4)
        cls.whole = pipecast.Book.load(cls.book_path)
        cls.as_of = cls.whole.latest_day
        # Two worker processes of one thread each, as a small real cluster:
        # each part is loaded in a process of its own, everything that moves
        # between them is pickled.  No dashboard (it needs bokeh).
        cls.cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                               dashboard_address=None, silence_logs=40)
        cls.client = distributed.Client(cls.cluster)
        cls.parts = pipecast.dask.Parts(cls.client, cls.part_paths)
        print("\n[test_dask] book, split and cluster of 2 workers ready in %.1f s"
              % (time.monotonic() - start), file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.parts.close()
        cls.client.close()
        cls.cluster.close()
        cls.whole.close()
        cls._tmp.cleanup()

    def setUp(self):
        self.started = time.monotonic()

    def tearDown(self):
        print("[test_dask] %s: %.2f s" % (self.id().rsplit(".", 1)[-1], time.monotonic() - self.started),
              file=sys.stderr)

    def test_the_parts_are_spread_over_both_workers(self):
        self.assertEqual(len(self.parts), 3)
        self.assertEqual(len(set(self.parts.workers)), 2)
        self.assertEqual(self.parts.latest_day, self.as_of)

    def test_fit_on_the_parts_is_pipecast_fit_on_the_whole_book(self):
        fitted = []
        for kind in pipecast._forecast.MODELS:
            with self.subTest(model=kind):
                try:
                    model = self.dask.fit(self.client, self.parts, kind, as_of=self.as_of)
                except pipecast.UnknownNameError as e:  # not fitted from parts yet
                    self.assertIn("cannot be fitted from parts", str(e))
                    continue
                with pipecast.fit(self.whole, kind, as_of=self.as_of) as whole:
                    assert_same_model(self, model, whole, self.whole)
                fitted.append(kind)
        self.assertEqual(set(fitted), set(pipecast._forecast.MODELS))

    def test_fit_from_paths_at_the_books_latest_day_by_default(self):
        model = self.dask.fit(self.client, [str(p) for p in self.part_paths], "stage")  # loads, fits, releases
        self.assertEqual(model.as_of, self.as_of)
        self.assertEqual(_parts.model_bytes(model), _parts.model_bytes(pipecast.fit(self.whole, "stage")))

    def test_scores_are_one_process_scores_in_the_books_order(self):
        import pandas.testing

        model = pipecast.fit(self.whole, "markov", as_of="2024-06-30")
        for as_of in (None, "2024-06-30", "2024-03-31"):
            with self.subTest(as_of=as_of):
                frame = self.dask.score(self.client, self.parts, model, as_of=as_of)
                expected = model.score(self.whole, as_of=as_of).to_pandas()
                self.assertGreater(len(expected), 50)
                pandas.testing.assert_frame_equal(frame, expected, check_exact=True)

    def test_forecast_on_the_parts_is_model_forecast_on_the_whole_book(self):
        model = pipecast.fit(self.whole, "markov", as_of="2024-06-30")
        for as_of in (None, "2024-06-30"):
            with self.subTest(as_of=as_of):
                got = self.dask.forecast(self.client, self.parts, model, periods=2, trials=1000, seed=5, as_of=as_of)
                expected = model.forecast(self.whole, periods=2, trials=1000, seed=5, as_of=as_of)
                self.assertGreater(expected.open_deals, 50)
                self.assertEqual(got.to_json(), expected.to_json())  # every figure, to the last digit

    def test_parts_that_do_not_hold_their_deals_give_the_same_results(self):
        # Read by the tasks that need the deals, the rows kept between rounds.
        with self.dask.Parts(self.client, self.part_paths, hold_deals=False) as lean:
            self.assertEqual(lean.latest_day, self.as_of)
            model = self.dask.fit(self.client, lean, "logistic", as_of=self.as_of)
            with pipecast.fit(self.whole, "logistic", as_of=self.as_of) as whole:
                assert_same_model(self, model, whole, self.whole)
            got = self.dask.forecast(self.client, lean, model, periods=1, trials=500, seed=2)
            self.assertEqual(got.to_json(), model.forecast(self.whole, periods=1, trials=500, seed=2).to_json())
            frame = self.dask.score(self.client, lean, model)
            self.assertEqual(frame["id"].tolist(), model.score(self.whole).to_pandas()["id"].tolist())

    def test_a_worker_killed_mid_fit_leaves_the_model_unchanged(self):
        import signal

        pids = self.client.run(os.getpid)
        killed = []

        def kill_once(parts, round_number):
            # Round 1 loaded and described the parts; round 3 is the fit's
            # second (the logistic encoding's design), in flight.
            if round_number == 3 and not killed:
                killed.append(parts.workers[0])
                os.kill(pids[parts.workers[0]], signal.SIGKILL)

        try:
            with self.dask.Parts(self.client, self.part_paths) as parts:
                self.dask._after_submit = kill_once
                try:
                    model = self.dask.fit(self.client, parts, "logistic", as_of=self.as_of)
                finally:
                    self.dask._after_submit = None
                self.assertEqual(len(killed), 1)
                self.assertGreaterEqual(parts.reloads, 1)
                self.assertNotIn(killed[0], parts.workers)  # its parts live elsewhere now
            with pipecast.fit(self.whole, "logistic", as_of=self.as_of) as whole:
                assert_same_model(self, model, whole, self.whole)
        finally:
            # The class's parts lost their worker too: the nanny restarts it,
            # and the parts are loaded again for the other tests.
            self.client.wait_for_workers(2, timeout=30)
            type(self).parts.close()
            type(self).parts = self.dask.Parts(self.client, self.part_paths)

    def test_backtest_on_the_cluster_is_the_one_process_backtest(self):
        # Three month-end origins ending two months before the latest day, in
        # blocks of one origin spread over both workers and assembled here.
        last = self.as_of.replace(day=1) - datetime.timedelta(days=1)
        last = last.replace(day=1) - datetime.timedelta(days=1)
        first = (last.replace(day=1) - datetime.timedelta(days=1)).replace(day=1) - datetime.timedelta(days=1)
        keywords = dict(models=["stage", "markov"], to=last, horizons=1, trials=200, seed=3, group_by="owner",
                        **{"from": first})
        one = pipecast.backtest(self.whole, threads=1, **keywords)
        spread = self.dask.backtest(self.client, self.book_path, blocks=3, **keywords)
        self.assertEqual(len(one.table("origins").to_pandas()), 3)
        self.assertEqual(spread.to_json(), one.to_json())  # every figure, the ranking and the verdict
        # From the parts of the split, merged back on each worker: the same tables.
        from_parts = self.dask.backtest(self.client, self.parts, blocks=2, **keywords)
        self.assertEqual(from_parts.to_json(), one.to_json())
        with self.assertRaises(TypeError):
            self.dask.backtest(self.client, 42, **keywords)

    def test_the_activities_switch_reaches_the_workers(self):
        # Off: the fit from the parts is pipecast.fit's without the deals'
        # activities (not the default's), and the backtest in blocks the
        # one-process backtest without them.
        model = self.dask.fit(self.client, self.parts, "logistic", as_of=self.as_of, activities=False)
        with pipecast.fit(self.whole, "logistic", as_of=self.as_of, activities=False) as whole:
            assert_same_model(self, model, whole, self.whole)
        with pipecast.fit(self.whole, "logistic", as_of=self.as_of) as default:
            with default.score(self.whole) as on, model.score(self.whole) as off:
                self.assertGreater(max(abs(a - b) for a, b in zip(on.win_probability, off.win_probability)), 0.01)
        last = self.as_of.replace(day=1) - datetime.timedelta(days=1)
        first = last.replace(day=1) - datetime.timedelta(days=1)  # two month-end origins
        keywords = dict(models=["logistic"], from_=first, to=last, horizons=1, trials=100, seed=3)
        one = pipecast.backtest(self.whole, threads=1, activities=False, **keywords)
        spread = self.dask.backtest(self.client, self.book_path, blocks=2, activities=False, **keywords)
        self.assertEqual(spread.to_json(), one.to_json())
        self.assertNotEqual(pipecast.backtest(self.whole, threads=1, **keywords).to_json(), one.to_json())

    def test_map_books_returns_each_books_result_or_its_error(self):
        missing = Path(self._tmp.name) / "no-such-book"

        with pipecast.Book.load(self.other_book_path) as other:
            other_won = other.counts().won_amount

        def refuse_the_other_book(book):  # a closure: pickled by value
            won = book.counts().won_amount
            if won == other_won:
                raise ValueError("the other book")
            return won

        results = self.dask.map_books(self.client, [self.book_path, missing, self.part_paths[0], self.other_book_path],
                                      count_deals)
        self.assertEqual(results[0], int(DEALS))
        self.assertIsInstance(results[1], pipecast.MissingFileError)
        self.assertIn("no-such-book", str(results[1]))
        with pipecast.Book.load(self.part_paths[0]) as part:
            self.assertEqual(results[2], part.counts().opportunities)
        self.assertEqual(results[3], int(DEALS))

        results = self.dask.map_books(self.client, [self.book_path, self.other_book_path], refuse_the_other_book)
        self.assertEqual(results[0], self.whole.counts().won_amount)
        self.assertIsInstance(results[1], ValueError)
        self.assertEqual(str(results[1]), "the other book")
        self.assertIn("refuse_the_other_book", results[1].worker_traceback)

        results = self.dask.map_books(self.client, [self.book_path], lambda book: book)  # a Book does not pickle
        self.assertIsInstance(results[0], Exception)

    def test_a_part_given_twice_is_refused(self):
        p1, p2, _ = self.part_paths
        with self.assertRaisesRegex(ValueError, "part .*part-1 is given twice"):
            self.dask.Parts(self.client, [p1, p2, p1])
        copy = Path(self._tmp.name) / "copy-of-part-1"
        shutil.copytree(p1, copy, dirs_exist_ok=True)
        with self.assertRaisesRegex(ValueError, "copy-of-part-1 is a copy of part .*part-1: a part given twice"):
            self.dask.fit(self.client, [p1, p2, copy], "markov", as_of=self.as_of)

    def test_parts_without_a_deal_are_not_copies_of_each_other(self):
        # A small book in many parts: some parts hold no deal, and their
        # files are the same (headers and reference tables only).
        folder = Path(self._tmp.name) / "small"
        subprocess.run([CLI, "synth", "--deals", "3", "--seed", "3", str(folder / "book")], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([CLI, "split", str(folder / "book"), str(folder / "parts"), "--parts", "6"], check=True,
                       stdout=subprocess.DEVNULL)
        paths = sorted((folder / "parts").iterdir())
        with pipecast.Book.load(folder / "book") as small:
            as_of = small.latest_day
            whole = pipecast.fit(small, "stage", as_of=as_of)
        model = self.dask.fit(self.client, paths, "stage", as_of=as_of)
        self.assertEqual(_parts.model_bytes(model), _parts.model_bytes(whole))

    def test_parts_of_different_books_are_refused(self):
        p1, p2, _ = self.part_paths
        with self.assertRaisesRegex(ValueError, "parts of different books.*differ from those of .*b/parts/part-3"):
            self.dask.fit(self.client, [p1, p2, self.other_part_paths[2]], "markov", as_of=self.as_of)

    def test_a_missing_part_is_the_loading_error(self):
        with self.assertRaises(pipecast.MissingFileError) as caught:
            self.dask.fit(self.client, [self.part_paths[0], Path(self._tmp.name) / "part-9"], "crm", as_of=self.as_of)
        self.assertIn("part-9", str(caught.exception))


class OptionalDaskTest(unittest.TestCase):
    """Without Dask: `import pipecast` never imports it, nor does importing
    pipecast.dask; its functions name the packages to install."""

    def run_python(self, code):
        done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        self.assertEqual(done.returncode, 0, done.stdout)
        return done.stdout

    def test_import_pipecast_does_not_import_dask(self):
        self.run_python("import sys, pipecast, pipecast.dask\n"
                        "loaded = [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')]\n"
                        "assert not loaded, loaded\n")

    def test_a_missing_dask_is_named_with_its_debian_packages(self):
        out = self.run_python("import sys\n"
                              "sys.modules['distributed'] = None  # as if not installed\n"
                              "import pipecast.dask\n"
                              "try:\n"
                              "    pipecast.dask.fit(None, ['part-1'])\n"
                              "except ImportError as e:\n"
                              "    print(e)\n")
        self.assertIn("python3-dask python3-distributed", out)


def main():
    global CLI, DASK_TEST
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):  # the CLI's path, as CTest passes it
        os.environ["PIPECAST_CLI"] = sys.argv.pop(1)
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        print("SKIP: dask and distributed are needed (Debian's python3-dask python3-distributed): %s" % e)
        return 77
    CLI, DASK_TEST = os.environ.get("PIPECAST_CLI"), True
    os.environ["PIPECAST_DASK_TEST"] = "1"
    start = time.monotonic()
    result = unittest.main(argv=sys.argv[:1] + ["-v"] + sys.argv[1:], exit=False).result
    print("[test_dask] all in %.1f s" % (time.monotonic() - start), file=sys.stderr)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
