"""pipecast on a Dask cluster (`distributed`): a book in parts, and many books::

    from distributed import Client
    import pipecast.dask

    client = Client("tcp://scheduler:8786")            # or a LocalCluster
    parts = ["/shared/book-parts/part-%d" % i for i in range(1, 9)]   # `pipecast split`
    model = pipecast.dask.fit(client, parts, model="markov", as_of="2024-09-30")
    scores = pipecast.dask.score(client, parts, model)  # a DataFrame, in the book's order
    results = pipecast.dask.map_books(client, tenant_books, lambda book: book.counts())

- fit: each part is loaded once, on one worker, and stays there; each round
  of the fit-from-parts protocol sends the request to every part, the parts'
  answers (statistics, never deals) are merged in a tree on the workers and
  the merge comes back to this process.  The model is the one pipecast.fit
  makes on the whole book, the same model file byte for byte.
- score: the model's file goes to every worker, each scores its part, and
  the rows come back in the whole book's order (each part's split_order.csv
  says where its deals stood): the rows and values Model.score gives on the
  whole book.
- backtest: a book that fits one machine, loaded once on each worker; the
  backtest's origins spread over the workers in blocks, each block's blob
  (its rows and per-deal pairs) gathered and assembled here: the tables
  pipecast.backtest gives in one process, every figure.
- map_books: a function on each of many independent books; a book's
  failure is that book's exception in the list, not the run's.

Paths are read by the workers: they must see them (a shared file system);
a relative path is made absolute from this process's folder.  Loading the
parts once and using them for several calls: `with pipecast.dask.Parts(client,
paths) as parts: fit(client, parts, ...); score(client, parts, model)`.

dask and distributed are optional: `import pipecast` never imports them,
and importing this module does not either; its functions raise an
ImportError naming the packages to install when they are missing.  See
docs/scale-out.md, "On a Dask cluster".
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
import traceback
import uuid
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import Book, _core
from ._core import DateLike, PathLike
from ._forecast import Backtest, Forecast, Model
from ._parts import (PartsFit, PartWorker, backtest_from_origins, backtest_origin_count, backtest_origins,
                     forecast_from_partial, merge_partials, merge_stats, model_bytes,
                     model_from_bytes, part_forecast)

__all__ = ["Parts", "backtest", "fit", "forecast", "map_books", "score"]

INSTALL_HINT = ("install them: Debian's python3-dask python3-distributed (apt-get install python3-dask "
                "python3-distributed), or pip install 'dask[distributed]'")

# The files of a part directory that hold its deals (with their activities,
# and those of their accounts) and its order; every
# other file is a reference table, the same bytes in every part of a split.
_DEAL_FILES = ("opportunities.csv", "stage_history.csv", "line_items.csv", "activities.csv")
_ORDER_FILE = "split_order.csv"


def _distributed() -> Any:
    """The distributed package, imported now, or an ImportError that says
    what to install."""
    try:
        import distributed
    except ImportError as e:
        raise ImportError("pipecast.dask needs dask and distributed, which are not installed; " + INSTALL_HINT,
                          name="distributed") from e
    return distributed


# ---- On the workers ----------------------------------------------------------------


class _LoadedPart:
    """A part of a book on a worker.  It holds a handle of the library, so
    it stays on the worker that made it: it cannot be pickled (a Dask worker
    that tries to spill it to disk keeps it in memory).

    hold_deals: the part's book stays in memory (read once); or it is read
    only by the tasks that need its deals and let go after each, the fit's
    worker keeping only what the rounds built (the training snapshots and
    logistic rows: PartWorker.open), so that a worker holds the rows of its
    parts and the deals of one at a time."""

    def __init__(self, path: str, hold_deals: bool = True) -> None:
        self.path = path
        self.hold_deals = hold_deals
        if hold_deals:
            self.book: Optional[Book] = Book.load(path)
            # Keeps the training snapshots and logistic rows between the rounds
            # of a fit (logistic and auto ask once per Newton pass).
            self.worker = PartWorker(self.book)
        else:
            self.book = None
            self.worker = PartWorker.open(path)
        self._ids: Optional[Dict[str, int]] = None

    def __reduce__(self) -> Any:
        raise TypeError("a loaded part (%s) stays on the worker that loaded it" % self.path)

    @contextlib.contextmanager
    def deals(self) -> Iterator[Book]:
        """The part's book: the one held, or one read for the task and let go after it."""
        if self.book is not None:
            yield self.book
            return
        book = Book.load(self.path)
        try:
            yield book
        finally:
            book.close()

    def positions(self, book: Book) -> Dict[str, int]:
        """{deal id: its row in the part}, the part's deals in its order."""
        if self._ids is None:
            ids = book.opportunities()["id"].tolist()
            self._ids = {deal: row for row, deal in enumerate(ids)}
        return self._ids


def _load_part(path: str, hold_deals: bool = True) -> _LoadedPart:
    return _LoadedPart(path, hold_deals)


def _digest(paths: Sequence[str]) -> str:
    """SHA-256 of the files' names and bytes."""
    h = hashlib.sha256()
    for path in paths:
        h.update(os.path.basename(path).encode("utf-8") + b"\0")
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def _order_rows(path: str) -> List[int]:
    """The book rows of a part's deals, from its split_order.csv (see
    docs/scale-out.md), checked against its format."""
    rows: List[int] = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            line = line.rstrip("\r\n")
            if number == 1:
                if line != "table,row":
                    raise ValueError("%s:1: expected the header table,row" % path)
                continue
            table, _, row = line.partition(",")
            if table == "opportunities" and row.isdigit():
                rows.append(int(row))
            elif not (table == "line_items" and row.isdigit()):
                raise ValueError("%s:%d: expected opportunities,ROW or line_items,ROW, not %r" % (path, number, line))
    return rows


def _describe(part: _LoadedPart) -> Dict[str, Any]:
    """What the client checks of a part: its latest day, its deals' count,
    a digest of its deals' files (a part given twice) and one of its
    reference tables (parts of different books), whether it has an order."""
    with part.deals() as book:
        latest = book.latest_day
        deals = book.counts().opportunities
    info: Dict[str, Any] = {
        "path": part.path,
        "real_path": os.path.realpath(part.path),
        "latest_day": None if latest is None else _core.to_day(latest),
        "deals": deals,
        "deals_digest": None,
        "reference_digest": None,
        "ordered": False,
    }
    if os.path.isdir(part.path):
        names = sorted(name for name in os.listdir(part.path) if os.path.isfile(os.path.join(part.path, name)))
        deal_files = [os.path.join(part.path, n) for n in names if n in _DEAL_FILES]
        reference = [os.path.join(part.path, n) for n in names if n not in _DEAL_FILES and n != _ORDER_FILE]
        info["deals_digest"] = _digest(deal_files)
        info["reference_digest"] = _digest(reference)
        info["ordered"] = _ORDER_FILE in names
    else:
        info["deals_digest"] = _digest([part.path])
    return info


def _answer(part: _LoadedPart, request: bytes) -> bytes:
    return part.worker.answer(request)


def _merge(a: bytes, b: bytes) -> bytes:
    return merge_stats(a, b)


def _forecast_part(part: _LoadedPart, model_file: bytes, options: Dict[str, Any]) -> bytes:
    """The part's share of the forecast (a partial: sums over trials, no deal)."""
    model = model_from_bytes(model_file)
    try:
        with part.deals() as book:
            return part_forecast(book, model, **options)
    finally:
        model.close()


def _merge_partials(a: bytes, b: bytes) -> bytes:
    return merge_partials(a, b)


def _alive_workers(dask_scheduler: Any = None) -> List[str]:
    """On the scheduler: the addresses of the workers it knows alive."""
    return list(dask_scheduler.workers)


def _score_part(part: _LoadedPart, model_file: bytes, as_of_day: int, explain: int) -> Dict[str, Any]:
    """The part's scores as a DataFrame and, when the part has its
    split_order.csv, each scored deal's row in the whole book."""
    model = model_from_bytes(model_file)
    try:
        with part.deals() as book:
            frame = model.score(book, as_of=as_of_day, explain=explain).to_pandas()
            positions = part.positions(book)
    finally:
        model.close()
    rows: Optional[List[int]] = None
    order_path = os.path.join(part.path, _ORDER_FILE)
    if os.path.isdir(part.path) and os.path.isfile(order_path):
        book_rows = _order_rows(order_path)
        if len(book_rows) != len(positions):
            raise ValueError("%s lists %d deals, but its part holds %d: it does not fit its part"
                             % (order_path, len(book_rows), len(positions)))
        rows = [book_rows[positions[deal]] for deal in frame["id"].tolist()]
    return {"frame": frame, "rows": rows}


_OK, _FAILED = "ok", "failed"

# For tests: called as _after_submit(parts, round) once a round's tasks are
# submitted, before they are awaited (test_dask.py kills a worker there).
_after_submit: Optional[Callable[["Parts", int], None]] = None


def _apply_to_book(path: str, fn: Callable[[Book], Any], mapping: Optional[str]) -> Any:
    """fn(book) on one book, never raising: ("ok", the pickled result) or
    ("failed", the exception), so that one book's failure stays its own."""
    try:
        with Book.load(path, mapping=mapping) as book:
            return (_OK, pickle.dumps(fn(book), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as e:
        return (_FAILED, _sendable(e, traceback.format_exc()))


def _worker_book(paths: Tuple[str, ...], mapping: Optional[str]) -> Book:
    """The book at `paths` (one path, or the parts of a split, merged),
    loaded once per worker process and kept on the worker (read-only: the
    worker's threads may share it)."""
    worker = _distributed().get_worker()
    books = worker.__dict__.setdefault("_pipecast_books", {})
    if (paths, mapping) not in books:
        books[(paths, mapping)] = (Book.load(paths[0], mapping=mapping) if len(paths) == 1
                                   else Book.load_parts(list(paths), mapping=mapping))
    book: Book = books[(paths, mapping)]
    return book


def _backtest_block(paths: Tuple[str, ...], mapping: Optional[str], first: int, count: int,
                    keywords: Dict[str, Any]) -> bytes:
    return backtest_origins(_worker_book(paths, mapping), first, count, **keywords)


def _sendable(error: BaseException, trace: str) -> BaseException:
    """The exception itself when it pickles back, else a RuntimeError that
    says what it was; with the worker's traceback as .worker_traceback."""
    try:
        error.worker_traceback = trace  # type: ignore[attr-defined]  # for the caller's eyes
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        substitute = RuntimeError("%s: %s (the exception could not be pickled)" % (type(error).__name__, error))
        substitute.worker_traceback = trace  # type: ignore[attr-defined]
        return substitute


# ---- On the client ---------------------------------------------------------------


def _absolute(path: PathLike) -> str:
    return os.path.abspath(os.fsdecode(path))


class Parts:
    """The parts of one book (part directories or snapshots as `pipecast
    split` writes them), each loaded once on a worker of `client`'s cluster
    and kept there, spread over the workers in turn, until close() (or the
    end of a `with`).  fit and score take a Parts, or the paths themselves
    (then they load the parts for the call only).

    Refused, with ValueError naming the parts: no part, a path given twice,
    a part given twice (two parts holding the same deal files), parts of
    different books (reference tables that differ: the stages, products,
    quotas, FX rates).  A part that cannot be loaded raises the loading
    error (a missing folder: pipecast.MissingFileError).

    A worker lost in the middle of a call (its process killed, its machine
    gone): the parts it held are loaded again on the workers left (their
    deal files checked to be the bytes loaded first) and the round is run
    again; answers are pure functions of the part and the request, so the
    result is the one without the loss.  After `retries` losses in one
    round, or with no worker left, a RuntimeError names the part.

    hold_deals=False, for books larger than the workers' memory: a part's
    deals are read by each task that needs them (its description, the
    rounds of a fit that read deals, a score, a forecast) and let go after
    it; between the rounds of a fit a worker keeps only the logistic rows
    (PartWorker.open), so it holds the rows of its
    parts and the deals of one part at a time, at the cost of reading each
    part a few more times.  The results are the same."""

    def __init__(self, client: Any, parts: Sequence[PathLike], retries: int = 3, hold_deals: bool = True) -> None:
        _distributed()
        if isinstance(parts, (str, bytes, os.PathLike)):
            raise TypeError("parts must be a list of part paths, not one path")
        self.client = client
        self.retries = retries
        self.hold_deals = hold_deals
        self.rounds = 0  # rounds run (for the tests' hook, _after_submit)
        self.reloads = 0  # parts loaded again after their worker was lost
        self.paths = [_absolute(p) for p in parts]
        self._futures: List[Any] = []
        self.workers: List[str] = []
        if not self.paths:
            raise ValueError("no parts given")
        seen: Dict[str, int] = {}
        for i, path in enumerate(self.paths):
            if path in seen:
                raise ValueError("part %s is given twice (parts %d and %d of the list)" % (path, seen[path] + 1, i + 1))
            seen[path] = i
        workers = sorted(client.scheduler_info()["workers"])
        if not workers:
            raise RuntimeError("the Dask cluster has no workers")
        self.infos: List[Dict[str, Any]] = []  # each part's _describe(), once all are loaded
        for i, path in enumerate(self.paths):
            self.workers.append(workers[i % len(workers)])
            self._futures.append(self._load(i))
        try:
            self.infos = self._run(lambda: self._on_parts(_describe))
            self._check()
        except BaseException:
            self.close()
            raise
        days = [info["latest_day"] for info in self.infos if info["latest_day"] is not None]
        self.latest_day = _core.from_day(max(days)) if days else None

    def _load(self, i: int) -> Any:
        """The future of part i loaded on its worker (a new key each time)."""
        return self.client.submit(_load_part, self.paths[i], self.hold_deals, key="pipecast-part-%d-%s" % (i + 1, uuid.uuid4().hex),
                                  workers=[self.workers[i]], allow_other_workers=False, pure=False)

    def _lost(self) -> List[int]:
        """The parts whose worker the scheduler no longer knows."""
        alive = set(self.client.run_on_scheduler(_alive_workers))
        return [i for i, worker in enumerate(self.workers) if worker not in alive]

    def _await(self, futures: List[Any]) -> List[int]:
        """Waits until every future is done: [], or the parts lost with
        their worker meanwhile (a part's task restricted to a dead worker
        would wait for ever)."""
        next_check = time.monotonic() + 0.2
        while not all(f.done() for f in futures):
            time.sleep(0.002)
            if time.monotonic() >= next_check:
                lost = self._lost()
                if lost:
                    return lost
                next_check = time.monotonic() + 0.2
        return []

    def _reload(self, lost: List[int]) -> None:
        """Loads the lost parts again on the workers left, spread in turn,
        and checks they are the bytes loaded first."""
        alive = sorted(self.client.run_on_scheduler(_alive_workers))
        if not alive:
            raise RuntimeError("part %s was lost with its worker %s and no worker is left to load it again"
                               % (self.paths[lost[0]], self.workers[lost[0]]))
        for n, i in enumerate(lost):
            self._futures[i].release()
            self.workers[i] = alive[n % len(alive)]
            self._futures[i] = self._load(i)
            self.reloads += 1
        described = [self.client.submit(_describe, self._futures[i], workers=[self.workers[i]],
                                         allow_other_workers=False, pure=False) for i in lost]
        if self._await(described):
            return  # lost again: the next attempt loads them again
        for i, info in zip(lost, self.client.gather(described)):
            if self.infos and info["deals_digest"] != self.infos[i]["deals_digest"]:
                raise RuntimeError("part %s changed on disk since it was first loaded: loaded again after its "
                                   "worker was lost, it is not the same part" % self.paths[i])

    def _run(self, submit: Callable[[], List[Any]]) -> List[Any]:
        """The results of a round (the futures submit() makes, on the parts),
        run again after loading again the parts lost with their worker."""
        lost: List[int] = []
        for attempt in range(self.retries + 1):
            if attempt > 0:
                self._reload(lost)
            futures = submit()
            self.rounds += 1
            if _after_submit is not None:
                _after_submit(self, self.rounds)
            lost = self._await(futures)
            if lost:
                continue
            try:
                results: List[Any] = self.client.gather(futures)
                return results
            except Exception:
                lost = self._lost()
                if not lost:
                    raise
        raise RuntimeError("part %s was lost with its worker %d times in one round; giving up (retries=%d)"
                           % (self.paths[lost[0]], self.retries + 1, self.retries))

    def _on_parts(self, function: Callable[..., Any], *args: Any) -> List[Any]:
        """`function(part, *args)` on each part, on the worker holding it: the futures."""
        if not self._futures:
            raise ValueError("these parts are closed")
        return [self.client.submit(function, part, *args, workers=[worker], allow_other_workers=False, pure=False)
                for part, worker in zip(self._futures, self.workers)]

    def _check(self) -> None:
        by_file: Dict[str, str] = {}
        by_digest: Dict[str, str] = {}
        for info in self.infos:
            for key, seen, what in (("real_path", by_file, "the same part as"), ("deals_digest", by_digest,
                                                                                  "a copy of")):
                value = info[key]
                if key == "deals_digest" and info["deals"] == 0:
                    continue  # parts without a deal have the same (empty) files
                if value is not None and value in seen:
                    raise ValueError("part %s is %s part %s: a part given twice" % (info["path"], what, seen[value]))
                seen[value] = info["path"]
        references: Dict[str, List[str]] = {}
        for info in self.infos:
            if info["reference_digest"] is not None:
                references.setdefault(info["reference_digest"], []).append(info["path"])
        if len(references) > 1:
            groups = sorted(references.values(), key=len, reverse=True)
            raise ValueError("parts of different books: the reference tables (stages, products, quotas, FX rates) of "
                             + " differ from those of ".join(", ".join(group) for group in groups[:2])
                             + ("" if len(groups) == 2 else " (and %d more groups)" % (len(groups) - 2)))

    def gather(self, function: Callable[..., Any], *args: Any) -> List[Any]:
        """`function(part, *args)` on each part, on the worker holding it: the
        results, in the parts' order (a round, run again on a lost worker)."""
        return self._run(lambda: self._on_parts(function, *args))

    def merged(self, function: Callable[..., bytes], merge: Callable[[bytes, bytes], bytes], *args: Any) -> bytes:
        """`function(part, *args)` on each part, merged pairwise with merge()
        on the workers, in a tree: only the merge comes back (a round, run
        again on a lost worker)."""
        def submit() -> List[Any]:
            level = self._on_parts(function, *args)
            while len(level) > 1:
                merged = [self.client.submit(merge, level[i], level[i + 1], pure=False)
                          for i in range(0, len(level) - 1, 2)]
                level = merged + level[len(merged) * 2:]
            return level
        result: bytes = self._run(submit)[0]
        return result

    def answer(self, request: bytes) -> bytes:
        """Every part's answer to a request, merged: the answers are merged
        pairwise on the workers, in a tree, and only the merge comes back."""
        shared = self.client.scatter(request, broadcast=True, hash=False)
        return self.merged(_answer, _merge, shared)

    def close(self) -> None:
        """Releases the parts on the workers (again: nothing)."""
        # Releasing the futures (as dropping them does) lets the scheduler
        # forget the parts, and the workers free them; Client.cancel would do
        # the same but waits for the scheduler (a second, in distributed
        # 2022.12).
        futures, self._futures = self._futures, []
        for future in futures:
            try:
                future.release()
            except Exception:  # a client already closed has released them
                pass

    def __enter__(self) -> Parts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.paths)

    def __repr__(self) -> str:
        return "<pipecast.dask.Parts %d parts on %d workers%s>" % (
            len(self.paths), len(set(self.workers)), "" if self._futures else " (closed)")


PartsLike = Union[Parts, Sequence[PathLike]]


class _Using:
    """The Parts given, or the paths given loaded for one call."""

    def __init__(self, client: Any, parts: PartsLike) -> None:
        self.owned = not isinstance(parts, Parts)
        self.parts = Parts(client, parts) if not isinstance(parts, Parts) else parts

    def __enter__(self) -> Parts:
        return self.parts

    def __exit__(self, *exc: object) -> None:
        if self.owned:
            self.parts.close()


def fit(client: Any, parts: PartsLike, model: str = "markov", as_of: DateLike = None,
        activities: bool = True) -> Model:
    """Fits `model` on the book whose parts are `parts` (paths of parts as
    `pipecast split` writes them, or a Parts), as of `as_of` (default: the
    book's latest day, the latest of its parts'), on the workers of
    `client` (a distributed.Client).  Each round of the fit-from-parts
    protocol sends the request to every part and merges their statistics;
    the model is the one pipecast.fit makes on the whole book (the same
    model file).  Models: any of pipecast.fit's ("crm", "stage", "markov",
    "logistic", "auto"; others raise pipecast.UnknownNameError naming
    them).  activities: as pipecast.fit's (False: logistic and auto's
    logistic without the deals' activities)."""
    with _Using(client, parts) as loaded:
        day = as_of if as_of is not None else loaded.latest_day
        if day is None:
            raise ValueError("as_of is needed: the parts hold no day")
        with PartsFit(model, day, activities) as fitting:
            while not fitting.done:
                fitting.receive(loaded.answer(fitting.request()))
            return fitting.model()


def score(client: Any, parts: PartsLike, model: Model, as_of: DateLike = None, explain: int = 0) -> Any:
    """Scores the deals open at `as_of` (default: the book's latest day) on
    each part, on its worker, with `model` (its file is sent to every
    worker; a custom model cannot be), and returns one pandas DataFrame:
    the rows and values Model.score(whole_book).to_pandas() gives, in the
    whole book's order (each part's split_order.csv says where its deals
    stood).  Parts without an order (snapshots) come one after another, in
    the order given.  Refused with ValueError: a mix of parts with and
    without an order, a deal or a book row in two parts.  Needs pandas."""
    pd = _core.require_pandas("pipecast.dask.score()")
    model_file = model_bytes(model)
    with _Using(client, parts) as loaded:
        day = as_of if as_of is not None else loaded.latest_day
        if day is None:
            raise ValueError("as_of is needed: the parts hold no day")
        ordered = [info["ordered"] for info in loaded.infos]
        if any(ordered) and not all(ordered):
            raise ValueError("a mix of parts with an order (split_order.csv) and without one: %s has none"
                             % next(info["path"] for info in loaded.infos if not info["ordered"]))
        shared = client.scatter(model_file, broadcast=True, hash=False)
        results: List[Dict[str, Any]] = loaded.gather(_score_part, shared, _core.to_day(day), explain)
    frames = [r["frame"] for r in results]
    if all(ordered):
        owner: Dict[int, str] = {}
        for path, result in zip(loaded.paths, results):
            for row in result["rows"]:
                if row in owner:
                    raise ValueError("row %d of the book is in part %s and in part %s: parts of different splits"
                                     % (row, owner[row], path))
                owner[row] = path
        rows = [row for r in results for row in r["rows"]]
    non_empty = [f for f in frames if len(f)] or frames[:1]
    frame = pd.concat(non_empty, ignore_index=True)
    ids = frame["id"]
    if ids.duplicated().any():
        deal = ids[ids.duplicated()].iloc[0]
        holders = [path for path, f in zip(loaded.paths, frames) if (f["id"] == deal).any()]
        raise ValueError("deal %s is in parts %s: a part given twice, or parts of different splits"
                         % (deal, " and ".join(holders)))
    if all(ordered) and len(frame):
        order = sorted(range(len(rows)), key=rows.__getitem__)
        frame = frame.iloc[order].reset_index(drop=True)
    return frame


def forecast(client: Any, parts: PartsLike, model: Model, period: Optional[str] = None, periods: int = 1,
             trials: int = 10_000, seed: int = 1, as_of: DateLike = None, fiscal_start: int = 1,
             threads: int = 0) -> Forecast:
    """model.forecast(whole_book, ...) of the book whose parts are `parts`
    (paths or a Parts), every figure the same (the percentiles, the
    expected values, the trials' totals), computed on the workers of
    `client`: the model's file goes to every worker, each part simulates
    its own open deals (each deal's random numbers are its own, from the
    seed and its id) and sends back its per-trial sums, 16 bytes per trial
    and period, merged on the workers; this process then draws what the
    whole book shares (the level the open deals share, the new deals) from
    the model.  as_of: default the book's latest day (the latest of its
    parts'); threads: per worker (0: one per core).  A custom model cannot
    travel (its file cannot be written)."""
    model_file = model_bytes(model)
    with _Using(client, parts) as loaded:
        day = as_of if as_of is not None else loaded.latest_day
        if day is None:
            raise ValueError("as_of is needed: the parts hold no day")
        day_number = _core.to_day(day)
        options: Dict[str, Any] = dict(as_of=day_number, period=period, periods=periods, trials=trials, seed=seed,
                                       threads=threads, fiscal_start=fiscal_start)
        shared = client.scatter(model_file, broadcast=True, hash=False)
        merged = loaded.merged(_forecast_part, _merge_partials, shared, options)
    return forecast_from_partial(model, merged, day_number, period=period, periods=periods, trials=trials, seed=seed,
                                 fiscal_start=fiscal_start)


def map_books(client: Any, books: Sequence[PathLike], fn: Callable[[Book], Any], mapping: Optional[str] = None) -> List[Any]:
    """fn(book) on each of many independent books (directories or
    snapshots, loaded on the workers with Book.load(path, mapping)): a list
    with one entry per book, in order: fn's result, or, when that book
    failed (it could not be loaded, fn raised, its result could not be
    pickled, its worker died), the exception, with the worker's traceback
    as .worker_traceback when there is one.  One book's failure never fails
    the others nor the call.  fn and its results travel between processes:
    they must pickle (a module-level function or a lambda; results such as
    numbers, dicts, DataFrames, a model's bytes; not a Book or a Model)."""
    distributed = _distributed()
    if isinstance(books, (str, bytes, os.PathLike)):
        raise TypeError("books must be a list of book paths, not one path")
    paths = [_absolute(b) for b in books]
    futures = [client.submit(_apply_to_book, path, fn, mapping, pure=False) for path in paths]
    distributed.wait(futures)
    results: List[Any] = []
    for future in futures:
        if future.status != "finished":
            try:
                results.append(future.exception())
            except BaseException as e:  # cancelled: that is its error
                results.append(e)
            continue
        status, value = future.result()
        if status == _OK:
            try:
                value = pickle.loads(value)
            except Exception as e:
                value = e
        results.append(value)
    return results


def backtest(client: Any, book: Union[PathLike, PartsLike], models: Union[str, Sequence[str], None] = None,
             from_: DateLike = None, to: DateLike = None, every: str = "month", horizon: str = "month",
             horizons: int = 2, trials: int = 2000, seed: int = 1, group_by: Optional[str] = None,
             mapping: Optional[str] = None, blocks: Optional[int] = None, activities: bool = True,
             **dates: DateLike) -> Backtest:
    """pipecast.backtest(book, ...) on the cluster, with its keywords: the
    same tables, every figure.  `book` is a path the workers read (a book
    folder or snapshot, with `mapping`), or the parts of a split (a list of
    part paths, or a Parts: each worker merges them back into the book,
    Book.load_parts), loaded once on each worker that runs a block; the
    origins go in `blocks` blocks (default: two per worker) of consecutive
    origins, one task each; each block comes back as a blob of its rows and
    per-deal (predicted, outcome) pairs (no deal's data), and the blobs are
    assembled here.  A worker lost mid-run: the scheduler runs its blocks
    again on another (distributed.scheduler.allowed-failures), the same
    blobs since a block depends only on the book, the keywords and its
    origins.  Each worker that runs a block holds the whole book: a book
    larger than a worker's memory is not backtested here (each origin would
    need a fit and a forecast from parts of the book cut at it:
    docs/scale-out.md)."""
    _distributed()  # an ImportError naming what to install
    if isinstance(book, Parts):
        paths = tuple(book.paths)
    elif isinstance(book, (str, os.PathLike)):
        paths = (_absolute(book),)
    elif isinstance(book, (list, tuple)) and book and all(isinstance(p, (str, os.PathLike)) for p in book):
        paths = tuple(_absolute(p) for p in book)
    else:
        raise TypeError("backtest needs the path of a book (a folder or a snapshot), or the paths of its parts, "
                        "not %r" % (book,))
    if "from" in dates:
        from_ = dates.pop("from")
    keywords: Dict[str, Any] = dict(models=models, from_=from_, to=to, every=every, horizon=horizon,
                                    horizons=horizons, trials=trials, seed=seed, group_by=group_by,
                                    activities=activities, **dates)
    count = backtest_origin_count(models=models, from_=from_, to=to, every=every, **dates)
    if blocks is None:
        blocks = 2 * max(1, len(client.run_on_scheduler(_alive_workers)))
    blocks = max(1, min(blocks, count))
    ends = [count * b // blocks for b in range(blocks + 1)]
    futures = [client.submit(_backtest_block, paths, mapping, first, last - first, dict(keywords, threads=1),
                             pure=False)
               for first, last in zip(ends, ends[1:])]
    blobs = client.gather(futures)
    return backtest_from_origins(blobs, **keywords)
