"""Log callbacks: a Python callable or logging.Logger as the C ABI's
pipecast_log_function, for the calls that take one (load, fit, backtest)."""

from __future__ import annotations

import logging
from typing import Callable, List, Optional, Union

from . import _library

# What a `log` argument may be: a callable(level, message), a Logger, or None.
LogTarget = Union[Callable[[int, str], object], logging.Logger, None]


def log_callback(log: LogTarget, failures: List[BaseException]) -> _library.LogFunction:
    """A C log callback calling `log` (levels as in logging); exceptions it
    raises are kept in `failures` for after the call, since they must never
    unwind through C.  The caller keeps the callback alive for the call."""
    if log is None:
        return _library.LOG_FUNCTION(0)  # NULL: no callback
    write = writer(log)

    def call(_user_data: Optional[int], level: int, message: bytes) -> None:
        try:
            write(level, message.decode("utf-8", "replace"))
        except BaseException as e:  # never unwind through C
            failures.append(e)

    return _library.LOG_FUNCTION(call)


def writer(log: Union[Callable[[int, str], object], logging.Logger]) -> Callable[[int, str], object]:
    if isinstance(log, logging.Logger):
        logger = log
        return lambda level, message: logger.log(level, message)
    return log
