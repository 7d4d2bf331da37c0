"""Builds the pipecast wheel: the ctypes package with libpipecast.so.N
inside it (pyproject.toml has the metadata; this file only does what a
static configuration cannot: build or fetch the library, and tag the wheel).

Where the library comes from:
- PIPECAST_WHEEL_LIBRARY, when it names an already built libpipecast.so.N
  (make test wraps the library of its plain build: no third compile);
- otherwise CMake builds it in Release into PIPECAST_WHEEL_BUILD_DIR
  (default: build-wheel at the top of the repository).

An editable install (`pip install -e`) bundles nothing: the package then
finds the library of the source tree's build folders (build*/capi), which is
where CMake puts it.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Tuple

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from wheel.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BUILD_DIR = Path(os.environ.get("PIPECAST_WHEEL_BUILD_DIR") or REPO / "build-wheel")


def _cmake_setting(pattern: str) -> str:
    """A value of the top CMakeLists.txt: the one place versions are set."""
    found = re.search(pattern, (REPO / "CMakeLists.txt").read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError("CMakeLists.txt: no match for %s" % pattern)
    return found.group(1)


VERSION = _cmake_setting(r"project\(pipecast\s+VERSION\s+([0-9.]+)")
LIBRARY_NAME = "libpipecast.so.%s" % _cmake_setting(r"set\(PIPECAST_ABI_VERSION\s+(\d+)\)")


def _cmake_build() -> Path:
    """libpipecast built in Release with CMake: the library only."""
    configure = ["cmake", "-S", str(REPO), "-B", str(BUILD_DIR), "-DCMAKE_BUILD_TYPE=Release",
                 "-DPIPECAST_BUILD_TESTS=OFF", "-DPIPECAST_BUILD_BENCHMARKS=OFF", "-DPIPECAST_BUILD_TOOLS=OFF",
                 "-DPIPECAST_UNITY_BUILD=ON"]
    if shutil.which("ninja") and not (BUILD_DIR / "CMakeCache.txt").exists():
        configure += ["-G", "Ninja"]
    subprocess.run(configure, check=True)
    jobs = str(os.cpu_count() or 2)
    subprocess.run(["cmake", "--build", str(BUILD_DIR), "--target", "pipecast_c", "--parallel", jobs], check=True)
    return BUILD_DIR / "capi" / LIBRARY_NAME


def _library() -> Path:
    given = os.environ.get("PIPECAST_WHEEL_LIBRARY")
    library = Path(given) if given else _cmake_build()
    if not library.is_file():
        raise RuntimeError("%s is not a built libpipecast (PIPECAST_WHEEL_LIBRARY)" % library)
    return library


class BuildWithLibrary(build_py):
    """build_py, then the library beside the package's modules."""

    def run(self) -> None:
        super().run()
        library = _library()
        if getattr(self, "editable_mode", False):
            return  # found in the build folders by the package itself
        target = Path(self.build_lib) / "pipecast" / LIBRARY_NAME
        shutil.copyfile(library, target)  # the file, not the symlink to it
        target.chmod(0o755)
        if shutil.which("strip"):
            # Debug info is for the developers' builds, not for a wheel.
            subprocess.run(["strip", "--strip-debug", str(target)], check=True)


class WithSharedLibrary(Distribution):
    """A distribution that holds a compiled library, so that its wheel is
    installed into platlib and tagged with the platform."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """A wheel for this platform (it holds a shared library) and any Python
    3: the package is pure Python over ctypes, so no CPython ABI applies."""

    def get_tag(self) -> Tuple[str, str, str]:
        platform: str = super().get_tag()[2]
        return "py3", "none", platform


# setuptools' own files (build/, pipecast.egg-info) go there too, not into
# the source tree.
(BUILD_DIR / "python").mkdir(parents=True, exist_ok=True)
setup(
    version=VERSION,
    distclass=WithSharedLibrary,
    cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": PlatformWheel},
    options={"build": {"build_base": str(BUILD_DIR / "python")}, "egg_info": {"egg_base": str(BUILD_DIR / "python")}},
)
