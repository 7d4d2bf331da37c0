"""Fitting a model from the parts of a book, over the C ABI's protocol
(pipecast_parts_fit_*, pipecast_part_answer, pipecast_part_stats_merge; see
docs/scale-out.md, "Fitting a model from parts").

The fitting side holds a PartsFit and, while it is not done, sends
request() to every part; each part answers with part_answer(part, request);
the answers are merged with merge_stats in any order and grouping (the
merged bytes are the same), and the merge goes back through receive().
Requests, answers and merges are plain bytes: they can travel to other
processes and machines.  pipecast.dask drives these rounds on a Dask
cluster; any other engine can drive them the same way.

Forecasting from parts (docs/scale-out.md, "Forecasting from parts"): each
part's share of the forecast (part_forecast), the shares merged in any order
and grouping (merge_partials), and the forecast made from the merge
(forecast_from_partial): Model.forecast's on the whole book, every figure
the same.

Also here: a model as bytes (model_bytes, model_from_bytes), for sending a
fitted model to the processes that score with it.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any, Optional

from . import _core, _library
from ._core import DateLike, PathLike
from ._forecast import Backtest, Forecast, Model, backtest_options, forecast_options
from ._results import Result, _Handle

if TYPE_CHECKING:
    from . import Book

lib = _core.lib

def _take(handle: Any) -> bytes:
    """The bytes of a pipecast_bytes blob, copied out; the blob is freed."""
    try:
        data, size = ctypes.c_void_p(), ctypes.c_size_t()
        _core.check(lib.pipecast_bytes_data(handle, ctypes.byref(data), ctypes.byref(size)))
        if not size.value or data.value is None:
            return b""
        return ctypes.string_at(data.value, size.value)
    finally:
        lib.pipecast_bytes_free(handle)


def _blob(value: bytes, what: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError("%s must be bytes, not %s" % (what, type(value).__name__))
    return bytes(value)


class PartsFit(_Handle):
    """A fit from parts in progress: `model` (any of pipecast's) as
    of `as_of`, which must be given (there is no book to say its latest
    day).  While not `done`: send request() to every part, merge their
    answers, receive() the merge.  Then model() is the model pipecast.fit
    makes on the whole book: the same model file byte for byte for crm,
    stage and markov; for logistic and auto, whose Newton passes stop at a
    tolerance, coefficients within 1e-9 and scores within 1e-12.
    activities: as pipecast.fit's (the parts answer with their deals'
    activities unless False).  Used by one thread at a time."""

    _free = lib.pipecast_parts_fit_free

    def __init__(self, model: str, as_of: DateLike, activities: bool = True) -> None:
        super().__init__(None)
        if as_of is None:
            raise TypeError("PartsFit needs as_of: there is no book to say its latest day")
        options = _core.initialised(_library.FitOptions, lib.pipecast_fit_options_init)
        options.model = _core.text(model)
        options.as_of_day = _core.to_day(as_of)
        options.activities = bool(activities)
        handle = _library.PartsFitPointer()
        _core.check(lib.pipecast_parts_fit_begin(ctypes.byref(options), ctypes.byref(handle)))
        self._handle = handle

    @property
    def done(self) -> bool:
        """True once the model is ready (no more requests)."""
        done = ctypes.c_int()
        _core.check(lib.pipecast_parts_fit_done(self._live(), ctypes.byref(done)))
        return bool(done.value)

    def request(self) -> bytes:
        """The current round's request, to send to every part."""
        handle = _library.BytesPointer()
        _core.check(lib.pipecast_parts_fit_request(self._live(), ctypes.byref(handle)))
        return _take(handle)

    def receive(self, stats: bytes) -> None:
        """Takes the merged answers of every part to the current request and
        moves to the next round (or to done)."""
        stats = _blob(stats, "stats")
        _core.check(lib.pipecast_parts_fit_receive(self._live(), stats, len(stats)))

    def model(self) -> Model:
        """The fitted model, once done."""
        handle = _library.ModelPointer()
        _core.check(lib.pipecast_parts_fit_model(self._live(), ctypes.byref(handle)))
        return Model(handle)

    def __repr__(self) -> str:
        if not self._handle:
            return "<pipecast.PartsFit (closed)>"
        return "<pipecast.PartsFit %s>" % ("done" if self.done else "waiting for answers")


def part_answer(part: Book, request: bytes) -> bytes:
    """A part's answer to a request: the statistics of its deals.  `part` is
    a book holding whole deals with the whole book's reference tables, as
    `pipecast split` writes them (not a view)."""
    request = _blob(request, "request")
    handle = _library.BytesPointer()
    _core.check(lib.pipecast_part_answer(part._live(), request, len(request), ctypes.byref(handle)))
    return _take(handle)


class PartWorker(_Handle):
    """Answers requests for one part, as part_answer() does, keeping what
    the last answers built (the training snapshots, the logistic design's
    rows) for the next rounds of the same fit: logistic and auto ask once
    per Newton pass.  Keeps the part alive.  Used by one thread at a time."""

    _free = lib.pipecast_part_worker_free

    def __init__(self, part: Book) -> None:
        super().__init__(None)
        handle = _library.PartWorkerPointer()
        _core.check(lib.pipecast_part_worker_new(part._live(), ctypes.byref(handle)))
        self._handle = handle

    @classmethod
    def open(cls, path: PathLike, mapping: Optional[str] = None) -> PartWorker:
        """A worker that reads its part from `path` (as Book.load reads it)
        only while a request needs the part's deals, and lets them go after
        each answer: between rounds it holds only the logistic rows (the
        training snapshots are built again with each read), so a process can work for
        several parts of a book too large for its memory, the deals of one
        part at a time.  The part must not change while the worker lives (a
        read that finds other deals is pipecast.InvalidDataError)."""
        worker = cls.__new__(cls)
        _Handle.__init__(worker, None)
        options = _core.initialised(_library.LoadOptions, lib.pipecast_load_options_init)
        options.mapping = _core.text(mapping)
        handle = _library.PartWorkerPointer()
        _core.check(lib.pipecast_part_worker_open(_core.text(path), ctypes.byref(options), ctypes.byref(handle)), path)
        worker._handle = handle
        return worker

    def answer(self, request: bytes) -> bytes:
        """The part's answer to `request`."""
        request = _blob(request, "request")
        handle = _library.BytesPointer()
        _core.check(lib.pipecast_part_worker_answer(self._live(), request, len(request), ctypes.byref(handle)))
        return _take(handle)


def merge_stats(a: bytes, b: bytes) -> bytes:
    """The statistics of the parts of `a` and of `b` together (answers to
    one request, or earlier merges).  Associative and commutative, exactly:
    any order and grouping gives the same bytes."""
    a, b = _blob(a, "a"), _blob(b, "b")
    handle = _library.BytesPointer()
    _core.check(lib.pipecast_part_stats_merge(a, len(a), b, len(b), ctypes.byref(handle)))
    return _take(handle)


def model_bytes(model: Model) -> bytes:
    """The model as bytes: what Model.save writes to a file."""
    handle = _library.BytesPointer()
    _core.check(lib.pipecast_model_to_bytes(model._live(), ctypes.byref(handle)))
    return _take(handle)


def model_from_bytes(data: bytes) -> Model:
    """The model whose bytes (or file's contents) are `data`."""
    data = _blob(data, "data")
    handle = _library.ModelPointer()
    _core.check(lib.pipecast_model_from_bytes(data, len(data), ctypes.byref(handle)))
    return Model(handle)


def part_forecast(part: Book, model: Model, as_of: DateLike, period: Optional[str] = None, periods: int = 1,
                  trials: int = 10_000, seed: int = 1, threads: int = 0, fiscal_start: int = 1) -> bytes:
    """A part's share of model.forecast(whole_book, ...) (its "partial"):
    its open deals simulated over the trials, and its exact expected and
    closed amounts; 16 bytes per trial and period.  `part` is a book as
    `pipecast split` writes its parts (not a view); `as_of` must be given
    (the whole book's latest day, not the part's).  The other arguments are
    Model.forecast's, and every part must get the same."""
    if as_of is None:
        raise TypeError("part_forecast needs as_of: a part does not know the whole book's latest day")
    options = forecast_options(period, periods, trials, seed, threads, as_of, fiscal_start)
    handle = _library.BytesPointer()
    model._call(lib.pipecast_part_forecast(model._live(), part._live(), ctypes.byref(options), ctypes.byref(handle)))
    return _take(handle)


def merge_partials(a: bytes, b: bytes) -> bytes:
    """The partial forecast of the parts of `a` and of `b` together.
    Associative and commutative: any order and grouping gives the same bytes."""
    a, b = _blob(a, "a"), _blob(b, "b")
    handle = _library.BytesPointer()
    _core.check(lib.pipecast_forecast_partial_merge(a, len(a), b, len(b), ctypes.byref(handle)))
    return _take(handle)


def forecast_from_partial(model: Model, partial: bytes, as_of: DateLike, period: Optional[str] = None,
                          periods: int = 1, trials: int = 10_000, seed: int = 1, threads: int = 0,
                          fiscal_start: int = 1) -> Forecast:
    """The forecast from the merge of every part's partial, made with the
    same model and arguments: what model.forecast(whole_book, ...) returns,
    every figure the same."""
    if as_of is None:
        raise TypeError("forecast_from_partial needs as_of: the one the partials were made with")
    partial = _blob(partial, "partial")
    options = forecast_options(period, periods, trials, seed, threads, as_of, fiscal_start)
    handle = _library.ResultPointer()
    model._call(lib.pipecast_forecast_from_partial(model._live(), partial, len(partial), ctypes.byref(options),
                                                   ctypes.byref(handle)))
    return Forecast.from_result(Result(handle))


# ---- A backtest in blocks of origins ------------------------------------------


def backtest_origins(book: Book, first: int, count: int, models: Any = None, from_: DateLike = None,
                     to: DateLike = None, every: str = "month", horizon: str = "month", horizons: int = 2,
                     trials: int = 2000, seed: int = 1, threads: int = 0, group_by: Optional[str] = None,
                     activities: bool = True, **dates: DateLike) -> bytes:
    """Origins first .. first + count - 1 (0-based, of the origin list
    from_ .. to every `every`) of pipecast.backtest(book, ...) with the same
    keywords, as a blob: their rows and what the summary needs (each model's
    per-deal predictions and outcomes, the book's latest day and group
    names).  Blocks covering every origin, from any machines, give
    pipecast.backtest's result with backtest_from_origins (given the same
    `activities`: a blob made with one value is refused with the other)."""
    options = backtest_options(models, from_, to, every, horizon, horizons, trials, seed, threads, group_by, dates,
                               "backtest_origins", activities)
    handle = _library.BytesPointer()
    _core.check(lib.pipecast_backtest_origins(book._live(), ctypes.byref(options), first, count,
                                              ctypes.byref(handle)))
    return _take(handle)


def backtest_origin_count(models: Any = None, from_: DateLike = None, to: DateLike = None, every: str = "month",
                          **dates: DateLike) -> int:
    """How many origins the backtest from_ .. to every `every` has."""
    options = backtest_options(models, from_, to, every, "month", 2, 2000, 1, 0, None, dates, "backtest_origin_count")
    count = ctypes.c_size_t()
    _core.check(lib.pipecast_backtest_origin_count(ctypes.byref(options), ctypes.byref(count)))
    return count.value


def backtest_from_origins(blobs: Any, models: Any = None, from_: DateLike = None, to: DateLike = None,
                          every: str = "month", horizon: str = "month", horizons: int = 2, trials: int = 2000,
                          seed: int = 1, group_by: Optional[str] = None, activities: bool = True,
                          **dates: DateLike) -> Backtest:
    """The Backtest of backtest_origins blobs covering each origin once, in
    any order, made with these keywords: pipecast.backtest's result on the
    book they came from, every figure.  No book is needed."""
    options = backtest_options(models, from_, to, every, horizon, horizons, trials, seed, 0, group_by, dates,
                               "backtest_from_origins", activities)
    values = [_blob(b, "blobs[%d]" % i) for i, b in enumerate(blobs)]
    data = (ctypes.c_void_p * len(values))(*(ctypes.cast(ctypes.c_char_p(v), ctypes.c_void_p) for v in values))
    sizes = (ctypes.c_size_t * len(values))(*(len(v) for v in values))
    handle = _library.ResultPointer()
    _core.check(lib.pipecast_backtest_from_origins(ctypes.byref(options), data, sizes, len(values),
                                                   ctypes.byref(handle)))
    return Backtest.from_result(Result(handle))
