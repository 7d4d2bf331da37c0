"""What every part of the package shares: the loaded library, errors, text
and dates."""

import ctypes
import datetime
import math
import os

from . import _library

lib = _library.load_library()

EPOCH = datetime.date(1970, 1, 1)
NO_DAY = -(2**31)
DAY_MIN = -208188  # 1400-01-01
DAY_MAX = 2932896  # 9999-12-31

_CODE_NAMES = {
    -1: "INVALID_ARGUMENT",
    -2: "PARSE",
    -3: "IO",
    -4: "NOT_FOUND",
    -5: "BUFFER_TOO_SMALL",
    -6: "OUT_OF_MEMORY",
    -7: "INTERNAL",
    -8: "INVALID_DATA",
    -9: "CALLBACK",
}


class Error(Exception):
    """A failed call: the library's message, and .code, the C ABI's negative
    code (.name is its PIPECAST_ERROR_ suffix, e.g. "INVALID_DATA")."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.name = _CODE_NAMES.get(code, "UNKNOWN")


def check(code):
    """Raises Error with the library's message for a failed call."""
    if code != 0:
        raise Error(code, lib.pipecast_last_error().decode("utf-8", "replace"))


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
