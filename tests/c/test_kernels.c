/*
 * Every fill kernel this CPU can run must agree word for word with the
 * portable one, for fresh output, XOR output, and next aliasing ref; plus
 * the kernel naming and selection API.
 *
 * When ARGON2_FT_KERNEL is set, the test also checks that the process
 * default follows it (or falls back to the best kernel when it cannot).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argon2_ft.h"
#include "dispatch.h"
#include "testlib.h"

#define TRIALS 3000

static unsigned passed, failed;

static void check(int ok, const char *what, const char *detail)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %s %s\n", what, detail ? detail : "");
    }
}

/* splitmix64: deterministic, seedable test data. */
static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static void random_block(argon2_block *b, uint64_t *state)
{
    unsigned i;
    for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
        b->v[i] = rng_next(state);
    }
}

/* Blocks at an offset of one word, so SIMD loads are never 16-aligned. */
typedef struct {
    uint64_t words[1 + 4 * ARGON2_QWORDS_IN_BLOCK];
} arena;

static argon2_block *slot(arena *a, unsigned i)
{
    return (argon2_block *)(void *)&a->words[1 + i * ARGON2_QWORDS_IN_BLOCK];
}

/* A word0 hook that records what it was told. */
typedef struct word0_seen {
    argon2_word0_hook hook; /* first, so the hook is the struct */
    unsigned calls;
    uint64_t word0;
} word0_seen;

static void record_word0(argon2_word0_hook *hook, uint64_t word0)
{
    word0_seen *seen = (word0_seen *)(void *)hook;
    seen->calls++;
    seen->word0 = word0;
}

static void test_kernel_matches_portable(int kernel, argon2_fill_fn fill)
{
    static arena a;
    argon2_block want, want_alias;
    argon2_block *prev = slot(&a, 0), *ref = slot(&a, 1);
    argon2_block *next = slot(&a, 2), *alias = slot(&a, 3);
    uint64_t state = UINT64_C(0x5EED0000) + (uint64_t)kernel;
    unsigned t, bad[4] = {0, 0, 0, 0};
    char detail[64];
    word0_seen seen;

    seen.hook.seen = record_word0;

    for (t = 0; t < TRIALS; t++) {
        int with_xor = (int)(t & 1);
        random_block(prev, &state);
        random_block(ref, &state);
        random_block(next, &state);
        /* A few structured inputs: all-zero and all-ones blocks. */
        if (t < 4) {
            memset(prev, t < 2 ? 0 : 0xFF, sizeof(*prev));
            memset(ref, t < 2 ? 0 : 0xFF, sizeof(*ref));
        }

        /* next separate from prev and ref, told its first word */
        want = *next;
        argon2ft_fill_portable(&want, prev, ref, with_xor, NULL);
        seen.calls = 0;
        fill(next, prev, ref, with_xor, &seen.hook);
        if (memcmp(next, &want, sizeof(want)) != 0) {
            bad[with_xor]++;
        }
        if (seen.calls != 1 || seen.word0 != want.v[0]) {
            bad[3]++;
        }

        /* next is ref */
        *alias = *ref;
        want_alias = *ref;
        argon2ft_fill_portable(&want_alias, prev, &want_alias, with_xor, NULL);
        fill(alias, prev, alias, with_xor, NULL);
        if (memcmp(alias, &want_alias, sizeof(want_alias)) != 0) {
            bad[2]++;
        }
    }
    snprintf(detail, sizeof(detail), "(kernel %s)", argon2ft_kernel_name(kernel));
    check(bad[0] == 0, "fresh output matches portable", detail);
    check(bad[1] == 0, "xor output matches portable", detail);
    check(bad[2] == 0, "next == ref matches portable", detail);
    check(bad[3] == 0, "hook told the first word once", detail);
    printf("kernel %-8s %u trials: %s\n", argon2ft_kernel_name(kernel),
           TRIALS, bad[0] + bad[1] + bad[2] + bad[3] == 0 ? "ok" : "MISMATCH");
}

/* The portable kernel itself against an independent fact: G(0, 0) = 0. */
static void test_portable_zero(void)
{
    argon2_block zero, out;
    unsigned i;
    int ok = 1;
    memset(&zero, 0, sizeof(zero));
    memset(&out, 0xA5, sizeof(out));
    argon2ft_fill_portable(&out, &zero, &zero, 0, NULL);
    for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
        ok &= out.v[i] == 0;
    }
    check(ok, "G(0,0) is zero", NULL);
}

/* The portable kernel computes the word it tells; the others read it back. */
static void test_portable_hook(void)
{
    argon2_block prev, ref, next;
    uint64_t state = UINT64_C(0x5EED00FF);
    word0_seen seen;
    int with_xor, ok = 1;

    seen.hook.seen = record_word0;
    for (with_xor = 0; with_xor < 2; with_xor++) {
        random_block(&prev, &state);
        random_block(&ref, &state);
        random_block(&next, &state);
        seen.calls = 0;
        argon2ft_fill_portable(&next, &prev, &ref, with_xor, &seen.hook);
        ok &= seen.calls == 1 && seen.word0 == next.v[0];
    }
    check(ok, "portable hook told the first word once", NULL);
}

static void test_names(void)
{
    unsigned seen[ARGON2FT_KERNEL_COUNT] = {0};
    size_t i;
    int k, once = 1;
    for (i = 0; i < ARGON2FT_KERNEL_TABLE_LEN; i++) {
        const argon2ft_kernel_entry *e = &argon2ft_kernel_table[i];
        int id = argon2ft_kernel_from_name(e->name);
        check(e->id > ARGON2FT_KERNEL_AUTO && e->id < ARGON2FT_KERNEL_COUNT,
              "table id in range", e->name);
        if (e->id > ARGON2FT_KERNEL_AUTO && e->id < ARGON2FT_KERNEL_COUNT) {
            seen[e->id]++;
        }
        check(id == e->id, "from_name", e->name);
        check(argon2ft_kernel_name(e->id) != NULL &&
                  strcmp(argon2ft_kernel_name(e->id), e->name) == 0,
              "name round trip", e->name);
    }
    for (k = ARGON2FT_KERNEL_PORTABLE; k < ARGON2FT_KERNEL_COUNT; k++) {
        once &= seen[k] == 1;
    }
    check(once, "every kernel id is in the table once", NULL);
    check(argon2ft_kernel_table[ARGON2FT_KERNEL_TABLE_LEN - 1].id ==
              ARGON2FT_KERNEL_PORTABLE,
          "portable is the last resort", NULL);
    check(argon2ft_kernel_from_name("auto") == -1, "from_name(auto)", NULL);
    check(argon2ft_kernel_from_name("AVX2") == -1, "from_name is exact", NULL);
    check(argon2ft_kernel_from_name("") == -1, "from_name(empty)", NULL);
    check(argon2ft_kernel_from_name(NULL) == -1, "from_name(NULL)", NULL);
    check(argon2ft_kernel_name(-1) == NULL, "name(-1)", NULL);
    check(argon2ft_kernel_name(ARGON2FT_KERNEL_COUNT) == NULL, "name(count)",
          NULL);
    check(argon2ft_kernel_supported(-1) == 0, "supported(-1)", NULL);
    check(argon2ft_kernel_supported(ARGON2FT_KERNEL_COUNT) == 0,
          "supported(count)", NULL);
    check(argon2ft_kernel_fill(99) == NULL, "fill(99)", NULL);
}

/* The first supported kernel in the table's order, fastest first. */
static int best_supported(void)
{
    size_t i;
    for (i = 0; i < ARGON2FT_KERNEL_TABLE_LEN; i++) {
        if (argon2ft_kernel_supported(argon2ft_kernel_table[i].id)) {
            return argon2ft_kernel_table[i].id;
        }
    }
    return -1;
}

static void test_auto(void)
{
    int autok = argon2ft_kernel_auto();
    const char *env = getenv("ARGON2_FT_KERNEL");
    int forced = env ? argon2ft_kernel_from_name(env) : -1;
    int expect;

    if (forced > 0 && argon2ft_kernel_supported(forced)) {
        expect = forced;
    } else {
        expect = best_supported();
    }
    check(autok == expect, "auto kernel", env ? env : "(no env)");
    check(argon2ft_kernel_supported(autok), "auto kernel supported", NULL);
    check(argon2ft_kernel_supported(ARGON2FT_KERNEL_AUTO), "AUTO supported",
          NULL);
    check(argon2ft_kernel_fill(ARGON2FT_KERNEL_AUTO) ==
              argon2ft_kernel_fill(autok),
          "fill(AUTO) is fill(auto kernel)", NULL);
    check(argon2ft_kernel_name(ARGON2FT_KERNEL_AUTO) ==
              argon2ft_kernel_name(autok),
          "name(AUTO) is name(auto kernel)", NULL);
    check(argon2ft_kernel_supported(ARGON2FT_KERNEL_PORTABLE), "portable",
          NULL);
#if defined(__x86_64__) || defined(_M_X64)
    check(argon2ft_kernel_supported(ARGON2FT_KERNEL_SSE2),
          "sse2 is baseline on x86-64", NULL);
#endif
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
    check(!argon2ft_kernel_supported(ARGON2FT_KERNEL_NEON), "no neon on x86",
          NULL);
#endif
#if defined(__aarch64__) || defined(_M_ARM64)
    check(argon2ft_kernel_supported(ARGON2FT_KERNEL_NEON),
          "neon is baseline on arm64", NULL);
    check(!argon2ft_kernel_supported(ARGON2FT_KERNEL_SSE2), "no sse2 on arm",
          NULL);
#endif
    printf("auto kernel: %s (ARGON2_FT_KERNEL=%s)\n",
           argon2ft_kernel_name(autok), env ? env : "unset");
}

#define RACERS 4

static void *race_auto(void *arg)
{
    int *result = arg;
    *result = argon2ft_kernel_auto();
    return NULL;
}

/* The first calls race each other; all must see one decision. */
static void test_concurrent_first_use(void)
{
    tl_thread threads[RACERS];
    int results[RACERS];
    int i, started = 0, same = 1;
    for (i = 0; i < RACERS; i++) {
        results[i] = -1;
        if (tl_thread_start(&threads[i], race_auto, &results[i]) == 0) {
            started++;
        } else {
            break;
        }
    }
    for (i = 0; i < started; i++) {
        tl_thread_join(threads[i]);
    }
    for (i = 0; i < started; i++) {
        same &= results[i] == argon2ft_kernel_auto();
    }
    check(started == RACERS && same, "concurrent first use agrees", NULL);
}

int main(void)
{
    int k;
    test_concurrent_first_use(); /* must run before anything else */
    test_portable_zero();
    test_portable_hook();
    test_names();
    test_auto();
    for (k = ARGON2FT_KERNEL_PORTABLE + 1; k < ARGON2FT_KERNEL_COUNT; k++) {
        argon2_fill_fn fill = argon2ft_kernel_fill(k);
        check((fill != NULL) == (argon2ft_kernel_supported(k) != 0),
              "fill exists iff supported", argon2ft_kernel_name(k));
        if (fill == NULL) {
            printf("kernel %-8s not supported here, skipped\n",
                   argon2ft_kernel_name(k));
            continue;
        }
        test_kernel_matches_portable(k, fill);
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
