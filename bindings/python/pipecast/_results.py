"""Results: tables (typed columns, rows as dataclasses, pandas frames) and
the results that hold them (the report, the lead plan) with their JSON."""

from __future__ import annotations

import array
import ctypes
import dataclasses
import datetime
import json
import keyword
import math
from array import array as Array  # also the name of a Table method
from typing import Any, Callable, ClassVar, Dict, List, Optional, Sequence, Tuple, TypeVar, Union

from . import _core, _errors, _library

lib = _core.lib

INT64, DOUBLE, TEXT, DAY, BOOL = 1, 2, 3, 4, 5
# What a column's numbers measure, by PIPECAST_UNIT_ value.
UNITS = {0: "none", 1: "count", 2: "currency", 3: "days", 4: "fraction"}
_PYTHON_TYPES: Dict[int, type] = {INT64: int, DOUBLE: float, TEXT: str, DAY: datetime.date, BOOL: bool}
# How each kind of number column is read in bulk: array.array code, element
# type, and the C ABI's function.
_READERS: Dict[int, Tuple[str, type[ctypes._SimpleCData[Any]], str]] = {
    INT64: ("q", ctypes.c_int64, "pipecast_table_read_int64"),
    BOOL: ("q", ctypes.c_int64, "pipecast_table_read_int64"),
    DOUBLE: ("d", ctypes.c_double, "pipecast_table_read_double"),
    DAY: ("i", ctypes.c_int32, "pipecast_table_read_day"),
}
# A column as stored: numbers in an array.array, texts in a list.
ColumnArray = Union["Array[Any]", List[str]]
# Text through the buffer convention: (buffer or None, its size, size out) -> code.
JsonCall = Callable[[Optional["ctypes.Array[ctypes.c_char]"], int, Any], int]


def _json_text(call: JsonCall) -> str:
    """Text through the C ABI's buffer convention: ask the size, then fill."""
    size = ctypes.c_size_t()
    code = call(None, 0, ctypes.byref(size))
    if code not in (0, -5):  # BUFFER_TOO_SMALL is the expected answer to a size query
        _core.check(code)
    buffer = ctypes.create_string_buffer(size.value + 1)
    _core.check(call(buffer, size.value + 1, ctypes.byref(size)))
    return buffer.raw[: size.value].decode("utf-8")


def _indent(indent: Optional[int]) -> int:
    return -1 if indent is None else int(indent)


class _Handle:
    """An owned handle of the C ABI, freed once by close(), `with` or the
    garbage collector."""

    # The C ABI's function that frees this kind of handle.
    _free: ClassVar[Callable[[Any], None]]

    def __init__(self, handle: Any) -> None:
        self._handle: Any = handle  # a ctypes pointer to the C ABI's opaque struct; NULL once closed

    def close(self) -> None:
        """Frees the handle now (again: nothing); a closed object raises InvalidArgumentError when used."""
        if self._handle:
            type(self)._free(self._handle)
            self._handle = None

    def _live(self) -> Any:
        if not self._handle:
            raise _errors.error(_errors.INVALID_ARGUMENT, "this %s is closed" % type(self).__name__)
        return self._handle

    def __enter__(self: H) -> H:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


H = TypeVar("H", bound=_Handle)

_row_classes: Dict[Tuple[str, Tuple[str, ...], Tuple[int, ...]], type] = {}


def _field_name(column: str) -> str:
    return column + "_" if keyword.iskeyword(column) else column


def row_class(table: str, columns: Sequence[str], types: Sequence[int]) -> type:
    """The dataclass of a table's rows: one field per column (a Python
    keyword gets a trailing underscore: from -> from_)."""
    key = (table, tuple(columns), tuple(types))
    if key not in _row_classes:
        name = "".join(part.capitalize() for part in table.split("_")) + "Row"
        fields = [(_field_name(c), _PYTHON_TYPES[t]) for c, t in zip(columns, types)]
        _row_classes[key] = dataclasses.make_dataclass(name, fields, frozen=True)
    return _row_classes[key]


class Table(_Handle):
    """A table of results: typed, named columns of equal length.

    len(table), table.columns, table.types (INT64, DOUBLE, TEXT, DAY, BOOL),
    table.units (what each column measures: "none", "count", "currency",
    "days" or "fraction"), table.column(name) (Python values),
    table.array(name) (the numbers as array.array, no copy), table.rows()
    (dataclasses), table.to_dict(), table.to_pandas(), table.to_json().
    """

    _free = lib.pipecast_table_free

    def __init__(self, handle: Any) -> None:
        super().__init__(handle)
        name = ctypes.c_char_p()
        _core.check(lib.pipecast_table_name(handle, ctypes.byref(name)))
        self.name = _core.string(name.value)
        rows, columns = ctypes.c_size_t(), ctypes.c_size_t()
        _core.check(lib.pipecast_table_shape(handle, ctypes.byref(rows), ctypes.byref(columns)))
        self._rows = rows.value
        self.columns: List[str] = []
        self.types: List[int] = []
        self.units: List[str] = []
        for c in range(columns.value):
            column_name, column_type, unit = ctypes.c_char_p(), ctypes.c_int32(), ctypes.c_int32()
            _core.check(lib.pipecast_table_column_name(handle, c, ctypes.byref(column_name)))
            _core.check(lib.pipecast_table_column_type(handle, c, ctypes.byref(column_type)))
            _core.check(lib.pipecast_table_column_unit(handle, c, ctypes.byref(unit)))
            self.columns.append(_core.string(column_name.value))
            self.types.append(column_type.value)
            self.units.append(UNITS[unit.value])
        self._cache: Dict[int, ColumnArray] = {}

    def __len__(self) -> int:
        return self._rows

    def __repr__(self) -> str:
        closed = "" if self._handle else " (closed)"
        return "<pipecast.Table %s: %d rows x %d columns%s>" % (self.name, self._rows, len(self.columns), closed)

    def _repr_html_(self) -> str:
        """A notebook's view: the first rows as an HTML table (_notebook.py)."""
        from . import _notebook
        return _notebook.table_html(self)

    def _index(self, name: str) -> int:
        try:
            return self.columns.index(name)
        except ValueError:
            raise KeyError("table %s has no column %r (columns: %s)" % (self.name, name, ", ".join(self.columns))) from None

    def array(self, name: str) -> ColumnArray:
        """The column's values as stored: array('q') for INT64 and BOOL,
        array('d') for DOUBLE (NaN: unknown), array('i') of day numbers for
        DAY (NO_DAY: none), a list of str for TEXT.  Filled by one call."""
        c = self._index(name)
        if c in self._cache:
            return self._cache[c]
        values: ColumnArray = self._read_texts(c) if self.types[c] == TEXT else self._read_numbers(c)
        self._cache[c] = values
        return values

    def _read_texts(self, c: int) -> List[str]:
        n = self._rows
        pointers = (ctypes.c_char_p * max(n, 1))()
        _core.check(lib.pipecast_table_read_text(self._live(), c, 0, pointers, n))
        return [_core.string(pointers[i]) for i in range(n)]

    def _read_numbers(self, c: int) -> Array[Any]:
        n = self._rows
        code, ctype, read = _READERS[self.types[c]]
        values = array.array(code, bytes(ctypes.sizeof(ctype) * n))
        if n > 0:
            target = (ctype * n).from_buffer(values)
            _core.check(getattr(lib, read)(self._live(), c, 0, target, n))
        return values

    def column(self, name: str) -> List[Any]:
        """The column as Python values: int, float (None when unknown), str,
        bool, datetime.date (None when none)."""
        t = self.types[self._index(name)]
        values = self.array(name)
        if isinstance(values, list):  # TEXT
            return list(values)
        if t == DOUBLE:
            return [None if math.isnan(v) else v for v in values]
        if t == DAY:
            return [_core.from_day(v) for v in values]
        if t == BOOL:
            return [bool(v) for v in values]
        return list(values)

    def to_dict(self) -> Dict[str, List[Any]]:
        """{column: [values]} (see column())."""
        return {name: self.column(name) for name in self.columns}

    def rows(self) -> List[Any]:
        """One dataclass per row (see row_class())."""
        cls = row_class(self.name, self.columns, self.types)
        columns = [self.column(name) for name in self.columns]
        return [cls(*values) for values in zip(*columns)] if columns else []

    def to_numpy(self) -> Dict[str, Any]:
        """{column: numpy array}: float64 (NaN), int64, bool, datetime64[D]
        (NaT), object for text.  Requires numpy."""
        np = _core.numpy()
        if np is None:
            raise ImportError("Table.to_numpy() needs numpy")
        out: Dict[str, Any] = {}
        for name, t in zip(self.columns, self.types):
            values = self.array(name)
            if t == TEXT:
                out[name] = np.array(values, dtype=object)
            elif t == DOUBLE:
                out[name] = np.frombuffer(values, dtype=np.float64).copy()
            elif t == INT64:
                out[name] = np.frombuffer(values, dtype=np.int64).copy()
            elif t == BOOL:
                out[name] = np.frombuffer(values, dtype=np.int64) != 0
            else:
                days = np.frombuffer(values, dtype=np.int32).astype(np.int64)
                dates = days.astype("datetime64[D]")
                dates[days == _core.NO_DAY] = np.datetime64("NaT")
                out[name] = dates
        return out

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the table.  Requires pandas."""
        pd = _core.require_pandas("Table.to_pandas()")
        return pd.DataFrame(self.to_numpy(), columns=self.columns)

    def to_json(self, indent: Optional[int] = None) -> str:
        """JSON text: an array of one object per row."""
        handle = self._live()
        return _json_text(lambda buf, size, out: int(lib.pipecast_table_json(handle, _indent(indent), buf, size, out)))


class Result(_Handle):
    """What a computation returned: JSON and named tables."""

    _free = lib.pipecast_result_free

    def __init__(self, handle: Any) -> None:
        super().__init__(handle)
        kind = ctypes.c_char_p()
        _core.check(lib.pipecast_result_kind(handle, ctypes.byref(kind)))
        self.kind = _core.string(kind.value)
        count = ctypes.c_size_t()
        _core.check(lib.pipecast_result_table_count(handle, ctypes.byref(count)))
        self.table_names: List[str] = []
        for i in range(count.value):
            name = ctypes.c_char_p()
            _core.check(lib.pipecast_result_table_name(handle, i, ctypes.byref(name)))
            self.table_names.append(_core.string(name.value))

    def table(self, name: str) -> Table:
        """The table named `name` (`table_names` lists them); UnknownNameError for another name."""
        out = _library.TablePointer()
        _core.check(lib.pipecast_result_table(self._live(), _core.text(name), ctypes.byref(out)))
        return Table(out)

    def charts(self) -> Dict[str, str]:
        """The charts the HTML report draws of this result, by name, each an
        `<svg>` element (see _Tables.charts)."""
        handle = self._live()
        count = ctypes.c_size_t()
        _core.check(lib.pipecast_result_chart_count(handle, ctypes.byref(count)))
        out: Dict[str, str] = {}
        for i in range(count.value):
            name, svg = ctypes.c_char_p(), ctypes.c_char_p()
            _core.check(lib.pipecast_result_chart(handle, i, ctypes.byref(name), ctypes.byref(svg)))
            out[_core.string(name.value)] = _core.string(svg.value)
        return out

    def to_json(self, section: Optional[str] = None, indent: Optional[int] = 2) -> str:
        """The library's JSON text (section: one table's rows; indent None: one line)."""
        handle = self._live()
        return _json_text(
            lambda buf, size, out: int(lib.pipecast_result_json(handle, _core.text(section), _indent(indent), buf, size,
                                                                out)))

    def to_dict(self, section: Optional[str] = None) -> Any:
        """to_json() parsed: dicts and lists."""
        return json.loads(self.to_json(section, indent=None))

    def __repr__(self) -> str:
        if not self._handle:
            return "<pipecast.Result (closed)>"
        return "<pipecast.Result %s: %d tables>" % (self.kind, len(self.table_names))


class _Tables:
    """Results as dataclasses: `.NAME` is the list of rows of table NAME
    (read on first use), `.table(NAME)` the Table itself (for pandas)."""

    _result: Result
    _rows: Dict[str, List[Any]]

    def __getattr__(self, name: str) -> List[Any]:
        if name.startswith("_") or name not in self._result.table_names:
            raise AttributeError("%s has no attribute %r (tables: %s)" % (type(self).__name__, name, ", ".join(self._result.table_names)))
        if name not in self._rows:
            with self._result.table(name) as t:
                self._rows[name] = t.rows()
        return self._rows[name]

    # The table to_pandas() gives by default: the result's main one.
    _main_table: ClassVar[str] = "summary"

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """A pandas DataFrame of one table of the result: `table`, or by
        default its main one (a report's and a backtest's summary, a lead
        plan's lead_plan, the scores, the forecast, the movement).  The same
        as .table(name).to_pandas(); to_frames() gives every table.  Needs
        pandas."""
        _core.require_pandas("%s.to_pandas()" % type(self).__name__)
        with self._result.table(self._main_table if table is None else table) as t:
            return t.to_pandas()

    def to_frames(self) -> Dict[str, Any]:
        """Every table of the result as a pandas DataFrame, by name.  Needs
        pandas."""
        _core.require_pandas("%s.to_frames()" % type(self).__name__)
        return {name: self.to_pandas(name) for name in self._result.table_names}

    @property
    def tables(self) -> List[str]:
        """The names of the tables."""
        return list(self._result.table_names)

    def table(self, name: str) -> Table:
        """A table of the result, as a Table (to_pandas(), array(), ...)."""
        return self._result.table(name)

    def charts(self) -> Dict[str, str]:
        """The charts of `pipecast report --html` for this result, by name,
        in the page's order: each a self-contained `<svg>` element (its
        styles inside, nothing loaded).  A report has each pipeline's
        "funnel/PIPELINE" and "time_in_stage/PIPELINE", each field's
        "win_rate/FIELD" and "products" where the page has them; a forecast
        its "forecast" fan; other results none.  A notebook shows them under
        the tables."""
        return self._result.charts()

    def to_json(self, section: Optional[str] = None, indent: Optional[int] = 2) -> str:
        """The library's JSON text: the result's tables by name, each a list of
        rows (section: one table's rows)."""
        return self._result.to_json(section, indent)

    def to_dict(self, section: Optional[str] = None) -> Any:
        """to_json() parsed: dicts and lists."""
        return self._result.to_dict(section)

    def close(self) -> None:
        """Frees the result now; `with` does it too."""
        self._result.close()

    def __repr__(self) -> str:
        """<pipecast.KIND its main figures> (_notebook.py)."""
        from . import _notebook
        return _notebook.result_repr(self)

    def _repr_html_(self) -> str:
        """A notebook's view: the main figures and tables (_notebook.py)."""
        from . import _notebook
        return _notebook.result_html(self)

    def __enter__(self: TablesT) -> TablesT:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


TablesT = TypeVar("TablesT", bound=_Tables)


def _first_row(result: Result, name: str) -> Any:
    with result.table(name) as t:
        rows = t.rows()
    return rows[0]


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class Report(_Tables):
    """The pipeline report (what `pipecast report` shows).  Besides these
    fields, every table is an attribute: report.funnel, report.stalled,
    report.coverage, ... (lists of row dataclasses; see .tables)."""

    as_of: datetime.date
    period: str
    period_first: datetime.date
    period_last: datetime.date
    currency: str
    pipeline: str
    filters: str
    deals: int
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> Report:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        s = _first_row(result, "summary")
        return cls(s.as_of, s.period, s.period_first, s.period_last, s.currency, s.pipeline, s.filters, s.deals, result)


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class LeadPlan(_Tables):
    """The lead plan for a target (what `pipecast plan` shows).  `.summary`
    has every figure of the plan; .lead_plan_pipelines and .lead_plan_stages
    the needs by pipeline and stage."""

    _main_table: ClassVar[str] = "lead_plan"

    status: str
    message: str
    as_of: datetime.date
    period: str
    currency: str
    target: float
    won_in_period: float
    expected_from_pipeline: float
    gap: float
    won_needed_p50: float
    won_needed_p90: float
    leads_needed_p50: float
    leads_needed_p90: float
    create_by_p50: datetime.date
    create_by_p90: datetime.date
    summary: object = dataclasses.field(repr=False)
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> LeadPlan:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        s = _first_row(result, "lead_plan")
        return cls(
            s.status, s.message, s.as_of, s.period, s.currency, s.target, s.won_in_period,
            s.expected_from_pipeline, s.gap, s.won_needed_p50, s.won_needed_p90, s.leads_needed_p50,
            s.leads_needed_p90, s.create_by_p50, s.create_by_p90, s, result,
        )


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class ActivityEffects(_Tables):
    """What worked (what `pipecast activities` shows): for each open stage,
    the activities of stays that advanced compared with those that were lost,
    as associations, not causes.  `.activity_stages` holds each stage's
    playbook, `.activity_comparisons` every comparison with its effect, 95%
    interval, p- and Benjamini-Hochberg q-value."""

    _main_table: ClassVar[str] = "activity_comparisons"

    as_of: datetime.date
    activities: int
    window_days: int
    fdr: float
    comparisons: int
    flagged: int
    summary: object = dataclasses.field(repr=False)
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> ActivityEffects:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        s = _first_row(result, "activity_effects")
        return cls(s.as_of, s.activities, s.window_days, s.fdr, s.comparisons, s.flagged, s, result)


@dataclasses.dataclass(eq=False, repr=False)  # _Tables.__repr__
class Worklist(_Tables):
    """Where each seller's next hour goes (what `pipecast activities` shows
    after what worked): `.worklist` each owner's open deals ranked by win
    probability x amount x the conservative lift of the stage's playbook,
    with the step and the reason in words; `.time_split` each owner's
    activities by stage and deal-size band beside their won revenue.
    Associations, not causes."""

    _main_table: ClassVar[str] = "worklist"

    as_of: datetime.date
    model: str
    window_days: int
    rows_per_owner: int
    owners: int
    time_split_from: datetime.date
    time_split_to: datetime.date
    summary: object = dataclasses.field(repr=False)
    _result: Result = dataclasses.field(repr=False)
    _rows: Dict[str, List[Any]] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_result(cls, result: Result) -> Worklist:
        """Wraps a Result of the C ABI (what the package's own calls do)."""
        s = _first_row(result, "worklist_summary")
        return cls(s.as_of, s.model, s.window_days, s.rows_per_owner, s.owners, s.time_split_from, s.time_split_to,
                   s, result)
