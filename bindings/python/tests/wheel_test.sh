#!/bin/sh
# The wheel as a user gets it, offline: built with the interpreter's own pip,
# setuptools and wheel around the library of this build (PIPECAST_WHEEL_LIBRARY:
# make test compiles the library no third time), installed with pip into a
# fresh virtual environment, and examples/quickstart.py run there from
# another folder, with no PIPECAST_ variable and no PYTHONPATH.
#
# Usage: wheel_test.sh PYTHON LIBRARY REPO
# Exits 77 (CTest's skip) when a Debian package it needs is not installed.
set -eu
python=$1 library=$2 repo=$3

skip() {
    echo "SKIP: $1"
    exit 77
}
fail() {
    echo "FAIL: $1"
    exit 1
}

"$python" -c "import setuptools, wheel" 2>/dev/null || skip "setuptools or wheel missing (python3-setuptools, python3-wheel)"
"$python" -m pip --version >/dev/null 2>&1 || skip "pip missing (python3-pip)"
"$python" -c "import ensurepip" 2>/dev/null || skip "venv cannot install pip (python3-venv)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1

PIPECAST_WHEEL_LIBRARY=$library PIPECAST_WHEEL_BUILD_DIR=$tmp/build \
    "$python" -m pip wheel --no-build-isolation --no-deps --no-index -q -w "$tmp/dist" "$repo/bindings/python"
set -- "$tmp"/dist/pipecast-*.whl
[ $# -eq 1 ] && [ -f "$1" ] || fail "pip wheel made no single wheel: $*"
wheel=$1
case $wheel in
    *-py3-none-linux_*.whl) ;;
    *) fail "$(basename "$wheel") is not a py3-none-linux_* platform wheel" ;;
esac
echo "built $(basename "$wheel")"

"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --no-index -q "$wheel"

# From another folder, in a clean environment: only the wheel can supply the
# package and the library.
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
run() {
    env -u PIPECAST_LIBRARY -u PYTHONPATH -u PIPECAST_WHEEL_LIBRARY "$tmp/venv/bin/python" "$@"
}
loaded=$(run -c 'import pipecast._library as l, pipecast; print(l.path); assert pipecast.__version__')
case $loaded in
    "$tmp/venv/"*/site-packages/pipecast/libpipecast.so.*) echo "loaded $loaded" ;;
    *) fail "the library loaded is not the wheel's: $loaded" ;;
esac
run -c 'import importlib.resources as r; assert r.files("pipecast").joinpath("py.typed").is_file(), "no py.typed"'
run "$repo/examples/quickstart.py" >"$tmp/quickstart.out" 2>&1 || {
    cat "$tmp/quickstart.out"
    fail "examples/quickstart.py failed in the virtual environment"
}
grep -q "^pipecast .* - book of 5 deals in USD" "$tmp/quickstart.out" || {
    cat "$tmp/quickstart.out"
    fail "examples/quickstart.py printed no summary of the book"
}
grep -q "^Bookings of " "$tmp/quickstart.out" || fail "examples/quickstart.py printed no forecast"
echo "examples/quickstart.py ran from the wheel"
