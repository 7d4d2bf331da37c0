"""pandas data frames in and out of a book: Book.from_frames, Book.to_frames.

The C ABI applies a column mapping (docs/mapping.md) only when it reads a
directory of CSV files (pipecast_book_load with pipecast_load_options.mapping),
and it hands a book's rows back only as the CSV files of
pipecast_book_export_csv.  So frames go in as CSV files written with the csv
module into a temporary directory, with the mapping as a JSON file beside
them, and come out as the exported files read back with pandas.  The
library's messages name those temporary files; they are translated here to
name the frame, its row and its column instead.

pandas is imported only when a function of this module is called.
"""

from __future__ import annotations

import copy
import csv
import datetime
import json
import math
import os
import re
import tempfile
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core, _errors, _log

from ._log import LogTarget

if TYPE_CHECKING:
    from . import Book

# The keyword of each table of Book.from_frames and Book.to_frames, and the
# interchange table (and file) it is.
FRAME_TABLES: Dict[str, str] = {
    "stages": "stages",
    "opportunities": "opportunities",
    "history": "stage_history",
    "products": "products",
    "line_items": "line_items",
    "quotas": "quotas",
    "fx_rates": "fx_rates",
    "activities": "activities",
}
_FRAME_OF_TABLE = {table: frame for frame, table in FRAME_TABLES.items()}

# The interchange fields that are not text, by table (docs/format.md).
_DATES: Dict[str, Tuple[str, ...]] = {
    "opportunities": ("created", "close_date"),
    "stage_history": ("entered", "close_date"),
    "activities": ("date",),
}
_NUMBERS: Dict[str, Tuple[str, ...]] = {
    "stages": ("probability",),
    "opportunities": ("amount",),
    "stage_history": ("amount",),
    "products": ("list_price",),
    "line_items": ("quantity", "unit_price"),
    "quotas": ("amount",),
    "fx_rates": ("rate",),
    "activities": ("duration_minutes",),
}
_INTEGERS: Dict[str, Tuple[str, ...]] = {"stages": ("order",)}

# A mapping: a dict as the JSON document of docs/mapping.md, or a preset name.
MappingLike = Union[Mapping[str, Any], str, None]


def pandas(what: str) -> Any:
    """pandas, or an ImportError naming it."""
    return _core.require_pandas(what)


# ---- Cells -----------------------------------------------------------------------


class _Format:
    """How the mapping reads the cells this module writes: its date_format
    and decimal mark (a preset keeps the defaults, YYYY-MM-DD and ".")."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.date_format = str(document.get("date_format", "YYYY-MM-DD"))
        self.decimal = str(document.get("decimal", "."))

    def date(self, value: datetime.datetime) -> str:
        f = self.date_format
        if f == "epoch_ms":
            if value.tzinfo is None:
                value = value.replace(tzinfo=datetime.timezone.utc)
            return str(round(value.timestamp() * 1000))
        if f == "M/D/YYYY":
            text = "%d/%d/%04d" % (value.month, value.day, value.year)
        elif f in ("D/M/YYYY", "D.M.YYYY", "D-M-YYYY"):
            text = "%d%s%d%s%04d" % (value.day, f[1], value.month, f[1], value.year)
        else:
            text = "%04d-%02d-%02d" % (value.year, value.month, value.day)
        if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
            # The reader takes a datetime at its date, as the date above.
            text += ("T" if f == "YYYY-MM-DD" else " ") + value.strftime("%H:%M:%S")
        return text

    def number(self, value: float) -> str:
        text = repr(value)  # the shortest text that reads back as the same double
        return text.replace(".", ",") if self.decimal == "," else text


class _Reject(Exception):
    """A cell that cannot be converted exactly: why, and its row position."""

    def __init__(self, why: str, row: int) -> None:
        super().__init__(why)
        self.why = why
        self.row = row


def _as_datetime(value: Any) -> Optional[datetime.datetime]:
    """A date-like value (datetime.date, datetime, pandas Timestamp,
    numpy datetime64) as a datetime; None for anything else."""
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime()  # type: ignore[no-any-return]  # untyped pandas
    if type(value).__name__ == "datetime64":  # numpy scalar
        pd = _core.pandas()
        return None if pd is None else pd.Timestamp(value).to_pydatetime()
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) or type(value).__module__ == "numpy" and hasattr(value, "dtype") and \
        getattr(value, "dtype").kind in "iuf"


def _cells(values: Sequence[Any], kind: str, fmt: _Format) -> List[str]:
    """The CSV text of one column's cells; `kind` is the field's: "date",
    "number", "integer" or "text" (a column the mapping does not tell)."""
    out: List[str] = []
    for row, value in enumerate(values):
        if _core.is_missing(value):
            out.append("")
            continue
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            if kind != "text":
                raise _Reject("a boolean (%r) where a %s goes" % (value, kind), row)
            out.append("true" if value else "false")
            continue
        when = _as_datetime(value)
        if when is not None:
            if kind in ("number", "integer"):
                raise _Reject("a date (%s) where a number goes" % value, row)
            out.append(fmt.date(when))
            continue
        if _is_number(value):
            number = float(value)
            if kind == "date" and fmt.date_format != "epoch_ms":
                raise _Reject("a number (%r) where a date goes" % (value,), row)
            if math.isinf(number):
                raise _Reject("an infinite number", row)
            if isinstance(value, float) or getattr(value, "dtype", None) is not None and value.dtype.kind == "f":
                if kind == "integer" or number.is_integer() and kind in ("text", "date"):
                    if not number.is_integer():
                        raise _Reject("%r is not a whole number" % (value,), row)
                    out.append(str(int(number)))
                else:
                    out.append(fmt.number(number))
            else:
                out.append(str(int(value)))
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        if not isinstance(value, str):
            if kind != "text" or type(value).__name__ in ("timedelta", "Timedelta", "timedelta64"):
                raise _Reject("a %s (%r) where a %s goes" % (type(value).__name__, value, kind), row)
            value = str(value)
        out.append(value)
    return out


# ---- Writing the frames ----------------------------------------------------------


class _Written:
    """One frame as written: where each row starts (its line) and, for each
    row, the byte span of each cell, to turn file:line:column back into the
    frame's row and column."""

    def __init__(self, label: str, frame: Any, headers: List[str]) -> None:
        self.label = label
        self.frame = frame
        self.headers = headers
        self.first_line: List[int] = []  # of each data row, 1-based
        self.spans: List[List[Tuple[int, int]]] = []  # 1-based byte columns of each cell, per row

    def locate(self, line: int, column: int) -> str:
        """'row 3 (index 'O4'), column 'created'' for a place in the file."""
        if line <= 1:
            return "header"
        row = _row_at(self.first_line, line)
        if row is None:
            return "line %d" % line
        where = "row %d" % row
        index = self.frame.index[row] if hasattr(self.frame, "index") else row
        if index != row:
            where += " (index %r)" % (index,)
        if line == self.first_line[row]:
            for header, (start, end) in zip(self.headers, self.spans[row]):
                if start <= column <= end:
                    return "%s, column %r" % (where, header)
        return where


def _row_at(first_line: List[int], line: int) -> Optional[int]:
    lo, hi = 0, len(first_line) - 1
    found = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if first_line[mid] <= line:
            found, lo = mid, mid + 1
        else:
            hi = mid - 1
    return found


def _write(path: str, written: _Written, columns: List[List[str]]) -> None:
    """The CSV file, every cell quoted by the csv module (QUOTE_ALL: a cell
    then starts with its quote, at a byte column known from its length)."""
    line = 1
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(written.headers)
        line += 1 + sum(h.count("\n") for h in written.headers)
        for cells in zip(*columns) if columns else ():
            written.first_line.append(line)
            spans: List[Tuple[int, int]] = []
            start = 1
            for cell in cells:
                # QUOTE_ALL writes '"' + cell with '"' doubled + '"'.
                size = len(cell.encode("utf-8")) + cell.count('"') + 2
                end_line = cell[: cell.find("\n")] if "\n" in cell else None
                spans.append((start, start + size - 1 if end_line is None else 1 << 62))
                start += size + 1
                if end_line is not None:
                    break  # the rest of the row is on a later line
            written.spans.append(spans)
            writer.writerow(cells)
            line += 1 + sum(c.count("\n") for c in cells)


def _field_kinds(table: str, document: Mapping[str, Any]) -> Dict[str, str]:
    """header -> "date", "number" or "integer" for the columns of a table
    whose field the mapping document tells (the interchange names, or the
    headers its `columns` maps them to)."""
    spec = document.get("tables", {}).get(table, {}) if isinstance(document.get("tables"), Mapping) else {}
    renamed = spec.get("columns", {}) if isinstance(spec, Mapping) else {}
    kinds: Dict[str, str] = {}
    groups: Tuple[Tuple[str, Dict[str, Tuple[str, ...]]], ...] = (
        ("date", _DATES), ("number", _NUMBERS), ("integer", _INTEGERS))
    for kind, fields in groups:
        for field in fields.get(table, ()):
            header = renamed.get(field, field) if isinstance(renamed, Mapping) else field
            if isinstance(header, str):
                kinds[header] = kind
    return kinds


def _frame_columns(label: str, frame: Any) -> Tuple[List[str], List[Sequence[Any]]]:
    if not hasattr(frame, "keys"):
        raise TypeError("%s: expected a pandas DataFrame or a mapping of column name to values, not %s"
                        % (label, type(frame).__name__))
    headers = [str(name) for name in frame.keys()]
    values: List[Sequence[Any]] = []
    for name in frame.keys():
        column = frame[name]
        if hasattr(column, "dtype") and str(column.dtype) == "category":
            column = column.astype(object)
        if hasattr(column, "to_numpy"):
            column = column.to_numpy(dtype=object) if getattr(column.dtype, "kind", "O") != "M" else list(column)
        values.append(list(column))
    lengths = {len(v) for v in values}
    if len(lengths) > 1:
        raise ValueError("%s: columns differ in length" % label)
    if len(set(headers)) != len(headers):
        raise ValueError("%s: a column name is given twice" % label)
    return headers, values


def _translate(message: str, directory: str, mapping_path: str, written: Dict[str, _Written]) -> str:
    """The library's message, naming frames, rows and columns instead of the
    temporary files."""
    message = message.replace(mapping_path, "mapping")
    message = re.sub(r"^cannot load '%s':\n" % re.escape(directory), "cannot make a book from frames:\n", message)

    def place(match: "re.Match[str]") -> str:
        name, line, column = match.group(1), int(match.group(2)), int(match.group(3))
        w = written.get(name)
        if w is None:
            return match.group(0)
        return "%s frame, %s: " % (w.label, w.locate(line, column))

    message = re.sub(r"(?m)^(?:%s/)?([^/:\n]+):(\d+):(\d+): " % re.escape(directory), place, message)
    for name, w in written.items():
        message = message.replace(os.path.join(directory, name), "the %s frame" % w.label)
        message = re.sub(r"(?m)^%s: " % re.escape(name), "%s frame: " % w.label, message)
        message = re.sub(r"(?<![\w./-])%s(?!\w)" % re.escape(name), "the %s frame" % w.label, message)
    return message.replace(directory, "<frames>")


def from_frames(cls: type[Book], frames: Mapping[str, Any], mapping: MappingLike, files: Optional[Mapping[str, Any]],
                log: LogTarget, max_errors: Optional[int]) -> Book:
    if mapping is None:
        document: Dict[str, Any] = {}
    elif isinstance(mapping, str):
        document = {"preset": mapping}
    elif isinstance(mapping, Mapping):
        document = copy.deepcopy(dict(mapping))
    else:
        raise TypeError("mapping must be a dict (a mapping document) or a preset name, not %s" % type(mapping).__name__)
    fmt = _Format(document)
    tables: Any = document.setdefault("tables", {})
    if not isinstance(tables, dict):
        raise ValueError("mapping: tables must be an object")
    # Every file is written as RFC 4180 UTF-8 with commas, whatever the CRM's
    # (decimal, thousands and date_format stay: text cells are the caller's).
    document["delimiter"], document["encoding"] = ",", "utf-8"

    to_write: List[Tuple[str, str, str, Any]] = []  # (label, file name, table or "", frame)
    for label, frame in frames.items():
        if frame is None:
            continue
        table = FRAME_TABLES[label]
        name = table + ".csv"
        spec = tables.setdefault(table, {})
        if not isinstance(spec, dict):
            raise ValueError("mapping: tables.%s must be an object" % table)
        spec["file"] = name
        to_write.append((label, name, table, frame))
    for name, frame in (files or {}).items():
        if not name or "/" in name or "\\" in name or name in {n for _, n, _, _ in to_write} or name == "mapping.json":
            raise ValueError("files: %r is not a file name of its own" % (name,))
        to_write.append(("files[%r]" % name, name, "", frame))

    pd = pandas("Book.from_frames()")
    del pd  # imported to say so early; frames are read through their own methods
    with tempfile.TemporaryDirectory(prefix="pipecast-frames-") as directory:
        written: Dict[str, _Written] = {}
        for label, name, table, frame in to_write:
            headers, values = _frame_columns(label, frame)
            kinds = _field_kinds(table, document) if table and not isinstance(mapping, str) else {}
            if isinstance(mapping, str) and table:
                kinds = {}  # a preset's headers are its own: the library checks each cell
            cells: List[List[str]] = []
            for header, column in zip(headers, values):
                try:
                    cells.append(_cells(column, kinds.get(header, "text"), fmt))
                except _Reject as e:
                    index = frame.index[e.row] if hasattr(frame, "index") else e.row
                    raise _errors.error(
                        _errors.INVALID_DATA,
                        "%s frame, column %r: cannot convert it exactly: first at row %d%s: %s"
                        % (label, header, e.row, "" if index == e.row else " (index %r)" % (index,), e.why),
                    ) from None
            written[name] = _Written(label, frame, headers)
            _write(os.path.join(directory, name), written[name], cells)
        mapping_path = os.path.join(directory, "mapping.json")
        with open(mapping_path, "w", encoding="utf-8") as f:
            json.dump(document, f)
        translated: LogTarget = None
        if log is not None:
            write = _log.writer(log)
            translated = lambda level, message: write(level, _translate(message, directory, mapping_path, written))
        try:
            return cls.load(directory, mapping_path, translated, max_errors)
        except _errors.Error as e:
            e.message = _translate(e.message, directory, mapping_path, written)
            e.args = (e.message,)
            raise


# ---- Reading a book back ---------------------------------------------------------


def to_frames(book: Book) -> Dict[str, Any]:
    pd = pandas("Book.to_frames()")
    frames: Dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="pipecast-frames-") as directory:
        book.to_csv(directory)
        for table, label in _FRAME_OF_TABLE.items():
            path = os.path.join(directory, table + ".csv")
            if not os.path.exists(path):
                continue
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
            for field in _DATES.get(table, ()):
                if field in frame:
                    frame[field] = pd.to_datetime(frame[field].where(frame[field] != ""), format="%Y-%m-%d")
            for field in _NUMBERS.get(table, ()):
                if field in frame:
                    frame[field] = pd.to_numeric(frame[field].where(frame[field] != "")).astype("float64")
            for field in _INTEGERS.get(table, ()):
                if field in frame:
                    frame[field] = frame[field].astype("int64")
            frames[label] = frame
    return frames
