#!/usr/bin/env bash
# Builds a free-threaded CPython 3.13 (python3.13t) from the upstream sources in
# Debian's python3.13 source package of the trixie suite, or reuses an earlier
# build from the cache.
#
#   bash .ci/build_python313t.sh        # prints the interpreter's path on stdout
#
# The cache lives outside the clone (ARGON2_FT_CACHE, default /var/cache/argon2-ft)
# so that .ci/run, which starts from a clean work folder, does not rebuild it each
# time. A build is keyed by the source version and moved into place only once
# `make altinstall` has finished and the interpreter has proved to be
# free-threaded, so a half-finished build is never reused.
# Everything but the final path goes to stderr.
set -euo pipefail

CACHE=${ARGON2_FT_CACHE:-/var/cache/argon2-ft}
SUITE=trixie
PKG=python3.13
JOBS=${ARGON2_FT_BUILD_JOBS:-2}

log() { printf '%s\n' "$*" >&2; }

# The interpreter under PREFIX, if it is there and free-threaded.
check_interpreter() {
    local py=$1/bin/python3.13t
    [[ -x $py ]] || return 1
    "$py" -c 'import sys, sysconfig
sys.exit(0 if sysconfig.get_config_var("Py_GIL_DISABLED") == 1 else 1)' 2>/dev/null
}

# The machine's own Debian mirror, read from its apt sources (deb822 or one-line
# format): the first entry that is neither a security nor a third-party archive.
debian_mirror() {
    local f uri
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        uri=$(awk '
            /^[[:space:]]*$/ { if (u != "" && t ~ /deb/) { print u; exit } u = ""; t = ""; next }
            /^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { u = $i; break } }
            /^Types:/ { t = $0 }
            END { if (u != "" && t ~ /deb/) print u }
        ' "$f" | head -1)
        [[ -n $uri ]] && { echo "${uri%/}"; return 0; }
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $f ]] || continue
        uri=$(awk '$1 == "deb" {
                for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { u = $i; break }
                if (u ~ /\/debian\/?$/) { print u; exit } }' "$f" | head -1)
        [[ -n $uri ]] && { echo "${uri%/}"; return 0; }
    done
    return 1
}

# Build tools and headers the interpreter and its modules need (ssl for pip).
ensure_build_deps() {
    local need=() p
    for p in build-essential dpkg-dev pkg-config libssl-dev libffi-dev zlib1g-dev \
        libbz2-dev liblzma-dev libsqlite3-dev libreadline-dev libncurses-dev \
        libgdbm-dev uuid-dev; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            need+=("$p")
    done
    if ((${#need[@]})); then
        log "installing build dependencies: ${need[*]}"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${need[@]}" >&2
    fi
}

mkdir -p "$CACHE"
APT=$CACHE/apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"

# A finished build under CACHE: the newest one, for when the index cannot be read.
newest_cached() {
    local p
    for p in $(printf '%s\n' "$CACHE"/python-3.13.*t | sort -rV); do
        check_interpreter "$p" && { echo "$p"; return 0; }
    done
    return 1
}

mirror=$(debian_mirror) || { log "no Debian mirror in the apt sources"; exit 1; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
printf 'deb-src [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$SUITE" >"$APT/sources.list"

# A private apt state: the machine's own sources and lists stay untouched.
apt_private=(-o "Dir::Etc::SourceList=$APT/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache")
log "reading the $SUITE source index"
if ! apt-get "${apt_private[@]}" update -qq >&2; then
    if cached=$(newest_cached); then
        log "source index unreachable: reusing $cached"
        echo "$cached/bin/python3.13t"
        exit 0
    fi
    log "source index unreachable and nothing cached"
    exit 1
fi

version=$(apt-cache "${apt_private[@]}" showsrc "$PKG" 2>/dev/null |
    awk '/^Version:/ { print $2; exit }')
[[ -n $version ]] || { log "no $PKG source package in $SUITE"; exit 1; }
upstream=${version%%-*}
upstream=${upstream#*:}
prefix=$CACHE/python-${upstream}t
log "source $PKG $version (CPython $upstream)"

if check_interpreter "$prefix"; then
    log "reusing $prefix"
    echo "$prefix/bin/python3.13t"
    exit 0
fi

ensure_build_deps

# Configure for the final prefix, install into a staging root (DESTDIR) and
# rename the finished tree into place: the prefix exists only once complete.
work=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
(
    cd "$work"
    apt-get "${apt_private[@]}" source --download-only "$PKG=$version" >&2
    # Upstream's sources as released (the .orig tarball), without Debian's
    # patches: those fit the interpreter to Debian's system layout (extension
    # modules installed past DESTDIR, ensurepip refused outside a venv).
    dpkg-source --skip-patches -x ./*.dsc src >&2
    cd src
    log "configure --disable-gil --prefix=$prefix"
    ./configure --disable-gil --prefix="$prefix" --with-ensurepip=install >build.log 2>&1 ||
        { tail -40 build.log >&2; exit 1; }
    log "make -j$JOBS (several minutes)"
    make -j"$JOBS" >>build.log 2>&1 || { tail -40 build.log >&2; exit 1; }
    make altinstall DESTDIR="$work/stage" >>build.log 2>&1 || { tail -40 build.log >&2; exit 1; }
)
check_interpreter "$work/stage$prefix" ||
    { log "the new python3.13t is missing or not free-threaded"; exit 1; }
rm -rf "$prefix"
mv "$work/stage$prefix" "$prefix"
log "built $prefix"
echo "$prefix/bin/python3.13t"
