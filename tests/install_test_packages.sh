#!/bin/sh
# Installs the Debian packages one test needs, and only the missing ones:
# what a test fixture asks for that cmake/install-deps.sh leaves out on
# purpose (a browser, a Dask cluster: a few hundred MB that `make demo` and
# library users never need).
#
# Usage: install_test_packages.sh NAME PACKAGE...   (NAME prefixes each line)
#
# Exit 0 when every package is there (installed now or before); 77 when some
# are missing and cannot be installed (not root, no apt, the registry
# refused), with the reason on stdout, so CTest shows the tests that need
# them as skipped, not passed.
set -u

name=$1
shift

missing=""
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    echo "$name: installed: $*"
    exit 0
fi

echo "$name: installing:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$name: SKIP: no apt-get on this machine; install$missing by hand"
    exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "$name: SKIP: not root; run: sudo apt-get install -y$missing"
    exit 77
fi
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
# Wait for the dpkg lock rather than fail: other builds on the machine may be
# installing their own packages at the same moment.
# shellcheck disable=SC2086
if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
       apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing; }; then
    echo "$name: SKIP: apt-get could not install$missing (see above)"
    exit 77
fi
echo "$name: installed in $(( $(date +%s) - start )) s"
