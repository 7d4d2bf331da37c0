"""Python columns -> the caller-owned arrays of the C ABI.

A column may be a list or tuple, an array.array, a memoryview, a numpy array
or a pandas Series.  Numbers in a buffer of the right type (array('d'),
float64 arrays for amounts; array('i'), int32 arrays for days) are handed
to the library without a copy; everything else is converted once.
"""

from __future__ import annotations

import array
import ctypes
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar

from . import _core

if TYPE_CHECKING:
    from ._core import CharPP, DoubleP, Int32P

# A table handed in: a mapping of column name to values (lists, tuples,
# array.array, numpy arrays), or a pandas DataFrame (not a Mapping to mypy).
TableLike = Any
# numbers of a ctypes element type, for _shared
Element = TypeVar("Element", ctypes.c_double, ctypes.c_int32)
T = TypeVar("T")

_STAGE_KINDS = {"open": 0, "won": 1, "lost": 2}


class Columns:
    """The columns of one batch: checked to be of one length, converted on
    demand, and kept alive until the call that reads them returns."""

    def __init__(self, table: str, columns: TableLike, known: Sequence[str], required: Sequence[str]) -> None:
        if columns is None:
            columns = {}
        if not hasattr(columns, "keys"):
            raise TypeError("%s: expected a mapping of column name to values (a dict or a DataFrame)" % table)
        self.table = table
        self.columns: Dict[str, Any] = {str(name): columns[name] for name in columns.keys()}
        self.extra = [name for name in self.columns if name not in known]
        missing = [name for name in required if name not in self.columns]
        if missing:
            raise ValueError("%s: missing required column(s) %s" % (table, ", ".join(missing)))
        lengths = {name: len(values) for name, values in self.columns.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(
                "%s: columns differ in length (%s)"
                % (table, ", ".join("%s %d" % item for item in lengths.items()))
            )
        self.size = next(iter(lengths.values()), 0)
        self._alive: List[object] = []

    def _keep(self, value: T) -> T:
        self._alive.append(value)
        return value

    def _values(self, name: str) -> Any:
        values = self.columns[name]
        if hasattr(values, "to_numpy"):  # pandas
            values = values.to_numpy()
        return values

    def texts(self, name: str) -> Optional[CharPP]:
        """A char** column (NULL when the column is absent)."""
        if name not in self.columns:
            return None
        return self.text_array(self._values(name), name)

    def text_array(self, values: Any, name: str) -> CharPP:
        out = (ctypes.c_char_p * self.size)()
        for i, value in enumerate(values):
            if _core.is_missing(value):
                continue
            if isinstance(value, bytes):
                out[i] = value  # checked by the library, which names the row
            else:
                try:
                    out[i] = str(value).encode("utf-8")
                except UnicodeEncodeError as e:
                    raise ValueError("%s row %d, column %s: %s" % (self.table, i, name, e)) from None
        return ctypes.cast(self._keep(out), ctypes.POINTER(ctypes.c_char_p))

    def doubles(self, name: str) -> Optional[DoubleP]:
        """A double* column: NaN for blanks; zero-copy for float64 buffers."""
        if name not in self.columns:
            return None
        values = self._values(name)
        shared = self._shared(values, "d", ctypes.c_double)
        if shared is not None:
            return shared
        np = _core.numpy()
        if np is not None and isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
            values = np.ascontiguousarray(values, dtype=np.float64)
            return self._shared(values, "d", ctypes.c_double)
        out = array.array("d", (float("nan") if _core.is_missing(v) else float(v) for v in values))
        return self._shared(out, "d", ctypes.c_double)

    def days(self, name: str) -> Optional[Int32P]:
        """An int32_t* column of day numbers: PIPECAST_NO_DAY for blanks;
        zero-copy for int32 buffers (day numbers already)."""
        if name not in self.columns:
            return None
        values = self._values(name)
        shared = self._shared(values, "i", ctypes.c_int32)
        if shared is not None:
            return shared
        np = _core.numpy()
        if np is not None and isinstance(values, np.ndarray) and values.dtype.kind == "M":
            raw = values.astype("datetime64[D]").astype(np.int64)
            raw = np.where(np.isnat(values), _core.NO_DAY, raw).astype(np.int32)
            return self._shared(raw, "i", ctypes.c_int32)
        out = array.array("i", (self._day(v, name, i) for i, v in enumerate(values)))
        return self._shared(out, "i", ctypes.c_int32)

    def int32s(self, name: str, mapping: Optional[Mapping[str, int]] = None) -> Optional[Int32P]:
        """An int32_t* column (stage order, stage kind by name or number)."""
        if name not in self.columns:
            return None
        values = self._values(name)
        shared = self._shared(values, "i", ctypes.c_int32)
        if shared is not None:
            return shared
        out = array.array("i")
        for i, value in enumerate(values):
            if mapping is not None and isinstance(value, str):
                if value not in mapping:
                    raise ValueError(
                        "%s row %d, column %s: %r is not one of %s" % (self.table, i, name, value, ", ".join(mapping))
                    )
                value = mapping[value]
            out.append(int(value))
        return self._shared(out, "i", ctypes.c_int32)

    def kinds(self, name: str) -> Optional[Int32P]:
        return self.int32s(name, _STAGE_KINDS)

    def attributes(self, names: Sequence[str]) -> Tuple[int, Optional[CharPP], Optional[ctypes._Pointer[CharPP]]]:
        """(count, char** names, char*** values) of the extra columns."""
        if not names:
            return 0, None, None
        name_array = (ctypes.c_char_p * len(names))(*(n.encode("utf-8") for n in names))
        value_arrays = (ctypes.POINTER(ctypes.c_char_p) * len(names))(*(self.text_array(self._values(n), n) for n in names))
        self._keep(name_array)
        self._keep(value_arrays)
        return (
            len(names),
            ctypes.cast(name_array, ctypes.POINTER(ctypes.c_char_p)),
            ctypes.cast(value_arrays, ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))),
        )

    def _day(self, value: Any, name: str, row: int) -> int:
        try:
            return _core.to_day(value)
        except (_core.Error, ValueError, TypeError) as e:
            raise ValueError("%s row %d, column %s: %s" % (self.table, row, name, e)) from None

    def _shared(self, values: Any, code: str, ctype: type[Element]) -> Optional[ctypes._Pointer[Element]]:
        """A pointer into `values` itself when it is a writable, contiguous,
        one-dimensional buffer of `code` items; else None."""
        try:
            view = memoryview(values)
        except (TypeError, ValueError):  # no buffer, or numpy's datetime64 (no buffer format)
            return None
        if view.ndim != 1 or not view.c_contiguous or view.format.lstrip("@=<") != code:
            return None
        if view.readonly or len(view) != self.size:
            if view.readonly and len(view) == self.size:
                copy = array.array(code, view.tobytes())
                view = memoryview(copy)
                self._keep(copy)
            else:
                return None
        if self.size == 0:
            return ctypes.cast(self._keep((ctype * 1)()), ctypes.POINTER(ctype))
        data = self._keep((ctype * self.size).from_buffer(view))
        return ctypes.cast(data, ctypes.POINTER(ctype))
