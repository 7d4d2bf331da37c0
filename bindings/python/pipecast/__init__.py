"""pipecast: sales pipeline analytics and forecasting, through its C ABI::

    import datetime, pipecast
    with pipecast.Book.from_csv("crm-export", mapping="maven") as book:
        print(book.counts(datetime.date(2017, 6, 30)))
        report = book.as_of(datetime.date(2017, 6, 30)).report()
        print(report.funnel[0], report.table("stalled").to_pandas())

    model = pipecast.fit(book, "auto", as_of=datetime.date(2017, 6, 30))
    print(model.kind, model.score(book).win_probability[:5])
    print(model.forecast(book, period="2017-Q3", trials=5000).forecast)

Failures raise pipecast.Error with the library's message (for CSV problems,
every one as file:line:column: message); its subclasses are also the
built-in exception that fits (ValueError, FileNotFoundError, KeyError,
MemoryError, ...).  Dates are datetime.date; tables
convert to pandas and numpy when those are installed, and need neither.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime
import os
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from . import _columns, _core, _errors, _frames, _library
from ._columns import TableLike
from ._core import NO_DAY, DateLike, PathLike, TextLike, from_day
from ._log import LogTarget, log_callback

Struct = TypeVar("Struct", bound=ctypes.Structure)
from ._errors import (
    CallbackError,
    Error,
    InputOutputError,
    InternalError,
    InvalidArgumentError,
    InvalidDataError,
    MissingFileError,
    OutOfMemoryError,
    ParseError,
    UnknownNameError,
)
from ._results import ActivityEffects, LeadPlan, Report, Result, Table, Worklist, _Handle

_lib = _core.lib

__version__ = _lib.pipecast_version().decode()


def to_day(date: DateLike) -> int:
    """datetime.date -> days since 1970-01-01 (the C ABI's dates)."""
    return _core.to_day(date)


def set_max_threads(max_threads: int) -> None:
    """Caps every parallel part of the library (import, fitting, the
    forecast's Monte Carlo, the backtest) at max_threads threads, whatever a
    call's own `threads` asks; 0 lifts the cap (the default).  For the whole
    process: set it once, for instance on a machine shared with other work.
    Results do not depend on the thread count, only speed does."""
    if isinstance(max_threads, bool) or not isinstance(max_threads, int) or not 0 <= max_threads < 2**32:
        raise ValueError("max_threads must be an int in 0..4294967295, not %r" % (max_threads,))
    _lib.pipecast_set_max_threads(max_threads)


def max_threads() -> int:
    """The cap set by set_max_threads; 0 when there is none."""
    return int(_lib.pipecast_max_threads())


def parse_date(text: Union[str, bytes]) -> Optional[datetime.date]:
    """YYYY-MM-DD (or a datetime) -> datetime.date, as the library reads dates."""
    day = ctypes.c_int32()
    _core.check(_lib.pipecast_date_parse(_core.text(text), ctypes.byref(day)))
    return from_day(day.value)


@dataclasses.dataclass(frozen=True)
class Counts:
    """Headline counts of a book as of a day (amounts in the base currency);
    as_of is None for a book without a single day."""

    as_of: Optional[datetime.date]
    opportunities: int
    open: int
    won: int
    lost: int
    missing_amount: int
    history_rows: int
    pipelines: int
    stages: int
    open_amount: float
    weighted_amount: float
    won_amount: float
    lost_amount: float


_SECTIONS = {
    "funnel": 0x01,
    "velocity": 0x02,
    "stalled": 0x04,
    "patterns": 0x08,
    "sales_velocity": 0x10,
    "coverage": 0x20,
    "products": 0x40,
    "cross_sell": 0x80,
}


class _Strings:
    """A char** built from Python strings, alive as long as this object."""

    def __init__(self, values: Iterable[TextLike]) -> None:
        self.values = [_core.text(v) for v in values]
        self.array = (ctypes.c_char_p * max(len(self.values), 1))(*self.values)

    def __len__(self) -> int:
        return len(self.values)

    @property
    def pointer(self) -> Optional[_core.CharPP]:
        return ctypes.cast(self.array, ctypes.POINTER(ctypes.c_char_p)) if self.values else None


# Filters of a scope: {"owner": "Ann"}, or ["owner=Ann"] or [("owner", "Ann")].
Filters = Union[Mapping[str, str], Iterable[Union[str, Tuple[str, str]]], None]


def _scope(as_of: DateLike, period: Optional[str], pipeline: Optional[str], filters: Filters, cohort: Optional[str],
           trend_periods: Optional[int], fiscal_start: Optional[int], keep: List[object]) -> _library.ScopeOptions:
    """pipecast_scope_options from keyword arguments (None: the library's default)."""
    scope = _core.initialised(_library.ScopeOptions, _lib.pipecast_scope_options_init)
    if as_of is not None:
        scope.as_of_day = _core.to_day(as_of)
    scope.period = _core.text(period)
    scope.pipeline = _core.text(pipeline)
    if filters:
        items = _filter_items(filters)
        fields, values = _Strings([k for k, _ in items]), _Strings([v for _, v in items])
        keep += [fields, values]
        scope.filter_count = len(fields)
        scope.filter_fields, scope.filter_values = fields.pointer, values.pointer
    if cohort is not None:
        if cohort not in ("month", "quarter"):
            raise ValueError("cohort must be 'month' or 'quarter', not %r" % (cohort,))
        scope.cohort = 0 if cohort == "month" else 1
    if trend_periods is not None:
        scope.trend_periods = trend_periods
    if fiscal_start is not None:
        scope.fiscal_start_month = fiscal_start
    return scope


def _filter_items(filters: Filters) -> List[Tuple[str, str]]:
    if filters is None:
        return []
    if isinstance(filters, Mapping):
        return list(filters.items())
    return [_filter_item(f) for f in filters]


def _filter_item(item: Union[str, Tuple[str, str]]) -> Tuple[str, str]:
    if isinstance(item, str):
        field, equals, value = item.partition("=")
        if not equals:
            raise ValueError("filter %r is not field=value" % (item,))
        return field, value
    field, value = item
    return field, value


class Book(_Handle):
    """A book of deals held by the library, or an as-of view of one (every
    call a book takes, a view takes).  Immutable; close() (or `with`) frees
    it, and so does the garbage collector."""

    _free = _lib.pipecast_book_free

    # ---- Making books --------------------------------------------------------

    @classmethod
    def load(cls, path: PathLike, mapping: Optional[str] = None, log: LogTarget = None,
             max_errors: Optional[int] = None) -> Book:
        """A book directory (CSV files) or a snapshot file.  mapping: a JSON
        mapping file or a preset name ("maven").  log: a callable(level,
        message) or a logging.Logger, told each file read, the import's
        warnings and, on failure, each problem (levels as in logging)."""
        return cls._loaded(lambda options, handle: _core.check(
            _lib.pipecast_book_load(_core.text(path), options, handle), path), mapping, log, max_errors)

    @classmethod
    def _loaded(cls, load: Callable[[Any, Any], None], mapping: Optional[str], log: LogTarget,
                max_errors: Optional[int]) -> Book:
        """The book load(options, handle) makes with the load options of
        `mapping`, `log` and `max_errors`; a failure of the log raised."""
        options = _core.initialised(_library.LoadOptions, _lib.pipecast_load_options_init)
        options.mapping = _core.text(mapping)
        failures: List[BaseException] = []
        callback = log_callback(log, failures)  # alive until the call returns
        options.log = callback
        if max_errors is not None:
            options.max_errors = max_errors
        handle = _library.BookPointer()
        load(ctypes.byref(options), ctypes.byref(handle))
        book = cls(handle)
        if failures:
            raise failures[0]
        return book

    @classmethod
    def load_parts(cls, paths: Sequence[PathLike], mapping: Optional[str] = None, log: LogTarget = None,
                   max_errors: Optional[int] = None) -> Book:
        """The book whose parts are at `paths` (as `pipecast split` writes
        them: part directories with their split_order.csv, or snapshots),
        each read as load() reads it, merged as `pipecast merge` merges
        them: a split's parts come back in the book's order, the same book.
        Parts of different books, or a deal in two parts, raise
        pipecast.InvalidDataError naming the parts."""
        if isinstance(paths, (str, bytes, os.PathLike)):
            raise TypeError("paths must be a list of part paths, not one path")
        texts = [_core.text(p) for p in paths]
        array = (ctypes.c_char_p * max(1, len(texts)))(*texts)
        return cls._loaded(lambda options, handle: _core.check(
            _lib.pipecast_book_load_parts(array, len(texts), options, handle)), mapping, log, max_errors)

    @classmethod
    def from_csv(cls, path: PathLike, mapping: Optional[str] = None, log: LogTarget = None,
                 max_errors: Optional[int] = None) -> Book:
        """A book directory of CSV files (see load)."""
        if not os.path.isdir(path):
            code = _errors.NOT_FOUND if not os.path.exists(path) else _errors.INVALID_ARGUMENT
            raise _errors.error(code, "%s: not a book directory" % os.fsdecode(path), path)
        return cls.load(path, mapping, log, max_errors)

    @classmethod
    def from_snapshot(cls, path: PathLike, log: LogTarget = None) -> Book:
        """A snapshot file written by save_snapshot (or `pipecast import --snapshot`)."""
        if os.path.isdir(path):
            raise _errors.error(_errors.INVALID_ARGUMENT, "%s is a directory, not a snapshot file" % os.fsdecode(path))
        return cls.load(path, log=log)

    @classmethod
    def build(cls, stages: TableLike, opportunities: TableLike, history: TableLike = None, fx_rates: TableLike = None,
              products: TableLike = None, line_items: TableLike = None, quotas: TableLike = None,
              activities: TableLike = None) -> Book:
        """A book from columns: each table a mapping of column name to values
        (a dict of lists, arrays or numpy arrays, or a pandas DataFrame), with
        the columns of the interchange format (docs/format.md); extra columns of
        opportunities and history are custom attributes.  See BookBuilder for
        adding tables in batches."""
        with BookBuilder() as builder:
            builder.add_stages(stages)
            if fx_rates is not None:
                builder.add_fx_rates(fx_rates)
            if products is not None:
                builder.add_products(products)
            builder.add_opportunities(opportunities)
            if history is not None:
                builder.add_history(history)
            if line_items is not None:
                builder.add_line_items(line_items)
            if quotas is not None:
                builder.add_quotas(quotas)
            if activities is not None:
                builder.add_activities(activities)
            return builder.finish()

    @classmethod
    def from_frames(cls, opportunities: TableLike, history: TableLike = None, stages: TableLike = None, *,
                    products: TableLike = None, line_items: TableLike = None, quotas: TableLike = None,
                    fx_rates: TableLike = None, activities: TableLike = None, mapping: _frames.MappingLike = None,
                    files: Optional[Mapping[str, TableLike]] = None, log: LogTarget = None,
                    max_errors: Optional[int] = None) -> Book:
        """A book from pandas DataFrames (or dicts of columns) read as a CSV
        export is: through a column mapping, `mapping`, a dict holding the
        mapping document of docs/mapping.md or a preset name ("maven").  Each
        frame is the table of that name (history: stage_history); `files`
        gives other files a mapping reads by name, such as a lookup's
        ({"accounts.csv": frame}).  Without a mapping the frames have the
        columns of the interchange format (docs/format.md).

        The C ABI applies a mapping only to CSV files (pipecast_book_load),
        so the frames are written with the csv module into a temporary
        directory, with the mapping as a JSON file, and loaded from there:
        the same reader, rules and errors as Book.from_csv, each error
        naming the frame, its row (position, and index label when it
        differs) and column instead of a temporary file.  Columns whose
        field the mapping tells (the interchange names, or the headers its
        `columns` maps them to; not a preset's own headers) are converted
        when that is exact: dates and datetime64 to dates in the mapping's
        date_format, ints to numbers, whole floats to a stage's order; a
        cell that cannot be (a float where a date goes, 2.5 as an order) is
        refused with InvalidDataError naming the column and its first such
        row.  Needs pandas (ImportError otherwise).  Book.build takes columns
        of the interchange format without a mapping or a copy."""
        frames = {"opportunities": opportunities, "history": history, "stages": stages, "products": products,
                  "line_items": line_items, "quotas": quotas, "fx_rates": fx_rates, "activities": activities}
        return _frames.from_frames(cls, frames, mapping, files, log, max_errors)

    def to_frames(self) -> Dict[str, Any]:
        """The book's tables as pandas DataFrames, keyed as Book.from_frames
        takes them: opportunities, history, stages, and products,
        line_items, quotas, fx_rates, activities when the book has them.  Dates are
        datetime64 (NaT: blank), amounts and other numbers float64 (NaN:
        blank), text str ("" blank); custom attributes are extra columns.

        The C ABI hands a book's rows back only as its canonical CSV files
        (pipecast_book_export_csv), so they are exported to a temporary
        directory and read back.  A view (as_of) is refused by that export
        (InvalidArgumentError): Book.opportunities() reads a view's deals.
        Needs pandas (ImportError otherwise)."""
        return _frames.to_frames(self)

    def opportunities(self) -> Any:
        """Every deal as known at the book's day (a view's day; for a whole
        book, its latest day) as a pandas DataFrame, one row per deal
        created by then, in book order, with the values of that day: a stage
        entered later shows as the stage before it.  Columns: id, pipeline,
        account, owner, product, source, segment, amount (in the deal's
        currency), currency, created, close_date and stage, as in
        opportunities.csv; status ("open", "won" or "lost"), closed_on (NaT
        while open) and amount_in_base; then the custom attributes (the C
        ABI's pipecast_book_opportunities).  Dates are datetime64 (NaT:
        none), numbers float64 (NaN: blank), text str.  Needs pandas
        (ImportError otherwise)."""
        _frames.pandas("Book.opportunities()")  # before any work, as to_frames
        handle = _library.TablePointer()
        _core.check(_lib.pipecast_book_opportunities(self._live(), ctypes.byref(handle)))
        with Table(handle) as table:
            return table.to_pandas()

    # ---- Writing -------------------------------------------------------------

    def save_snapshot(self, path: TextLike, text: bool = False) -> None:
        """Writes the book as a snapshot (binary, or text when `text`)."""
        _core.check(_lib.pipecast_book_save_snapshot(self._live(), _core.text(path), 1 if text else 0))

    def to_csv(self, directory: TextLike) -> None:
        """Writes the book's canonical CSV files into `directory`."""
        _core.check(_lib.pipecast_book_export_csv(self._live(), _core.text(directory)))

    # ---- Views and facts -----------------------------------------------------

    def as_of(self, date: DateLike) -> Book:
        """The book as known at the end of `date`: a Book that takes every
        call a book does, and sees nothing later."""
        handle = _library.BookPointer()
        _core.check(_lib.pipecast_book_as_of(self._live(), _core.to_day(date), ctypes.byref(handle)))
        return Book(handle)

    @property
    def view_day(self) -> Optional[datetime.date]:
        """The day of a view (datetime.date), None for a whole book."""
        day = ctypes.c_int32()
        _core.check(_lib.pipecast_book_view_day(self._live(), ctypes.byref(day)))
        return from_day(day.value)

    @property
    def latest_day(self) -> Optional[datetime.date]:
        """The latest day the book knows of (a view's day); None when empty."""
        day = ctypes.c_int32()
        _core.check(_lib.pipecast_book_latest_day(self._live(), ctypes.byref(day)))
        return from_day(day.value)

    @property
    def currency(self) -> str:
        """The base currency every amount is reported in ("" if not known)."""
        out = ctypes.c_char_p()
        _core.check(_lib.pipecast_book_currency(self._live(), ctypes.byref(out)))
        return _core.string(out.value)

    def counts(self, as_of: DateLike = None) -> Counts:
        """Counts as of a datetime.date (default: the latest date in the book,
        or the view's)."""
        raw = _core.initialised(_library.Counts, _lib.pipecast_counts_init)
        day = NO_DAY if as_of is None else _core.to_day(as_of)
        _core.check(_lib.pipecast_book_count(self._live(), day, ctypes.byref(raw)))
        values = {name: getattr(raw, name) for name, _ in _library.Counts._fields_[2:]}
        return Counts(as_of=from_day(raw.as_of_day), **values)

    # ---- Analytics -----------------------------------------------------------

    def report(self, as_of: DateLike = None, period: Optional[str] = None, pipeline: Optional[str] = None,
               filters: Filters = None, *, cohort: Optional[str] = None, trend_periods: Optional[int] = None,
               fiscal_start: Optional[int] = None, sections: Union[str, Iterable[str], None] = None,
               by: Union[str, Sequence[str], None] = None, stall_days: Optional[Mapping[str, float]] = None,
               stall_min_sample: Optional[int] = None, pattern_min_closed: Optional[int] = None,
               pattern_top: Optional[int] = None, product_prior_deals: Optional[float] = None,
               product_flat_band: Optional[float] = None, product_trend_weight: Optional[float] = None,
               cross_sell_top_k: Optional[int] = None, cross_sell_account: Optional[str] = None,
               cross_sell_deal: Optional[str] = None, cross_sell_min_support: Optional[int] = None,
               cross_sell_blend: Optional[float] = None, cross_sell_max_pairs: Optional[int] = None) -> Report:
        """The pipeline report as a Report dataclass (see docs/analytics.md).

        as_of: a date (default: the latest day, or the view's); period:
        "2024-Q3" and the like (default: the as-of quarter); pipeline: a name;
        filters: {"owner": "Ann"} (or ["owner=Ann"]); cohort: "month" or
        "quarter"; sections: names of the analyses to compute (default all:
        funnel, velocity, stalled, patterns, sales_velocity, coverage,
        products, cross_sell); by: fields of the win/loss patterns;
        stall_days: {"Negotiate": 30}.  None keeps the library's default.
        """
        keep: List[object] = []  # what the options point into: alive until the call returns
        scope = _scope(as_of, period, pipeline, filters, cohort, trend_periods, fiscal_start, keep)
        options = _core.initialised(_library.ReportOptions, _lib.pipecast_report_options_init)
        if sections is not None:
            if isinstance(sections, str):
                sections = [sections]
            unknown = [s for s in sections if s not in _SECTIONS]
            if unknown:
                raise ValueError("unknown section(s) %s (known: %s)" % (", ".join(unknown), ", ".join(_SECTIONS)))
            options.sections = sum(_SECTIONS[s] for s in set(sections))
        if by:
            fields = _Strings([by] if isinstance(by, str) else by)
            keep.append(fields)
            options.group_by_count, options.group_by = len(fields), fields.pointer
        if stall_days:
            stages = _Strings(list(stall_days))
            days = (ctypes.c_double * len(stall_days))(*[float(v) for v in stall_days.values()])
            keep += [stages, days]
            options.stall_count, options.stall_stages = len(stages), stages.pointer
            options.stall_days = ctypes.cast(days, ctypes.POINTER(ctypes.c_double))
        for name, value in (("stall_min_sample", stall_min_sample), ("pattern_min_closed", pattern_min_closed),
                            ("pattern_top", pattern_top), ("product_prior_deals", product_prior_deals),
                            ("product_flat_band", product_flat_band), ("product_trend_weight", product_trend_weight),
                            ("cross_sell_top_k", cross_sell_top_k), ("cross_sell_min_support", cross_sell_min_support),
                            ("cross_sell_blend", cross_sell_blend), ("cross_sell_max_pairs", cross_sell_max_pairs)):
            if value is not None:
                setattr(options, name, value)
        options.cross_sell_account = _core.text(cross_sell_account)
        options.cross_sell_deal = _core.text(cross_sell_deal)
        handle = _library.ResultPointer()
        _core.check(_lib.pipecast_report(self._live(), ctypes.byref(scope), ctypes.byref(options), ctypes.byref(handle)))
        return Report.from_result(Result(handle))

    def lead_plan(self, target: float, as_of: DateLike = None, period: Optional[str] = None,
                  pipeline: Optional[str] = None, filters: Filters = None, *, learn_from: DateLike = None,
                  learn_until: DateLike = None, cohort: Optional[str] = None, trend_periods: Optional[int] = None,
                  fiscal_start: Optional[int] = None) -> LeadPlan:
        """The lead plan (reverse funnel) for a revenue target in the period,
        as a LeadPlan dataclass (what `pipecast plan` shows)."""
        keep: List[object] = []  # what the options point into: alive until the call returns
        scope = _scope(as_of, period, pipeline, filters, cohort, trend_periods, fiscal_start, keep)
        options = _core.initialised(_library.LeadPlanOptions, _lib.pipecast_lead_plan_options_init)
        options.target = float(target)
        options.learn_from_day = _core.to_day(learn_from)
        options.learn_until_day = _core.to_day(learn_until)
        handle = _library.ResultPointer()
        _core.check(_lib.pipecast_lead_plan(self._live(), ctypes.byref(scope), ctypes.byref(options), ctypes.byref(handle)))
        return LeadPlan.from_result(Result(handle))

    def activity_effects(self, as_of: DateLike = None, pipeline: Optional[str] = None,
                         filters: Filters = None) -> ActivityEffects:
        """What worked: for each open stage, the activity types, sequences and
        final silences of the deals that advanced compared with those lost
        (associations, with Benjamini-Hochberg q-values), and a playbook per
        stage, as an ActivityEffects dataclass (what `pipecast activities` shows)."""
        keep: List[object] = []  # what the options point into: alive until the call returns
        scope = _scope(as_of, None, pipeline, filters, None, None, None, keep)
        handle = _library.ResultPointer()
        _core.check(_lib.pipecast_activity_effects(self._live(), ctypes.byref(scope), ctypes.byref(handle)))
        return ActivityEffects.from_result(Result(handle))

    def worklist(self, model: Optional[Any] = None, as_of: DateLike = None, pipeline: Optional[str] = None,
                 filters: Filters = None, rows_per_owner: int = 5, time_split_days: int = 365) -> Worklist:
        """Where each seller's next hour goes, as a Worklist dataclass (what
        `pipecast activities` shows after what worked): each owner's open
        deals ranked by win probability (from `model`, a pipecast.Model;
        default: "auto" fitted as of `as_of`) x amount x the conservative lift
        of the stage's playbook, with the reason in words; and each owner's
        time split by stage and deal size beside their won revenue.
        rows_per_owner: deals listed per owner (0: all)."""
        if model is None:
            model = fit(self, "auto", as_of=as_of)
        keep: List[object] = []  # what the options point into: alive until the call returns
        scope = _scope(as_of, None, pipeline, filters, None, None, None, keep)
        options = _core.initialised(_library.WorklistOptions, _lib.pipecast_worklist_options_init)
        options.rows_per_owner = rows_per_owner
        options.time_split_days = time_split_days
        handle = _library.ResultPointer()
        _core.check(_lib.pipecast_worklist(self._live(), ctypes.byref(scope), model._live(), ctypes.byref(options),
                                           ctypes.byref(handle)))
        return Worklist.from_result(Result(handle))

    def __repr__(self) -> str:
        if not self._handle:
            return "<pipecast.Book (closed)>"
        day, counts, currency = self.view_day, self.counts(), self.currency
        deals = "%s deals (%s open)" % ("{:,}".format(counts.opportunities), "{:,}".format(counts.open))
        if day is not None:
            text = "view as of %s: %s" % (day, deals)
        else:
            text = "%s, %s" % (deals, "empty" if counts.as_of is None else "latest day %s" % counts.as_of)
        return "<pipecast.Book %s%s>" % (text, ", " + currency if currency else "")


_OPPORTUNITY_FIELDS = ("id", "pipeline", "account", "owner", "product", "source", "segment", "amount", "currency",
                       "created", "close_date", "stage")
_HISTORY_FIELDS = ("opportunity_id", "stage", "entered", "amount", "close_date")


class BookBuilder(_Handle):
    """Builds a book from columns, table by table, in batches: stages, then
    FX rates and products, then opportunities, then history, line items,
    quotas and activities.  Each add_* call takes a mapping of column name to
    values (or keyword arguments) and is all or nothing: a bad row raises
    Error naming the row and field, and nothing of that batch is kept."""

    _free = _lib.pipecast_builder_free

    def __init__(self) -> None:
        handle = _library.BuilderPointer()
        _core.check(_lib.pipecast_builder_new(ctypes.byref(handle)))
        super().__init__(handle)

    @staticmethod
    def _table(name: str, columns: TableLike, more: Mapping[str, Any], known: Sequence[str],
               required: Sequence[str]) -> _columns.Columns:
        if more:
            merged = dict(columns.items()) if columns is not None else {}
            merged.update(more)
            columns = merged
        return _columns.Columns(name, columns, known, required)

    @staticmethod
    def _struct(cls: type[Struct]) -> Struct:
        struct = cls()
        struct.version = getattr(cls, "VERSION")
        return struct

    def _add(self, function: Callable[..., int], struct: ctypes.Structure, table: _columns.Columns) -> None:
        # `table` holds the arrays the struct points into: alive until here.
        _core.check(function(self._live(), ctypes.byref(struct), table.size))

    def _refuse_extra(self, table: _columns.Columns) -> None:
        if table.extra:
            raise ValueError("%s: unknown column(s) %s" % (table.table, ", ".join(table.extra)))

    def add_stages(self, columns: TableLike = None, **more: Any) -> None:
        """pipeline, stage, order, probability, kind ("open", "won", "lost"
        or 0, 1, 2) and optionally forecast_category."""
        known = ("pipeline", "stage", "order", "probability", "kind", "forecast_category")
        t = self._table("stages", columns, more, known, known[:5])
        self._refuse_extra(t)
        s = self._struct(_library.StageColumns)
        s.pipeline, s.stage, s.order = t.texts("pipeline"), t.texts("stage"), t.int32s("order")
        s.probability, s.kind, s.forecast_category = t.doubles("probability"), t.kinds("kind"), t.texts("forecast_category")
        self._add(_lib.pipecast_builder_add_stages, s, t)

    def add_fx_rates(self, columns: TableLike = None, **more: Any) -> None:
        """currency, rate."""
        t = self._table("fx_rates", columns, more, ("currency", "rate"), ("currency", "rate"))
        self._refuse_extra(t)
        s = self._struct(_library.FxRateColumns)
        s.currency, s.rate = t.texts("currency"), t.doubles("rate")
        self._add(_lib.pipecast_builder_add_fx_rates, s, t)

    def add_products(self, columns: TableLike = None, **more: Any) -> None:
        """product and optionally family, list_price."""
        t = self._table("products", columns, more, ("product", "family", "list_price"), ("product",))
        self._refuse_extra(t)
        s = self._struct(_library.ProductColumns)
        s.product, s.family, s.list_price = t.texts("product"), t.texts("family"), t.doubles("list_price")
        self._add(_lib.pipecast_builder_add_products, s, t)

    def add_opportunities(self, columns: TableLike = None, **more: Any) -> None:
        """id, created, stage and optionally pipeline, account, owner,
        product, source, segment, amount (NaN/None: blank), currency,
        close_date; any other column is a custom attribute."""
        t = self._table("opportunities", columns, more, _OPPORTUNITY_FIELDS, ("id", "created", "stage"))
        s = self._struct(_library.OpportunityColumns)
        for name in ("id", "pipeline", "account", "owner", "product", "source", "segment", "currency", "stage"):
            setattr(s, name, t.texts(name))
        s.amount, s.created, s.close_date = t.doubles("amount"), t.days("created"), t.days("close_date")
        s.attribute_count, s.attribute_names, s.attribute_values = t.attributes(t.extra)
        self._add(_lib.pipecast_builder_add_opportunities, s, t)

    def add_history(self, columns: TableLike = None, **more: Any) -> None:
        """opportunity_id, stage, entered and optionally amount, close_date;
        any other column is a custom attribute of the history rows."""
        t = self._table("stage_history", columns, more, _HISTORY_FIELDS, _HISTORY_FIELDS[:3])
        s = self._struct(_library.HistoryColumns)
        s.opportunity_id, s.stage, s.entered = t.texts("opportunity_id"), t.texts("stage"), t.days("entered")
        s.amount, s.close_date = t.doubles("amount"), t.days("close_date")
        s.attribute_count, s.attribute_names, s.attribute_values = t.attributes(t.extra)
        self._add(_lib.pipecast_builder_add_history, s, t)

    def add_line_items(self, columns: TableLike = None, **more: Any) -> None:
        """opportunity_id, product, quantity, unit_price."""
        known = ("opportunity_id", "product", "quantity", "unit_price")
        t = self._table("line_items", columns, more, known, known)
        self._refuse_extra(t)
        s = self._struct(_library.LineItemColumns)
        s.opportunity_id, s.product = t.texts("opportunity_id"), t.texts("product")
        s.quantity, s.unit_price = t.doubles("quantity"), t.doubles("unit_price")
        self._add(_lib.pipecast_builder_add_line_items, s, t)

    def add_quotas(self, columns: TableLike = None, **more: Any) -> None:
        """owner ("*": the team), period ("2024-Q3", ...), amount."""
        known = ("owner", "period", "amount")
        t = self._table("quotas", columns, more, known, known)
        self._refuse_extra(t)
        s = self._struct(_library.QuotaColumns)
        s.owner, s.period, s.amount = t.texts("owner"), t.texts("period"), t.doubles("amount")
        self._add(_lib.pipecast_builder_add_quotas, s, t)

    def add_activities(self, columns: TableLike = None, **more: Any) -> None:
        """type, date and opportunity_id (a deal's) or account (with
        opportunity_id blank: an account's), and optionally owner,
        duration_minutes (NaN/None: blank), direction ("in", "out" or
        blank), outcome.  An activity exists from its date on."""
        known = ("opportunity_id", "account", "type", "date", "owner", "duration_minutes", "direction", "outcome")
        t = self._table("activities", columns, more, known, ("type", "date"))
        self._refuse_extra(t)
        s = self._struct(_library.ActivityColumns)
        for name in ("opportunity_id", "account", "type", "owner", "direction", "outcome"):
            setattr(s, name, t.texts(name))
        s.date, s.duration_minutes = t.days("date"), t.doubles("duration_minutes")
        self._add(_lib.pipecast_builder_add_activities, s, t)

    def finish(self) -> Book:
        """The book (the builder is spent)."""
        handle = _library.BookPointer()
        _core.check(_lib.pipecast_builder_finish(self._live(), ctypes.byref(handle)))
        return Book(handle)

    def __repr__(self) -> str:
        return "<pipecast.BookBuilder%s>" % ("" if self._handle else " (closed)")


# Forecasting (after _log_callback, which it uses).
from ._forecast import (  # noqa: E402
    Backtest,
    DealFeatures,
    Forecast,
    Model,
    Movement,
    Scores,
    backtest,
    custom_model,
    fit,
    load_model,
)

__all__ = [
    "ActivityEffects",
    "Backtest",
    "Book",
    "BookBuilder",
    "Counts",
    "DealFeatures",
    "CallbackError",
    "Error",
    "InputOutputError",
    "InternalError",
    "InvalidArgumentError",
    "InvalidDataError",
    "MissingFileError",
    "OutOfMemoryError",
    "ParseError",
    "UnknownNameError",
    "Forecast",
    "Model",
    "Movement",
    "Scores",
    "backtest",
    "custom_model",
    "fit",
    "load_model",
    "LeadPlan",
    "NO_DAY",
    "Report",
    "Result",
    "Table",
    "from_day",
    "max_threads",
    "parse_date",
    "set_max_threads",
    "to_day",
    "Worklist",
    "__version__",
]
