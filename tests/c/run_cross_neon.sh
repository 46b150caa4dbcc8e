#!/bin/sh
# Checks the arm64 NEON fill kernel on any host: cross-compiles
# tests/c/test_kernels_neon.c for AArch64 and runs it under qemu-aarch64; on a
# non-arm64 host also checks that fill_neon.c compiles to an empty object
# without warnings; then builds the library and every C test for AArch64
# (extras/libargon2/Makefile, CROSS=1) and runs them under qemu with the NEON
# kernel selected.
#
# Environment:
#   CROSS_CC          AArch64 C compiler (default aarch64-linux-gnu-gcc)
#   CROSS_AR          its archiver (default: CROSS_CC with gcc replaced by ar)
#   QEMU_AARCH64      user-mode emulator (default qemu-aarch64)
#   ARGON2_FT_QUICK   passed to the C tests; defaults to 1 here (emulation is
#                     slow), set it empty to run every vector
#   CI_REQUIRE_CROSS  when set (and not 0), a missing tool is a failure;
#                     otherwise the check is skipped with a message.
# Outputs go to tests/c/out/aarch64/ (ignored by git).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
lib="$root/extras/libargon2"
out="$root/tests/c/out/aarch64"
cross_cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
cross_ar=${CROSS_AR:-$(echo "$cross_cc" | sed 's/gcc$/ar/')}
qemu=${QEMU_AARCH64:-qemu-aarch64}
require=${CI_REQUIRE_CROSS:-}
[ "$require" = 0 ] && require=

missing=
command -v "$cross_cc" >/dev/null 2>&1 || missing="$missing $cross_cc"
command -v "$qemu" >/dev/null 2>&1 || missing="$missing $qemu"
command -v "$cross_ar" >/dev/null 2>&1 || missing="$missing $cross_ar"
if [ -n "$missing" ]; then
    if [ -n "$require" ]; then
        echo "FAIL: NEON cross check needs:$missing (CI_REQUIRE_CROSS is set)" >&2
        exit 1
    fi
    echo "SKIP: NEON cross check needs:$missing" \
        "(Debian: gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)"
    exit 0
fi

mkdir -p "$out"
cflags="-std=c99 -O2 -Wall -Wextra -Werror -I$lib/include -I$lib/src"

echo "== NEON kernel vs portable kernel ($cross_cc, run by $qemu)"
# shellcheck disable=SC2086 # cflags is a list of words
"$cross_cc" $cflags -static \
    "$root/tests/c/test_kernels_neon.c" \
    "$lib/src/fill_neon.c" "$lib/src/fill_portable.c" \
    -o "$out/test_kernels_neon"
result=$("$qemu" "$out/test_kernels_neon") || {
    echo "$result"
    echo "FAIL: test_kernels_neon" >&2
    exit 1
}
echo "$result"
case "$result" in
*" passed, 0 failed"*) ;;
*)
    echo "FAIL: test_kernels_neon printed no clean result" >&2
    exit 1
    ;;
esac

# On other architectures the kernel file must build to nothing, silently.
host_cc=${CC:-cc}
host_arch=$(uname -m)
if [ "$host_arch" != aarch64 ] && [ "$host_arch" != arm64 ] &&
    command -v "$host_cc" >/dev/null 2>&1; then
    echo "== fill_neon.c on $host_arch ($host_cc)"
    # shellcheck disable=SC2086
    "$host_cc" $cflags -c "$lib/src/fill_neon.c" -o "$out/fill_neon_host.o"
    if [ -n "$(nm "$out/fill_neon_host.o" 2>/dev/null | grep -v ' [aNn] ')" ]; then
        echo "FAIL: fill_neon.c defines symbols on $host_arch" >&2
        exit 1
    fi
    echo "empty object, no warnings"
fi

echo "== C library and tests for AArch64 under $qemu, ARGON2_FT_KERNEL=neon"
ARGON2_FT_KERNEL=neon ARGON2_FT_QUICK=${ARGON2_FT_QUICK-1} ARGON2_FT_EMULATED=1 \
    make -C "$lib" CROSS=1 CC="$cross_cc" AR="$cross_ar" EXEC="$qemu" \
    OUT=out/aarch64 test || {
    echo "FAIL: C tests for AArch64" >&2
    exit 1
}

echo "OK: NEON checks passed"
