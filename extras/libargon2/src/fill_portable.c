/*
 * The compression function G in plain C99 (RFC 9106, section 3.5-3.6).
 * The reference every SIMD kernel is checked against.
 */
#include <string.h>

#include "kernel.h"

static uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

/* BlaMka: a + b + 2 * lo32(a) * lo32(b), all mod 2^64. */
static uint64_t blamka(uint64_t a, uint64_t b)
{
    uint64_t lo = (a & UINT64_C(0xFFFFFFFF)) * (b & UINT64_C(0xFFFFFFFF));
    return a + b + 2 * lo;
}

static void gb(uint64_t *a, uint64_t *b, uint64_t *c, uint64_t *d)
{
    *a = blamka(*a, *b);
    *d = rotr64(*d ^ *a, 32);
    *c = blamka(*c, *d);
    *b = rotr64(*b ^ *c, 24);
    *a = blamka(*a, *b);
    *d = rotr64(*d ^ *a, 16);
    *c = blamka(*c, *d);
    *b = rotr64(*b ^ *c, 63);
}

/* The permutation P on sixteen words given by their indices in w. */
static void permute(uint64_t *w, const unsigned idx[16])
{
    uint64_t v[16];
    unsigned i;
    for (i = 0; i < 16; i++) {
        v[i] = w[idx[i]];
    }
    gb(&v[0], &v[4], &v[8], &v[12]);
    gb(&v[1], &v[5], &v[9], &v[13]);
    gb(&v[2], &v[6], &v[10], &v[14]);
    gb(&v[3], &v[7], &v[11], &v[15]);
    gb(&v[0], &v[5], &v[10], &v[15]);
    gb(&v[1], &v[6], &v[11], &v[12]);
    gb(&v[2], &v[7], &v[8], &v[13]);
    gb(&v[3], &v[4], &v[9], &v[14]);
    for (i = 0; i < 16; i++) {
        w[idx[i]] = v[i];
    }
}

void argon2ft_fill_portable(argon2_block *next, const argon2_block *prev,
                            const argon2_block *ref, int with_xor,
                            argon2_word0_hook *hook)
{
    uint64_t r[ARGON2_QWORDS_IN_BLOCK];
    uint64_t z[ARGON2_QWORDS_IN_BLOCK];
    unsigned idx[16];
    unsigned i, j;

    for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
        r[i] = prev->v[i] ^ ref->v[i];
    }
    memcpy(z, r, sizeof(z));

    /* Rows: eight consecutive 16-byte registers, words 16i .. 16i+15. */
    for (i = 0; i < 8; i++) {
        for (j = 0; j < 16; j++) {
            idx[j] = 16 * i + j;
        }
        permute(z, idx);
    }
    /* Columns: register i of each row, words 2i, 2i+1, 2i+16, 2i+17, ... */
    for (i = 0; i < 8; i++) {
        for (j = 0; j < 8; j++) {
            idx[2 * j] = 2 * i + 16 * j;
            idx[2 * j + 1] = 2 * i + 16 * j + 1;
        }
        permute(z, idx);
        /* Word 0 is final after the first column; the other seven overlap
           whatever the hook starts. */
        if (i == 0 && hook != NULL) {
            hook->seen(hook, (with_xor ? next->v[0] : 0) ^ z[0] ^ r[0]);
        }
    }

    if (with_xor) {
        for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
            next->v[i] ^= z[i] ^ r[i];
        }
    } else {
        for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
            next->v[i] = z[i] ^ r[i];
        }
    }
}
