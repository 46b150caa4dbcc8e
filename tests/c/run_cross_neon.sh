#!/bin/sh
# Checks the arm64 NEON fill kernel on any host: cross-compiles
# tests/c/test_kernels_neon.c for AArch64 and runs it under qemu-aarch64; on a
# non-arm64 host also checks that fill_neon.c compiles to an empty object
# without warnings.
#
# Environment:
#   CROSS_CC          AArch64 C compiler (default aarch64-linux-gnu-gcc)
#   QEMU_AARCH64      user-mode emulator (default qemu-aarch64)
#   CI_REQUIRE_CROSS  when set (and not 0), a missing tool is a failure;
#                     otherwise the check is skipped with a message.
# Outputs go to tests/c/out/aarch64/ (ignored by git).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
lib="$root/extras/libargon2"
out="$root/tests/c/out/aarch64"
cross_cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
qemu=${QEMU_AARCH64:-qemu-aarch64}
require=${CI_REQUIRE_CROSS:-}
[ "$require" = 0 ] && require=

missing=
command -v "$cross_cc" >/dev/null 2>&1 || missing="$missing $cross_cc"
command -v "$qemu" >/dev/null 2>&1 || missing="$missing $qemu"
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

echo "OK: NEON checks passed"
