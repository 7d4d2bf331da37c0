"""Finding and declaring libpipecast.so: ctypes only, nothing to compile.

Every function of the C ABI is declared here with its argtypes and restype
(an undeclared 64-bit integer or pointer would be silently truncated).
"""

import ctypes
import os
from pathlib import Path

ABI_VERSION = 0
_LIBRARY_NAME = "libpipecast.so.%d" % ABI_VERSION


class Counts(ctypes.Structure):
    """pipecast_counts, version 1 (fields are only ever appended)."""

    _fields_ = [
        ("version", ctypes.c_uint32),
        ("as_of_day", ctypes.c_int32),
        ("opportunities", ctypes.c_uint64),
        ("open", ctypes.c_uint64),
        ("won", ctypes.c_uint64),
        ("lost", ctypes.c_uint64),
        ("missing_amount", ctypes.c_uint64),
        ("history_rows", ctypes.c_uint64),
        ("pipelines", ctypes.c_uint64),
        ("stages", ctypes.c_uint64),
        ("open_amount", ctypes.c_double),
        ("weighted_amount", ctypes.c_double),
        ("won_amount", ctypes.c_double),
        ("lost_amount", ctypes.c_double),
    ]


COUNTS_VERSION = 1


class _Book(ctypes.Structure):
    """The opaque pipecast_book: only ever used through a pointer."""


BookPointer = ctypes.POINTER(_Book)


def _candidates():
    """Where the library may be, in the order tried."""
    env = os.environ.get("PIPECAST_LIBRARY")
    if env:
        yield Path(env)
    here = Path(__file__).resolve().parent
    yield here / _LIBRARY_NAME
    yield here / "libpipecast.so"
    # An installed package: <prefix>/lib/python3/dist-packages/pipecast -> <prefix>/lib
    for up in (here.parents[1], here.parents[2], here.parents[3]):
        yield up / _LIBRARY_NAME
    # The source tree: bindings/python/pipecast -> <repo>/build*/capi
    repo = here.parents[2]
    for build in sorted(repo.glob("build*")):
        yield build / "capi" / _LIBRARY_NAME


def _declare(lib):
    c_int, c_char_p = ctypes.c_int, ctypes.c_char_p
    signatures = {
        "pipecast_last_error": ([], c_char_p),
        "pipecast_error_string": ([c_int], c_char_p),
        "pipecast_version": ([], c_char_p),
        "pipecast_abi_version": ([], c_int),
        "pipecast_date_parse": ([c_char_p, ctypes.POINTER(ctypes.c_int32)], c_int),
        "pipecast_date_format": ([ctypes.c_int32, ctypes.c_char_p, ctypes.c_size_t], c_int),
        "pipecast_book_load": ([c_char_p, c_char_p, ctypes.POINTER(BookPointer)], c_int),
        "pipecast_book_free": ([BookPointer], None),
        "pipecast_counts_init": ([ctypes.POINTER(Counts)], None),
        "pipecast_book_count": ([BookPointer, ctypes.c_int32, ctypes.POINTER(Counts)], c_int),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype
    return lib


def load_library():
    """Loads the first library found; says every path tried when none is."""
    tried = []
    for path in _candidates():
        tried.append(str(path))
        if not path.is_file():
            continue
        lib = _declare(ctypes.CDLL(str(path)))
        abi = lib.pipecast_abi_version()
        if abi != ABI_VERSION:
            raise OSError("%s has ABI version %d; this package needs %d" % (path, abi, ABI_VERSION))
        return lib
    raise OSError("libpipecast not found; set PIPECAST_LIBRARY to its path. Tried:\n  " + "\n  ".join(tried))
