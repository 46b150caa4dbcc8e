#!/bin/sh
# Builds tests/c/fuzz/fuzz_decode.c with libFuzzer, AddressSanitizer and
# UBSan (clang), writes a seed corpus of valid encoded hashes and a
# dictionary, and fuzzes the decoder and verify path.
#
#   tests/c/fuzz/run_fuzz.sh [SECONDS] [libFuzzer options...]
#
# SECONDS defaults to 20 (FUZZ_SECONDS overrides); further arguments go to
# libFuzzer as they are (e.g. -runs=100000 -jobs=2). Any crash, leak or
# failed check exits non-zero and leaves its input in the output folder.
#
# Environment:
#   FUZZ_CC   clang to use (default: clang, else clang-14)
# Outputs go to tests/c/out/fuzz/ (ignored by git); the corpus there grows
# from run to run.
set -eu

root=$(cd "$(dirname "$0")/../../.." && pwd)
lib="$root/extras/libargon2"
out="$root/tests/c/out/fuzz"
seconds=${FUZZ_SECONDS:-20}
if [ $# -gt 0 ]; then
    case $1 in
    -*) ;;
    *) seconds=$1; shift ;;
    esac
fi

cc=${FUZZ_CC:-}
if [ -z "$cc" ]; then
    for c in clang clang-14; do
        if command -v "$c" >/dev/null 2>&1; then
            cc=$c
            break
        fi
    done
fi
[ -n "$cc" ] || { echo "run_fuzz.sh: no clang found" >&2; exit 1; }

mkdir -p "$out/corpus" "$out/artifacts"
echo "== building $out/fuzz_decode with $($cc --version | head -1)"
# shellcheck disable=SC2046 # the library's sources, one word each
"$cc" -std=c99 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$lib/include" -I"$lib/src" \
    $(ls "$lib"/src/*.c) "$root/tests/c/fuzz/fuzz_decode.c" \
    -lpthread -o "$out/fuzz_decode"

# Seeds: every shape the decoder accepts (each type, with and without a
# version, cheap costs so that verify runs, long salt and tag).
n=0
for s in \
    '$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$qiWEsINMIB1uZeMBpQyb6Q' \
    '$argon2i$v=19$m=32,t=2,p=2$c29tZXNhbHRzYWx0$0Vh6ygkiw7XWqD7asxvuPE667zQu1hJ6VdGbI1GtH0E' \
    '$argon2d$v=16$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAA' \
    '$argon2i$m=16,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY' \
    '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8' \
    '$argon2d$v=4294967295$m=4294967295,t=4294967295,p=16777215$c29tZXNhbHQ$AAAAAA' \
    '$argon2id$v=19$m=40,t=1,p=5$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw'; do
    n=$((n + 1))
    printf '%s' "$s" >"$out/corpus/seed$n"
done
printf '%s\n' '"$argon2id"' '"$argon2i"' '"$argon2d"' '"$v=19"' '"$v=16"' \
    '"$m="' '",t="' '",p="' '"4294967295"' '"4294967296"' '"0"' '"$"' \
    '"=="' '"+/"' >"$out/decode.dict"

echo "== fuzzing for ${seconds}s"
cd "$out"
"$out/fuzz_decode" -max_total_time="$seconds" \
    -max_len=512 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$out/decode.dict" -artifact_prefix="$out/artifacts/" \
    "$@" "$out/corpus"
