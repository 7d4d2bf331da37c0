"""What every part of the package shares: the loaded library, errors, text
and dates."""

from __future__ import annotations

import ctypes
import datetime
import math
import os
from typing import TYPE_CHECKING, Any, Callable, Optional, SupportsInt, TypeVar, Union, cast

from . import _errors, _library
from ._errors import Error, PathLike

__all__ = ["Error", "PathLike"]  # Error is the package's, also through _core

lib = _library.load_library()

EPOCH = datetime.date(1970, 1, 1)
NO_DAY = -(2**31)
DAY_MIN = -208188  # 1400-01-01
DAY_MAX = 2932896  # 9999-12-31

# What a date argument may be: a date, a datetime, "YYYY-MM-DD", a day number,
# a pandas Timestamp, or a blank (None, NaN, NaT) for "no day".
DateLike = Union[datetime.date, str, bytes, int, float, SupportsInt, None]
# Text arguments: str, bytes, or a path.
TextLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]", None]


Struct = TypeVar("Struct", bound=ctypes.Structure)

if TYPE_CHECKING:  # typeshed's name for POINTER(T) instances; not subscriptable at run time
    CharPP = ctypes._Pointer[ctypes.c_char_p]
    DoubleP = ctypes._Pointer[ctypes.c_double]
    Int32P = ctypes._Pointer[ctypes.c_int32]

def check(code: int, path: Optional[PathLike] = None) -> None:
    """Raises the Error subclass that fits a failed call, with the library's
    message; `path`: the file the call was given, if any (NOT_FOUND then
    means that file, not a name)."""
    if code != 0:
        raise _errors.error(code, last_error(), path)


def last_error() -> str:
    """The message of this thread's last failed call."""
    return string(lib.pipecast_last_error())


def string(value: Optional[bytes]) -> str:
    """A C string the library handed back (UTF-8; NULL reads as "")."""
    return "" if value is None else value.decode("utf-8", "replace")


def initialised(cls: type[Struct], init: Callable[..., int]) -> Struct:
    """A struct mirror set to its defaults by its _init function, which is
    given the mirror's VERSION so that it writes that layout only (a newer
    library's struct may be longer than this package's mirror)."""
    struct = cls()
    check(init(ctypes.byref(struct), getattr(cls, "VERSION")))
    return struct


def text(value: TextLike) -> Optional[bytes]:
    """str or path -> UTF-8 bytes (None stays None; bytes pass as they are)."""
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, os.PathLike):
        return os.fsencode(value)
    return str(value).encode("utf-8")


def is_missing(value: object) -> bool:
    """None, NaN and NaT: a blank cell."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NaTType", "NAType")


def to_day(value: DateLike) -> int:
    """datetime.date (or datetime, or "YYYY-MM-DD", or a day number) -> days
    since 1970-01-01; None/NaN/NaT -> NO_DAY."""
    if is_missing(value):
        return NO_DAY
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return (value - EPOCH).days
    if isinstance(value, (str, bytes)):
        day = ctypes.c_int32()
        check(lib.pipecast_date_parse(text(value), ctypes.byref(day)))
        return day.value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return (getattr(value, "to_pydatetime")().date() - EPOCH).days  # type: ignore[no-any-return]  # untyped pandas
    return int(cast(SupportsInt, value))  # a day number: int, or numpy's integers


def from_day(day: int) -> Optional[datetime.date]:
    """Days since 1970-01-01 -> datetime.date (None for NO_DAY)."""
    return None if day == NO_DAY else EPOCH + datetime.timedelta(days=day)


def date_of(value: DateLike) -> datetime.date:
    """A day that a result always has (its as-of day, say) as a date."""
    day = from_day(to_day(value))
    if day is None:
        raise ValueError("a day is missing: %r" % (value,))
    return day


def numpy() -> Any:
    """numpy when it is installed, else None (Any: numpy is optional, and
    not type-checked through this package)."""
    try:
        import numpy as np
    except ImportError:
        return None
    return np


def pandas() -> Any:
    """pandas when it is installed, else None."""
    try:
        import pandas as pd
    except ImportError:
        return None
    return pd


def require_pandas(what: str) -> Any:
    """pandas, imported now (never at the package's import), or an
    ImportError that names the package and what needed it."""
    pd = pandas()
    if pd is None:
        raise ImportError("%s needs pandas, which is not installed (pip install pandas, or Debian's python3-pandas)"
                          % what, name="pandas")
    return pd
