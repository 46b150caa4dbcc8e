#!/usr/bin/env bash
# A login flood inside a memory cgroup, as a container would run it.
#
#   bash .ci/flood_in_cgroup.sh PYTHON
#
# Makes a cgroup (v2, or v1's memory controller) limited to 1 GiB below this
# shell's own, runs benchmarks/flood.py in it three ways and removes it again:
#   - default settings: the budget comes from the cgroup's limit; not killed,
#     every answer right;
#   - no cap on concurrent hashes: the budget alone must keep it alive;
#   - ARGON2_FT_MAX_MEMORY=256MiB: peak RSS at most 416 MiB.
# Needs root and a writable cgroup file system; fails otherwise.
set -euo pipefail

PY=${1:?usage: flood_in_cgroup.sh PYTHON}
cd "$(dirname "$0")/.."
LIMIT=$((1024 * 1024 * 1024))
NAME="argon2ft-flood-$$"
CG=""
LIMIT_FILE=""

own_cgroup() { # the path of this shell's cgroup in hierarchy $1 ("0" for v2)
    awk -F: -v h="$1" '($1 == h && h == "0") || ($1 != "0" && $2 ~ "(^|,)memory(,|$)" && h == "memory") { print $3; exit }' /proc/self/cgroup
}

make_cgroup() {
    local base path
    if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
        path=$(own_cgroup 0)
        for base in "/sys/fs/cgroup${path%/}" /sys/fs/cgroup; do
            mkdir "$base/$NAME" 2>/dev/null || continue
            if [[ -f $base/$NAME/memory.max ]]; then
                CG=$base/$NAME LIMIT_FILE=memory.max
                return 0
            fi
            rmdir "$base/$NAME"
        done
    fi
    if [[ -d /sys/fs/cgroup/memory ]]; then
        path=$(own_cgroup memory)
        for base in "/sys/fs/cgroup/memory${path%/}" /sys/fs/cgroup/memory; do
            if mkdir "$base/$NAME" 2>/dev/null; then
                CG=$base/$NAME LIMIT_FILE=memory.limit_in_bytes
                return 0
            fi
        done
    fi
    return 1
}

cleanup() {
    [[ -n $CG && -d $CG ]] || return 0
    # Wait for any straggler to leave before removing the group.
    for _ in $(seq 50); do
        [[ -s $CG/cgroup.procs ]] || break
        sleep 0.1
    done
    rmdir "$CG" || echo "could not remove $CG" >&2
}
trap cleanup EXIT

if ! make_cgroup; then
    echo "cannot create a memory cgroup here (needs root and a writable /sys/fs/cgroup)" >&2
    exit 1
fi
echo "$LIMIT" >"$CG/$LIMIT_FILE"
[[ $(cat "$CG/$LIMIT_FILE") -le $LIMIT ]] || { echo "limit not applied" >&2; exit 1; }
echo "cgroup $CG, $LIMIT_FILE = $(cat "$CG/$LIMIT_FILE")"

# run_in_cgroup ENV... -- ARGS: flood.py inside the cgroup; its JSON on stdout.
run_in_cgroup() {
    local envs=()
    while [[ $1 != -- ]]; do envs+=("$1"); shift; done
    shift
    env "${envs[@]}" sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' \
        sh "$CG" "$PY" benchmarks/flood.py argon2-ft "$@"
}

status=0
check() { # label, then run_in_cgroup's arguments
    local label=$1 rc=0 out
    shift
    out=$(run_in_cgroup "$@") || rc=$?
    echo "$label: $out (exit $rc)"
    if ((rc != 0)); then
        ((rc == 137)) && echo "  killed: out of memory in the cgroup" >&2
        status=1
    elif [[ $out != *'"all_right": true'* ]]; then
        status=1
    fi
}
check "default settings" PYTHONUNBUFFERED=1 -- --threads 48 --max-rss-mib 1024
check "no concurrency cap" ARGON2_FT_MAX_CONCURRENCY=none -- --threads 48 --max-rss-mib 1024
check "256 MiB budget" ARGON2_FT_MAX_MEMORY=256MiB ARGON2_FT_MAX_CONCURRENCY=none -- \
    --threads 48 --max-rss-mib 416
exit $status
