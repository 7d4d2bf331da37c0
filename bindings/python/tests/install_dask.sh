#!/bin/sh
# Installs what the Dask test of pipecast.dask needs, and only what is
# missing, for Debian's /usr/bin/python3: dask and distributed (a real
# cluster: a scheduler and worker processes), and pandas, in which
# pipecast.dask.score returns its rows.  Kept out of cmake/install-deps.sh
# on purpose: Dask is optional for the package and for its users; only this
# test asks for it.
#
# Exit 0 when everything is there (installed now or before); 77 when it is
# missing and cannot be installed (not root, no apt, the registry refused),
# with the reason on stdout, so CTest shows the Dask test as skipped, not
# passed.
set -u

PACKAGES="python3-dask python3-distributed python3-pandas"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    echo "install-dask: python3-dask, python3-distributed and python3-pandas are installed"
    exit 0
fi

echo "install-dask: installing:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-dask: SKIP: no apt-get on this machine; install$missing by hand"
    exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-dask: SKIP: not root; run: sudo apt-get install -y$missing"
    exit 77
fi
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
# Wait for the dpkg lock rather than fail: other builds on the machine may be
# installing their own packages at the same moment.
# shellcheck disable=SC2086
if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
       apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing; }; then
    echo "install-dask: SKIP: apt-get could not install$missing (see above)"
    exit 77
fi
echo "install-dask: installed in $(( $(date +%s) - start )) s"
