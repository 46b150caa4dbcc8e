#!/usr/bin/env bash
# Proves the wheel matrix: every cibuildwheel version that
# .github/workflows/wheels.yml pins is installed into a throwaway venv and
# replays each job's settings with --print-build-identifiers (no container
# engine needed); together they must list every wheel the project promises.
# The logic lives in .ci/cibw/check_matrix.py; this wrapper gives it a venv
# with PyYAML to read the workflow.
set -euo pipefail

cd "$(dirname "$0")/.."
PY=${CI_PYTHON:-python3}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wheel-matrix.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1

"$PY" -m venv "$TMP/tools"
# pip's output is shown only when it fails.
if ! out=$("$TMP/tools/bin/python" -m pip install -q pyyaml 2>&1); then
    printf '%s\n' "$out"
    echo "wheel matrix: FAIL: could not install PyYAML"
    exit 1
fi
"$TMP/tools/bin/python" .ci/cibw/check_matrix.py --python "$PY" --work "$TMP" "$@"
