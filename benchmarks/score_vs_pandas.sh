#!/bin/sh
# pipecast score --model auto against a pandas + scikit-learn pipeline on the
# same synthetic book, in one run (benchmarks/score_vs_pandas.py).  Installs
# the peers from Debian's packages when missing.
# Usage: benchmarks/score_vs_pandas.sh [BUILD_DIR] [DEALS] [AS_OF]
set -eu
build=${1:-build-release}
deals=${2:-500000}
as_of=${3:-2023-12-31}
python=/usr/bin/python3  # Debian's interpreter, where Debian's packages live
if ! "$python" -c "import pandas, sklearn" 2>/dev/null; then
    echo "installing python3-pandas and python3-sklearn from Debian's packages" >&2
    apt-get install -y --no-install-recommends python3-pandas python3-sklearn python3-scipy >&2
fi
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$python" "$(dirname "$0")/score_vs_pandas.py" --pipecast "$build/tools/pipecast/pipecast" --deals "$deals" --as-of "$as_of"
