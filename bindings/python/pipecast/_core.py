"""What every part of the package shares: the loaded library, errors, text
and dates."""

import ctypes
import datetime
import math
import os

from . import _errors, _library
from ._errors import Error  # noqa: F401  (the package's, through _core)

lib = _library.load_library()

EPOCH = datetime.date(1970, 1, 1)
NO_DAY = -(2**31)
DAY_MIN = -208188  # 1400-01-01
DAY_MAX = 2932896  # 9999-12-31

def check(code, path=None):
    """Raises the Error subclass that fits a failed call, with the library's
    message; `path`: the file the call was given, if any (NOT_FOUND then
    means that file, not a name)."""
    if code != 0:
        raise _errors.error(code, lib.pipecast_last_error().decode("utf-8", "replace"), path)


def initialised(cls, init):
    """A struct mirror set to its defaults by its _init function, which is
    given the mirror's VERSION so that it writes that layout only (a newer
    library's struct may be longer than this package's mirror)."""
    struct = cls()
    check(init(ctypes.byref(struct), cls.VERSION))
    return struct


def text(value):
    """str or path -> UTF-8 bytes (None stays None; bytes pass as they are)."""
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, os.PathLike):
        return os.fsencode(value)
    return str(value).encode("utf-8")


def is_missing(value):
    """None, NaN and NaT: a blank cell."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NaTType", "NAType")


def to_day(value):
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
        return (value.to_pydatetime().date() - EPOCH).days
    return int(value)


def from_day(day):
    """Days since 1970-01-01 -> datetime.date (None for NO_DAY)."""
    return None if day == NO_DAY else EPOCH + datetime.timedelta(days=day)


def numpy():
    """numpy when it is installed, else None."""
    try:
        import numpy as np
    except ImportError:
        return None
    return np


def pandas():
    try:
        import pandas as pd
    except ImportError:
        return None
    return pd
