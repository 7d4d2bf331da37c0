"""pipecast: sales pipeline analytics and forecasting, through its C ABI.

    import datetime, pipecast
    with pipecast.Book.load("crm-export", mapping="maven") as book:
        print(book.counts(datetime.date(2017, 6, 30)))

Failures raise pipecast.Error with the library's message (for CSV problems,
every one as file:line:column: message).
"""

import ctypes
import dataclasses
import datetime
import os

from . import _library

_lib = _library.load_library()

__version__ = _lib.pipecast_version().decode()

_EPOCH = datetime.date(1970, 1, 1)
NO_DAY = -(2**31)


class Error(Exception):
    """A failed call; .code is the C ABI's negative code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _check(code):
    if code != 0:
        raise Error(code, _lib.pipecast_last_error().decode("utf-8", "replace"))


def _text(value):
    if value is None:
        return None
    return os.fsencode(value) if isinstance(value, os.PathLike) else str(value).encode("utf-8")


def to_day(date):
    """datetime.date -> days since 1970-01-01."""
    return (date - _EPOCH).days


def from_day(day):
    """Days since 1970-01-01 -> datetime.date (None for NO_DAY)."""
    return None if day == NO_DAY else _EPOCH + datetime.timedelta(days=day)


def parse_date(text):
    """YYYY-MM-DD (or a datetime) -> datetime.date, as the library reads dates."""
    day = ctypes.c_int32()
    _check(_lib.pipecast_date_parse(_text(text), ctypes.byref(day)))
    return from_day(day.value)


@dataclasses.dataclass(frozen=True)
class Counts:
    """Headline counts of a book as of a day (amounts in the base currency)."""

    as_of: datetime.date
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


class Book:
    """A book of deals held by the library; close() (or `with`) frees it."""

    def __init__(self, handle):
        self._handle = handle

    @classmethod
    def load(cls, path, mapping=None):
        """A book directory (CSV files) or a snapshot; mapping: a mapping file or a preset name."""
        handle = _library.BookPointer()
        _check(_lib.pipecast_book_load(_text(path), _text(mapping), ctypes.byref(handle)))
        return cls(handle)

    from_csv = load

    def counts(self, as_of=None):
        """Counts as of a datetime.date (default: the latest date in the book)."""
        raw = _library.Counts()
        _lib.pipecast_counts_init(ctypes.byref(raw))
        day = NO_DAY if as_of is None else to_day(as_of)
        _check(_lib.pipecast_book_count(self._live(), day, ctypes.byref(raw)))
        values = {name: getattr(raw, name) for name, _ in _library.Counts._fields_[2:]}
        return Counts(as_of=from_day(raw.as_of_day), **values)

    def close(self):
        if self._handle:
            _lib.pipecast_book_free(self._handle)
            self._handle = None

    def _live(self):
        if not self._handle:
            raise Error(-1, "the book is closed")
        return self._handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


__all__ = ["Book", "Counts", "Error", "NO_DAY", "from_day", "parse_date", "to_day", "__version__"]
