"""The exceptions: pipecast.Error for every failed call, and a subclass per
kind of failure that also derives from the built-in exception a Python
caller already catches (ValueError, FileNotFoundError, KeyError,
MemoryError), so that `except ValueError` works without knowing pipecast."""

import errno
import os
from typing import Any, Dict, Optional, Tuple, Type, Union

INVALID_ARGUMENT = -1
PARSE = -2
IO = -3
NOT_FOUND = -4
BUFFER_TOO_SMALL = -5
OUT_OF_MEMORY = -6
INTERNAL = -7
INVALID_DATA = -8
CALLBACK = -9

# The PIPECAST_ERROR_ suffix of each code of pipecast.h.
CODE_NAMES: Dict[int, str] = {
    INVALID_ARGUMENT: "INVALID_ARGUMENT",
    PARSE: "PARSE",
    IO: "IO",
    NOT_FOUND: "NOT_FOUND",
    BUFFER_TOO_SMALL: "BUFFER_TOO_SMALL",
    OUT_OF_MEMORY: "OUT_OF_MEMORY",
    INTERNAL: "INTERNAL",
    INVALID_DATA: "INVALID_DATA",
    CALLBACK: "CALLBACK",
}

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


class Error(Exception):
    """A failed call: str() is the library's message; .code is the C ABI's
    negative code and .name its `PIPECAST_ERROR_` suffix (e.g. "INVALID_DATA")."""

    code: int
    name: str
    message: str

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.name = CODE_NAMES.get(code, "UNKNOWN")
        self.message = message

    def __str__(self) -> str:
        # The message as the library wrote it, whichever built-in exception
        # a subclass also is: KeyError's and OSError's str() would dress it.
        return self.message

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickled as its class, code and message (Exception's own pickling
        # would call __init__ with the message alone), so that an error
        # raised in another process (a Dask worker, multiprocessing) comes
        # back as itself.
        return (type(self), (self.code, self.message), self.__dict__)


class InvalidArgumentError(Error, ValueError):
    """A value the call cannot take (INVALID_ARGUMENT), or a closed handle."""


class ParseError(Error, ValueError):
    """Input that could not be understood: CSV, a mapping, a snapshot, a date."""


class InvalidDataError(Error, ValueError):
    """Well-formed values that break a rule of the book (INVALID_DATA)."""


class InputOutputError(Error, OSError):
    """The operating system refused a read or a write (IO)."""


class MissingFileError(Error, FileNotFoundError):
    """A file or directory that does not exist (NOT_FOUND for a path)."""

    def __init__(self, code: int, message: str, filename: Optional[PathLike] = None) -> None:
        super().__init__(code, message)
        self.errno = errno.ENOENT
        self.filename = None if filename is None else os.fsdecode(filename)

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.code, self.message, self.filename), self.__dict__)


class UnknownNameError(Error, KeyError):
    """An unknown model, preset, pipeline, field or table name (NOT_FOUND for
    a name); the message lists the known ones."""


class OutOfMemoryError(Error, MemoryError):
    """An allocation failed, and the call with it (OUT_OF_MEMORY)."""


class InternalError(Error, RuntimeError):
    """A bug in pipecast (INTERNAL): please report it with the message."""


class CallbackError(Error):
    """A Python callable handed to the library failed (CALLBACK); the
    exception it raised is the __cause__."""


_CLASSES: Dict[int, Type[Error]] = {
    INVALID_ARGUMENT: InvalidArgumentError,
    PARSE: ParseError,
    IO: InputOutputError,
    OUT_OF_MEMORY: OutOfMemoryError,
    INTERNAL: InternalError,
    INVALID_DATA: InvalidDataError,
    CALLBACK: CallbackError,
}


def error(code: int, message: str, path: Optional[PathLike] = None) -> Error:
    """The exception for a failed call.  NOT_FOUND means a file or a name: a
    file when the call was given a path that does not exist, else a name (a
    preset, a model, a pipeline...)."""
    if code == NOT_FOUND:
        if path is not None and not os.path.exists(path):
            return MissingFileError(code, message, path)
        return UnknownNameError(code, message)
    return _CLASSES.get(code, Error)(code, message)
