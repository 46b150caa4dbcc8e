/*
 * BLAKE2b as specified in RFC 7693 (unkeyed, sequential mode), plus the
 * variable-length hash H' built on it by RFC 9106, section 3.3.
 */
#include <string.h>

#include "blake2b.h"
#include "le64.h"
#include "sizes.h"
#include "wipe.h"

static const uint64_t blake2b_iv[8] = {
    UINT64_C(0x6a09e667f3bcc908), UINT64_C(0xbb67ae8584caa73b),
    UINT64_C(0x3c6ef372fe94f82b), UINT64_C(0xa54ff53a5f1d36f1),
    UINT64_C(0x510e527fade682d1), UINT64_C(0x9b05688c2b3e6c1f),
    UINT64_C(0x1f83d9abfb41bd6b), UINT64_C(0x5be0cd19137e2179),
};

static const uint8_t sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

#define MIX(a, b, c, d, x, y)           \
    do {                                \
        v[a] = v[a] + v[b] + (x);       \
        v[d] = rotr64(v[d] ^ v[a], 32); \
        v[c] = v[c] + v[d];             \
        v[b] = rotr64(v[b] ^ v[c], 24); \
        v[a] = v[a] + v[b] + (y);       \
        v[d] = rotr64(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d];             \
        v[b] = rotr64(v[b] ^ v[c], 63); \
    } while (0)

/* The compression function F; last != 0 for the final block. */
static void compress(argon2ft_blake2b_state *s, const uint8_t block[128], int last)
{
    uint64_t m[16];
    uint64_t v[16];
    unsigned i, r;

    for (i = 0; i < 16; i++) {
        m[i] = load_le64(block + 8 * i);
    }
    for (i = 0; i < 8; i++) {
        v[i] = s->h[i];
        v[i + 8] = blake2b_iv[i];
    }
    v[12] ^= s->t[0];
    v[13] ^= s->t[1];
    if (last) {
        v[14] = ~v[14];
    }
    /* Unrolled, the message schedule becomes constant register picks. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC unroll 12
#endif
    for (r = 0; r < 12; r++) {
        const uint8_t *p = sigma[r];
        MIX(0, 4, 8, 12, m[p[0]], m[p[1]]);
        MIX(1, 5, 9, 13, m[p[2]], m[p[3]]);
        MIX(2, 6, 10, 14, m[p[4]], m[p[5]]);
        MIX(3, 7, 11, 15, m[p[6]], m[p[7]]);
        MIX(0, 5, 10, 15, m[p[8]], m[p[9]]);
        MIX(1, 6, 11, 12, m[p[10]], m[p[11]]);
        MIX(2, 7, 8, 13, m[p[12]], m[p[13]]);
        MIX(3, 4, 9, 14, m[p[14]], m[p[15]]);
    }
    for (i = 0; i < 8; i++) {
        s->h[i] ^= v[i] ^ v[i + 8];
    }
    argon2ft_wipe(m, sizeof(m));
    argon2ft_wipe(v, sizeof(v));
}

#undef MIX

static void add_counter(argon2ft_blake2b_state *s, uint64_t n)
{
    s->t[0] += n;
    if (s->t[0] < n) {
        s->t[1]++;
    }
}

int argon2ft_blake2b_init(argon2ft_blake2b_state *s, size_t outlen)
{
    unsigned i;
    if (outlen == 0 || outlen > ARGON2FT_BLAKE2B_OUTBYTES) {
        return -1;
    }
    for (i = 0; i < 8; i++) {
        s->h[i] = blake2b_iv[i];
    }
    /* Parameter block: digest length, no key, fanout 1, depth 1. */
    s->h[0] ^= UINT64_C(0x01010000) ^ (uint64_t)outlen;
    s->t[0] = 0;
    s->t[1] = 0;
    s->buflen = 0;
    s->outlen = outlen;
    memset(s->buf, 0, sizeof(s->buf));
    return 0;
}

void argon2ft_blake2b_update(argon2ft_blake2b_state *s, const void *in, size_t inlen)
{
    const uint8_t *p = (const uint8_t *)in;
    if (inlen == 0) {
        return;
    }
    /*
     * The last block must go through final (with the last-block flag), so a
     * full buffer is only compressed once more input is known to follow.
     */
    if (s->buflen + inlen > ARGON2FT_BLAKE2B_BLOCKBYTES) {
        size_t fill = ARGON2FT_BLAKE2B_BLOCKBYTES - s->buflen;
        memcpy(s->buf + s->buflen, p, fill);
        add_counter(s, ARGON2FT_BLAKE2B_BLOCKBYTES);
        compress(s, s->buf, 0);
        s->buflen = 0;
        p += fill;
        inlen -= fill;
        while (inlen > ARGON2FT_BLAKE2B_BLOCKBYTES) {
            add_counter(s, ARGON2FT_BLAKE2B_BLOCKBYTES);
            compress(s, p, 0);
            p += ARGON2FT_BLAKE2B_BLOCKBYTES;
            inlen -= ARGON2FT_BLAKE2B_BLOCKBYTES;
        }
    }
    memcpy(s->buf + s->buflen, p, inlen);
    s->buflen += inlen;
}

void argon2ft_blake2b_final(argon2ft_blake2b_state *s, uint8_t *out)
{
    uint8_t digest[ARGON2FT_BLAKE2B_OUTBYTES];
    unsigned i;

    add_counter(s, s->buflen);
    memset(s->buf + s->buflen, 0, ARGON2FT_BLAKE2B_BLOCKBYTES - s->buflen);
    compress(s, s->buf, 1);
    for (i = 0; i < 8; i++) {
        store_le64(digest + 8 * i, s->h[i]);
    }
    memcpy(out, digest, s->outlen);
    argon2ft_wipe(digest, sizeof(digest));
    argon2ft_wipe(s, sizeof(*s));
}

/* One-shot BLAKE2b; returns 0, or -1 for a bad length. */
static int blake2b_oneshot(uint8_t *out, size_t outlen, const void *in,
                           size_t inlen)
{
    argon2ft_blake2b_state s;
    if (argon2ft_blake2b_init(&s, outlen) != 0) {
        return -1;
    }
    argon2ft_blake2b_update(&s, in, inlen);
    argon2ft_blake2b_final(&s, out);
    return 0;
}

int argon2ft_hprime(uint8_t *out, size_t outlen, const void *in, size_t inlen)
{
    uint8_t lenbytes[4];
    argon2ft_blake2b_state s;

    if (outlen == 0) {
        return -1;
    }
    if (!ARGON2FT_FITS_U32(outlen)) { /* the length prefix is 32 bits */
        return -1;
    }
    lenbytes[0] = (uint8_t)outlen;
    lenbytes[1] = (uint8_t)(outlen >> 8);
    lenbytes[2] = (uint8_t)(outlen >> 16);
    lenbytes[3] = (uint8_t)(outlen >> 24);

    if (outlen <= ARGON2FT_BLAKE2B_OUTBYTES) {
        argon2ft_blake2b_init(&s, outlen);
        argon2ft_blake2b_update(&s, lenbytes, sizeof(lenbytes));
        argon2ft_blake2b_update(&s, in, inlen);
        argon2ft_blake2b_final(&s, out);
    } else {
        /*
         * V1 = H^64(LE32(outlen) || in), V(i+1) = H^64(Vi); the first 32
         * bytes of each Vi are output, and the final chunk of
         * outlen - 32 * r bytes is a digest of that size.
         */
        uint8_t v[ARGON2FT_BLAKE2B_OUTBYTES];
        size_t remaining = outlen;

        argon2ft_blake2b_init(&s, ARGON2FT_BLAKE2B_OUTBYTES);
        argon2ft_blake2b_update(&s, lenbytes, sizeof(lenbytes));
        argon2ft_blake2b_update(&s, in, inlen);
        argon2ft_blake2b_final(&s, v);
        memcpy(out, v, 32);
        out += 32;
        remaining -= 32;
        while (remaining > ARGON2FT_BLAKE2B_OUTBYTES) {
            blake2b_oneshot(v, ARGON2FT_BLAKE2B_OUTBYTES, v, sizeof(v));
            memcpy(out, v, 32);
            out += 32;
            remaining -= 32;
        }
        blake2b_oneshot(out, remaining, v, sizeof(v));
        argon2ft_wipe(v, sizeof(v));
    }
    return 0;
}
