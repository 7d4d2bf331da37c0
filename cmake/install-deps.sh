#!/bin/sh
# Installs the Debian packages pipecast needs to build and test (with Debian's
# Python: pip, setuptools, wheel and venv for the wheel, mypy for its type
# check, Sphinx for the Python API reference of make docs), and only the
# missing ones: a machine that already has them is left alone and nothing is
# fetched.  Run as root (CI and the project's machines are); otherwise it prints
# the apt-get command to run.
#
# Usage: install-deps.sh [clang]   (clang: also clang and its sanitizer and
#                                    libFuzzer runtimes, for the sanitizer builds)
set -eu

PACKAGES="
cmake
g++
make
libboost-date-time-dev
libboost-serialization-dev
libboost-program-options-dev
libeigen3-dev
nlohmann-json3-dev
libcli11-dev
libfmt-dev
libgtest-dev
libgmock-dev
libbenchmark-dev
ninja-build
lld
doxygen
python3-pip
python3-setuptools
python3-wheel
python3-venv
python3-mypy
python3-sphinx
"
# Wanted but not required: abidiff checks the C ABI against its baseline
# where it is installed (make test skips that check without it).
OPTIONAL_PACKAGES="
abigail-tools
"
if [ "${1:-}" = clang ]; then
    PACKAGES="$PACKAGES clang libclang-rt-14-dev"
fi

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

optional=""
for pkg in $OPTIONAL_PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        optional="$optional $pkg"
    fi
done

if [ -z "$missing" ] && [ -z "$optional" ]; then
    echo "install-deps: all build dependencies are installed"
    exit 0
fi
if [ -z "$missing" ] && [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: all build dependencies are installed (optional, missing:$optional)"
    exit 0
fi

if [ -n "$missing" ] && [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: installing:$missing"
    echo "install-deps: not root; run: sudo apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || echo "install-deps: apt-get update failed; trying with the package lists at hand"
if [ -n "$missing" ]; then
    echo "install-deps: installing:$missing"
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi
if [ -n "$optional" ]; then
    echo "install-deps: installing (optional):$optional"
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $optional ||
        echo "install-deps: could not install$optional; the checks that need it are skipped"
fi
