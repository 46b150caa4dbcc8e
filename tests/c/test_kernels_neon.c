/*
 * Checks the NEON fill kernel word for word against the portable one: random
 * and edge-value blocks, with and without xor, next separate from or equal to
 * ref, blocks on 16-byte and on 8-byte (not 16-byte) boundaries.
 *
 * The kernel exists only on AArch64 (run it there, or through
 * run_cross_neon.sh under emulation); elsewhere the program says SKIP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

#ifdef ARGON2FT_HAVE_NEON_KERNEL

#define RANDOM_TRIALS 2000

/* splitmix64: a small deterministic generator, state owned by the caller. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = (*state += UINT64_C(0x9E3779B97F4A7C15));
    x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
    return x ^ (x >> 31);
}

/* Words that stress carries in the 32x32 multiply and the additions. */
static uint64_t edge_word(uint64_t *state)
{
    static const uint64_t edges[] = {
        0,
        UINT64_C(0xFFFFFFFFFFFFFFFF),
        UINT64_C(0x00000000FFFFFFFF),
        UINT64_C(0xFFFFFFFF00000000),
        UINT64_C(0x8000000000000000),
        UINT64_C(0x0000000080000000),
        UINT64_C(0x8000000080000000),
        1,
    };
    uint64_t pick = next_random(state);
    if ((pick & 3) == 0) {
        return next_random(state);
    }
    return edges[(pick >> 2) % (sizeof(edges) / sizeof(edges[0]))];
}

static void fill_block(argon2_block *b, uint64_t *state, int edges)
{
    unsigned i;
    for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
        b->v[i] = edges ? edge_word(state) : next_random(state);
    }
}

/* Room for three blocks plus two spare words, so they can start 8 bytes off
 * a 16-byte boundary. */
#define ARENA_SIZE (3 * sizeof(argon2_block) + 2 * sizeof(uint64_t))

/*
 * One case: prev, ref and (old) next filled from the generator; runs both
 * kernels on separate copies and compares. alias: next is ref.
 */
static int check_case(uint64_t *state, unsigned char *expect_mem,
                      unsigned char *got_mem, int with_xor, int alias,
                      int edges, size_t offset_words)
{
    static const char *const what[2] = {"separate", "next==ref"};
    argon2_block *e, *g;
    argon2_block prev, ref, next;
    unsigned i;

    fill_block(&prev, state, edges);
    fill_block(&ref, state, edges);
    fill_block(&next, state, edges);

    /* Blocks 8 bytes past malloc's (16-byte) alignment when offset_words
     * is 1: aligned for uint64_t but not for 16-byte vectors. */
    e = (argon2_block *)(void *)(expect_mem + offset_words * 8);
    g = (argon2_block *)(void *)(got_mem + offset_words * 8);
    /* e[0] = prev, e[1] = ref, e[2] = next. */
    memcpy(&e[0], &prev, sizeof(prev));
    memcpy(&e[1], &ref, sizeof(ref));
    memcpy(&e[2], &next, sizeof(next));
    memcpy(&g[0], &prev, sizeof(prev));
    memcpy(&g[1], &ref, sizeof(ref));
    memcpy(&g[2], &next, sizeof(next));

    argon2ft_fill_portable(alias ? &e[1] : &e[2], &e[0], &e[1], with_xor, NULL);
    argon2ft_fill_neon(alias ? &g[1] : &g[2], &g[0], &g[1], with_xor, NULL);

    for (i = 0; i < 3; i++) {
        if (memcmp(&e[i], &g[i], sizeof(argon2_block)) != 0) {
            unsigned w = 0;
            while (e[i].v[w] == g[i].v[w]) {
                w++;
            }
            fprintf(stderr,
                    "mismatch: with_xor=%d %s edges=%d offset=%u block %u "
                    "word %u: portable %016llx neon %016llx\n",
                    with_xor, what[alias], edges, (unsigned)offset_words, i,
                    w, (unsigned long long)e[i].v[w],
                    (unsigned long long)g[i].v[w]);
            return 0;
        }
    }
    /* The portable kernel must have changed its output block, or the
     * comparison above proves nothing. */
    if (memcmp(alias ? &e[1] : &e[2], alias ? &ref : &next,
               sizeof(argon2_block)) == 0) {
        fprintf(stderr, "portable kernel left its output unchanged\n");
        return 0;
    }
    return 1;
}

/* G applied to itself repeatedly, as a pass over memory would. */
static int check_chain(uint64_t *state)
{
    argon2_block a[3], b[3];
    unsigned step;
    fill_block(&a[0], state, 0);
    fill_block(&a[1], state, 0);
    memcpy(b, a, sizeof(a));
    for (step = 0; step < 500; step++) {
        unsigned dst = step % 3, p = (step + 1) % 3, r = (step + 2) % 3;
        int x = (int)(step & 1);
        argon2ft_fill_portable(&a[dst], &a[p], &a[r], x, NULL);
        argon2ft_fill_neon(&b[dst], &b[p], &b[r], x, NULL);
        if (memcmp(a, b, sizeof(a)) != 0) {
            fprintf(stderr, "chain mismatch at step %u\n", step);
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    uint64_t state = UINT64_C(0x0123456789ABCDEF);
    unsigned long passed = 0, failed = 0;
    unsigned t;
    int with_xor, alias, offset;
    unsigned char *expect_mem = malloc(ARENA_SIZE);
    unsigned char *got_mem = malloc(ARENA_SIZE);

    if (expect_mem == NULL || got_mem == NULL) {
        fprintf(stderr, "out of memory\n");
        free(expect_mem);
        free(got_mem);
        return 1;
    }
    for (t = 0; t < RANDOM_TRIALS; t++) {
        int edges = (t % 4) == 3;
        for (with_xor = 0; with_xor <= 1; with_xor++) {
            for (alias = 0; alias <= 1; alias++) {
                for (offset = 0; offset <= 1; offset++) {
                    if (check_case(&state, expect_mem, got_mem, with_xor,
                                   alias, edges, (size_t)offset)) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
            }
        }
    }
    if (check_chain(&state)) {
        passed++;
    } else {
        failed++;
    }

    free(expect_mem);
    free(got_mem);
    printf("%lu passed, %lu failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}

#else /* !ARGON2FT_HAVE_NEON_KERNEL */

int main(void)
{
    printf("SKIP: the NEON kernel is built only for AArch64\n");
    return 0;
}

#endif
