#!/bin/sh
# Portability checks of the C library beyond the native 64-bit build:
#
#   i686     gcc -m32: builds the library and every C test for 32-bit x86 and
#            runs them natively; then the kernel and vector tests once per
#            forced x86 kernel (ARGON2_FT_KERNEL, quick vector set).
#   win64    x86_64-w64-mingw32: Windows build (Win32 threads, InitOnce,
#            _aligned_malloc, ...) with -Werror; the tests run under wine.
#   win32    i686-w64-mingw32: the same for 32-bit Windows; run under wine
#            only where wine can start 32-bit programs, else build and link.
#
# Every program must end with "N passed, 0 failed" or say "SKIP:"; the exit
# status alone is not trusted (wine without 32-bit support exits 0 silently).
#
# Environment:
#   WINE              wine loader (default: wine, wine64 or /usr/lib/wine/wine64)
#   WINEPREFIX        wine prefix (default: a reusable one under $TMPDIR)
#   ARGON2_FT_QUICK   passed to the tests (default: empty, every vector);
#                     the forced-kernel reruns always use the quick set
#   CI_REQUIRE_PORTS  when set (and not 0), a missing tool is a failure
#                     (32-bit wine excepted); otherwise that target is skipped.
# Outputs go to extras/libargon2/out/{i686,win64,win32}/ (ignored by git).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
lib="$root/extras/libargon2"
vectors="$root/tests/vectors"
require=${CI_REQUIRE_PORTS:-}
[ "$require" = 0 ] && require=
export ARGON2_FT_QUICK="${ARGON2_FT_QUICK-}"
failures=0

missing() { # what, hint
    if [ -n "$require" ]; then
        echo "FAIL: $1 missing (CI_REQUIRE_PORTS is set)" >&2
        failures=$((failures + 1))
    else
        echo "SKIP: $1 missing (Debian: $2)"
    fi
}

# run_test LABEL RUNNER PROGRAM: runs it, checks what it printed.
run_test() {
    label=$1 runner=$2 prog=$3
    echo "-- $label: $(basename "$prog")"
    # shellcheck disable=SC2086 # runner is empty or one command
    if output=$($runner "$prog" "$vectors" 2>&1); then rc=0; else rc=$?; fi
    # wine's own client/server link can drop before the program starts; that
    # says nothing of the program, so it runs once more (and must pass then).
    case "$output" in
    *"wine client error:"*)
        echo "   ($output: running it again)"
        # shellcheck disable=SC2086
        if output=$($runner "$prog" "$vectors" 2>&1); then rc=0; else rc=$?; fi
        ;;
    esac
    echo "$output" | sed 's/^/   /'
    case "$output" in
    *" passed, 0 failed"* | SKIP:*) [ "$rc" = 0 ] && return 0 ;;
    esac
    echo "FAIL: $label $(basename "$prog") (exit $rc)" >&2
    failures=$((failures + 1))
}

# build TARGET CC AR [CROSS]: the library and tests into out/TARGET.
build() {
    echo "== build $1 ($2)"
    make -s -j2 -C "$lib" ${4:+CROSS=1} CC="$2" AR="$3" OUT="out/$1" lib tests
}

# ---- i686 Linux

# <asm/...> for -m32 comes from gcc-multilib's /usr/include/asm link; that
# package conflicts with Debian's cross compilers, so without it the x86
# kernel headers of the 64-bit multiarch directory serve (they cover both).
cc32=
probe32='#include <errno.h>
int main(void) { return errno; }'
for c in "gcc -m32" "gcc -m32 -idirafter /usr/include/x86_64-linux-gnu"; do
    # shellcheck disable=SC2086 # c is a command with flags
    if echo "$probe32" | $c -x c - -o /dev/null 2>/dev/null; then
        cc32=$c
        break
    fi
done
if [ -n "$cc32" ]; then
    build i686 "$cc32" ar
    for k in auto portable sse2 avx2 avx512; do
        for t in "$lib"/out/i686/tests/test_*; do
            case $t in *.o | *.d) continue ;; esac
            if [ "$k" = auto ]; then
                run_test "i686" "" "$t"
            else
                case $(basename "$t") in test_vectors | test_kernels) ;; *) continue ;; esac
                run_test "i686 kernel=$k" "env ARGON2_FT_KERNEL=$k ARGON2_FT_QUICK=1" "$t"
            fi
        done
    done
else
    missing "gcc -m32 (32-bit libc)" "libc6-dev-i386 lib32gcc-12-dev"
fi

# ---- Windows

wine=${WINE:-}
if [ -z "$wine" ]; then
    for w in wine wine64 /usr/lib/wine/wine64; do
        if command -v "$w" >/dev/null 2>&1; then
            wine=$w
            break
        fi
    done
fi
wineserver=
if [ -n "$wine" ]; then
    export WINEPREFIX="${WINEPREFIX:-${TMPDIR:-/tmp}/argon2-ft-wine-$(id -u)}"
    export WINEDEBUG=-all
    # One server for every program: by default it quits a few seconds after
    # the last client, and a program starting just then loses its link.
    for s in "$(dirname "$(command -v "$wine")")/wineserver" wineserver /usr/lib/wine/wineserver; do
        if command -v "$s" >/dev/null 2>&1; then
            wineserver=$s
            break
        fi
    done
    if [ -n "$wineserver" ]; then
        "$wineserver" -p 2>/dev/null || true
        trap '"$wineserver" -k 2>/dev/null || true' EXIT
    fi
fi

for target in win64 win32; do
    case $target in
    win64) triplet=x86_64-w64-mingw32 ;;
    win32) triplet=i686-w64-mingw32 ;;
    esac
    if ! command -v "$triplet-gcc" >/dev/null 2>&1; then
        missing "$triplet-gcc" "gcc-mingw-w64-$(echo "$triplet" | sed 's/-w64-mingw32$//; s/_/-/g')"
        continue
    fi
    build "$target" "$triplet-gcc" "$triplet-ar" cross
    if [ -z "$wine" ]; then
        if [ "$target" = win64 ]; then
            missing wine wine64
        fi
        echo "built and linked only: $target (no wine)"
        continue
    fi
    bins="$lib/out/$target/tests"
    # A probe that prints a known line: does this wine start such programs?
    probe=$($wine "$bins/test_kernels_neon.exe" 2>/dev/null || true)
    case $probe in
    SKIP:*) ;;
    *)
        if [ "$target" = win64 ] && [ -n "$require" ]; then
            echo "FAIL: $wine does not run $target programs" >&2
            failures=$((failures + 1))
        fi
        echo "built and linked only: $target ($wine does not run its programs)"
        continue
        ;;
    esac
    for t in "$bins"/test_*.exe; do
        run_test "$target" "$wine" "$t"
    done
    run_test "$target kernel=sse2" "env ARGON2_FT_KERNEL=sse2 ARGON2_FT_QUICK=1 $wine" \
        "$bins/test_vectors.exe"
done

if [ "$failures" -ne 0 ]; then
    echo "FAIL: $failures portability check(s) failed" >&2
    exit 1
fi
echo "OK: portability checks passed"
