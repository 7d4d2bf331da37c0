"""The fit-from-parts protocol from Python (pipecast._parts), in one process:
a synthetic book split by the CLI (`pipecast split`), each model the
protocol fits driven round by round, compared with pipecast.fit on the whole
book (the model files byte for byte); merges in any order give the same
bytes; blobs that are not what a call takes are refused.  The forecast
from the parts' partials is Model.forecast's on the whole book.

Needs PIPECAST_CLI (set by CTest, bindings/python/CMakeLists.txt)."""

import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import pipecast
from pipecast import _parts

from same_model import COUNTING, assert_same_model

CLI = os.environ.get("PIPECAST_CLI")


def _has_pandas():
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


@unittest.skipUnless(CLI, "PIPECAST_CLI is not set (run through CTest)")
class PartsFitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="pipecast-parts-")
        tmp = Path(cls._tmp.name)
        subprocess.run([CLI, "synth", "--deals", "600", "--seed", "11", str(tmp / "book")], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([CLI, "split", str(tmp / "book"), str(tmp / "parts"), "--parts", "3"], check=True,
                       stdout=subprocess.DEVNULL)
        cls.whole = pipecast.Book.load(tmp / "book")
        cls.parts = [pipecast.Book.load(tmp / "parts" / ("part-%d" % i)) for i in (1, 2, 3)]
        cls.as_of = cls.whole.latest_day

    @classmethod
    def tearDownClass(cls):
        for book in [cls.whole] + cls.parts:
            book.close()
        cls._tmp.cleanup()

    def fitted(self, kind, parts):
        with _parts.PartsFit(kind, self.as_of) as fitting:
            rounds = 0
            while not fitting.done:
                request = fitting.request()
                answers = [_parts.part_answer(part, request) for part in parts]
                merged = answers[0]
                for answer in answers[1:]:
                    merged = _parts.merge_stats(merged, answer)
                fitting.receive(merged)
                rounds += 1
            return fitting.model(), rounds

    def test_each_model_fitted_from_parts_is_the_whole_books(self):
        fitted = []
        for kind in pipecast._forecast.MODELS:
            with self.subTest(model=kind):
                try:
                    model, rounds = self.fitted(kind, self.parts)
                except pipecast.UnknownNameError as e:
                    self.assertIn("cannot be fitted from parts", str(e))
                    continue
                with pipecast.fit(self.whole, kind, as_of=self.as_of) as whole:
                    assert_same_model(self, model, whole, self.whole)
                if kind in COUNTING:  # logistic and auto: a round per Newton pass
                    self.assertEqual(rounds, 0 if kind == "crm" else 2)
                fitted.append(kind)
        self.assertEqual(set(fitted), set(pipecast._forecast.MODELS))

    def test_a_worker_that_reads_its_part_answers_as_one_that_holds_it(self):
        tmp = Path(self._tmp.name)
        holding = [_parts.PartWorker(part) for part in self.parts]
        reading = [_parts.PartWorker.open(tmp / "parts" / ("part-%d" % i)) for i in (1, 2, 3)]
        with _parts.PartsFit("logistic", self.as_of) as fitting:
            while not fitting.done:
                request = fitting.request()
                held = [w.answer(request) for w in holding]
                self.assertEqual([w.answer(request) for w in reading], held)
                merged = held[0]
                for answer in held[1:]:
                    merged = _parts.merge_stats(merged, answer)
                fitting.receive(merged)
        for worker in holding + reading:
            worker.close()
        with self.assertRaises(pipecast.MissingFileError):
            _parts.PartWorker.open(tmp / "no-such-part")

    def test_the_parts_load_back_into_the_book(self):
        tmp = Path(self._tmp.name)
        paths = [tmp / "parts" / ("part-%d" % i) for i in (3, 1, 2)]  # any order: each part knows its rows
        with pipecast.Book.load_parts(paths) as merged:
            self.assertEqual(merged.counts(), self.whole.counts())
            if _has_pandas():  # the deals in the book's order (python.unittest.system has pandas)
                self.assertEqual(merged.opportunities()["id"].tolist(), self.whole.opportunities()["id"].tolist())
        with self.assertRaises(pipecast.InvalidDataError):
            pipecast.Book.load_parts([paths[0], paths[0]])  # a deal in two parts
        with self.assertRaises(TypeError):
            pipecast.Book.load_parts(str(paths[0]))
        with self.assertRaises(pipecast.InvalidArgumentError):
            pipecast.Book.load_parts([])

    def test_merges_in_any_order_and_grouping_give_the_same_bytes(self):
        with _parts.PartsFit("markov", self.as_of) as fitting:
            a, b, c = (_parts.part_answer(part, fitting.request()) for part in self.parts)
        merge = _parts.merge_stats
        first = merge(merge(a, b), c)
        self.assertEqual(merge(a, merge(b, c)), first)
        self.assertEqual(merge(merge(c, a), b), first)
        self.assertEqual(merge(b, merge(c, a)), first)

    def test_a_model_travels_as_bytes(self):
        model = pipecast.fit(self.whole, "stage", as_of=self.as_of)
        data = _parts.model_bytes(model)
        back = _parts.model_from_bytes(data)
        self.assertEqual(_parts.model_bytes(back), data)
        self.assertEqual(list(back.score(self.whole).win_probability), list(model.score(self.whole).win_probability))

    def test_blobs_that_are_not_what_a_call_takes_are_refused(self):
        with _parts.PartsFit("markov", self.as_of) as fitting:
            request = fitting.request()
            answer = _parts.part_answer(self.parts[0], request)
            with self.assertRaises(pipecast.ParseError):
                _parts.part_answer(self.parts[0], answer)  # statistics, not a request
            with self.assertRaises(pipecast.ParseError):
                fitting.receive(request)  # a request, not statistics
            with self.assertRaises(pipecast.ParseError):
                _parts.merge_stats(answer, answer[:-5])  # truncated
            with self.assertRaises(TypeError):
                fitting.receive("not bytes")
            fitting.receive(answer)  # one part's statistics: a fit of that part
            with self.assertRaises(pipecast.InvalidArgumentError):
                fitting.receive(answer)  # answers round 1's request, not round 2's
        with self.assertRaises(pipecast.UnknownNameError):
            _parts.PartsFit("prophet", self.as_of)
        with self.assertRaises(TypeError):
            _parts.PartsFit("markov", None)
        with self.assertRaises(pipecast.InvalidArgumentError):
            _parts.PartsFit("crm", self.as_of).request()  # crm is done at once: no request
        with self.assertRaises(pipecast.InvalidArgumentError):
            _parts.part_answer(self.whole.as_of(self.as_of), request)  # a view is not a part

    def test_a_forecast_from_parts_is_the_whole_books(self):
        options = dict(periods=2, trials=500, seed=3)
        with pipecast.fit(self.whole, "markov", as_of=self.as_of) as model:
            expected = model.forecast(self.whole, as_of=self.as_of, **options)
            a, b, c = (_parts.part_forecast(part, model, self.as_of, **options) for part in self.parts)
            merge = _parts.merge_partials
            merged = merge(merge(a, b), c)
            self.assertEqual(merge(a, merge(c, b)), merged)
            got = _parts.forecast_from_partial(model, merged, self.as_of, **options)
            self.assertEqual(got.to_json(), expected.to_json())
            self.assertEqual(got.open_deals, expected.open_deals)
            self.assertGreater(got.open_deals, 0)
            with self.assertRaises(pipecast.ParseError):
                _parts.forecast_from_partial(model, merged[:-4], self.as_of, **options)
            with self.assertRaises(pipecast.InvalidArgumentError):  # made with another seed
                _parts.forecast_from_partial(model, merged, self.as_of, periods=2, trials=500, seed=4)
            with self.assertRaises(TypeError):
                _parts.part_forecast(self.parts[0], model, None)


if __name__ == "__main__":
    unittest.main()
