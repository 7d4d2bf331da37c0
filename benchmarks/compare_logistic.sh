#!/bin/sh
# pipecast's logistic fit against Debian's scikit-learn on the same 10^6 rows,
# in one run.  Installs the peer from Debian's packages when missing.
# Usage: benchmarks/compare_logistic.sh [BUILD_DIR] [ROWS] [L2]
set -eu
build=${1:-build-release}
rows=${2:-1000000}
l2=${3:-1.0}
python=/usr/bin/python3  # Debian's interpreter, where Debian's packages live
if ! "$python" -c "import sklearn, scipy" 2>/dev/null; then
    echo "installing python3-sklearn from Debian's packages" >&2
    apt-get install -y --no-install-recommends python3-sklearn python3-scipy >&2
fi
data=$(mktemp)
trap 'rm -f "$data"' EXIT
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$build/benchmarks/logistic_peer" --rows "$rows" --l2 "$l2" --out "$data"
"$python" "$(dirname "$0")/compare_logistic.py" "$data" "$l2"
