"""Forecasting: fitted models, scores, period forecasts, backtests and
models of your own (a Python callable), over the C ABI's pipecast_model."""

from __future__ import annotations

import array
import ctypes
import dataclasses
import datetime
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _core, _errors, _library
from ._core import DateLike, TextLike
from ._log import LogTarget, log_callback
from ._results import Result, _Handle, _Tables

if TYPE_CHECKING:
    from . import Book

lib = _core.lib

MODELS = ("crm", "stage", "markov", "logistic", "auto")
_STEPS = {"week": 0, "month": 1, "quarter": 2}
_PERIOD_KINDS = {"month": 0, "quarter": 1}


def _day_or_default(date: DateLike) -> int:
    return _core.NO_DAY if date is None else _core.to_day(date)


def forecast_options(period: Optional[str], periods: int, trials: int, seed: int, threads: int, as_of: DateLike,
                     fiscal_start: int) -> Any:
    """A pipecast_forecast_options of Model.forecast's arguments."""
    options = _core.initialised(_library.ForecastOptions, lib.pipecast_forecast_options_init)
    options.as_of_day = _day_or_default(as_of)
    options.period = _core.text(period)
    options.periods, options.trials, options.seed = periods, trials, seed
    options.threads, options.fiscal_start_month = threads, fiscal_start
    return options


class Model(_Handle):
    """A fitted forecast model (pipecast.fit, pipecast.load_model or
    pipecast.custom_model).  Immutable: share it between threads freely.

    .name ("auto", ...), .kind (the model computing the probabilities: for
    auto, the one it chose), .description, .as_of (datetime.date)."""

    _free = lib.pipecast_model_free

    def __init__(self, handle: Any, keep: Optional[_Callback] = None) -> None:
        super().__init__(handle)
        # A custom model's ctypes callback and the errors it caught: the
        # library holds a bare pointer to the callback, so it must live as
        # long as this handle.
        self._keep = keep

    def _text(self, function: Callable[..., int]) -> str:
        out = ctypes.c_char_p()
        _core.check(function(self._live(), ctypes.byref(out)))
        return _core.string(out.value)

    @property
    def name(self) -> str:
        """The name it was fitted or made under: "auto", "markov", a custom model's name, ..."""
        return self._text(lib.pipecast_model_name)

    @property
    def kind(self) -> str:
        """The model computing the probabilities: for "auto", the one it chose."""
        return self._text(lib.pipecast_model_kind)

    @property
    def description(self) -> str:
        """One line: what the model is (for "auto", why it chose it)."""
        return self._text(lib.pipecast_model_description)

    @property
    def as_of(self) -> Optional[datetime.date]:
        """The day it was fitted as of; None when it has none (a custom model)."""
        day = ctypes.c_int32()
        _core.check(lib.pipecast_model_as_of(self._live(), ctypes.byref(day)))
        return _core.from_day(day.value)

    def _call(self, code: int) -> None:
        """check(code), turning a failure of this model's Python callable
        into an Error chained to the exception it raised."""
        if code != 0 and self._keep is not None and self._keep.failures:
            failure = self._keep.failures.pop()
            self._keep.failures.clear()
            message = _core.last_error()
            raise _errors.error(code, "%s: %s: %s" % (message, type(failure).__name__, failure)) from failure
        _core.check(code)

    def save(self, path: TextLike) -> None:
        """Writes the model to `path` (pipecast.load_model reads it back; so
        does `pipecast score --model-file`).  A custom model cannot be saved."""
        _core.check(lib.pipecast_model_save(self._live(), _core.text(path)))

    def score(self, book: Book, as_of: DateLike = None, explain: int = 0, since: DateLike = None,
              drivers: int = 3) -> Scores:
        """Scores every deal open at `as_of` (default: the book's latest day,
        or the view's): a Scores object (rows, columns, numpy arrays).
        explain: add top_factors (logistic).  since: a day before `as_of`;
        adds win_probability_before (None for a deal not open then),
        win_probability_change and drivers (up to `drivers`, what moved each
        deal), as `pipecast score --since` does."""
        options = _core.initialised(_library.ScoreOptions, lib.pipecast_score_options_init)
        options.as_of_day = _day_or_default(as_of)
        options.explain = explain
        if since is not None:
            options.since_day = _core.to_day(since)
        options.drivers = drivers
        handle = _library.ResultPointer()
        self._call(lib.pipecast_score(self._live(), book._live(), ctypes.byref(options), ctypes.byref(handle)))
        return Scores(Result(handle))

    def forecast(self, book: Book, period: Optional[str] = None, periods: int = 1, trials: int = 10_000, seed: int = 1,
                 threads: int = 0, as_of: DateLike = None, fiscal_start: int = 1) -> Forecast:
        """Bookings per period with P10/P50/P90 (what `pipecast forecast`
        shows): period "2024-Q3" and the like (default: the as-of quarter),
        `periods` of them from it on."""
        options = forecast_options(period, periods, trials, seed, threads, as_of, fiscal_start)
        handle = _library.ResultPointer()
        self._call(lib.pipecast_forecast(self._live(), book._live(), ctypes.byref(options), ctypes.byref(handle)))
        return Forecast.from_result(Result(handle))

    def forecast_movement(self, book: Book, since: DateLike, period: Optional[str] = None, periods: int = 1,
                          as_of: DateLike = None, fiscal_start: int = 1, movers: int = 10) -> Movement:
        """What moved the forecast of each period since `since` (what
        `pipecast forecast --since` shows): a Movement whose .movement rows
        are the waterfall (bar "before", new deals, won, lost, slipped,
        pulled in, amount, probability, "after"), summing exactly from the
        forecast as of `since` to the one as of `as_of`, both by this model,
        and whose .movers rows are the `movers` deals that moved it most."""
        options = _core.initialised(_library.ForecastOptions, lib.pipecast_forecast_options_init)
        options.as_of_day = _day_or_default(as_of)
        options.period = _core.text(period)
        options.periods, options.fiscal_start_month = periods, fiscal_start
        handle = _library.ResultPointer()
        self._call(lib.pipecast_forecast_movement(self._live(), book._live(), ctypes.byref(options),
                                                  _core.to_day(since), movers, ctypes.byref(handle)))
        return Movement.from_result(Result(handle))

    def __repr__(self) -> str:
        if not self._handle:
            return "<pipecast.Model (closed)>"
        as_of = self.as_of
        return "<pipecast.Model %s (%s)%s>" % (self.name, self.kind, "" if as_of is None else " as of %s" % as_of)


def fit(book: Book, model: str = "auto", as_of: DateLike = None, log: LogTarget = None,
        activities: bool = True) -> Model:
    """Fits `model` ("crm", "stage", "markov", "logistic" or "auto") on
    `book` as of `as_of` (default: its latest day): only what was known
    then is read.  log: a callable(level, message) or a logging.Logger.
    activities: logistic (and auto's logistic) read the deals' activities
    when the book has them (the default); False fits without them, as
    `pipecast score --no-activities` does."""
    options = _core.initialised(_library.FitOptions, lib.pipecast_fit_options_init)
    options.model = _core.text(model)
    options.as_of_day = _day_or_default(as_of)
    options.activities = bool(activities)
    failures: List[BaseException] = []
    callback = log_callback(log, failures)  # alive until the call returns
    options.log = callback
    handle = _library.ModelPointer()
    _core.check(lib.pipecast_fit(book._live(), ctypes.byref(options), ctypes.byref(handle)))
    fitted = Model(handle)
    if failures:
        raise failures[0]
    return fitted


def load_model(path: TextLike) -> Model:
    """A model written by Model.save (or `pipecast fit`)."""
    handle = _library.ModelPointer()
    _core.check(lib.pipecast_model_load(_core.text(path), ctypes.byref(handle)), path)
    return Model(handle)


# ---- Models of your own ------------------------------------------------------

_FEATURE_TEXTS = ("id", "pipeline", "stage", "owner", "product", "source", "segment")
_FEATURE_NUMBERS = (("stage_order", "i"), ("stage_probability", "d"), ("days_in_stage", "i"), ("age", "i"),
                    ("amount", "d"), ("close_date", "i"), ("regressions", "i"), ("pushes", "i"))


_CTYPES: Dict[str, type[ctypes._SimpleCData[Any]]] = {"d": ctypes.c_double, "i": ctypes.c_int32}


class DealFeatures:
    """What a custom model sees of the open deals: one attribute per feature,
    each a sequence of len(features) values.  Texts are lists of str;
    numbers are numpy arrays when numpy is installed (else array.array),
    copied out of the library's memory (valid after the call).  as_of is a
    datetime.date; close_date holds day numbers (NO_DAY: blank)."""

    def __init__(self, raw: _library.DealFeatures, count: int) -> None:
        np = _core.numpy()
        self.as_of = _core.from_day(raw.as_of_day)
        self._count = count
        for name in _FEATURE_TEXTS:
            values = getattr(raw, name)
            setattr(self, name, [values[i].decode("utf-8") for i in range(count)])
        for name, code in _FEATURE_NUMBERS:
            numbers = self._copy(getattr(raw, name), code, count)
            setattr(self, name, np.frombuffer(numbers, dtype=np.float64 if code == "d" else np.int32) if np else numbers)

    @staticmethod
    def _copy(pointer: Any, code: str, count: int) -> array.array[Any]:
        """`count` numbers out of the library's memory (valid for the call only)."""
        if count == 0:
            return array.array(code)
        source = ctypes.cast(pointer, ctypes.POINTER(_CTYPES[code] * count)).contents
        return array.array(code, bytes(source))

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return "<pipecast.DealFeatures %s deals as of %s>" % ("{:,}".format(self._count), self.as_of)

    def __getattr__(self, name: str) -> Any:
        # The features, set by __init__ from _FEATURE_TEXTS and
        # _FEATURE_NUMBERS; declared here for type checkers.
        raise AttributeError("DealFeatures has no feature %r" % (name,))


# What a custom model's callable returns: one probability per deal.
Probabilities = Union[Sequence[float], Any]  # Any: a numpy array


class _Callback:
    """The ctypes callback of a custom model and the exceptions it caught."""

    def __init__(self, function: Callable[[DealFeatures], Probabilities]) -> None:
        self.failures: List[BaseException] = []

        def call(_user_data: Optional[int], features: Any, count: int, out: Any) -> int:
            try:
                values = function(DealFeatures(features.contents, count))
                if len(values) != count:
                    raise ValueError("returned %d probabilities for %d deals" % (len(values), count))
                for i in range(count):
                    out[i] = float(values[i])
                return 0
            except BaseException as e:  # never unwind through C
                self.failures.append(e)
                return -1

        self.function = _library.WIN_PROBABILITY_FUNCTION(call)


def custom_model(name: str, win_probability: Callable[[DealFeatures], Probabilities]) -> Model:
    """A model whose win probabilities come from `win_probability`, a
    callable(DealFeatures) returning one probability in [0, 1] per deal.  A
    won deal closes on its expected close date, as with crm; there are no
    deals not yet created; it cannot be saved.  An exception raised by the
    callable fails the call that scores with pipecast.Error (code CALLBACK)
    chained to it."""
    callback = _Callback(win_probability)
    spec = _core.initialised(_library.CustomModel, lib.pipecast_custom_model_init)
    spec.name = _core.text(name)
    spec.win_probability = callback.function
    handle = _library.ModelPointer()
    _core.check(lib.pipecast_model_from_callback(ctypes.byref(spec), ctypes.byref(handle)))
    return Model(handle, keep=callback)


# ---- Results -------------------------------------------------------------------


class Scores(_Tables):
    """The scores of the open deals: len(scores); scores.rows() (dataclasses
    id, stage, amount, win_probability, expected_close_date,
    expected_amount); scores.win_probability, .expected_amount (numpy float64
    arrays when numpy is installed, else array('d')) and
    .expected_close_day (int32 day numbers), read in bulk without a copy;
    scores.table("scores").to_pandas(); scores.to_json()."""

    _main_table: ClassVar[str] = "scores"

    def __init__(self, result: Result) -> None:
        self._result = result
        self._rows = {}
        count = ctypes.c_size_t()
        _core.check(lib.pipecast_score_count(result._live(), ctypes.byref(count)))
        self._count = count.value
        self._columns: Optional[Tuple[Any, Any, Any]] = None

    def __len__(self) -> int:
        return self._count

    def _bulk(self) -> Tuple[Any, Any, Any]:
        """(win probabilities, expected amounts, expected close days): numpy
        arrays, or array.array without numpy."""
        if self._columns is None:
            n = self._count
            p, e, c = array.array("d", bytes(8 * n)), array.array("d", bytes(8 * n)), array.array("i", bytes(4 * n))
            if n > 0:
                _core.check(lib.pipecast_score_read(
                    self._result._live(), (ctypes.c_double * n).from_buffer(p), (ctypes.c_double * n).from_buffer(e),
                    (ctypes.c_int32 * n).from_buffer(c), n))
            np = _core.numpy()
            if np is not None:
                p, e, c = np.frombuffer(p, np.float64), np.frombuffer(e, np.float64), np.frombuffer(c, np.int32)
            self._columns = (p, e, c)
        return self._columns

    @property
    def win_probability(self) -> Any:
        """Each open deal's probability of being won eventually: numpy float64 array, or array('d') without numpy."""
        return self._bulk()[0]

    @property
    def expected_amount(self) -> Any:
        """Each open deal's win probability times its amount, in the base currency: numpy float64 array, or
        array('d')."""
        return self._bulk()[1]

    @property
    def expected_close_day(self) -> Any:
        """Each open deal's median close day if won, as a day number (see from_day): numpy int32 array, or
        array('i')."""
        return self._bulk()[2]

    def rows(self) -> List[Any]:
        """One dataclass per deal."""
        return self.scores


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class Forecast(_Tables):
    """A period forecast.  .forecast: rows (model, component, period,
    period_start, period_end, expected, p10, p50, p90), four a period
    (closed, pipeline, new, total); .periods(): the periods' labels;
    .totals(): {period label: its total's row}; to_dict()/to_json(): the
    CLI's JSON (the header's values, then the rows under "forecast").
    .new_deals_unknown: why the "new" component is unknown (its figures are
    then None and the total counts closed and pipeline only), or ""."""

    _main_table: ClassVar[str] = "forecast"

    model: str
    description: str
    as_of: datetime.date
    trials: int
    seed: int
    open_deals: int
    new_deals_unknown: str
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> Forecast:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        d = result.to_dict()
        return cls(d["model"], d.get("description", ""), _core.date_of(d["as_of"]), d["trials"],
                   d["seed"], d["open_deals"], d.get("new_deals_unknown", ""), result)

    def periods(self) -> List[str]:
        """The labels of the periods forecast, in order."""
        return list(self.totals())

    def totals(self) -> Dict[str, Any]:
        """{period label: the row of its total}, in the periods' order."""
        return {row.period: row for row in self.forecast if row.component == "total"}


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class Movement(_Tables):
    """What moved a forecast between two days.  .movement: rows (model,
    period_start, period_end, bar, day, change, running); .movers: rows (id,
    cause, before, after, change, and both days' win probability, amount,
    stage and close date); .bars(): {bar: change} of the first period;
    to_dict()/to_json(): the CLI's JSON."""

    _main_table: ClassVar[str] = "movement"

    model: str
    since: datetime.date
    as_of: datetime.date
    new_deals_unknown: str
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> Movement:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        d = result.to_dict()
        return cls(d["model"], _core.date_of(d["since"]), _core.date_of(d["as_of"]),
                   d.get("new_deals_unknown", ""), result)

    def bars(self) -> Dict[str, float]:
        """{bar: change} of the first period, "before" and "after" being its
        two levels."""
        first = self.movement[0].period_start if self.movement else None
        return {row.bar: row.change for row in self.movement if row.period_start == first}


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class Backtest(_Tables):
    """A backtest.  .verdict: sentences; .overall: models best first; tables
    .summary, .deal_summary, .ranking, .metrics, .origins, .origin_models,
    .origin_scores, .calibration and, with group_by, .group_summary,
    .group_scores, .group_scales (row dataclasses; .tables lists them) and
    .table(NAME).to_pandas(); to_dict(): the CLI's JSON (the settings, then
    each table's rows under its name)."""

    verdict: List[str]
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> Backtest:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        with result.table("verdict") as t:
            verdict = t.column("sentence")
        return cls(verdict, result)


def _callback_models(custom_models: Optional[Iterable[Model]]) -> Tuple[Any, List[Model]]:
    """The handles of pipecast.custom_model models as a C array (kept by the
    caller until the call returns), and the models themselves."""
    custom = list(custom_models or ())
    for model in custom:
        if not isinstance(model, Model) or model._keep is None:
            raise TypeError("custom_models takes models made by pipecast.custom_model, not %r" % (model,))
    array_type = _library.ModelPointer * len(custom)
    return array_type(*(model._live() for model in custom)), custom


def backtest_options(models: Union[str, Sequence[str], None], from_: DateLike, to: DateLike, every: str,
                     horizon: str, horizons: int, trials: int, seed: int, threads: int, group_by: Optional[str],
                     dates: Dict[str, DateLike], call: str = "backtest", activities: bool = True) -> Any:
    """The pipecast_backtest_options of backtest()'s keywords (dates: its
    **dates, where from= may stand for from_), checked as backtest() says."""
    if "from" in dates:
        from_ = dates.pop("from")
    if dates:
        raise TypeError("%s() got unexpected keyword arguments %s" % (call, ", ".join(dates)))
    if from_ is None or to is None:
        raise TypeError("%s() needs from_ (or from=) and to" % call)
    if every not in _STEPS:
        raise ValueError("every must be one of %s, not %r" % (", ".join(_STEPS), every))
    if horizon not in _PERIOD_KINDS:
        raise ValueError("horizon must be 'month' or 'quarter', not %r" % (horizon,))
    options = _core.initialised(_library.BacktestOptions, lib.pipecast_backtest_options_init)
    options.from_day, options.to_day = _core.to_day(from_), _core.to_day(to)
    options.every, options.horizon, options.horizons = _STEPS[every], _PERIOD_KINDS[horizon], horizons
    if models is not None:
        options.models = _core.text(models if isinstance(models, str) else ",".join(models))
    options.trials, options.seed, options.threads = trials, seed, threads
    options.group_by = _core.text(group_by)
    options.activities = bool(activities)
    return options


def backtest(book: Book, models: Union[str, Sequence[str], None] = None, from_: DateLike = None, to: DateLike = None,
             every: str = "month", horizon: str = "month", horizons: int = 2, trials: int = 2000, seed: int = 1,
             threads: int = 0, group_by: Optional[str] = None, log: LogTarget = None,
             custom_models: Optional[Iterable[Model]] = None, activities: bool = True,
             **dates: DateLike) -> Backtest:
    """A rolling-origin backtest (what `pipecast backtest` shows) from
    `from_` (or from=) to `to`: models a list of names (default crm, stage,
    markov, logistic, auto; crm, stage and seasonal-naive come along).
    custom_models: models made by pipecast.custom_model, compared beside
    them under their names; at each origin the callable sees the deals open
    there (DealFeatures.as_of is the origin), from the backtest's worker
    threads.  log: told each origin done (from a worker thread).
    activities: False fits logistic and auto's logistic at each origin
    without the deals' activities (`pipecast backtest --no-activities`): run
    both to see what they add."""
    options = backtest_options(models, from_, to, every, horizon, horizons, trials, seed, threads, group_by, dates,
                               activities=activities)
    failures: List[BaseException] = []
    callback = log_callback(log, failures)
    options.log = callback
    handles, custom = _callback_models(custom_models)
    options.callback_models = ctypes.cast(handles, ctypes.c_void_p)
    options.callback_model_count = len(custom)
    handle = _library.ResultPointer()
    code = lib.pipecast_backtest(book._live(), ctypes.byref(options), ctypes.byref(handle))
    for model in custom:
        if code != 0 and model._keep is not None and model._keep.failures:
            model._call(code)  # the Error chained to the callable's exception
    _core.check(code)
    if failures:
        raise failures[0]
    return Backtest.from_result(Result(handle))
