#!/bin/sh
# Installs what the browser test of the HTML report needs, and only what is
# missing: Debian's chromium, its WebDriver and the Python Selenium client
# (Selenium, because it reads the page's console through the WebDriver log,
# which is the reliable way to see a console error in headless Chromium).
# Kept out of cmake/install-deps.sh on purpose: a browser is a few hundred MB
# that `make demo` and library users never need; only the test asks for it.
#
# Exit 0 when everything is there (installed now or before); 77 when it is
# missing and cannot be installed (not root, no apt, the registry refused),
# with the reason on stdout, so CTest shows the browser test as skipped, not
# passed.
set -u

PACKAGES="chromium chromium-driver python3-selenium fonts-dejavu-core"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    echo "install-browser: chromium, chromium-driver and python3-selenium are installed"
    exit 0
fi

echo "install-browser: installing:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: SKIP: no apt-get on this machine; install$missing by hand"
    exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: SKIP: not root; run: sudo apt-get install -y$missing"
    exit 77
fi
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
# Wait for the dpkg lock rather than fail: other builds on the machine may be
# installing their own packages at the same moment.
# shellcheck disable=SC2086
if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
       apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing; }; then
    echo "install-browser: SKIP: apt-get could not install$missing (see above)"
    exit 77
fi
echo "install-browser: installed in $(( $(date +%s) - start )) s"
