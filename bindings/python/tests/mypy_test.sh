#!/bin/sh
# mypy in strict mode (bindings/python/pyproject.toml) on the package and on
# examples/quickstart.py: the type hints a user's checker reads through
# py.typed must hold.
#
# Usage: mypy_test.sh PYTHON REPO CACHE_DIR
# Exits 77 (CTest's skip) when mypy is not installed (python3-mypy).
set -eu
python=$1 repo=$2 cache=$3

if ! "$python" -m mypy --version >/dev/null 2>&1; then
    echo "SKIP: mypy missing (python3-mypy)"
    exit 77
fi
"$python" -m mypy --version
exec "$python" -m mypy --config-file "$repo/bindings/python/pyproject.toml" --cache-dir "$cache" \
    "$repo/bindings/python/pipecast" "$repo/examples/quickstart.py"
